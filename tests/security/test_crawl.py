"""The scan's crawler (security/crawl.py): what it reads off a page and which targets it keeps."""

import requests

from security.crawl import (
    THROWAWAY_USER_ID,
    PageParser,
    Persona,
    Target,
    crawl,
    is_id,
    pattern,
    plan,
)

PAGE = """
<a href="/families/">Families</a> <a href="/families/12345678/">One</a>
<form action="/search/" method="get"><input name="q" value=""><select name="district">
  <option value="">all</option><option value="7">Bhopal</option></select></form>
<form action="/new/" method="post">
  <input type="hidden" name="csrfmiddlewaretoken" value="tok">
  <input name="mobile"> <input type="password" name="new_password1">
  <input type="checkbox" name="agree"> <input type="checkbox" name="kept" value="yes" checked>
  <input type="file" name="photo"> <textarea name="reason"> </textarea>
  <select name="relation"><option value="SON">Son</option><option value="WIFE" selected>Wife</option></select>
  <button type="submit" name="action" value="save">Save</button>
  <button type="submit" name="action" value="submit">Submit</button>
</form>
"""


def test_the_parser_fills_forms_as_a_person_would() -> None:
    parser = PageParser()
    parser.feed(PAGE)
    assert parser.links == ["/families/", "/families/12345678/"]
    search, new = parser.forms
    assert (search.action, search.method) == ("/search/", "get")
    assert search.fields == [("q", "scan"), ("district", "7")]  # the first real option
    assert new.method == "post"
    fields = dict(new.fields)
    assert fields["csrfmiddlewaretoken"] == "tok"
    assert fields["mobile"] == "9826012345"
    assert fields["new_password1"].startswith("Scan-")
    assert "agree" not in fields and fields["kept"] == "yes"  # unchecked boxes are not sent
    assert "photo" not in fields  # no file is attached
    assert fields["reason"] == "scan" and fields["relation"] == "WIFE"
    assert [v for k, v in new.fields if k == "action"] == ["save"]  # only the first button


def test_ids_in_paths_make_one_page_of_a_kind() -> None:
    assert is_id("12345678") and is_id("MIG-2026-00012") and not is_id("i18n")
    assert pattern("/families/12345678/") == pattern("/families/87654321/") == "/families/{}/"
    assert pattern("/i18n/setlang/") == "/i18n/setlang/"


def _target(persona: str, kind: str, path: str, *names: str) -> Target:
    return Target(persona, kind, path, frozenset(names), f"https://x{path}")


def test_each_target_is_attacked_once_and_narrower_queries_are_left_out() -> None:
    anonymous = Persona("anonymous", None, requests.Session())
    field = Persona("field", "demo.ward", requests.Session())
    anonymous.targets = [_target("anonymous", "form", "/login/", "user_id", "password")]
    field.targets = [
        _target("field", "form", "/login/", "user_id", "password"),  # the same, reached again
        _target("field", "query", "/search/", "q"),
        _target("field", "query", "/search/", "q", "district"),
        _target("field", "path", "/families/{}/"),
    ]
    chosen = [(t.label, p.label) for t, p in plan([anonymous, field])]
    assert chosen == [
        ("POST /login/ [password,user_id]", "anonymous"),
        ("GET /search/?district,q", "field"),
        ("GET /families/{}/ (id in the path)", "field"),
    ]


def test_an_anonymous_visitor_reaches_the_public_pages_and_their_forms(live_server) -> None:  # type: ignore[no-untyped-def]
    persona = Persona("anonymous", None, requests.Session())
    crawl(live_server.url, persona, max_pages=30)
    paths = {p.removeprefix(live_server.url) for p in persona.pages}
    assert "/" in paths and "/login/" in paths
    labels = {t.label for t in persona.targets}
    assert any(label.startswith("POST /login/") for label in labels)
    assert not any("/logout/" in label or "/static/" in label for label in labels)
    sign_in = next(t for t in persona.targets if t.label.startswith("POST /login/"))
    assert f"user_id={THROWAWAY_USER_ID}" in (sign_in.data or "")
