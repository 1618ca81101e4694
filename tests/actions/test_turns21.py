"""Follow-ups of a conversation in terse north-western speech (i15-turns9): a channel question
naming the matter done online answered by the service's own clause that says so; a closing …不
asking yes or no; colloquial words read as the plan's (plan_words.yml). Wordings are new."""

from __future__ import annotations

from typing import Any

import pytest

from actions.catalog_answers import online_here
from actions.conversation import ActionRecordFeedback, asks_by_not
from services_catalog.resolve import addressed_here
from tests.actions.conftest import follow_up, load_tracker, uncited_figures


def test_online_matter_found_in_the_service_own_clause(snap: Any) -> None:
    notary = online_here(snap.services["notary-green-channel"], "公证这块网上能办不")
    assert notary is not None and "网上办证" in notary.variables["quotes"]
    assert "第145条" in notary.variables["quotes"]
    filing = online_here(snap.services["online-case-filing"], "起诉可以在线上立案吗")
    assert filing is not None and "第142条" in filing.variables["quotes"]
    assert "7日内" in filing.variables["quotes"]
    # 弄/搞/整 say 办.
    done = online_here(snap.services["notary-green-channel"], "网上搞得定不")
    assert done is not None and "网上办证" in done.variables["quotes"]


def test_listed_channel_answers_a_bare_online_question(snap: Any) -> None:
    # 不动产登记 lists 全程网办: 网上能办吗 is its channel answer, not 第112条's 网上办理 of 抵押.
    assert online_here(snap.services["property-registration"], "网上能办理吗") is None


def test_no_clause_names_the_online_matter(snap: Any) -> None:
    assert online_here(snap.services["notary-green-channel"], "公证要带啥") is None
    assert online_here(snap.services["deregistration"], "网上弄得成不") is None


def test_channel_follow_up_quotes_the_online_clause(run_action: Any) -> None:
    run = follow_up(run_action, "notary-green-channel", "那网上办不了吧",
                    intent="ask_channel", question="channel")
    reply = run.reply
    assert "第145条" in reply and "网上办证" in reply
    assert "没有写明" not in reply and not uncited_figures(reply)


def test_closing_not_asks() -> None:
    for text in ("还得一个一个交不", "网上弄得成不", "给退钱不"):
        assert asks_by_not(text), text
    for text in ("不", "我不", "说了也不", "挺好的"):
        assert not asks_by_not(text), text


def test_closing_not_filed_as_a_rating_follows_up(run_action: Any) -> None:
    tracker = load_tracker(
        "company_time_limit", sender_id="t21-not", events=[],
        slots={"service": "tax-filing", "question": "channel", "condition": None, "misses": 0},
        latest_message={"text": "各种税还要分开报不", "entities": [],
                        "intent": {"name": "feedback_unsatisfied", "confidence": 0.7}})
    run = run_action(ActionRecordFeedback(), tracker)
    reply = run.reply
    assert "第103条" in reply and "十税合一" in reply
    assert not uncited_figures(reply)


@pytest.mark.parametrize(("service", "text"), [
    ("e-labor-contract", "签合同用哪个平台"),
    ("multi-address-license", "别的县的网点也算吗"),
    ("labor-dispute", "要是事情闹大了咋整"),
    ("sme-procurement", "我们是供货的呢"),
])
def test_colloquial_words_read_as_the_service_clause(snap: Any, service: str, text: str) -> None:
    assert addressed_here(snap, service, text)


def test_help_in_person_reads_as_face_to_face_service(run_action: Any) -> None:
    run = follow_up(run_action, "tax-dedicated-service", "税务局能派人上门指导不",
                    intent="ask_howto", question="howto")
    reply = run.reply
    assert "第107条" in reply and "面对面" in reply
