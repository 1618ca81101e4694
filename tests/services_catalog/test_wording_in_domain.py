"""Reply wording lives in domain.yml: Python fills its variables and renders it (wording.render)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from services_catalog.config import ROOT
from services_catalog.wording import render, responses

# Phrases only a reply sentence has (拨打12345, 可向…咨询, 《行动方案》未写明 / 未列出); the
# question cues' regexes hold 12345 and 咨询 alone, never these.
_REPLY_PHRASES = ("拨打12345", "可向", "您可以向", "未写明", "未列出", "可能还涉及以下事项",
                  "尚未公布", "方案没有写")
_SOURCES = [*sorted((ROOT / "services_catalog").glob("*.py")),
            *sorted((ROOT / "actions").glob("*.py"))]


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
