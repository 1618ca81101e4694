"""Migrations on a catalog created by an earlier revision, as `prepare` runs them."""

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
        assert c.execute("SELECT version_num FROM alembic_version").fetchone() == (
            ScriptDirectory.from_config(cfg).get_current_head(),)


def test_0005_writes_out_the_plan_basis_of_every_stored_figure(tmp_path: Path) -> None:
    """Rows written before 0005 hold figures without a basis; after it each names the plan,
    and the catalog reads them as resting on the plan with no scheduled change."""
    import json

    from alembic import command
    from alembic.config import Config

    from services_catalog.config import ROOT

    db = tmp_path / "old.db"
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.attributes.update(configure_logger=False, url=f"sqlite:///{db}")
    command.upgrade(cfg, "0002")
    limits = [{"amount": 3, "unit": "工作日", "condition": None, "keywords": [], "item": 3}]
    fees = [{"text": "免费", "item": 3, "max_kw": None}]
    with sqlite3.connect(db) as c:
        c.execute(
            "INSERT INTO services (slug, name, category, lead_unit, departments, aliases, "
            "time_limits, fees, channels, materials, notes, howto, citation, items, version, "
            "active, updated_at, updated_by) VALUES ('old', '旧事项', '', '', '[]', '[]', ?, ?, "
            "'[]', '[]', '[]', '', ?, '[]', 4, 1, '2026-01-01', 'staff')",
            (json.dumps(limits), json.dumps(fees), json.dumps({"item": 3, "text": "x"})))
    migrate(f"sqlite:///{db}")
    with sqlite3.connect(db) as c:
        stored_limits, stored_fees, version = c.execute(
            "SELECT time_limits, fees, version FROM services").fetchone()
    plan = {"kind": "plan", "document": None, "date": None}
    assert json.loads(stored_limits) == [{**limits[0], "basis": plan, "change": None}]
    assert json.loads(stored_fees) == [{**fees[0], "basis": plan, "change": None}]
    assert version == 4  # the same record, written out: no new version
    command.downgrade(cfg, "0002")
    with sqlite3.connect(db) as c:
        assert json.loads(c.execute("SELECT time_limits FROM services").fetchone()[0]) == limits
