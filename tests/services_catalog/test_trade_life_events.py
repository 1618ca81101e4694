"""Life events told in local trades' words (issue 15, dev_plan24's cooperatives, mines, 民宿 …):
the premises a trade closes (砂石矿开不下去了), lodging made out of a house (院子改成民宿), the
registrations struck off (登记也要销掉), and the plan's words for a second matter asked beside
the first (新批地 → 用地审批, 遣散 → 经济性裁员, 绿色的贷款 → 绿色金融)."""

from __future__ import annotations

import re

import pytest

from services_catalog.evidence import plan_words
from services_catalog.life_events import life_event_answer, life_event_asked
from services_catalog.resolve import Resolution
from services_catalog.search import Hit
from services_catalog.snapshot import build_snapshot


@pytest.fixture(scope="module")
def snap():
    from services_catalog.db import get_sessionmaker

    with get_sessionmaker()() as session:
        return build_snapshot(session)


def _cited(snap, text: str) -> set[int]:
    event = life_event_asked(snap, text)
    assert event is not None
    answer = life_event_answer(snap, event)
    return {int(n) for n in re.findall(r"第(\d+)条", answer.variables["lines"])}


@pytest.mark.parametrize("text,scenario", [
    ("砂石矿开不下去了，准备关门，这两头分别怎么弄", "close-business"),
    ("作坊干不下去了，想关掉，要跑哪些部门", "close-business"),
    ("公司和税务登记都要销掉，要办哪些手续", "close-business"),
    ("我想把自家院子改成民宿接游客，要办哪些手续", "open-hotel"),
    ("老宅翻修成客栈，流程是啥", "open-hotel"),
])
def test_a_trades_life_event(snap, text: str, scenario: str) -> None:
    event = life_event_asked(snap, text)
    assert event is not None and event.scenario.slug == scenario


def test_closing_lists_the_layoff_filing_and_unemployment_benefit(snap) -> None:
    # 第28条 经济性裁员备案 and 第29条 失业保险金 (5个工作日) are steps of closing with workers
    cited = _cited(snap, "砂石矿开不下去了，准备关门，工人要遣散，公司也要注销，怎么弄")
    assert {11, 13, 28, 29} <= cited


def test_a_step_line_cites_only_what_its_words_say(snap) -> None:
    # A step's 第N条 backs the words on its line. The plan's words for the message (晚上 →
    # 不打烊, 第2条) name no words of the line: that matter is quoted beside the checklist
    # (asked_matters), not cited bare on the 企业开办 line.
    assert 2 not in _cited(snap, "开了个烧烤店，要办哪些手续，另外我们还想晚上去大厅办")


@pytest.mark.parametrize("text,words", [
    ("新批地大概要多少天", "用地审批"),
    ("工人要遣散，怎么弄", "经济性裁员"),
    ("先要辞退二十来个人", "经济性裁员"),
    ("员工领失业的钱难不难", "失业保险金"),
    ("有没有专门支持绿色的贷款", "绿色金融"),
    ("要签字的表能不能在网上签", "电子签名"),
    ("新员工合同想电脑上签", "电子劳动合同"),
    ("想自己给学员评技能等级", "技能等级评价资质"),
    ("矿山这种行业是不是会被盯着查", "重点监管对象"),
    ("器械这块监管严不严", "重点监管对象"),
    ("民宿在抖音上打广告", "互联网广告"),
    ("过节的时候房价涨一涨", "旅游旺季"),
    ("只让本地几家企业供货，外地的不让进", "公平竞争审查"),
    ("故意压价把我们往死里挤", "反垄断"),
    ("对方拿的借条明显是伪造的", "虚假诉讼"),
    ("我们也想私下调解掉", "诉前调解"),
    ("出纳之前还私自挪过账上的钱", "职务侵占"),
])
def test_a_trade_word_reads_as_the_plans(text: str, words: str) -> None:
    assert words in plan_words(text)


def test_the_easiest_way_to_close_is_not_the_online_registration() -> None:
    # closing's own easy way is 简易注销, which the 注销 service answers; 网办 is of opening
    assert "全流程网办" in plan_words("营业执照怎么办最省事")
    assert "全流程网办" not in plan_words("想把营业执照注销掉，怎么办最省事")
    assert "全流程网办" not in plan_words("注销登记有没有最省事的办法")


@pytest.mark.parametrize("text", ["企业注销要多久", "合同纠纷能调解吗"])
def test_no_reading_where_the_word_is_absent(text: str) -> None:
    for words in ("经济性裁员", "绿色金融", "互联网广告", "虚假诉讼"):
        assert words not in plan_words(text)


def test_a_follow_up_stays_on_the_checklists_step() -> None:
    # 税务那边是不是还要另外跑一趟 after 注销退出: 税务 reads as 跨省税务迁移 first, as well as
    # 企业注销与税务注销, a step of the checklist just shown
    from actions.catalog_answers import step_of_checklist

    found = Resolution("tax-migration", "search", 0.79,
                       [Hit("deregistration", 6.1, 0.696, "bm25", "税务"),
                        Hit("tax-dedicated-service", 6.2, 0.654, "bm25", "税务")])
    steps = ["simple-deregistration", "deregistration", "deregistration-notice"]
    assert step_of_checklist(found, steps).slug == "deregistration"
    assert step_of_checklist(found, []).slug == "tax-migration"
    assert step_of_checklist(found, ["bankruptcy"]).slug == "tax-migration"


def test_a_worker_let_go_is_no_layoff_filing() -> None:
    # the worker's side (被公司辞退了) asks for 失业保险金, not the employer's 经济性裁员备案
    assert "经济性裁员" not in plan_words("我被公司辞退了 失业那个钱咋领")


@pytest.mark.parametrize("text,words", [
    ("工地老板欠了工人好几个月工资，法院那边有没有专门管欠薪的行动", "重点监管对象"),
    ("会不会搞地方保护排挤外地企业", "反垄断"),
    ("那家上市公司财务造假，小股东怎么维权", "虚假诉讼"),
])
def test_a_near_word_is_no_reading(text: str, words: str) -> None:
    assert words not in plan_words(text)
