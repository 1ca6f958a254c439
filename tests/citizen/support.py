"""A member who can sign in as a citizen: e-KYC complete, mobile linked."""

from identity.models import EkycMethod, MemberEkyc, MobileLink
from identity.vault import vault_store
from registry.models import Member
from tests.uidai.support import resident


def ekyc_with_linked_mobile(member: Member, mobile: str = "9876543210") -> Member:
    """Mark ``member`` e-KYC'd (a sandbox resident's Aadhaar in the vault) with ``mobile``
    linked, as the e-KYC and mobile-link services leave a member."""
    person = resident("Ramesh Kumar")
    token = vault_store(number=person.aadhaar, actor=None, purpose="test setup")
    MemberEkyc.objects.create(member=member, vault_entry_id=token, method=EkycMethod.OTP)
    MobileLink.objects.create(member=member, mobile=mobile)
    return member
