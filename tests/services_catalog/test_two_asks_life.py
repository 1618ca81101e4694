"""A situation with two asks, each answered by its own task (第N条): the plan's words for the
second ask (plan_words.yml), a wrong told after the question, a question that says it opens
another matter (另外…), and a foreign country named as the trade itself (做哈萨克斯坦边贸的)."""

from __future__ import annotations

import pytest

from services_catalog.asked_matters import asked_matters, beside_answer
from services_catalog.scope import other_region


def tasks(text: str) -> set[int]:
    return {a.task for a in asked_matters(text)}


@pytest.mark.parametrize(("text", "task"), [
    # receivables pledged: 应收账款质押, not a building's 不动产抵押
    ("客户欠的钱一直没结，能不能拿手里的应收款去银行押着贷点款？", 35),
    # a bank's adviser: 金融辅导员, not the tax office's 点对点
    ("想贷款扩大门面，手续不会弄，银行那边有没有专门上门辅导的？", 37),
    # annual reports made once for several offices: 多报合一
    ("工商社保好几个地方，年报能不能一次报完？", 9),
    # ... the offices told each to want one, the question after them
    ("开了个小饭馆，每年工商要报，统计也要报，能不能一次报完？", 9),
    # a trade agreement's benefit: 自贸协定优惠政策
    ("第一次往中亚卖货心里没底，那些贸易协定的优惠我们能享受吗？", 96),
    # insurance against a buyer who does not pay: 出口信用保险
    ("货要发到国外去，还有怕人家不给钱，有没有啥保险能兜底？", 97),
    # booking online: 数字生活 新消费
    ("我们饭馆想弄扫码点餐，政府有没有推这种数字化消费的？", 59),
    # bidders in league, watched: 围标串标 预警
    ("参加了一个工程的投标，感觉有几家是串通好的，有人查吗？", 18),
    # a purchase judged unfairly: 质疑投诉
    ("上次政府采购评得不公平，想提意见，去哪提？", 25),
    # settling with the other side at enforcement: 执行和解
    ("官司输了要执行，到了执行阶段还能跟对方和解吗？", 152),
    # a wage arrear that may count against bidding: 联合惩戒 准入限制
    ("要是施工队拖欠民工工资，会不会连累我们以后投标？", 95),
])
def test_the_second_ask_reads_as_its_task(text: str, task: int) -> None:
    assert task in tasks(text)


def test_a_wrong_told_after_the_question_is_read() -> None:
    text = "店里会计私自把收的货款挪走了，这能立案吗？她走的时候还把客户名单带去了别家"
    assert {148, 134} <= tasks(text)
    # ... only a further thing that happened (还 / 也 …), not the scene told after the question
    assert 134 not in tasks("这能立案吗？客户名单是我们自己整理的")


def test_another_matter_said_to_be_another_stands_beside_an_answer_of_another_area() -> None:
    text = ("老房子想改成民宿，房本没办下来，住所能登记吗？另外执照办了以后社保医保登记"
            "是不是还得一个窗口一个窗口再跑一遍")
    assert 1 in beside_answer(text, {111, 112})
    # without 另外 the area guard stays
    text = "老房子想改成民宿，房本没办下来，社保医保登记是不是还得一个窗口一个窗口再跑一遍"
    assert 1 not in beside_answer(text, {111, 112})


@pytest.mark.parametrize("text", [
    "我们做哈萨克斯坦边贸的，应收款回不来，能贷款吗",
    "哈萨克斯坦那边有人想要货，第一次做外贸，政府能指导吗",
])
def test_a_foreign_country_named_as_the_trade_stays_in_scope(text: str) -> None:
    assert other_region(text) is None


def test_that_countrys_own_rules_are_still_another_region() -> None:
    assert other_region("哈萨克斯坦的贸易政策是什么") == "哈萨克斯坦"
    assert other_region("哈萨克斯坦那边有人想要货，那边进口关税是多少") == "哈萨克斯坦"
