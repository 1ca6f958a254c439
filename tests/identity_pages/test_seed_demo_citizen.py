"""The demo has a citizen who can sign in, and a member an official can e-KYC."""

import io

import pytest
from django.core.management import call_command

from identity.models import MemberEkyc, MobileLink
from identity.uidai.residents import sandbox_aadhaar

pytestmark = pytest.mark.django_db


def test_seed_demo_prints_a_citizen_sign_in_and_a_member_to_e_kyc():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)

    ekyc = MemberEkyc.objects.select_related("member__family").get()
    link = MobileLink.objects.get()
    assert link.member == ekyc.member
    family = ekyc.member.family
    spouse = family.members.get(name_en="Seeta Devi")
    printed = out.getvalue()
    assert f"Family ID {family.family_id}, Member ID {ekyc.member.member_id}" in printed
    assert f"Member ID {spouse.member_id}" in printed and sandbox_aadhaar(2) in printed
    assert not MemberEkyc.objects.filter(member=spouse).exists()
