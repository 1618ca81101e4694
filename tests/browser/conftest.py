"""Browser tests: Debian's headless Chromium drives the widget and the agent console served by
the real stack (Rasa server, action server, gateway) started on free ports against the test
catalog database (the session fixture `live_stack` in tests/conftest.py)."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.launcher import ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = ROOT / "reports" / "screenshots"
WIDGET_VIEWPORT = {"width": 375, "height": 740}
AGENT_VIEWPORT = {"width": 1280, "height": 900}
AGENT_PASSWORD = "agent-console-password"
EXPECT_TIMEOUT_MS = 20_000  # Rasa answers slowly on a busy machine; 5 s (the default) is flaky


@pytest.fixture(autouse=True, scope="session")
def _expect_timeout() -> None:
    from playwright.sync_api import expect

    expect.set_options(timeout=EXPECT_TIMEOUT_MS)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM} (apt install chromium, or set CHROMIUM)",
                    pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class PageProblems:
    """Uncaught script errors and CSP violations seen by a page: each test must end with none."""

    def __init__(self, page) -> None:  # type: ignore[no-untyped-def]
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.on("console", self._console)
        page.on("dialog", self._dialog)

    def _console(self, msg) -> None:  # type: ignore[no-untyped-def]
        if "Content Security Policy" in msg.text:
            self.errors.append(f"CSP: {msg.text}")

    def _dialog(self, dialog) -> None:  # type: ignore[no-untyped-def]
        self.dialogs.append(dialog.message)
        dialog.dismiss()


def _context(browser, base_url: str, **kw):  # type: ignore[no-untyped-def]
    return browser.new_context(base_url=base_url, locale="zh-CN", timezone_id="Asia/Shanghai",
                               **kw)


@pytest.fixture(scope="session")
def agent_auth(live_stack) -> dict:  # type: ignore[no-untyped-def]
    """An agent account on the live stack (created with CATALOG_ADMIN_TOKEN) and its login as
    the console keeps it in sessionStorage."""
    import httpx

    url = live_stack.gateway_url
    name = f"agent-{uuid.uuid4().hex[:8]}"
    admin = {"Authorization": f"Bearer {os.environ['CATALOG_ADMIN_TOKEN']}"}
    httpx.post(f"{url}/api/admin/staff", headers=admin, timeout=30, json={
        "username": name, "password": AGENT_PASSWORD, "role": "agent"}).raise_for_status()
    r = httpx.post(f"{url}/api/admin/login", timeout=30,
                   json={"username": name, "password": AGENT_PASSWORD})
    r.raise_for_status()
    body = r.json()
    return {"username": name, "password": AGENT_PASSWORD,
            "store": {k: body[k] for k in ("username", "role", "expires_at")}
            | {"token": body["access_token"]}}


def agent_login_script(auth: dict) -> str:
    """An init script that puts the agent's login where /agent looks for it."""
    return f"sessionStorage.setItem('jisuwen.agent', {json.dumps(json.dumps(auth['store']))});"


def _open_page(browser, live_stack, path: str,  # type: ignore[no-untyped-def]
               *, clipboard: bool = False, init_script: str | None = None,
               **context_kw) -> Iterator:
    """Open `path` in a fresh context; afterwards fail on any script error, CSP violation or
    dialog the page raised (its PageProblems, also at page.problems)."""
    ctx = _context(browser, live_stack.gateway_url, **context_kw)
    if init_script:
        ctx.add_init_script(init_script)
    if clipboard:
        ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_stack.gateway_url)
    ctx.set_default_timeout(EXPECT_TIMEOUT_MS)
    page = ctx.new_page()
    problems = PageProblems(page)
    page.goto(path)
    page.problems = problems
    yield page
    ctx.close()
    assert not problems.errors, problems.errors
    assert not problems.dialogs, f"a dialog opened: {problems.dialogs}"


@pytest.fixture()
def widget_page(browser, live_stack) -> Iterator:
    yield from _open_page(browser, live_stack, "/", viewport=WIDGET_VIEWPORT,
                          device_scale_factor=2, is_mobile=False, has_touch=False)


@pytest.fixture()
def agent_page(browser, live_stack, agent_auth) -> Iterator:
    """/agent, logged in as an agent."""
    yield from _open_page(browser, live_stack, "/agent", clipboard=True,
                          viewport=AGENT_VIEWPORT, init_script=agent_login_script(agent_auth))


@pytest.fixture()
def shoot():  # type: ignore[no-untyped-def]
    """shoot(page, "widget") saves reports/screenshots/widget.png."""

    def _shoot(page, name: str, full_page: bool = False) -> Path:  # type: ignore[no-untyped-def]
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return _shoot
