"""Licence check of both venvs (`make test` runs it): fails on a Python dependency whose licence is
not on the allow-list of licences.yml, on an unknown licence without a reviewed exception, on a
package shipping model weights whose model licence is not listed and allowed, on a bundled model
card that restricts use (non-commercial, research only), and on a denied package.

    .venv/bin/python scripts/licence_check.py [--python PY ...]   # default: both venvs

Licence metadata comes from pip-licenses (pinned in requirements-dev.txt); the weight files and
model cards are found by asking each interpreter for its distributions' files.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
POLICY = ROOT / "licences.yml"
WEIGHT_SUFFIXES = (".bin", ".npz", ".npy", ".onnx", ".safetensors", ".pt", ".pth", ".h5", ".pb",
                   ".ckpt", ".tflite", ".gguf", ".model", ".msgpack", ".pkl", ".joblib")
WEIGHT_MIN_BYTES = 1 << 20
RESTRICTED = re.compile(r"non[- ]?commercial|research (?:purposes? |use )?only|cc[- ]by[- ]nc|"
                        r"仅(?:限|供)?(?:用于)?(?:学术)?研究|不得(?:用于)?商(?:业|用)", re.I)

# Common spellings in package metadata → the SPDX-like names of licences.yml.
_ALIASES = [
    (r"^(the )?mit( license)?( \(mit\))?$|^expat", "MIT"),
    (r"^mit-0$|^mit no attribution", "MIT-0"),
    (r"^mit-cmu$|^cmu", "MIT-CMU"),
    (r"^bsd-2-clause$|^(simplified|2-clause) bsd|^bsd 2-clause", "BSD-2-Clause"),
    (r"^bsd-3-clause$|^(new|modified|3-clause) bsd|^bsd 3-clause|^bsd-3", "BSD-3-Clause"),
    (r"^bsd( license)?$", "BSD"),
    (r"^apache(-| software license|[ -]license)?[ ,v-]*2(\.0)?( license)?$|"
     r"^apache software license$|^apache$", "Apache-2.0"),
    (r"^isc( license)?( \(iscl\))?$", "ISC"),
    (r"^psf(-2\.0)?$|^python software foundation( license)?$", "PSF-2.0"),
    (r"^mpl[- ]?2\.0$|^mozilla public license 2\.0", "MPL-2.0"),
    (r"^tcl$", "TCL"),
    (r"^(the )?unlicense", "Unlicense"),
    (r"^zlib", "Zlib"),
    (r"^hpnd|historical permission", "HPND"),
    (r"^(gnu )?(library or )?lesser general public license|^lgpl", "LGPL"),
]

PROBE = r"""
import importlib.metadata as md, json, os, sys
out = []
for dist in md.distributions():
    name = dist.metadata["Name"]
    weights, cards = [], []
    for f in dist.files or []:
        p = str(f)
        if "/tests/" in p or p.startswith("tests/"):
            continue
        full = dist.locate_file(f)
        low = p.lower()
        try:
            if low.endswith(SUFFIXES) and os.path.getsize(full) >= MIN:
                weights.append(p)
            elif os.path.basename(low) in ("readme.md", "model_card.md", "modelcard.md") and \
                    ".dist-info" not in p:
                cards.append(str(full))
        except OSError:
            pass
    out.append({"name": name, "weights": weights, "cards": cards})
print(json.dumps(out))
"""


def canonical(licence: str) -> list[list[str]]:
    """A licence string → alternatives (OR) of conjunctions (AND) of canonical names; a name the
    table does not know stays as it is (and is then not allowed)."""
    text = licence.strip()
    if not text or text.upper() == "UNKNOWN":
        return [["UNKNOWN"]]
    # pip-licenses joins several classifiers with "; ": each is a licence the package is under.
    options = []
    for part in re.split(r";\s*|\s+OR\s+", text):
        names = []
        for term in re.split(r"\s+AND\s+", part.strip().strip("()")):
            term = term.strip().strip("()")
            for pattern, name in _ALIASES:
                if re.search(pattern, term, re.I):
                    names.append(name)
                    break
            else:
                names.append(term)
        options.append(names)
    return options


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    packages: int = 0


def check(packages: list[dict], files: list[dict], policy: dict) -> Report:
    """`packages`: pip-licenses' JSON rows (Name, Version, License); `files`: PROBE's rows."""
    allowed = set(policy["allowed"])
    reviewed = policy.get("reviewed") or {}
    models = policy.get("models") or {}
    denied = policy.get("denied") or {}
    report = Report(packages=len(packages))
    for row in packages:
        name = row["Name"]
        key = name.lower().replace("_", "-")
        if key in denied:
            report.problems.append(f"{name}: denied ({denied[key]})")
            continue
        if key in reviewed:
            continue
        options = canonical(row["License"])
        if not any(all(n in allowed for n in names) for names in options):
            report.problems.append(f"{name} {row['Version']}: licence {row['License']!r} is not "
                                   "on the allow-list (licences.yml) and not reviewed")
    for row in files:
        key = row["name"].lower().replace("_", "-")
        if key in denied:
            continue  # already reported
        if row["weights"]:
            entry = models.get(key)
            if entry is None:
                report.problems.append(f"{row['name']}: ships model weights ({row['weights'][0]}"
                                       ", ...) but licences.yml lists no model licence for it")
            elif entry["licence"] not in policy["model_licences"]:
                report.problems.append(f"{row['name']}: model licence {entry['licence']} is not "
                                       "allowed")
            else:
                report.models.append(f"{row['name']}: {entry['model']} ({entry['licence']})")
        for card in row["cards"]:
            text = Path(card).read_text(encoding="utf-8", errors="replace")
            hit = RESTRICTED.search(text)
            if hit:
                report.problems.append(f"{row['name']}: {Path(card).name} restricts use "
                                       f"({hit.group(0)!r})")
    return report


def inspect(python: str) -> tuple[list[dict], list[dict]]:
    pip_licenses = Path(sys.executable).with_name("pip-licenses")
    rows = json.loads(subprocess.run(
        [str(pip_licenses), "--python", python, "--format=json", "--from=mixed"],
        check=True, capture_output=True, text=True).stdout)
    probe = PROBE.replace("SUFFIXES", repr(WEIGHT_SUFFIXES)).replace("MIN", str(WEIGHT_MIN_BYTES))
    files = json.loads(subprocess.run([python, "-c", probe], check=True, capture_output=True,
                                      text=True).stdout)
    return rows, files


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--python", action="append",
                    help="interpreter(s) to check (default: .venv and .venv-rasa)")
    args = ap.parse_args()
    pythons = args.python or [str(ROOT / v / "bin" / "python") for v in (".venv", ".venv-rasa")
                              if (ROOT / v / "bin" / "python").exists()]
    policy = yaml.safe_load(POLICY.read_text(encoding="utf-8"))
    failed = False
    for python in pythons:
        report = check(*inspect(python), policy)
        print(f"{python}: {report.packages} packages; models: {'; '.join(report.models) or '-'}")
        for problem in report.problems:
            print(f"  FAIL {problem}")
        failed |= bool(report.problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
