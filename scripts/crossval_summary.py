"""Summarise `rasa test nlu --cross-validation` output into reports/crossval.json."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path


def main(result_dir: str) -> int:
    report = json.loads((Path(result_dir) / "intent_report.json").read_text(encoding="utf-8"))
    macro = report["macro avg"]["f1-score"]
    summary = {
        "date": date.today().isoformat(),
        "folds": 5,
        "intent_macro_f1": round(macro, 4),
        "intent_weighted_f1": round(report["weighted avg"]["f1-score"], 4),
        "per_intent_f1": {k: round(v["f1-score"], 4) for k, v in report.items()
                          if isinstance(v, dict) and "support" in v and "avg" not in k},
    }
    out = Path("reports") / "crossval.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"intent macro-F1 (5-fold): {macro:.4f} → {out}")
    return 0 if macro >= 0.95 else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "results/crossval"))
