"""The catalog and gateway test suites, run again with the catalog on PostgreSQL.

Production keeps the catalog on PostgreSQL (DATABASE_URL, docs/deploy.md) while development
uses SQLite: this runs tests/services_catalog and tests/bot in a subprocess against a fresh
database, which is dropped afterwards.
"""

from __future__ import annotations

import subprocess
import sys
import uuid

import pytest

from tests.e2e.stacks import pg_admin_or_skip, pg_url

pytestmark = pytest.mark.postgres

def test_catalog_and_gateway_suites_pass_on_postgresql() -> None:
    from bot.launcher import ROOT, base_env

    admin = pg_admin_or_skip()
    db = f"jisuwen_test_{uuid.uuid4().hex[:10]}_suite"
    admin.execute(f'CREATE DATABASE "{db}"')
    try:
        env = base_env({"DATABASE_URL": pg_url(db)})
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "tests/services_catalog", "tests/bot", "-q",
             "-m", "not e2e and not browser", "-p", "no:cacheprovider"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
        )
        assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        admin.close()
