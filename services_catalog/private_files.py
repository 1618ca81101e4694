"""var/ holds the catalog and tracker databases (chat logs), logs and secrets: readable by
the service's own user only. Directories are created 0700 and files 0600, whoever creates them
(`prepare`, the gateway's engine, bot/launcher.py's processes, which run with umask 077)."""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_UMASK = 0o077


def private_dir(path: Path) -> Path:
    """Create `path` (and missing parents) as 0700; an existing directory is tightened only
    when it is the project's own var/ tree (not e.g. a shared /srv the operator chose)."""
    from services_catalog.config import ROOT

    created = not path.exists()
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    var = ROOT / "var"
    if created or path == var or var in path.parents:
        os.chmod(path, 0o700)
    return path


def private_file(path: Path) -> Path:
    """Create `path` empty with mode 0600 if it is missing, else set it to 0600."""
    private_dir(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)
    return path


def private_sqlite(path: Path) -> None:
    """The database file 0600 before SQLite opens it: SQLite creates its -wal and -shm files
    with the database file's permissions."""
    private_file(path)
    for suffix in ("-wal", "-shm", "-journal"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.chmod(side, 0o600)
