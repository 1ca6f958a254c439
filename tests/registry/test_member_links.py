import pytest
from django.template import engines
from django.urls import reverse

NAMES = [
    "updates:correction_new",
    "updates:death_new",
    "duplicates:report",
    "duplicates:member",
    "identity:ekyc_done",
    "identity:ekyc_start",
]


@pytest.mark.parametrize("member_id", ["123456789", "000000001", "12 3?x&y"])
def test_a_member_link_is_the_url_tags_own(member_id: str) -> None:
    """The family page's per-member links (registry.templatetags.member_links) are exactly
    what ``{% url %}`` gives, for Member IDs as issued and for any other text."""
    template = engines["django"].from_string(
        "{% load member_links %}{% for name in names %}{% for id in ids %}"
        "{% member_url name id %}|{% url name id %}\n{% endfor %}{% endfor %}"
    )
    ids = [member_id, "987654321", member_id]
    lines = template.render({"names": NAMES, "ids": ids}).splitlines()
    assert len(lines) == len(NAMES) * len(ids)
    for line in lines:
        ours, theirs = line.split("|")
        assert ours == theirs
    assert lines[0].startswith(reverse(NAMES[0], args=[member_id]).replace("&", "&amp;"))
