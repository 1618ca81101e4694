"""Absent facts, outside-catalog readings and details (issue 15, round 13): a unit's own number
besides 12345, a fee standard the plan sets none of, the amount of a grant on a rate (费率补助)
whose rate the clause does state, a sole trader's licence, a thing asked to be done online that
another service's clause does online, how things link up asked as one question, a township
station doing several jobs, the investor from abroad, and a year's target. New wordings, none of
a dev set."""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from services_catalog.absent_facts import absent_fact
from services_catalog.search.needs import read_needs
from tests.actions.conftest import question_tracker, uncited_figures

ask = question_tracker


@pytest.mark.parametrize(("text", "kind"), [
    ("除了12345以外，税务局有没有专门的咨询电话？号码是多少", "phone"),
    ("有没有人社局的举报电话", "phone"),
    ("公证员的酬金按什么标准算", "price"),
])
def test_an_absent_kind_is_heard(text, kind) -> None:
    assert absent_fact(text) == kind


@pytest.mark.parametrize("text", [
    "发票号码是多少",
    "双色球下期号码是多少",
    "统一社会信用代码在哪查",
    "打12345号码是多少",
])
def test_no_absent_kind_is_made_up(text) -> None:
    assert absent_fact(text) is None


def test_a_rate_grants_amount_is_not_stated(run_action) -> None:
    reply = run_action(ActionAnswerService(),
                       ask("融资担保的费率补助一般能补几个点？按啥比例给", "ask_fee")).texts[0]
    assert "未写明" in reply and "12345" in reply, reply
    assert uncited_figures(reply) == []


def test_a_sole_trader_is_opening_a_business() -> None:
    assert "办营业执照" in read_needs("注册个体工商户需要准备什么", None)
    assert "办营业执照" not in read_needs("个体户交社保怎么交", None)
    assert "办营业执照" not in read_needs("开了个体户能贷款吗", None)


def test_the_investor_from_abroad_is_inbound() -> None:
    assert "外商投资" in read_needs("外国投资者来了以后能投哪些行业", None)


def test_online_where_another_clause_does_it(snap) -> None:
    from services_catalog.resolve import resolve
    assert resolve(snap, "财产保全能不能在手机上申请？").slug == "online-case-filing"
    assert resolve(snap, "保全保证金交不起怎么办").slug == "property-preservation"


def test_how_things_link_is_one_question(snap) -> None:
    from services_catalog.several import services_asked
    assert services_asked(snap, "仲裁跟诉讼、调解之间是怎么衔接的") == []


def test_a_years_target_is_the_clause_for_that_year(snap) -> None:
    from services_catalog.resolve import resolve
    assert resolve(snap, "2023年底依申请类的政务服务事项网上办理比例要达到多少").slug \
        == "jisuban-miniprogram"


def test_a_township_station_quotes_the_stations_clause(run_action) -> None:
    reply = run_action(ActionAnswerService(),
                       ask("村里想弄个服务站，代收快递还能捎带客运，有扶持吗", "ask_policy")).reply
    assert "第60条" in reply and "一点多能" in reply, reply
