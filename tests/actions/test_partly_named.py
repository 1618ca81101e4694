"""A name of a service the question says only in part (新模式, of the alias 新模式监管) is the
question's own word: it still points at the clause that writes it (第119条 …新业态、新模式…),
so a speaker who says who they are (我们是一家开网店的小公司) gets that clause, not the 做电商
checklist."""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from tests.actions.conftest import question_tracker, uncited_figures


@pytest.mark.parametrize(("text", "intent"), [
    ("我们是一家开网店的小公司，新模式这块上面管得严不严？", "ask_policy"),
    ("我们是一家开网店的小公司，新模式这块上面管得严不严？", "ask_detail"),
    ("我是搞网上直播卖货的，听说这算新模式，会不会一开始就被严管？", "ask_detail"),
])
def test_a_name_said_in_part_still_counts(run_action, text, intent) -> None:
    run = run_action(ActionAnswerService(), question_tracker(text, intent))
    reply = run.texts[0]
    assert "第119条" in reply and "新模式" in reply and "做电商" not in reply, reply
    assert "网上办理" not in reply, reply
    assert uncited_figures(reply) == []


@pytest.mark.parametrize("text", [
    "我们是开五金店的，想贷款，有没有专人帮我们跟银行对接？",
    "我是开小饭馆的，最近缺资金，银行有没有人能上门帮我们这种小商户？",
])
def test_who_they_are_does_not_beat_what_they_tell(run_action, text) -> None:
    """The shop opened in the first clause says who the speaker is (开五金店的); the situation
    told after it (贷款) is the checklist: 金融辅导员 (第37条), not the shop-opening one."""
    run = run_action(ActionAnswerService(), question_tracker(text, "ask_policy"))
    reply = "\n".join(run.texts)
    assert "金融辅导员" in reply and "第37条" in reply, reply
    assert "企业开办" not in reply, reply
    assert uncited_figures(reply) == []
