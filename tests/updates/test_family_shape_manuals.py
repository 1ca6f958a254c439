"""The manuals tell field officials and local body officers about transfers and splits, in
both languages, in the page (not inside its <title>, where a section once was by mistake)."""

import re

import pytest
from django.test import Client


@pytest.mark.parametrize("role", ["field-official", "local-body-officer", "citizen"])
def test_the_title_holds_only_the_title(client: Client, role: str) -> None:
    body = client.get(f"/manual/{role}/").content.decode()
    title = re.search(r"<title>(.*?)</title>", body, flags=re.S)
    assert title is not None and "<h2>" not in title.group(1) and "&lt;h2" not in title.group(1)
    assert "migration" in body.lower() or "प्रवास" in body


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Families that change shape"), ("hi", "परिवार का स्वरूप बदलना")],
)
@pytest.mark.parametrize("role", ["field-official", "local-body-officer"])
def test_the_officials_manuals_explain_transfer_and_split(
    client: Client, role: str, language: str, heading: str
) -> None:
    client.cookies["django_language"] = language
    body = client.get(f"/manual/{role}/").content.decode()
    assert f"<h2>{heading}" in body


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["transfer, split and merge", "A merge", "retired"]),
        ("hi", ["स्थानांतरण, विभाजन और विलय", "सेवानिवृत्त"]),
    ],
)
@pytest.mark.parametrize("role", ["field-official", "local-body-officer"])
def test_the_officials_manuals_explain_the_merge(
    client: Client, role: str, language: str, words: list[str]
) -> None:
    client.cookies["django_language"] = language
    body = client.get(f"/manual/{role}/").content.decode()
    assert all(word in body for word in words), role
