"""det27: a detail of the asked service answered with the plan clause that states it — money
words that ask no charge, offices told as the case, a size told against a clause's bound, what a
service does, the plan's words for a few colloquial readings, and a step's detail under a
life-event checklist."""

from __future__ import annotations

from typing import Any

from actions.catalog_access import CACHE
from actions.catalog_answers import ActionAnswerService, asked_question
from services_catalog.answers import asks_what_it_does, detail_answer
from services_catalog.db import session_scope
from services_catalog.evidence import plan_words, question_grams
from services_catalog.life_events import life_event_asked, step_detail
from services_catalog.question_cues import (
    decisive_question_type,
    says_no_charge_asked,
    says_no_office_asked,
)
from tests.actions.conftest import question_tracker


def test_money_words_that_ask_no_charge() -> None:
    for text in ("客户研发费用能加计扣除吗", "缴费基数也能手机上报吗", "钱能追回来吗",
                 "货交了钱迟迟不付"):
        assert says_no_charge_asked(text), text
        assert decisive_question_type(text) != "ask_fee", text
    for text in ("用电报装收费吗", "这个要交费吗", "缴费基数要交钱吗", "研发费用要多少钱"):
        assert not says_no_charge_asked(text), text
    assert decisive_question_type("用电报装收费吗") == "ask_fee"
    # The NLU's fee guess on such words gives way to the plan's clauses.
    assert asked_question("ask_fee", "客户研发费用能加计扣除吗") == "overview"
    assert asked_question("ask_fee", "缴费基数也能手机上报吗") == "channel"
    assert asked_question("ask_fee", "用水报装要交钱吗") == "fee"


def test_offices_told_as_the_case_ask_no_office() -> None:
    assert says_no_office_asked("客户一年被各个部门上门检查好几次，能不能少查点")
    assert not says_no_office_asked("这事归哪个部门管")
    assert asked_question("ask_department", "客户一年被各个部门上门检查好几次，能不能少查点") \
        == "overview"
    assert asked_question("ask_department", "用水报装找哪个部门") == "department"


def test_a_not_a_question_form_is_no_word_of_the_plan() -> None:
    grams = question_grams("4吨的货车限不限行", [])
    assert "限行" in grams and "不限" not in grams


def _detail(slug: str, text: str) -> str:
    with session_scope() as session:
        snap = CACHE.get(session)
    answer = detail_answer(snap.services[slug], text)
    assert answer is not None, text
    return answer.variables["quotes"]


def test_a_size_told_reads_the_clause_bounding_it() -> None:
    quotes = _detail("truck-access", "4吨的厢式货车白天能进市区送货吗，限不限行")
    assert quotes.startswith("放宽城市道路货车通行限制，对4.5吨以下货车")


def test_what_a_service_does_is_its_clause_listing_it() -> None:
    assert asks_what_it_does("除了临牌还能办啥")
    assert asks_what_it_does("电子营业执照能干啥用")
    assert not asks_what_it_does("在哪办")
    assert "机动车预查验" in _detail("vehicle-registration-station", "除了临牌还能办啥")
    assert _detail("jisuban-miniprogram", "我在手机上那个吉速办小程序能办啥事").startswith(
        "“吉速办”小程序至少实现15个事项可办理")
    assert "无纸化登记" in _detail("e-business-license", "客户的电子营业执照能干啥用")


def test_colloquial_readings_in_the_plans_words() -> None:
    assert "无事不扰" in plan_words("一年被检查好几次，能不能少查点").split()
    assert "无事不扰" not in plan_words("信用一直挺好，抽查的时候会不会少查点").split()  # 第117条
    assert "首贷户" in plan_words("头一回贷款银行不给咋办").split()
    assert "首贷户" in plan_words("我从来没带过款").split()
    assert "自行招用" in plan_words("我们自己招的保安要备案吗").split()
    assert "可查询" in plan_words("用手机能查办到哪一步了吗").split()
    assert "支付时效" in plan_words("货交了钱迟迟不付").split()
    assert "支付时效" not in plan_words("甲方是镇政府，尾款一直不给").split()  # arrears
    assert "加计扣除" in plan_words("研发投入能不能多扣点").split()
    assert "首贷户" not in plan_words("贷款要带什么材料").split()
    # The service's own aliases (第一次贷款, 首贷) are a naming, not a detail to read.
    assert plan_words("首贷户第一次贷款政府给贴息多少，贴几年") == ""


def test_a_step_detail_under_the_checklist() -> None:
    with session_scope() as session:
        snap = CACHE.get(session)
    text = "客户投政府采购的标，保证金怎么交"
    event = life_event_asked(snap, text)
    assert event is not None
    detail = step_detail(snap, event, text)
    assert detail is not None and detail.card and detail.card["slug"] == "bid-deposit"
    assert "低于2%" in detail.variables["quotes"]
    # Asking for the procedures: the checklist alone.
    procedures = "参加政府采购要办哪些手续"
    event = life_event_asked(snap, procedures)
    assert event is not None and step_detail(snap, event, procedures) is None


def test_the_checklist_then_the_clause_asked(run_action: Any) -> None:
    run = run_action(ActionAnswerService(), question_tracker(
        "客户对政府采购的中标结果不服，从哪提异议", "ask_channel"))
    assert "电子招标投标系统" in run.reply and "第25条" in run.reply
    assert run.cards[0]["type"] == "life_event"


def test_several_told_is_no_count_asked() -> None:
    from services_catalog.absent_facts import amount_asked  # noqa: PLC0415

    told = "客户是连锁便利店，几个分店的食品许可信息要变更，每家都要跑一趟现场吗"
    assert amount_asked(told) is None
    assert amount_asked("能办几个事项") is not None
    assert amount_asked("公司能开几个分店吗") is not None
    assert amount_asked("一次能办几家，要带材料吗") is not None
    # A question asked before the several told leaves the count to the amount reading.
    assert amount_asked("执照地址要变 是不是还得交房产证 几个连锁店的食品证也要改") is not None
