import pytest
from django.core.management import call_command

from geography.models import Area, District, LocalBody, Village
from officials.models import Official, Role
from registry.models import Family, Member


@pytest.mark.django_db
def test_it_loads_districts_with_rural_and_urban_bodies() -> None:
    # when
    call_command("seed_demo")

    # then: at least two districts each have a Janpad with GPs and villages and an urban body
    # with wards
    complete = 0
    for district in District.objects.all():
        janpads = LocalBody.objects.filter(district=district, kind=LocalBody.Kind.JANPAD_PANCHAYAT)
        gps_with_villages = Area.objects.filter(
            local_body__in=janpads, kind=Area.Kind.GRAM_PANCHAYAT, villages__isnull=False
        )
        wards = Area.objects.filter(local_body__district=district, kind=Area.Kind.WARD).exclude(
            local_body__kind=LocalBody.Kind.JANPAD_PANCHAYAT
        )
        if gps_with_villages.exists() and wards.exists():
            complete += 1
    assert complete >= 2
    assert not Village.objects.exclude(area__kind=Area.Kind.GRAM_PANCHAYAT).exists()


@pytest.mark.django_db
def test_it_creates_officials_of_every_role_and_families() -> None:
    # when
    call_command("seed_demo")

    # then
    assert set(Official.objects.values_list("role", flat=True)) == set(Role.values)
    assert Family.objects.count() > 0
    assert not Family.objects.filter(members__isnull=True).exists()
    for official in Official.objects.filter(role=Role.FIELD_OFFICIAL):
        assert official.areas.exists(), official.user_id
        assert not official.areas.exclude(local_body=official.local_body).exists()


@pytest.mark.django_db
def test_it_does_nothing_the_second_time() -> None:
    # given
    call_command("seed_demo")
    counts = (
        Official.objects.count(),
        Family.objects.count(),
        Member.objects.count(),
        Area.objects.count(),
    )

    # when
    call_command("seed_demo")

    # then
    assert (
        Official.objects.count(),
        Family.objects.count(),
        Member.objects.count(),
        Area.objects.count(),
    ) == counts
