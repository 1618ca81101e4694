"""Follow-ups and outside questions typed by voice by county small owners (i15-turns15): short
follow-ups read with the plan's words for another way, paying less, a reminder, a village, an
address changed; a condition of still paying selects its clause; a meeting held in another city
the caller cannot go to is a question for here. Wordings are new, not the set's."""

from __future__ import annotations

from typing import Any

import pytest

from services_catalog.absent_facts import absent_fact
from services_catalog.evidence import plan_words
from services_catalog.scope import other_region
from tests.actions.conftest import follow_up, uncited_figures


@pytest.mark.parametrize(("text", "word"), [
    ("有没有其他的法子", "替代"), ("这钱能免交不", "减免"), ("快到期了能不能提醒一下", "提醒"),
    ("乡镇上能办不", "乡镇"), ("要是门面搬了咋弄", "变更登记"), ("钱没还清呢", "宽限期"),
    ("卖体温计要管吗", "医疗器械"),
])
def test_colloquial_words_read_as_the_plans(text: str, word: str) -> None:
    assert word in plan_words(text)


@pytest.mark.parametrize(("service", "text", "item", "quote"), [
    ("migrant-wage-deposit", "有没有其他的法子", 32, "工程保证保险"),
    ("migrant-wage-deposit", "这钱能免交不", 32, "减免"),
    ("annual-report", "到了日子能提醒一下不 我记不住", 9, "年报提醒"),
    ("jisuban-miniprogram", "乡镇上能用不", 69, "村（社区）"),
    ("credit-repair-dishonest", "要是钱没还清 正分期还呢", 169, "信用宽限期"),
])
def test_short_follow_up_quotes_the_service_clause(run_action: Any, service: str, text: str,
                                                   item: int, quote: str) -> None:
    reply = follow_up(run_action, service, text, intent="nlu_fallback").reply
    assert f"第{item}条" in reply and quote in reply, reply
    assert not uncited_figures(reply)


def test_own_address_changed_later_is_no_year_question() -> None:
    assert absent_fact("以后门面地址换了呢") is None
    assert absent_fact("将来法人换了咋办") is None
    assert absent_fact("以后政策还会变吗") == "year"


def test_meeting_held_elsewhere_caller_cannot_attend_is_asked_here() -> None:
    assert other_region("债权人会议在北京开 我走不开 咋办") is None
    assert other_region("开庭都在乌鲁木齐 我们去不了 能网上开吗") is None
    # the other city asked about, or no meeting named: still the other region
    assert other_region("乌鲁木齐开公司要几天") == "乌鲁木齐"
    assert other_region("北京那边我去不了 那边咋办") == "北京"
