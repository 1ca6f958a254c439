"""Factories for the test data. Geography codes are sequences, so every object is distinct."""

import factory
from factory.django import DjangoModelFactory

from geography.models import Area, District, Division, LocalBody, State, Village
from officials.models import Designation, Official, Role
from registry.ids import random_family_id, random_member_id
from registry.models import Family, Gender, Member, Relation

PASSWORD = "Correct-Horse-42"


class StateFactory(DjangoModelFactory):
    class Meta:
        model = State
        django_get_or_create = ("lgd_code",)

    lgd_code = "23"
    name_en = "Madhya Pradesh"
    name_hi = "मध्य प्रदेश"


class DivisionFactory(DjangoModelFactory):
    class Meta:
        model = Division

    lgd_code = factory.Sequence(lambda n: f"9{n:03d}")
    name_en = factory.Sequence(lambda n: f"Division {n}")
    name_hi = factory.Sequence(lambda n: f"संभाग {n}")
    state = factory.SubFactory(StateFactory)


class DistrictFactory(DjangoModelFactory):
    class Meta:
        model = District

    lgd_code = factory.Sequence(lambda n: f"8{n:03d}")
    name_en = factory.Sequence(lambda n: f"District {n}")
    name_hi = factory.Sequence(lambda n: f"ज़िला {n}")
    division = factory.SubFactory(DivisionFactory)


class LocalBodyFactory(DjangoModelFactory):
    class Meta:
        model = LocalBody

    lgd_code = factory.Sequence(lambda n: f"7{n:04d}")
    name_en = factory.Sequence(lambda n: f"Janpad {n}")
    name_hi = factory.Sequence(lambda n: f"जनपद {n}")
    kind = LocalBody.Kind.JANPAD_PANCHAYAT
    district = factory.SubFactory(DistrictFactory)


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = Area

    lgd_code = factory.Sequence(lambda n: f"6{n:05d}")
    name_en = factory.Sequence(lambda n: f"Gram Panchayat {n}")
    name_hi = factory.Sequence(lambda n: f"ग्राम पंचायत {n}")
    kind = factory.LazyAttribute(
        lambda a: Area.Kind.GRAM_PANCHAYAT if a.local_body.is_rural else Area.Kind.WARD
    )
    local_body = factory.SubFactory(LocalBodyFactory)


class VillageFactory(DjangoModelFactory):
    class Meta:
        model = Village

    lgd_code = factory.Sequence(lambda n: f"5{n:05d}")
    name_en = factory.Sequence(lambda n: f"Village {n}")
    name_hi = factory.Sequence(lambda n: f"गाँव {n}")
    area = factory.SubFactory(AreaFactory)


class OfficialFactory(DjangoModelFactory):
    class Meta:
        model = Official
        skip_postgeneration_save = True

    user_id = factory.Sequence(lambda n: f"user{n}")
    name = factory.Sequence(lambda n: f"Official {n}")
    mobile = factory.Sequence(lambda n: f"98{n:08d}")
    role = Role.FIELD_OFFICIAL
    designation = Designation.GP_SECRETARY
    must_change_password = False
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def areas(self, create: bool, extracted: list[Area] | None, **kwargs: object) -> None:
        if create and extracted:
            self.areas.set(extracted)
        if create:
            self.save()


def state_admin(**kwargs: object) -> Official:
    return OfficialFactory(role=Role.STATE_ADMIN, designation=Designation.MISSION_OFFICER, **kwargs)


def district_officer(district: District, **kwargs: object) -> Official:
    return OfficialFactory(
        role=Role.DISTRICT_OFFICER, designation=Designation.COLLECTOR, district=district, **kwargs
    )


def local_body_officer(local_body: LocalBody, **kwargs: object) -> Official:
    return OfficialFactory(
        role=Role.LOCAL_BODY_OFFICER,
        designation=Designation.CEO_JANPAD_PANCHAYAT,
        district=local_body.district,
        local_body=local_body,
        **kwargs,
    )


def field_official(*areas: Area, **kwargs: object) -> Official:
    lb = areas[0].local_body
    return OfficialFactory(
        role=Role.FIELD_OFFICIAL, district=lb.district, local_body=lb, areas=list(areas), **kwargs
    )


class FamilyFactory(DjangoModelFactory):
    class Meta:
        model = Family

    family_id = factory.LazyFunction(random_family_id)
    area = factory.SubFactory(AreaFactory)


class MemberFactory(DjangoModelFactory):
    class Meta:
        model = Member

    member_id = factory.LazyFunction(random_member_id)
    family = factory.SubFactory(FamilyFactory)
    name_hi = "रमेश कुमार"
    name_en = "Ramesh Kumar"
    gender = Gender.MALE
    relation = Relation.HEAD
