"""var/ is private: directories 0700, databases, logs and caches 0600, whoever creates them; the
Rasa token is never on a command line (ps shows every user's)."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

from sqlalchemy import text

from bot.launcher import Stack, free_port
from services_catalog.db import make_engine


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_sqlite_database_and_its_wal_are_0600_in_a_0700_dir(tmp_path) -> None:
    db = tmp_path / "var" / "catalog.db"
    engine = make_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x TEXT)"))
        conn.execute(text("INSERT INTO t VALUES ('13812345678')"))
    with engine.connect() as conn:  # keeps the WAL and shared-memory files while open
        conn.execute(text("SELECT * FROM t")).all()
        assert _mode(db.parent) == 0o700
        for f in db.parent.iterdir():
            assert _mode(f) == 0o600, f
    engine.dispose()


def test_an_existing_world_readable_database_is_tightened(tmp_path) -> None:
    db = tmp_path / "catalog.db"
    db.touch(mode=0o644)
    os.chmod(db, 0o644)
    make_engine(f"sqlite:///{db}").dispose()
    assert _mode(db) == 0o600


def test_the_rasa_token_is_not_on_any_command_line(tmp_path) -> None:
    token = "t0ken-" + os.urandom(8).hex()
    stack = Stack(free_port(), free_port(), free_port(), log_dir=tmp_path / "log",
                  env={"RASA_TOKEN": token})
    for name, cmd in stack.commands().items():
        assert not any(token in part for part in cmd), name
    assert stack._env()["RASA_TOKEN"] == token


def test_launched_processes_write_private_logs_with_umask_077(tmp_path) -> None:
    stack = Stack(free_port(), free_port(), free_port(), log_dir=tmp_path / "var" / "log",
                  env={"RASA_TOKEN": "x" * 32,
                       "DATABASE_URL": os.environ["DATABASE_URL"]})
    stack.start(only=["gateway"])
    try:
        proc = stack.procs["gateway"]
        status = ""
        for _ in range(50):
            status = Path(f"/proc/{proc.pid}/status").read_text()
            if "Umask" in status:
                break
            time.sleep(0.1)
        assert "Umask:\t0077" in status
        logs = list((tmp_path / "var" / "log").iterdir())
        assert logs and all(_mode(f) == 0o600 for f in logs)
        assert _mode(tmp_path / "var" / "log") == 0o700
    finally:
        stack.stop()
