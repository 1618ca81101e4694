"""Is the trained model up to date? A content fingerprint of everything `rasa train` reads, kept
next to the model, so that `make run`/`make train` skip Rasa's trainer (13–26 s even as a no-op:
it imports TensorFlow and re-reads the data) when nothing changed, and retrain when anything did.

    python -m bot.train_stamp check   # exit 0: models/ holds the model of these inputs
    python -m bot.train_stamp write   # after `rasa train`: remember the newest model's inputs

The fingerprint covers more than Rasa's own (which ignores the code of custom components and
the encoder's version), never less: config, domain, data (hand-written and generated from the
catalog), the jieba dictionary, the NLU components' code, the Rasa and encoder pins.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAMP = ".inputs.json"
INPUTS = ("config.yml", "domain.yml", "domain", "data", "generated/jieba", "bot/nlu",
          "requirements-rasa.txt", "requirements-encoder.txt")


def fingerprint(root: Path = ROOT) -> str:
    """sha256 over the relative path and bytes of every input file, in a fixed order."""
    h = hashlib.sha256()
    for name in INPUTS:
        base = root / name
        files = [base] if base.is_file() else sorted(
            p for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for path in files:
            h.update(str(path.relative_to(root)).encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def newest_model(models: Path) -> Path | None:
    found = sorted(models.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return found[-1] if found else None


def is_current(root: Path = ROOT, models: Path | None = None) -> bool:
    """True when the newest model was trained on exactly the inputs there are now."""
    models = models or root / "models"
    try:
        stamp = json.loads((models / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    model = newest_model(models)
    return (model is not None and model.name == stamp.get("model")
            and stamp.get("inputs") == fingerprint(root))


def write(root: Path = ROOT, models: Path | None = None) -> None:
    models = models or root / "models"
    model = newest_model(models)
    if model is None:
        raise SystemExit("no model to stamp (rasa train failed?)")
    tmp = models / (STAMP + ".tmp")
    tmp.write_text(json.dumps({"model": model.name, "inputs": fingerprint(root)}),
                   encoding="utf-8")
    tmp.replace(models / STAMP)


def main(argv: list[str]) -> int:
    if argv[:1] == ["check"]:
        current = is_current(ROOT)
        print("model up to date: nothing to train" if current
              else "training inputs changed (or no stamped model): training")
        return 0 if current else 1
    if argv[:1] == ["write"]:
        write(ROOT)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
