"""The columns the duplicate check reads (registry.search_columns, Member.local_body) are kept in
step by every writer, and filled for members registered before they existed."""

from importlib import import_module
from types import SimpleNamespace

from django.apps import apps
from django.db import connection

from registry.models import Member
from tests import factories as f

backfill = import_module("registry.migrations.0006_member_dupcheck_backfill")


def test_save_spells_the_names_in_latin_and_copies_the_local_body(world):
    member = f.MemberFactory(
        family=world.family_b1,
        name_en="Lakshmi Bai",
        name_hi="लछमी बाई",
        father_or_husband_name="श्याम लाल",
    )
    member.refresh_from_db()

    assert member.name_latin == "laksmi bai"
    assert member.name_hi_latin == "lacami bai"
    assert member.relative_latin == "syam lal"
    assert member.local_body_id == world.lb_a.pk


def test_the_devanagari_spelling_is_not_stored_twice(world):
    member = f.MemberFactory(family=world.family_b1, name_en="Ramesh", name_hi="रमेश")
    member.refresh_from_db()
    assert (member.name_latin, member.name_hi_latin) == ("rames", "")


def test_a_partial_save_keeps_the_names_in_step(world):
    member = f.MemberFactory(family=world.family_b1)
    member.name_en = "Suresh Kumar"
    member.save(update_fields=["name_en"])
    member.refresh_from_db()
    assert member.name_latin == "sures kumar"


def test_the_members_follow_their_family_to_another_local_body(world):
    family = world.family_a1
    family.area = world.x1
    family.save(update_fields=["area", "village"])
    assert set(family.members.values_list("local_body_id", flat=True)) == {world.lb_x.pk}


def test_the_migration_fills_the_members_registered_before(world):
    member = f.MemberFactory(family=world.family_x1, name_en="Pooja", name_hi="पूजा")
    Member.objects.update(name_latin="", name_hi_latin="", relative_latin="", local_body=None)

    backfill.fill(apps, SimpleNamespace(connection=connection))

    member.refresh_from_db()
    assert (member.name_latin, member.local_body_id) == ("puja", world.lb_x.pk)
    assert not Member.objects.filter(local_body=None).exists()
