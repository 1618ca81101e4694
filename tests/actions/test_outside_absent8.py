"""Questions outside the catalog's services and facts the plan lacks (issue 15, i15-outabs8):
terse, colloquial wordings of our own, none of a dev set.

- a wrong told in plain words reaches the clause that acts on it (不给立 → 久拖不立 第172条,
  骗子骗走 → 快速冻结 第147条, 管理人不干事 → 履职评价 第140条, 讨工钱 → 根治欠薪 第167条,
  材料有点小毛病 → 容错机制 第12条, 设门槛卡公司 有没有人管 → 核查 第20条, 空壳 → 快速审理);
- a specific fact the quoted clause does not hold (the items of "15个事", where a place is, how
  many times a year, a clock time, a 高压 user's charge): the clause, then 未写明 and where to ask.
"""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from actions.conversation import ActionHandoff
from tests.actions.conftest import question_tracker, uncited_figures

ask = question_tracker


def _reply(run_action, action: object, text: str, intent: str) -> str:
    return "\n".join(run_action(action, ask(text, intent)).texts)


@pytest.mark.parametrize(("text", "item", "phrase"), [
    ("案子交到法院大半年了就是不给立 找谁反映去", 172, "久拖不立"),
    ("被人冒充客户骗了五万块 钱能追回来吗", 147, "快速冻结"),
    ("管理人一直不作为 我们债权人咋办", 140, "履职评价"),
])
def test_a_grievance_gets_the_clause_that_acts_on_it(run_action, text, item, phrase) -> None:
    reply = _reply(run_action, ActionHandoff(), text, "complaint")
    assert f"第{item}条" in reply and phrase in reply, reply
    assert uncited_figures(reply) == []


@pytest.mark.parametrize(("text", "intent", "item", "phrase"), [
    ("工人要不到工钱 法院能帮忙不", "ask_policy", 167, "根治欠薪"),
    ("简易注销时表格填得有点小毛病 会不会直接退回", "ask_policy", 12, "容错机制"),
    ("招标文件设门槛专卡小公司 有没有人管", "ask_department", 20, "每年对照开展核查"),
    ("厂子早就是个空壳了 想申请破产 能快点走完不", "ask_policy", 139, "快速审理"),
])
def test_a_told_situation_reaches_its_clause(run_action, text, intent, item, phrase) -> None:
    reply = _reply(run_action, ActionAnswerService(), text, intent)
    assert f"第{item}条" in reply and phrase in reply, reply
    assert "第130条" not in reply


@pytest.mark.parametrize(("text", "intent", "item", "missing"), [
    ("吉速办小程序上可以办的15个事都有哪些", "ask_policy", 67, "未列出具体是哪些"),
    ("准东现代产业学院具体在哪里", "ask_policy", 54, "未写明具体地址"),
    ("化妆品店每年被抽查几回啊", "ask_policy", 124, "未写明每年（每月）的具体次数或人数"),
    ("新能源配送车晚上几点以后能进城", "ask_policy", 82, "未写明具体几点"),
    ("我们厂300千瓦 接电要交多少钱", "ask_fee", 42, "报装的具体费用"),
])
def test_a_fact_the_clause_lacks_is_said_unstated(run_action, text, intent, item,
                                                  missing) -> None:
    reply = _reply(run_action, ActionAnswerService(), text, intent)
    assert f"第{item}条" in reply and missing in reply and "12345" in reply, reply
    assert uncited_figures(reply) == []


def test_a_count_the_clause_states_is_not_said_unstated(run_action) -> None:
    reply = _reply(run_action, ActionAnswerService(), "吉速办能办多少个事项", "ask_policy")
    assert "15个事项" in reply and "第67条" in reply and "未写明" not in reply, reply
