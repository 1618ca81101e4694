"""Facts the plan lacks, asked in a letter's, an older speaker's or a learner's words (issue 15,
i15-outabs9): wordings of our own, none of a dev set.

- the items of a list the clause only names (请列明…具体事项, 写了哪些…念一下, 那些…政策有哪几条):
  the clause, then 《行动方案》未列出具体是哪些 and where to ask;
- words typed one by one (一 方 多少 钱, 要 几 天) are read across the spaces: a unit price or a
  time limit the plan never sets is said unstated, not answered with another figure.
"""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from services_catalog.normalize import unspaced
from tests.actions.conftest import question_tracker, uncited_figures

ask = question_tracker


def _reply(run_action, text: str, intent: str) -> str:
    return "\n".join(run_action(ActionAnswerService(), ask(text, intent)).texts)


@pytest.mark.parametrize(("text", "item"), [
    ("尊敬的市场监管局：请列明从轻处罚清单里的具体事项", 130),
    ("帮办代办的事项清单写了哪些，给我念一下", 75),
])
def test_a_named_list_asked_item_by_item_is_said_unlisted(run_action, text, item) -> None:
    reply = _reply(run_action, text, "ask_policy")
    assert f"第{item}条" in reply and "未列出具体是哪些" in reply and "12345" in reply, reply
    assert uncited_figures(reply) == []


def test_a_unit_price_typed_word_by_word_is_said_unstated(run_action) -> None:
    reply = _reply(run_action, "我们的 工厂 用 天然气，一 方 多少 钱？", "ask_fee")
    assert "未写明" in reply and "具体价格" in reply and "第45条" in reply, reply
    assert uncited_figures(reply) == []


def test_a_time_limit_typed_word_by_word_the_plan_does_not_set(run_action) -> None:
    reply = _reply(run_action, "我们的 公司 简易 注销 要 几 天？", "ask_time_limit")
    assert "没有为简易注销规定具体的办理时限" in reply and "第11条" in reply, reply


def test_the_count_the_clause_states_stands(run_action) -> None:
    reply = _reply(run_action, "吉速办能办多少个事项", "ask_policy")
    assert "15个事项" in reply and "第67条" in reply and "未列出" not in reply, reply


@pytest.mark.parametrize(("typed", "read"), [
    ("我们的 饭店 用 电，一 度 多少 钱？", "我们的饭店用电，一度多少钱？"),
    # spaces between phrases are pauses, kept
    ("小程序上能查的那些事 具体都有哪些 说一下", "小程序上能查的那些事 具体都有哪些 说一下"),
    ("政府性担保公司 担保费最多 收多少？", "政府性担保公司 担保费最多 收多少？"),
])
def test_unspaced_joins_only_word_by_word_typing(typed: str, read: str) -> None:
    assert unspaced(typed) == read


# Outside the catalog's words: plan_words readings of plain words (汉语不好 → 多语种服务,
# 哪些事情要批准…单子 → 行政许可事项清单, 远程评/网上评 → 网络视频会审).
@pytest.mark.parametrize(("text", "item", "phrase"), [
    ("我爸不懂汉语，在网上办事能用哈萨克语吗", 72, "多语种服务"),
    ("我们搞不清哪些事情要政府批准，有没有个单子", 68, "行政许可事项清单"),
    ("专家在外地，项目评审能不能网上评", 90, "网络视频会审"),
])
def test_plain_words_reach_the_clause(run_action, text, item, phrase) -> None:
    reply = _reply(run_action, text, "ask_policy")
    assert f"第{item}条" in reply and phrase in reply, reply
