"""Cross-validation of the request-type classifier (bot/call_classifier.py) on the development
call sets only (tests/dev_calls*/): the grid that chose its hyper-parameters, the accuracy at a
range of abstain thresholds, and — when both sets are there — one set trained, the other tested.

    PYTHONPATH=. .venv/bin/python scripts/call_classifier_cv.py [--grid]
"""

from __future__ import annotations

import itertools
import sys
from typing import Any

import numpy as np

from bot import call_classifier as cc

FOLDS = 5


def cv_probabilities(calls: list[dict[str, Any]], vectors: np.ndarray, seed: int = 0,
                     **params: Any) -> tuple[np.ndarray, np.ndarray]:
    pred, prob = cc.cross_validate(calls, vectors, FOLDS, seed, **params)
    return np.array(pred, dtype=object), np.array(prob)


def at_thresholds(pred: np.ndarray, prob: np.ndarray, labels: np.ndarray) -> list[str]:
    rows = []
    for t in (0.0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5):
        kept = prob >= t
        acc = (pred[kept] == labels[kept]).mean() if kept.any() else 0.0
        rows.append(f"t={t:.2f}: coverage {kept.mean():.3f}, accuracy {acc:.3f}")
    return rows


def main() -> None:
    calls = [c for c in cc.load_calls() if c.get("category") in cc.CATEGORIES]
    vectors = cc.encode([c["text"] for c in calls])
    labels = np.array([c["category"] for c in calls])
    print(f"{len(calls)} development calls")
    if "--grid" in sys.argv:
        for ngrams, c, vw, lw in itertools.product(((1, 3),), (10.0, 30.0, 100.0),
                                                   (1.0, 2.0), (0.0, 1.0, 2.0)):
            accs = [(p == labels).mean() for p, _ in (
                cv_probabilities(calls, vectors, seed, ngrams=ngrams, c=c, vector_weight=vw,
                                 lexicon_weight=lw) for seed in (0,))]
            print(flush=True, end="")
            print(f"ngrams={ngrams} C={c} vector={vw} lexicon={lw}: "
                  f"accuracy {np.mean(accs):.3f}")
    pred, prob = cv_probabilities(calls, vectors)
    print(f"chosen (ngrams={cc.NGRAMS} C={cc.C} vector={cc.VECTOR_WEIGHT} "
          f"lexicon={cc.LEXICON_WEIGHT}), {FOLDS}-fold:")
    print("\n".join("  " + r for r in at_thresholds(pred, prob, labels)))
    sources = [c["_set"] for c in calls]
    for a, b in itertools.permutations(sorted(set(sources)), 2):
        tr = [i for i, s in enumerate(sources) if s == a]
        te = [i for i, s in enumerate(sources) if s == b]
        model = cc.CallClassifier().fit([calls[i]["text"] for i in tr], list(labels[tr]),
                                        vectors[tr])
        classes, p = model.probabilities([calls[i]["text"] for i in te], vectors[te])
        got = np.array([classes[i] for i in p.argmax(1)], dtype=object)
        print(f"trained on {a}, tested on {b}:")
        print("\n".join("  " + r for r in at_thresholds(got, p.max(1), labels[te])))


if __name__ == "__main__":
    main()
