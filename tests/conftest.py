"""Test-wide setup: every test process uses its own catalog database, never var/catalog.db."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.launcher import Stack, free_port

_TMP = Path(tempfile.mkdtemp(prefix="jisuwen-test-"))
_WORKING_CATALOG = Path(__file__).resolve().parent.parent / "var" / "catalog.db"
_URL = os.environ.get("DATABASE_URL", "")
if _URL.startswith("sqlite:///") and Path(_URL[len("sqlite:///"):]).resolve() == _WORKING_CATALOG:
    # A shell set up for probing the working catalog: the admin tests would write into it.
    del os.environ["DATABASE_URL"]
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_TMP / 'catalog.db'}")
os.environ.setdefault("ENVIRONMENT", "test")
os.environ.setdefault("CATALOG_ADMIN_TOKEN", "test-admin-token-0123456789abcdef")
os.environ["RASA_TELEMETRY_ENABLED"] = "false"
os.environ.setdefault("CHAT_PER_MINUTE_PER_SENDER", "1000")
os.environ.setdefault("CHAT_PER_MINUTE_PER_IP", "100000")
# In-process gateway tests never reach a Rasa server (a developer's may be running on :5005):
# port 9 refuses connections, so /api/chat answers in degraded mode from the catalog.
os.environ["RASA_URLS"] = "http://127.0.0.1:9"
os.environ["ACTIONS_URL"] = "http://127.0.0.1:9"


def _prepare() -> None:
    from services_catalog.__main__ import prepare

    prepare()


_prepare()


@pytest.fixture()
def db_session():
    """A session on the test catalog; changes are rolled back after the test."""
    from services_catalog.db import get_sessionmaker

    session = get_sessionmaker()()
    try:
        yield session
    finally:
        session.rollback()
        session.close()


@pytest.fixture()
async def gateway() -> AsyncIterator:
    """The FastAPI app through httpx ASGITransport, with its lifespan run (no Rasa behind it
    unless a test starts one: chat then answers in degraded mode)."""
    import httpx

    from bot.main import create_app

    app = create_app()
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client


def _free_ports(n: int) -> list[int]:
    ports: list[int] = []
    while len(ports) < n:
        p = free_port()
        if p not in ports:
            ports.append(p)
    return ports


def _log_tail(log_dir: Path, lines: int = 30) -> str:
    out = []
    for f in sorted(log_dir.glob("*.log")):
        text = f.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
        out.append(f"--- {f.name}\n" + "\n".join(text))
    return "\n".join(out)


@pytest.fixture(scope="session")
def live_stack() -> Iterator[Stack]:
    """The real Rasa server, action server and gateway on free ports, on the test catalog.

    Started once per test session by the first test that asks for it (e2e and browser tests).
    """
    from tests.e2e.stacks import require_model, stack_env

    require_model()
    tmp = Path(tempfile.mkdtemp(prefix="jisuwen-browser-"))
    rasa_port, actions_port, gateway_port = _free_ports(3)
    stack = Stack(
        rasa_port, actions_port, gateway_port, log_dir=tmp / "log",
        env=stack_env(DATABASE_URL=os.environ["DATABASE_URL"],
                      TRACKER_DB=str(tmp / "tracker.db")),
    )
    stack.start()
    try:
        stack.wait_healthy(timeout=300)
    except (RuntimeError, TimeoutError) as exc:
        logs = _log_tail(stack.log_dir)
        stack.stop()
        pytest.fail(f"the stack did not become healthy: {exc}\n{logs}", pytrace=False)
    yield stack
    stack.stop()
    shutil.rmtree(tmp, ignore_errors=True)
