"""Reproduce the agent-assist confidence table and floor (bot/assist_confidence.py) on the dev
sets: tests/dev/assist.yml and tests/dev3/assist.yml (never tests/heldout).

For every utterance and transcript, the catalog search ranks services as /api/assist does; each
candidate falls into a cell (rank 1 or a runner-up, tied with the top or not, raw score band) and
the cell's share of right candidates, Laplace-smoothed, is its calibrated confidence.

    PYTHONPATH=. .venv/bin/python scripts/assist_calibration.py
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import yaml

from bot.assist_confidence import BANDS, cell
from bot.routers.assist import caller_text
from services_catalog.db import get_sessionmaker
from services_catalog.snapshot import CatalogCache

DEV_SETS = ("tests/dev/assist.yml", "tests/dev3/assist.yml")


def main() -> None:
    with get_sessionmaker()() as session:
        snap = CatalogCache().get(session)
    counts: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    tops: list[tuple[float, bool]] = []
    for path in DEV_SETS:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        for case in data["utterances"] + data.get("transcripts", []):
            hits = snap.index.search(caller_text(case["text"]), 10)
            if not hits:
                continue
            tops.append((hits[0].confidence, hits[0].slug == case["service"]))
            for i, h in enumerate(hits):
                tied = i > 0 and h.confidence >= hits[0].confidence - 0.005
                c = counts[cell(i, tied, h.confidence)]
                c[0] += 1
                c[1] += h.slug == case["service"]
    print("cell: n right smoothed (bands", BANDS, ")")
    for key in sorted(counts):
        n, right = counts[key]
        print(key, n, right, round((right + 1) / (n + 2), 2))
    for floor in (0.3, 0.35, 0.4, 0.45, 0.5):
        kept = [ok for raw, ok in tops if raw >= floor]
        print(f"floor {floor}: coverage {len(kept) / len(tops):.3f}, "
              f"top-1 right {sum(kept) / max(1, len(kept)):.3f}")


if __name__ == "__main__":
    main()
