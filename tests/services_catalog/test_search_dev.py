"""Catalog search on the colloquial development set (tests/dev/search_dev.yml).

The dev set is what the catalog aliases were tuned on, so these figures are optimistic; the
independent held-out set is scored elsewhere. This test guards against alias edits that make
search worse: top-1 must not fall more than 0.02 below the figure reached when tuning, and
small talk must not resolve to a service. The figures are written to reports/search_dev.json.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from pathlib import Path

import yaml

from services_catalog.config import SEED_FILE
from services_catalog.paraphrase import example_questions
from services_catalog.schemas import ServiceIn
from services_catalog.search import SearchDoc, SearchIndex

ROOT = Path(__file__).resolve().parent.parent.parent
DEV_FILE = ROOT / "tests" / "dev" / "search_dev.yml"
REPORT = ROOT / "reports" / "search_dev.json"

# 424/431 with the sentence encoder's half of the paraphrase signal (USE v3; m3e-small: 426;
# 0.969 characters only, 0.958 before relatives, 0.949 aliases only, 0.807 untuned)
TOP1_REACHED = 0.984
# 38/40 with USE v3 and search.FREE_TEXT_SCALE 2.6 (我的快递到哪了 reaches 0.59; m3e-small: 39/40;
# 0.95 characters only): the scale that answers 16 more dev questions rightly.
NULL_CLEAN_REACHED = 0.95
NULL_CLEAN_TARGET = 0.95
NULL_MAX_CONFIDENCE = 0.5  # small talk below resolve.CLAIM_MIN (0.6) stays small talk


@lru_cache
def services() -> list[ServiceIn]:
    data = yaml.safe_load(SEED_FILE.read_text(encoding="utf-8"))
    return [ServiceIn.model_validate(s) for s in data["services"]]


@lru_cache
def index() -> SearchIndex:
    examples = example_questions()
    return SearchIndex([
        SearchDoc(s.slug, s.name, list(s.aliases),
                  " ".join([s.category, s.howto, *(n.text for n in s.notes), s.citation.text]),
                  examples.get(s.slug, ()))
        for s in services()
    ])


@lru_cache
def dev_items() -> list[dict]:
    return yaml.safe_load(DEV_FILE.read_text(encoding="utf-8"))


def wanted(item: dict) -> list[str]:
    service = item["service"]
    return service if isinstance(service, list) else [service]


@lru_cache
def evaluate() -> dict:
    idx = index()
    n = correct = n_null = null_clean = 0
    failures = []
    for item in dev_items():
        hits = idx.search(item["text"])
        top = hits[0] if hits else None
        got = None if top is None else {
            "slug": top.slug, "confidence": top.confidence, "kind": top.kind,
            "matched": top.matched,
        }
        if item["service"] is None:
            n_null += 1
            if top is None or top.confidence < NULL_MAX_CONFIDENCE:
                null_clean += 1
            else:
                failures.append({"text": item["text"], "expected": None, "got": got})
            continue
        n += 1
        if top is not None and top.slug in wanted(item):
            correct += 1
        else:
            failures.append({"text": item["text"], "expected": item["service"], "got": got})
    report = {
        "n": n,
        "n_null": n_null,
        "top1": round(correct / n, 4),
        "null_clean": round(null_clean / n_null, 4),
        "failures": failures,
    }
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return report


def test_dev_set_is_well_formed() -> None:
    slugs = {s.slug for s in services()}
    items = dev_items()
    assert len([i for i in items if i["service"] is not None]) >= 400
    assert len([i for i in items if i["service"] is None]) >= 30
    per_service: Counter[str] = Counter()
    texts = set()
    for item in items:
        assert set(item) == {"text", "service"}, item
        assert item["text"] not in texts, f"duplicate: {item['text']}"
        texts.add(item["text"])
        if item["service"] is None:
            continue
        for slug in wanted(item):
            assert slug in slugs, f"unknown slug {slug!r} for {item['text']!r}"
        per_service[wanted(item)[0]] += 1
    assert set(per_service) == slugs, f"no dev items for {sorted(slugs - set(per_service))}"
    assert all(4 <= k <= 6 for k in per_service.values()), per_service


def test_dev_top1() -> None:
    report = evaluate()
    assert report["top1"] >= TOP1_REACHED - 0.02, report["failures"]


def test_dev_small_talk_stays_unresolved() -> None:
    report = evaluate()
    assert report["null_clean"] >= NULL_CLEAN_REACHED - 0.02, [
        f for f in report["failures"] if f["expected"] is None]


def test_dev_small_talk_target() -> None:
    assert evaluate()["null_clean"] >= NULL_CLEAN_TARGET
