"""The scan's crawler: the pages a persona (a signed-in official or an anonymous visitor) reaches
by links and GET forms, one page of each kind, and the targets found on them (every query
parameter, every id in a path, every POST form with the values a person would submit).
security/scan.py signs the personas in, crawls with this and hands the targets to the scanners.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser

import requests

# Never requested by the crawler nor attacked: the session must survive.
NEVER = [r"^/logout/", r"^/static/"]
# Attacked only by the anonymous visitor (see the module docstring).
ANONYMOUS_ONLY = [r"^/login/", r"^/i18n/setlang/"]
# The sign-in and password-reset forms get a user ID that no official has.
THROWAWAY_USER_ID = "scan.nobody"
# Pages no link leads to: changing one's password (the portal sends officials there when they
# must). The scanners' values never match in its two fields, so the password stays.
SIGNED_IN_STARTS = ["/password/"]
# The planted injection's pages (security/canary.py): the anonymous visitor starts there too.
CANARY_PATHS = ["/scan-canary/districts/", "/scan-canary/district/"]
# A password reset starts with a POST; its second step is reachable only after it.
ANONYMOUS_STEPS = [("/password/forgot/", {"user_id": THROWAWAY_USER_ID})]


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)


class PageParser(HTMLParser):
    """Links and forms of a page, with the values a person would submit."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: tuple[str, list[tuple[str, bool]]] | None = None
        self._textarea: tuple[str, str] | None = None
        self._buttons: set[int] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = Form(action=a.get("action", ""), method=a.get("method", "get").lower())
            self.forms.append(self._form)
        elif tag == "option" and self._select is not None:
            self._select[1].append((a.get("value", ""), "selected" in a))
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            if kind in {"submit", "image", "reset", "file"}:
                return
            self._form.fields.append((a["name"], a.get("value") or sample(a["name"], kind)))
        elif tag == "button" and a.get("type", "submit") == "submit":
            if id(self._form) not in self._buttons:  # the first submit button is pressed
                self._buttons.add(id(self._form))
                self._form.fields.append((a["name"], a.get("value", "")))
        elif tag == "select":
            self._select = (a["name"], [])
        elif tag == "textarea":
            self._textarea = (a["name"], "")

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea = (self._textarea[0], self._textarea[1] + data)

    def handle_endtag(self, tag: str) -> None:
        if self._form is None:
            return
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None:
            name, options = self._select
            chosen = [v for v, sel in options if sel] or [v for v, _ in options if v] or [""]
            self._form.fields.append((name, chosen[0]))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self._form.fields.append((name, text.strip() or "scan"))
            self._textarea = None


def sample(name: str, kind: str) -> str:
    """A plausible value for an empty field; passwords differ per field so no change succeeds."""
    lowered = name.lower()
    if kind == "password":
        return f"Scan-{lowered[-1:]}-Pw-{len(lowered)}x7"
    if "user_id" in lowered:
        return THROWAWAY_USER_ID
    if "mobile" in lowered or kind == "tel":
        return "9826012345"
    if "pin" in lowered:
        return "462001"
    if kind == "email":
        return "scan@example.in"
    if kind == "date":
        return "2000-01-01"
    if kind == "number" or "code" in lowered:
        return "123456"
    return "scan"


def is_id(segment: str) -> bool:
    """A path segment that names an object (a number, a family ID), not a page ("i18n")."""
    return segment.isdigit() or len(re.findall(r"\d", segment)) >= 3


def pattern(path: str) -> str:
    """/families/12345678/ and /families/87654321/ are one page for the scanners."""
    return "/".join("{}" if is_id(seg) else seg for seg in path.split("/"))


@dataclass
class Target:
    persona: str
    kind: str  # "query", "path" or "form"
    path: str  # the path pattern: /families/{}/
    names: frozenset[str]  # the parameters
    url: str
    data: str | None = None  # a POST body

    @property
    def label(self) -> str:
        names = ",".join(sorted(self.names))
        return {
            "query": f"GET {self.path}?{names}",
            "path": f"GET {self.path} (id in the path)",
        }.get(self.kind, f"POST {self.path} [{names}]")


@dataclass
class Persona:
    label: str
    user_id: str | None
    session: requests.Session
    cookies: str = ""
    pages: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    # Paths of a pattern whose first one was crawled (another family, another official):
    # wapiti leaves them out, as the crawler did.
    duplicates: set[str] = field(default_factory=set)


def matches(path: str, patterns: list[str]) -> bool:
    return any(re.search(p, path) for p in patterns)


def crawl(base: str, persona: Persona, max_pages: int = 80, starts: tuple[str, ...] = ()) -> None:
    """Every page the persona can reach by links and GET forms (one per pattern) from its home
    page and ``starts``, and targets."""
    excluded = NEVER + ([] if persona.user_id is None else ANONYMOUS_ONLY)
    if persona.user_id is None:
        for path, values in ANONYMOUS_STEPS:
            page = persona.session.get(f"{base}{path}", timeout=30)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
            data = {"csrfmiddlewaretoken": token.group(1) if token else "", **values}
            persona.session.post(f"{base}{path}", data=data, timeout=30)
    queue = ["/", *starts, *([] if persona.user_id is None else SIGNED_IN_STARTS)]
    seen_pages: set[str] = set()
    first_path: dict[str, str] = {}

    def add(target: Target) -> None:
        if target.label not in {t.label for t in persona.targets}:
            persona.targets.append(target)

    while queue and len(persona.pages) < max_pages:
        url = urllib.parse.urljoin(f"{base}/", queue.pop(0))
        parts = urllib.parse.urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != base or matches(parts.path, excluded):
            continue
        keys = sorted({k for k, _ in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)})
        page_key = f"{pattern(parts.path)}?{','.join(keys)}"
        if first_path.setdefault(pattern(parts.path), parts.path) != parts.path:
            persona.duplicates.add(parts.path)
        if page_key in seen_pages:
            continue
        seen_pages.add(page_key)
        response = persona.session.get(url, timeout=60)
        final = urllib.parse.urlsplit(response.url)
        if persona.user_id is not None and final.path.startswith("/login/"):
            raise SystemExit(f"The {persona.label} session ended while crawling {url}.")
        if response.status_code != 200:
            continue
        persona.pages.append(url)
        path = pattern(parts.path)
        if keys:
            add(Target(persona.label, "query", path, frozenset(keys), url))
        if path != parts.path and not parts.path.endswith(".pdf"):
            # The id in the path (e.g. a family ID) reaches a query: mark it for sqlmap. A PDF
            # is left out: its bytes differ on every request, and the same lookup serves the page.
            marked = "/".join(f"{seg}*" if is_id(seg) else seg for seg in parts.path.split("/"))
            add(Target(persona.label, "path", path, frozenset(), f"{base}{marked}"))
        if "html" not in response.headers.get("Content-Type", ""):
            continue
        parser = PageParser()
        parser.feed(response.text)
        queue.extend(parser.links)
        for form in parser.forms:
            action = urllib.parse.urljoin(response.url, form.action or response.url)
            action_path = urllib.parse.urlsplit(action).path
            if matches(action_path, excluded):
                continue
            if form.method == "get":
                split = urllib.parse.urlsplit(action)
                query = urllib.parse.urlencode(form.fields)
                queue.append(split._replace(query=query).geturl())
            else:
                names = frozenset(name for name, _ in form.fields)
                body = urllib.parse.urlencode(form.fields)
                add(Target(persona.label, "form", pattern(action_path), names, action, body))


def plan(personas: list[Persona]) -> list[tuple[Target, Persona]]:
    """Each target once: a page every persona reaches (a public one) is attacked by the first,
    and a query whose parameters a longer query of the same page holds is left to that one."""
    chosen: list[tuple[Target, Persona]] = []
    for persona in personas:
        for target in persona.targets:
            if target.label not in {t.label for t, _ in chosen}:
                chosen.append((target, persona))

    def covered(t: Target) -> bool:
        return t.kind == "query" and any(
            o.kind == "query" and o.path == t.path and t.names < o.names for o, _ in chosen
        )

    return [(t, p) for t, p in chosen if not covered(t)]
