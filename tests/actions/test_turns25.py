"""Follow-ups told by voice or formally (i15-turns12, dev_plan25/26 turns): closing the easy way
(注销…简单 → 简易注销, the related service), a kind named against the matter's own word (税务的
after 简易注销 → 税务注销), two services named where one's clause names the other (企业开办 …
一件事一次办 → 第15条), an out-of-hours channel question quoting 不打烊, papers not yet in (先受理 →
容缺受理), a building's size asked (多大面积 → 3000平方米), written directions (说明 → 办事指南).
Wordings are new."""

from __future__ import annotations

from typing import Any

import pytest

from services_catalog.resolve import resolve
from tests.actions.conftest import follow_up, uncited_figures


@pytest.mark.parametrize("text", ["厂子不开了想注销，有没有简便点的办法",
                                  "企业要注消，有简单的流程吗",
                                  "我们有个没欠债的空壳公司要注销"])
def test_closing_the_easy_way_is_simple_deregistration(snap: Any, text: str) -> None:
    assert resolve(snap, text, []).slug == "simple-deregistration"


def test_closing_plainly_stays_deregistration(snap: Any) -> None:
    assert resolve(snap, "公司不开了要注销", []).slug == "deregistration"


def test_a_kind_of_the_matter_goes_next_door(snap: Any) -> None:
    assert resolve(snap, "那税务的也要另外去办吗", [], "simple-deregistration").slug == (
        "deregistration")


def test_a_clause_naming_both_services_decides(snap: Any) -> None:
    assert resolve(snap, "企业开办的一件事一次办有清单没有", []).slug == "company-registration"
    assert resolve(snap, "一件事一次办是什么", []).slug == "one-thing-once"


@pytest.mark.parametrize(("service", "text", "item", "words", "intent", "question"), [
    ("company-registration", "周末能不能在网上申请", 2, "不打烊", "ask_channel", "channel"),
    ("company-registration", "办的时候有没有个说明", 15, "办事指南", "ask_policy", "overview"),
    ("low-risk-project", "面积多大以内才算", 89, "3000平方米", "ask_policy", "overview"),
    ("tolerance-acceptance", "证明还没下来，可以先受理不", 74, "先办后补", "ask_policy",
     "overview"),
])
def test_detail_quotes_the_clause(run_action: Any, service: str, text: str, item: int,
                                  words: str, intent: str, question: str) -> None:
    reply = follow_up(run_action, service, text, intent=intent, question=question).reply
    assert f"第{item}条" in reply and words in reply.replace(" ", "")
    assert not uncited_figures(reply)


def test_channel_question_in_office_hours_keeps_the_channels(run_action: Any) -> None:
    reply = follow_up(run_action, "company-registration", "在哪能办",
                      intent="ask_channel", question="channel").reply
    assert "不打烊" not in reply


def test_online_and_out_of_hours_asked_apart_keeps_the_channels(run_action: Any) -> None:
    reply = follow_up(run_action, "company-registration", "能在网上申请吗，周末也能交不",
                      intent="ask_channel", question="channel").reply
    assert "全流程网办" in reply
