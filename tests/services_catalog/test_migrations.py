"""Migrations on an older catalog, as `prepare` runs them: 0002 (staff token version) on a
catalog created by 0001, 0003_scenarios (the scenarios table) on one at 0002, and back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from services_catalog.__main__ import migrate


def test_0002_adds_the_token_version_to_existing_accounts(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

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
        assert c.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "0003_scenarios",)


def test_0003_adds_the_scenarios_table_and_downgrades(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from services_catalog.config import ROOT
    from services_catalog.models import Scenario

    db = tmp_path / "at-0002.db"
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.attributes.update(configure_logger=False, url=f"sqlite:///{db}")
    command.upgrade(cfg, "0002")
    migrate(f"sqlite:///{db}")
    with Session(create_engine(f"sqlite:///{db}")) as session:
        session.add(Scenario(slug="open-restaurant", name="开饭馆", aliases=[], description="",
                             services=[{"slug": "company-registration", "note": ""}]))
        session.commit()
        assert session.query(Scenario).one().version == 1
    command.downgrade(cfg, "0002")
    with sqlite3.connect(db) as c:
        tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "scenarios" not in tables and "services" in tables
        assert c.execute("SELECT version_num FROM alembic_version").fetchone() == ("0002",)
