"""Test-wide setup: every test process uses its own catalog database, never var/catalog.db."""

from __future__ import annotations

import os
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

_TMP = Path(tempfile.mkdtemp(prefix="jisuwen-test-"))
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


@pytest.fixture(scope="session")
def live_stack():
    """The real Rasa server, action server and gateway on free ports, on the test catalog.

    Started once per test session by the first test that asks for it (e2e and browser tests).
    """
    from bot.launcher import ROOT, Stack, free_port

    if not list((ROOT / "models").glob("*.tar.gz")):
        pytest.fail("no trained model in models/: run `make train` (make test does) first")
    stack = Stack(
        rasa_port=free_port(), actions_port=free_port(), gateway_port=free_port(),
        env={"DATABASE_URL": os.environ["DATABASE_URL"],
             "TRACKER_DB": str(_TMP / "tracker.db"),
             "ENVIRONMENT": "test",
             "CATALOG_ADMIN_TOKEN": os.environ["CATALOG_ADMIN_TOKEN"],
             "CHAT_PER_MINUTE_PER_SENDER": "1000", "CHAT_PER_MINUTE_PER_IP": "100000"},
        log_dir=_TMP / "logs",
    )
    stack.start()
    try:
        stack.wait_healthy(timeout=240)
        yield stack
    finally:
        stack.stop()
