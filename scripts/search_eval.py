"""Catalog search alone (no NLU, no dialogue) on the evaluation sets: top-1 per set.

    .venv/bin/python scripts/search_eval.py            # heldout, dev, dev3

Counts every question with an expected service: chat single questions, assist utterances and
transcripts. A hit counts from search's noise floor (resolve.SEARCH_MIN) up. Writes nothing:
the figure goes into README by hand (the held-out set must never be tuned on).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from services_catalog.resolve import SEARCH_MIN  # noqa: E402
from tests.services_catalog.test_search_dev import index  # noqa: E402


def items(folder: Path) -> list[tuple[str, list[str]]]:
    out = []
    for item in yaml.safe_load((folder / "chat_single.yml").read_text(encoding="utf-8")):
        if item.get("service"):
            out.append((item["text"], item["service"]))
    assist = yaml.safe_load((folder / "assist.yml").read_text(encoding="utf-8"))
    out += [(i["text"], i["service"]) for i in assist["utterances"] + assist["transcripts"]]
    return [(text, want if isinstance(want, list) else [want]) for text, want in out]


def main(names: list[str]) -> None:
    idx = index()
    for name in names:
        questions = items(ROOT / "tests" / name)
        right = 0
        for text, want in questions:
            hits = idx.search(text, 1)
            right += bool(hits and hits[0].confidence >= SEARCH_MIN and hits[0].slug in want)
        print(f"{name}: {right}/{len(questions)} = {right / len(questions):.3f}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["heldout", "dev", "dev3"])
