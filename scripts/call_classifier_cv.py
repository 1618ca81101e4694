"""Cross-validation of the request-type classifier (bot/call_classifier.py) on the development
call sets only (bot/data/calls/dev_calls*/): the grid that chose its hyper-parameters, the
accuracy at a range of abstain thresholds, and — when both sets are there — one set trained,
the other tested.

    PYTHONPATH=. .venv/bin/python scripts/call_classifier_cv.py [--grid]
"""

from __future__ import annotations

import itertools
import sys
from typing import Any

import numpy as np

from bot import call_classifier as cc
from bot.call_category import categorize

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
    sources = [c["_set"] for c in calls]
    if "--grid" in sys.argv:
        # Set-wise: the honest direction is dev_calls → dev_calls2 (the lexicon saw dev_calls).
        for ngrams, c, vw, lw in itertools.product(((1, 2), (1, 3)), (3.0, 10.0, 30.0, 100.0),
                                                   (1.0, 2.0, 4.0, 6.0, 8.0),
                                                   (0.0, 0.25, 0.5, 1.0)):
            figures = []
            for a, b in itertools.permutations(sorted(set(sources)), 2):
                got, p, want = set_wise(calls, vectors, labels, sources, a, b, ngrams=ngrams,
                                        c=c, vector_weight=vw, lexicon_weight=lw)
                kept = p >= np.quantile(p, 0.12)
                figures.append(f"{(got == want).mean():.3f} (at 88 % "
                               f"{(got[kept] == want[kept]).mean():.3f})")
            print(f"ngrams={ngrams} C={c} vector={vw} lexicon={lw}: " + " | ".join(figures),
                  flush=True)
    pred, prob = cv_probabilities(calls, vectors)
    print(f"chosen (ngrams={cc.NGRAMS} C={cc.C} vector={cc.VECTOR_WEIGHT} "
          f"lexicon={cc.LEXICON_WEIGHT}), {FOLDS}-fold:")
    print("\n".join("  " + r for r in at_thresholds(pred, prob, labels)))
    for a, b in itertools.permutations(sorted(set(sources)), 2):
        got, p, want = set_wise(calls, vectors, labels, sources, a, b)
        lexicon_only = np.array([categorize(calls[i]["text"], False)
                                 for i, s in enumerate(sources) if s == b])
        print(f"lexicon alone (bot/call_category.categorize) on {b}: "
              f"{(lexicon_only == want).mean():.3f}")
        print(f"trained on {a}, tested on {b}:")
        print("\n".join("  " + r for r in at_thresholds(got, p, want)))


def set_wise(calls: list[dict[str, Any]], vectors: np.ndarray, labels: np.ndarray,
             sources: list[str], a: str, b: str,
             **params: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Trained on set `a`, tested on set `b`: (predicted, probability, labelled) on `b`."""
    tr = [i for i, s in enumerate(sources) if s == a]
    te = [i for i, s in enumerate(sources) if s == b]
    model = cc.CallClassifier(**params).fit([calls[i]["text"] for i in tr], list(labels[tr]),
                                            vectors[tr])
    classes, p = model.probabilities([calls[i]["text"] for i in te], vectors[te])
    got = np.array([classes[i] for i in p.argmax(1)], dtype=object)
    return got, p.max(1), labels[te]


if __name__ == "__main__":
    main()
