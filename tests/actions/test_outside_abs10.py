"""Tasks outside the common services, several services and details (issue 15): the clause of a
service's tasks that a colloquial word points at (被抓 → 逮捕/羁押, 有点违法 → 偶有不法行为,
辨真假 → 核实真伪, 垄断 → 反垄断), the task a who-question is about, a count asked (几家) as a
question, 跟对方 as "with them" rather than a second thing, one word two services share naming
neither, and the hall asked of a service whose tasks tie it to 政务服务. New wordings, none of a
dev set."""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from services_catalog.several import services_asked
from tests.actions.conftest import question_tracker, uncited_figures

ask = question_tracker


@pytest.mark.parametrize(("text", "item", "phrase"), [
    # a slight offence told lightly: 偶有不法行为…情节显著轻微 (第162条)
    ("公司出纳一时违规，情节比较轻，会被抓走吗", 162, "偶有不法行为"),
    # arrest asked: 羁押…强制措施 (第165条)
    ("老板犯了点事，会不会直接抓人", 165, "强制措施"),
    # true or false: 扫码核实鉴定书真伪 (第144条), not its 互联网+评估鉴定 clause
    ("拿到的鉴定书怎么辨别是不是真的", 144, "真伪"),
    # 出了点错 is a small fault: 简易注销登记容错机制 (第12条)
    ("简易注销要是材料出了点错，有容错吗", 12, "容错"),
])
def test_a_colloquial_word_picks_the_clause(run_action, text, item, phrase) -> None:
    reply = run_action(ActionAnswerService(), ask(text, "ask_policy")).texts[0]
    assert phrase in reply and f"第{item}条" in reply, reply
    assert uncited_figures(reply) == []


def test_a_who_question_cites_the_task_it_is_about(run_action) -> None:
    # 公平竞争审查与反垄断 has 第126条 (审查) and 第127条 (反垄断执法): 垄断 asks the second
    run = run_action(ActionAnswerService(),
                     ask("几家公司串通起来压价，这算垄断吗，归谁管", "ask_department"))
    assert "第127条" in run.texts[0], run.texts[0]


def test_a_who_question_naming_only_the_service_keeps_its_task(run_action) -> None:
    run = run_action(ActionAnswerService(), ask("燃气报装找哪个部门", "ask_department"))
    assert "第45条" in run.texts[0], run.texts[0]


def test_a_count_asked_is_a_question_of_its_own(run_action) -> None:
    run = run_action(ActionAnswerService(),
                     ask("上市企业州里定的目标是几家？村村通快递什么时候通", "ask_policy"))
    reply = run.texts[0]
    assert "第39条" in reply and "第61条" in reply, reply


def test_the_hall_asked_of_a_service_tied_to_government_services(run_action) -> None:
    run = run_action(ActionAnswerService(), ask("办电和燃气报装能在政务大厅办吗", "ask_channel"))
    reply = run.texts[0]
    assert "第41条" in reply and "第45条" in reply, reply
    assert "未写明具体渠道" not in reply


@pytest.mark.parametrize("text", [
    "执行的案子能不能跟对方和解，分两次付",  # 跟对方: with the other party, one matter
    "税务局执法有没有公示，又怎么保证公正",  # 保证 is as much 保全保证金 as 投标保证金
])
def test_no_second_service_from_a_party_or_a_shared_word(snap, text) -> None:
    assert len(services_asked(snap, text)) < 2, services_asked(snap, text)
