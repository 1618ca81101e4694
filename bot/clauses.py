"""Where a caller's line parts into clauses: the pauses the assist readers cut it at (what a
clause sets aside, whether a clause asks about the matter or about the call)."""

from __future__ import annotations

import re

from services_catalog.normalize import PAUSES

_PAUSE_RUN = re.compile(f"([{PAUSES}]+)")


def clauses(line: str) -> list[tuple[str, str]]:
    """Each clause of the line with the pauses after it ("" after the last); a line opening on a
    pause has "" as its first clause."""
    parts = _PAUSE_RUN.split(line) + [""]  # clause, its pauses, clause, its pauses, …
    return list(zip(parts[::2], parts[1::2], strict=True))
