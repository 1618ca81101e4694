"""What the tests that start their own stacks share: PostgreSQL, the model check, the stack env.

Used by tests/conftest.py (live_stack), test_faults.py, test_scale_out.py and
test_postgres_catalog.py.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

PG_HOST = os.environ.get("PGHOST", "127.0.0.1")
PG_PORT = os.environ.get("PGPORT", "5432")
PG_USER = os.environ.get("PGUSER", "postgres")
PG_ADMIN_DB = os.environ.get("PGDATABASE", "test")
ADMIN_TOKEN = "test-admin-token-0123456789abcdef"


def pg_admin() -> Any:
    """An autocommit connection to PostgreSQL's admin database, or None when there is none."""
    import psycopg

    try:
        return psycopg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, dbname=PG_ADMIN_DB,
                               autocommit=True, connect_timeout=5)
    except psycopg.OperationalError:
        return None


def pg_admin_or_skip() -> Any:
    admin = pg_admin()
    if admin is None:
        pytest.skip(f"PostgreSQL not reachable on {PG_HOST}:{PG_PORT}")
    return admin


def pg_url(db: str, driver: str = "postgresql+psycopg") -> str:
    return f"{driver}://{PG_USER}@{PG_HOST}:{PG_PORT}/{db}"


def require_model() -> None:
    from bot.launcher import ROOT

    if not list((ROOT / "models").glob("*.tar.gz")):
        pytest.fail("no trained Rasa model in models/*.tar.gz: run `make train` (make test "
                    "does) first", pytrace=False)


def stack_env(**extra: str) -> dict[str, str]:
    """The environment every test stack runs with: test mode, the admin token, and rate limits
    high enough for the suites' bursts."""
    return {
        "ENVIRONMENT": "test",
        "CATALOG_ADMIN_TOKEN": os.environ.get("CATALOG_ADMIN_TOKEN", ADMIN_TOKEN),
        "CHAT_PER_MINUTE_PER_SENDER": os.environ.get("CHAT_PER_MINUTE_PER_SENDER", "1000"),
        "CHAT_PER_MINUTE_PER_IP": os.environ.get("CHAT_PER_MINUTE_PER_IP", "100000"),
        **extra,
    }
