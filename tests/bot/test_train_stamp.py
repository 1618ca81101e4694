"""`make run`/`make train` skip Rasa's trainer only when nothing it reads changed
(bot/train_stamp.py): one changed NLU example, one changed dictionary word or a changed component
means a retrain; an unchanged checkout (or gen-nlu writing the same bytes again) means none."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bot import train_stamp
from bot.launcher import ROOT


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("config.yml", "domain.yml", "data", "bot/nlu", "requirements-rasa.txt",
                 "requirements-encoder.txt"):
        src, dst = ROOT / name, tmp_path / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dst)
    jieba = tmp_path / "generated" / "jieba"
    jieba.mkdir(parents=True)
    (jieba / "catalog.txt").write_text("营业执照 1000 n\n", encoding="utf-8")
    models = tmp_path / "models"
    models.mkdir()
    (models / "20260101-000000-trained.tar.gz").write_bytes(b"model")
    train_stamp.write(tmp_path)
    return tmp_path


def _first_example(project: Path) -> tuple[Path, str]:
    path = project / "data" / "nlu" / "fee.yml"
    text = path.read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if ln.strip().startswith("- "))
    return path, line


def test_nothing_changed_means_no_training(project: Path) -> None:
    assert train_stamp.is_current(project)
    # gen-nlu rewrites its files with the same bytes on every run: still nothing to train.
    for path in (project / "data").rglob("*.yml"):
        path.write_bytes(path.read_bytes())
    assert train_stamp.is_current(project)


def test_one_changed_nlu_example_means_a_retrain(project: Path) -> None:
    path, line = _first_example(project)
    path.write_text(path.read_text(encoding="utf-8").replace(line, line + "呀", 1),
                    encoding="utf-8")
    assert not train_stamp.is_current(project)
    path.write_text(path.read_text(encoding="utf-8").replace(line + "呀", line, 1),
                    encoding="utf-8")
    assert train_stamp.is_current(project)  # back to the trained inputs


@pytest.mark.parametrize("change", ["dictionary", "component", "config", "encoder", "new file"])
def test_every_training_input_counts(project: Path, change: str) -> None:
    target = {"dictionary": "generated/jieba/catalog.txt",
              "component": "bot/nlu/linear_intent_blend.py", "config": "config.yml",
              "encoder": "requirements-encoder.txt", "new file": "data/nlu/extra.yml"}[change]
    path = project / target
    path.write_text((path.read_text(encoding="utf-8") if path.exists() else "") + "\n",
                    encoding="utf-8")
    assert not train_stamp.is_current(project)


def test_a_model_trained_without_the_stamp_is_not_trusted(project: Path) -> None:
    newer = project / "models" / "20270101-000000-newer.tar.gz"
    newer.write_bytes(b"other")
    os.utime(newer, (2e9, 2e9))
    assert not train_stamp.is_current(project)
    (project / "models" / "20270101-000000-newer.tar.gz").unlink()
    (project / "models" / "20260101-000000-trained.tar.gz").unlink()
    assert not train_stamp.is_current(project)  # no model at all


def test_the_command_exit_status_drives_make(project: Path, monkeypatch) -> None:
    monkeypatch.setattr(train_stamp, "ROOT", project)
    assert train_stamp.main(["check"]) == 0
    path, line = _first_example(project)
    path.write_text(path.read_text(encoding="utf-8").replace(line, line + "吗", 1),
                    encoding="utf-8")
    assert train_stamp.main(["check"]) == 1
