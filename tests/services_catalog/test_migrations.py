"""Migration 0002 (staff token version) on a catalog created by 0001, as `prepare` runs it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from services_catalog.__main__ import migrate


def test_0002_adds_the_token_version_to_existing_accounts(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from services_catalog.config import ROOT

    db = tmp_path / "old.db"
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.attributes.update(configure_logger=False, url=f"sqlite:///{db}")
    command.upgrade(cfg, "0001")
    with sqlite3.connect(db) as c:
        c.execute("INSERT INTO staff_users (username, password_hash, role, active, created_at) "
                  "VALUES ('old-admin', 'x', 'admin', 1, '2026-01-01')")
    migrate(f"sqlite:///{db}")  # what `python -m services_catalog prepare` runs first
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT username, token_version FROM staff_users").fetchall() == [
            ("old-admin", 1)]
        head = ScriptDirectory.from_config(cfg).get_current_head()
        assert c.execute("SELECT version_num FROM alembic_version").fetchone() == (head,)
