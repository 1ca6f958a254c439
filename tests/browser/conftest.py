"""A real Chromium, driven by Playwright, against pytest-django's live server.

One browser for the package, a fresh context (cookies, language, viewport) per test. When a test
fails, a screenshot of every open page and a Playwright trace are kept under
$SAMAGRA_TEST_ARTIFACTS (default test-artifacts/); open the trace with `playwright show-trace`.
"""

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Playwright, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
# Without these Chromium stalls on this kind of machine (no sandbox, no GPU, no network).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 640}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _failed(request: pytest.FixtureRequest) -> bool:
    return any(
        getattr(getattr(request.node, f"report_{when}", None), "failed", False)
        for when in ("setup", "call")
    )


@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: apt-get install chromium fonts-noto-core"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    # Playwright's sync API keeps an event loop running on this thread; Django would then refuse
    # the test's own ORM calls. The live server answers from its own thread, untouched by this.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        yield p
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Each world hashes eight passwords; the production hasher would take seconds."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _artifacts_dir(request: pytest.FixtureRequest) -> Path:
    root = Path(os.environ.get("SAMAGRA_TEST_ARTIFACTS", "test-artifacts"))
    return root / re.sub(r"[^\w.-]+", "_", request.node.nodeid)


ContextFactory = Callable[..., BrowserContext]


@pytest.fixture
def new_context(
    browser: Browser, live_server: Any, request: pytest.FixtureRequest
) -> Iterator[ContextFactory]:
    """Make browser contexts for this test (a second one plays a second person); all are traced
    and, if the test fails, kept as screenshots and traces."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(10_000)
        context.tracing.start(screenshots=True, snapshots=True)
        contexts.append(context)
        return context

    yield make
    failed = _failed(request)
    folder = _artifacts_dir(request)
    for number, context in enumerate(contexts):
        if failed:
            folder.mkdir(parents=True, exist_ok=True)
            for page_number, page in enumerate(context.pages):
                page.screenshot(
                    path=folder / f"context{number}-page{page_number}.png", full_page=True
                )
            context.tracing.stop(path=folder / f"context{number}-trace.zip")
        else:
            context.tracing.stop()
        context.close()
    if failed:
        print(f"\nBrowser artifacts (screenshots, traces) in {folder.resolve()}")


@pytest.fixture
def context(new_context: ContextFactory) -> BrowserContext:
    return new_context()
