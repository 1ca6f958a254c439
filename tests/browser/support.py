"""What every journey checks on every page: accessibility (axe, WCAG 2.1 A/AA), that the
Content-Security-Policy blocked nothing, and that no request failed."""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import ConsoleMessage, Page, Response

from tests.factories import PASSWORD

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
NEW_PASSWORD = "Narmada-Ghat-2031"
_axe = Axe()


def _report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:160]}")
            lines.append(f"       {node.get('failureSummary', '').replace(chr(10), ' ')}")
    return "\n".join(lines)


class Visit:
    """Follows one person's pages; `check()` after each page is reached."""

    def __init__(self, page: Page, *, axe: bool) -> None:
        self.page = page
        self.axe = axe
        self.checked: list[str] = []
        self.problems: list[str] = []
        page.on("console", self._on_console)
        page.on("response", self._on_response)

    def _on_console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            self.problems.append(f"CSP: {message.text}")

    def _on_response(self, response: Response) -> None:
        if response.status >= 400:
            self.problems.append(f"{response.status} {response.url}")

    def check(self, heading: str | re.Pattern[str] | None = None) -> None:
        page = self.page
        page.wait_for_load_state()
        assert not self.problems, "\n".join(self.problems)
        assert page.locator("h1").count() == 1, page.url
        if heading is not None:
            text = page.locator("h1").inner_text()
            assert (
                re.search(heading, text) if isinstance(heading, re.Pattern) else (heading == text)
            ), f"{page.url}: h1 is {text!r}"
        ids = re.findall(r"""\sid=["']([^"']+)["']""", page.content())
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        assert not duplicates, f"{page.url}: duplicate ids {duplicates}"
        if self.axe:  # both need the page's JavaScript
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{page.url}: scrolls sideways by {overflow}px (WCAG 1.4.10)"
            results = _axe.run(page, options=AXE_OPTIONS)
            violations = [v for v in results.response["violations"] if v.get("impact")]
            assert not violations, f"Accessibility violations on {page.url}:\n{_report(violations)}"
        self.checked.append(page.url)


def switch_language(visit: Visit, language: str) -> None:
    """With the header's language buttons, as a person would."""
    visit.page.locator(f"header form.lang button[value='{language}']").click()
    visit.page.wait_for_load_state()
    assert visit.page.locator("html").get_attribute("lang") == language


def sign_in(visit: Visit, user_id: str, password: str = PASSWORD) -> None:
    page = visit.page
    page.goto("/login/")
    visit.check()
    page.fill("#id_user_id", user_id)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def sign_out(visit: Visit) -> None:
    visit.page.locator("header .who button[type=submit]").click()
    visit.page.wait_for_load_state()
    assert visit.page.url.endswith("/login/")


def sms_text_for(outbox_page: Page, mobile: str) -> str:
    """The newest message to a mobile number in the SMS outbox (listed newest first)."""
    outbox_page.goto("/sms/outbox/")
    row = (
        outbox_page.locator("tbody tr")
        .filter(has=outbox_page.locator("td", has_text=re.compile(f"^{mobile}$")))
        .first
    )
    return row.locator("td[lang]").inner_text()


def secret_after(text: str, marker: str, pattern: str) -> str:
    """The first token matching `pattern` after `marker` in an SMS, whatever its language."""
    found = re.search(
        rf"(?<![A-Za-z0-9])({pattern})(?![A-Za-z0-9])", text[text.index(marker) + len(marker) :]
    )
    assert found, text
    return found.group(1)
