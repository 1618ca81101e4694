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
