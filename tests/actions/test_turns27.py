"""Follow-ups that kept losing the conversation's service or were read as another region
(tests/dev6, conv27): a due date asked from a start the message gives, after a service with a
time limit; another place within one's own county, which is here."""

from __future__ import annotations

from typing import Any

import pytest

from actions.conversation import ActionFallback
from services_catalog.life_events import life_event_asked
from services_catalog.resolve import due_date_asked_here, resolve, topic_named
from services_catalog.scope import other_region
from tests.actions.conftest import load_tracker


@pytest.mark.parametrize(("service", "text"), [
    ("pre-litigation-mediation", "明天开始调，最晚哪天结束"),
    ("credit-repair-dishonest", "今天还上的话，哪天能删掉"),
    ("online-case-filing", "12月3日交上去，几号能有结果"),
])
def test_dated_question_asks_the_service_at_hand(snap: Any, service: str, text: str) -> None:
    assert due_date_asked_here(snap, service, text)


@pytest.mark.parametrize(("service", "text"), [
    ("pre-litigation-mediation", "最晚哪天结束"),  # no start given: left to the NLU
    ("pre-litigation-mediation", "还有，今天交材料，开公司哪天能办好"),  # another matter
    ("pre-litigation-mediation", "今天开始调，要多久"),  # how long, not which day
])
def test_other_wordings_are_not_dated_follow_ups(snap: Any, service: str, text: str) -> None:
    assert not due_date_asked_here(snap, service, text)


def test_no_time_limit_no_dated_follow_up(snap: Any) -> None:
    without = next(s for s, v in snap.services.items() if not v.time_limits)
    assert not due_date_asked_here(snap, without, "今天开始，哪天能办好")


def test_dated_follow_up_filed_as_fallback_answers_the_date(run_action: Any) -> None:
    tracker = load_tracker(
        "company_time_limit", sender_id="t27-date", events=[],
        slots={"service": "pre-litigation-mediation", "question": "time_limit",
               "condition": None, "misses": 0},
        latest_message={"text": "今天开始调，最晚哪天结束", "entities": [],
                        "intent": {"name": "nlu_fallback", "confidence": 0.3}})
    run = run_action(ActionFallback(), tracker)
    assert "30日" in run.reply and "最晚" in run.reply and "第143条" in run.reply
    assert run.slots.get("service") == "pre-litigation-mediation"


@pytest.mark.parametrize("text", [
    "民宿想在县里别的地方再开个点，执照能加地址吗",
    "市里其他地方还能再开一家吗",
    "想在镇上别的地方开个分店",
])
def test_another_place_within_the_county_is_here(text: str) -> None:
    assert other_region(text) is None


@pytest.mark.parametrize("text", ["其他地方开公司要几天", "新疆其他地方能办吗", "别的城市能办吗"])
def test_another_place_alone_is_still_elsewhere(text: str) -> None:
    assert other_region(text) == "其他地区"


@pytest.mark.parametrize(("previous", "text", "meant"), [
    # 仲裁 names 商事仲裁 and 劳动人事争议 alike: the conversation's own service stays …
    ("labor-dispute", "能找仲裁吗", "labor-dispute"),
    # … and after 根治欠薪 the one sharing its clause (第167条) beats one of its chapter only.
    ("wage-arrears-campaign", "能找仲裁吗", "labor-dispute"),
    ("pre-litigation-mediation", "那仲裁呢", "commercial-arbitration"),  # same unit, as before
    # saying more than the shared word, the message may ask of the other service
    ("water-connection", "自来水公司老拖着不来装，去哪投诉", "utility-complaint"),
])
def test_shared_alias_keeps_the_nearest_service(snap: Any, previous: str, text: str,
                                                meant: str) -> None:
    assert resolve(snap, text, [], previous).slug == meant


def test_several_utilities_named_ask_the_shared_matter(snap: Any) -> None:
    # 接水 (用水报装), 接气 (燃气报装) and 开口费 (市政公用接入, 第91条, which both cite)
    found = resolve(snap, "扩建接水接气，对方要收开口费接入费，这些现在还能收吗", [])
    assert found.slug == "utility-access"
    # no service under which the others all fall: unchanged
    assert resolve(snap, "接水接气接电要多久", []).slug == "water-connection"


@pytest.mark.parametrize(("typed", "meant"), [
    ("合做社想在网上卖葡萄干，村里能通快地吗", "合作社想在网上卖葡萄干，村里能通快递吗"),
    ("用地审皮要多久", "用地审批要多久"),
])
def test_voice_typos_of_common_words(snap: Any, typed: str, meant: str) -> None:
    assert snap.index.correct_typos(typed) == meant


@pytest.mark.parametrize("text", ["请尽快地办理", "很快地就批了", "快点审批"])
def test_real_words_are_left_alone(snap: Any, text: str) -> None:
    assert snap.index.correct_typos(text) == text


def test_typo_read_service(snap: Any) -> None:
    found = resolve(snap, "合做社想在网上卖葡萄干，村里能通快地吗", [])
    assert found.slug == "digital-economy-logistics"


@pytest.mark.parametrize("text", ["你好，我是开民宿的，想问点事", "我们是做运输的，想咨询一下",
                                  "我是开饭馆的，有个事想请教"])
def test_announced_question_gets_no_checklist(snap: Any, text: str) -> None:
    assert life_event_asked(snap, text) is None


@pytest.mark.parametrize("text", ["我是开民宿的", "我想开个饭馆，想问问"])
def test_trade_or_plan_alone_still_gets_its_checklist(snap: Any, text: str) -> None:
    assert life_event_asked(snap, text) is not None


def test_shared_alias_far_from_the_conversation_yields_to_a_sure_reading(snap: Any) -> None:
    # 打官司 names 诉前调解 and 涉企网上立案 alike, neither near 政府招商承诺; the message reads
    # at the search's ceiling as 招商引资合同纠纷, which holds 打官司 too.
    found = resolve(snap, "要是打官司，法院会支持吗", [], "government-commitment")
    assert found.slug == "investment-contract-disputes"
    # near the conversation, the shared alias still picks among its own services
    assert resolve(snap, "要是打官司呢", [], "online-litigation").slug in (
        "pre-litigation-mediation", "online-case-filing")


def test_side_named_is_the_service_whose_name_holds_it(snap: Any) -> None:
    # 执行 is in 胜诉权益兑现（执行）'s name only, not in 拖欠中小企业账款's
    assert topic_named(snap, "sme-arrears", "执行这边有什么机制") == "judgment-enforcement"
    assert resolve(snap, "执行那块能快点吗", [], "sme-arrears").slug == "judgment-enforcement"
    # a side the conversation's service names, or no side at all: none
    assert topic_named(snap, "judgment-enforcement", "执行这边有什么机制") is None
    assert topic_named(snap, "sme-arrears", "有什么机制") is None
