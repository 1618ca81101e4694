"""The catalog and gateway test suites, run again with the catalog on PostgreSQL.

Production keeps the catalog on PostgreSQL (DATABASE_URL, docs/deploy.md) while development
uses SQLite: this runs tests/services_catalog and tests/bot in a subprocess against a fresh
database, which is dropped afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import pytest

pytestmark = pytest.mark.postgres

PG_HOST = os.environ.get("PGHOST", "127.0.0.1")
PG_PORT = os.environ.get("PGPORT", "5432")
PG_USER = os.environ.get("PGUSER", "postgres")
PG_ADMIN_DB = os.environ.get("PGDATABASE", "test")


def test_catalog_and_gateway_suites_pass_on_postgresql() -> None:
    import psycopg

    from bot.launcher import ROOT, base_env

    try:
        admin = psycopg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, dbname=PG_ADMIN_DB,
                                autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL not reachable on {PG_HOST}:{PG_PORT}: {exc}")
    db = f"jisuwen_test_{uuid.uuid4().hex[:10]}_suite"
    admin.execute(f'CREATE DATABASE "{db}"')
    try:
        env = base_env({"DATABASE_URL": f"postgresql+psycopg://{PG_USER}@{PG_HOST}:{PG_PORT}/{db}"})
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "tests/services_catalog", "tests/bot", "-q",
             "-m", "not e2e and not browser", "-p", "no:cacheprovider"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
        )
        assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        admin.close()
