"""Controls for the journeys' page checks: they do fail on a page with faults."""

import pytest

from tests.browser.conftest import ContextFactory
from tests.browser.support import Visit

pytestmark = pytest.mark.browser

FAULTY = """<!DOCTYPE html><html><head><title>x</title></head><body><main><h1>Faults</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<input type="text" id="a">
<p class="faint">Grey on white</p></main></body></html>"""


def test_the_accessibility_check_reports_violations(new_context: ContextFactory) -> None:
    # given a page with an image without text and an unlabelled field
    visit = Visit(new_context().new_page(), axe=True)
    visit.page.set_content(FAULTY)
    # when it is checked / then the violations are reported by rule
    with pytest.raises(AssertionError) as failure:
        visit.check()
    assert "image-alt" in str(failure.value)
    assert "label" in str(failure.value)


def test_the_page_check_reports_blocked_inline_script(new_context: ContextFactory) -> None:
    # given a portal page into which an inline script is injected as a tag
    visit = Visit(new_context().new_page(), axe=False)
    visit.page.goto("/")
    visit.page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=\"alert(1)\">')"
    )
    visit.page.wait_for_timeout(200)
    # when it is checked / then the CSP's refusal is reported
    with pytest.raises(AssertionError, match="Content Security Policy"):
        visit.check()


def test_the_page_check_reports_duplicate_ids(new_context: ContextFactory) -> None:
    # given a page where two fields share an id (a label or error would reach only one)
    visit = Visit(new_context().new_page(), axe=False)
    visit.page.set_content(
        '<html lang="en"><body><h1>x</h1><p id="e">one</p><p id="e">two</p></body></html>'
    )
    # when it is checked / then the duplicate is named
    with pytest.raises(AssertionError, match="duplicate ids \\['e'\\]"):
        visit.check()
