"""The catalog's example questions become NLU examples only under the type their wording asks."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from services_catalog.config import ROOT
from services_catalog.nlu_export import annotate, export_type

GENERATE = r"""
import json
from types import SimpleNamespace
from services_catalog.config import SEED_FILE
from services_catalog.nlu_export import question_examples
from services_catalog.transfer import parse_yaml
services = [SimpleNamespace(slug=r["slug"], name=r["name"], aliases=r.get("aliases") or [])
            for r in parse_yaml(SEED_FILE.read_text(encoding="utf-8"))]
print(json.dumps(question_examples(services), ensure_ascii=False, sort_keys=True))
"""


@pytest.mark.parametrize(("question", "intent"), [
    ("开公司要多久", "ask_time_limit"),
    ("燃气报装收费吗", "ask_fee"),
    ("开票的盘要自己掏钱买吗", "ask_fee"),
    ("户口本丢了网上能补吗", "ask_channel"),
    ("营业执照在哪领", "ask_channel"),
    ("供电所电话多少", "ask_department"),
])
def test_a_question_is_filed_under_the_type_it_asks(question: str, intent: str) -> None:
    assert export_type(question) == intent


@pytest.mark.parametrize("text", [
    "想夸下窗口",                           # praise, not a channel question
    "钱让骗子转了",                          # a fraud told, no fee asked
    "贷款快到期了，能不先还钱接着贷吗",        # 钱 only sets the scene
    "网上有人卖跟我们一模一样的东西",          # 网上 only sets the scene
    "假冒物流平台让交保证金 交完联系不上了",    # 联系 only sets the scene
    "燃气被多收了钱 我要投诉",                # a complaint
    "开公司要多久，收费吗",                    # two types: none
])
def test_a_wording_that_asks_no_single_type_is_left_out(text: str) -> None:
    assert export_type(text) is None


def test_the_longest_catalog_phrase_is_annotated() -> None:
    assert annotate("燃气报装要多久", ["燃气", "燃气报装"]) == "[燃气报装](service)要多久"


def test_the_generated_examples_do_not_change_with_the_hash_seed() -> None:
    # Rasa fingerprints its data: generated files that differed from run to run would make
    # `make train` retrain every time. Equal-length names (建设用地 / 用地审批) once swapped.
    outputs = {
        subprocess.run([sys.executable, "-c", GENERATE], cwd=ROOT, capture_output=True,
                       text=True, check=True, timeout=120,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
