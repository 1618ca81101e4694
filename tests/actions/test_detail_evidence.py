"""The clause that addresses what was asked (issue 15, dev_plan detail / outside_catalog): a
question the NLU filed under a field whose words it does not say asks something else, and the
clause of the service's tasks that addresses it answers it, with its 第N条; the plan's words for
a colloquial word count as the question's; a title clause comes with its body; one chance
character pair is no evidence."""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from tests.actions.conftest import question_tracker, uncited_figures

ask = question_tracker


@pytest.mark.parametrize(("text", "intent", "phrase", "item"), [
    # filed as a channel question, but asks whether two registrations are done together
    ("注册公司的时候医保登记和社保登记得分开办吗，能一起弄不", "ask_channel",
     "社保登记、医保登记", 1),
    # filed as a fee question, but asks whether the budget is published
    ("政府采购的项目预算金额在招标文件里公开吗", "ask_fee", "公开采购项目预算金额", 22),
    # 政务大厅 or the gas company: the clause on the hall's window, not the channel list
    ("燃气报装得去政务大厅还是燃气公司", "ask_channel", "一窗受理", 45),
    # the plan's words for 小错误 (容错) and 后果 (惩戒、限制)
    ("简易注销的材料填错了一点会被驳回吗", "ask_materials", "容错机制", 12),
    ("拖欠农民工工资的老板会有什么后果", "ask_policy", "市场准入", 95),
    # 假冒 … 网上卖 → 线上知识产权侵权, though the service has no channel
    ("有人在网上卖假冒我们商标的东西，能管吗", "ask_channel", "线上知识产权侵权", 136),
])
def test_a_field_question_about_something_else_quotes_its_clause(run_action, text, intent,
                                                                 phrase, item) -> None:
    run = run_action(ActionAnswerService(), ask(text, intent))
    reply = run.texts[0]
    assert phrase in reply and f"第{item}条" in reply, reply
    assert "没有写明" not in reply and "未规定" not in reply
    assert uncited_figures(reply) == []


def test_a_court_yes_no_question_is_not_told_no_channel_is_stated(run_action) -> None:
    # 法院有专门审吗 read as a channel question: what the plan says of the court answers it.
    run = run_action(ActionAnswerService(), ask("知识产权官司法院有专门的审判吗", "ask_channel"))
    assert "渠道" not in run.texts[0]
    assert "三合一" in run.texts[0] and "第133条" in run.texts[0]


def test_a_title_clause_is_quoted_with_its_body(run_action) -> None:
    run = run_action(ActionAnswerService(),
                     ask("放几台自动售货机卖瓶装水，要办食品经营许可证吗", "ask_policy"))
    assert "备案制管理" in run.texts[0] and "第8条" in run.texts[0]


def test_the_channel_words_still_get_the_channels(run_action) -> None:
    run = run_action(ActionAnswerService(), ask("企业开办在哪里办", "ask_channel"))
    assert run.messages[0]["response"] == "utter_channel"
    run = run_action(ActionAnswerService(), ask("用电报装能在政务大厅办吗", "ask_channel"))
    assert "三零" not in run.texts[0]  # a place asked: not the service's overview


def test_a_fee_question_keeps_the_fee_lines(run_action) -> None:
    # 最多交多少 has no fee word, but 投标保证金's fee lines state its 上限.
    run = run_action(ActionAnswerService(), ask("政府采购投标保证金最多交多少", "ask_fee"))
    assert "80万元" in run.texts[0]


def test_one_chance_pair_is_no_evidence(run_action) -> None:
    # 本人在外地 shares only 人在 with 第7条's 企业法人在其住所: not a clause on 一照多址.
    run = run_action(ActionAnswerService(),
                     ask("我人在外地 想在老家注册个商贸公司 非得本人回去吗", "ask_howto"))
    assert "一照多址" not in run.texts[0] and "第7条" not in run.texts[0]
