from django.utils import translation

from officials.models import Designation, Official
from registry.models import Gender, Member, Relation


def test_a_label_is_what_django_would_show_in_either_language() -> None:
    member = Member(relation=Relation.SPOUSE, gender=Gender.FEMALE)
    official = Official(designation=Designation.MISSION_OFFICER)
    shown = {}
    for language in ("en", "hi"):
        with translation.override(language):
            for obj, field in ((member, "relation"), (member, "gender"), (official, "designation")):
                django_own = obj._get_FIELD_display(obj._meta.get_field(field))
                assert getattr(obj, f"get_{field}_display")() == django_own
            shown[language] = member.get_relation_display()
    assert shown == {"en": "Wife/Husband", "hi": shown["hi"]}
    assert shown["hi"] != shown["en"]  # translated


def test_a_value_without_a_label_shows_itself_as_django_does() -> None:
    member = Member(relation="UNCLE", gender="X")
    assert member.get_relation_display() == "UNCLE"
    assert member.get_gender_display() == "X"
