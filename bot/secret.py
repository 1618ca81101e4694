"""The token-signing secret when SECRET_KEY is not set: random, generated once, kept in var/.

Every gateway process (uvicorn workers, restarts) reads the same file, so a token issued by one
verifies in the others. The file is created atomically (write a temporary file, then link it
into place: only one of several processes starting together wins, the others read its key).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def _read(path: Path) -> str:
    key = path.read_text(encoding="ascii").strip()
    if len(key) < 32:
        raise ValueError(f"{path} holds no usable key (under 32 characters); delete it to "
                         "generate a new one")
    return key


def load_or_create_secret(path: Path | None) -> str:
    """The key stored at `path` (created 0600 in a 0700 directory on first use); with no path,
    an ephemeral key for this process only (tests)."""
    if path is None:
        return secrets.token_urlsafe(48)
    if path.exists():
        return _read(path)
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(secrets.token_urlsafe(48) + "\n")
        try:
            os.link(tmp, path)  # fails if another process got there first: use its key
        except FileExistsError:
            pass
    finally:
        tmp.unlink(missing_ok=True)
    return _read(path)
