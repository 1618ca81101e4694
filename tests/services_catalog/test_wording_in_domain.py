"""Reply wording lives in domain.yml: Python fills its variables and renders it (wording.render)."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest

from services_catalog.config import ROOT
from services_catalog.wording import render, responses

# Phrases only a reply sentence has (拨打12345, 可向…咨询, 《行动方案》未写明 / 未列出); the
# question cues' regexes hold 12345 and 咨询 alone, never these.
_REPLY_PHRASES = ("拨打12345", "可向", "您可以向", "未写明", "未列出", "可能还涉及以下事项",
                  "尚未公布", "方案没有写")
# The agent-assist spoken script and the 12345 work-order draft: every sentence they say is a
# domain.yml response (utter_spoken_*, utter_workorder_*), none an f-string of their own.
_SCRIPT_SOURCES = [ROOT / "bot" / "spoken_script.py", ROOT / "bot" / "workorder.py"]
_SOURCES = [*sorted((ROOT / "services_catalog").glob("*.py")),
            *sorted((ROOT / "actions").glob("*.py")), *_SCRIPT_SOURCES]
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _reply_strings(path: Path) -> list[str]:
    """String literals of a module (docstrings aside) holding a reply sentence's phrase."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            and n.body and isinstance(n.body[0], ast.Expr)
            and isinstance(n.body[0].value, ast.Constant)}
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
            and any(p in n.value for p in _REPLY_PHRASES)]


@pytest.mark.parametrize("path", _SOURCES, ids=lambda p: p.name)
def test_no_reply_sentence_built_in_python(path: Path) -> None:
    """absent_facts once appended "。《行动方案》未列出具体需要哪些材料，您可以向…咨询" itself."""
    assert _reply_strings(path) == []


def test_tails_render_as_the_reply_reads() -> None:
    """The tail after a quote naming a term: the term and the unit to ask, nothing else."""
    tail = render("utter_tail_unexplained_term",
                  {"term": "166执行工作模式", "ask_unit": "州中级人民法院"})
    assert tail == ("。《行动方案》只提到“166执行工作模式”，未写明它具体指什么，"
                    "您可以向州中级人民法院咨询，或拨打12345政务服务便民热线")
    bubble = render("utter_related_matters", {"lines": "1. 甲（第3条）\n2. 乙（第4条）"})
    assert bubble.splitlines() == ["您说的情况可能还涉及以下事项（出自《行动方案》）：",
                                   "1. 甲（第3条）", "2. 乙（第4条）",
                                   "具体以办理窗口告知为准，也可拨打12345咨询。"]
    assert {"utter_tail_unlisted", "utter_tail_unlisted_materials", "utter_tail_unstated_in_line",
            "utter_missing_free_only_for", "utter_missing_step_limit", "utter_missing_year_target",
            "utter_missing_personal_affair", "utter_extra_no_limit_quoted",
            "utter_note_holidays_unpublished", "utter_note_upcoming_change"} <= set(responses())


@pytest.mark.parametrize("path", _SCRIPT_SOURCES, ids=lambda p: p.name)
def test_agent_scripts_build_no_chinese_fstring(path: Path) -> None:
    """spoken_script once said f"方案没有规定{name}的具体办理时限…" and workorder
    f"您反映的{category}事项我已经记录…" themselves."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    built = [ast.unparse(n) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr)
             and any(isinstance(v, ast.Constant) and _CJK.search(v.value) for v in n.values)]
    assert built == []


def test_agent_script_sentences_render_as_read() -> None:
    from bot.call_classifier import Verdict
    from bot.spoken_script import spoken
    from bot.workorder import build, question_label
    from services_catalog.schemas import ServiceOut

    service = ServiceOut.model_construct(
        slug="x", name="甲事项", time_limits=[], fees=[], channels=[], materials=[],
        lead_unit="州某局", departments=["州某局"], howto="", aliases=[])
    said = spoken(service, ["time_limit", "fee", "channel", "materials"], "甲事项",
                  date(2026, 3, 2))
    assert said == ("方案没有规定甲事项的具体办理时限，以受理窗口告知为准。"
                    "方案对收费没有规定，以窗口告知为准。"
                    "方案没有写明办理渠道，可以到政务服务大厅综合窗口咨询。"
                    "材料清单以办事指南或窗口一次性告知为准。")
    assert question_label("fee") == "收费标准" and question_label("unknown") == "unknown"
    draft = build("喂，我要投诉窗口态度差", [], [], None, False, date(2026, 3, 2), None,
                  Verdict("投诉", 0.9))
    assert draft is not None
    assert draft["summary"] == "来电人反映：我要投诉窗口态度差。诉求类型：投诉。"
    assert draft["reply"] == ("您反映的投诉事项我已经记录，"
                              "会按规定转交承办单位办理，请保持电话畅通。")
    assert {"utter_spoken_limit", "utter_spoken_limits", "utter_spoken_due",
            "utter_spoken_due_item", "utter_spoken_department", "utter_spoken_beyond_capacity",
            "utter_workorder_reply_emergency", "utter_workorder_reply_legal_route",
            "utter_workorder_reply_recorded"} <= set(responses())
