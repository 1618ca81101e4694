"""Follow-ups in four styles (i15-turns10, dev_plan22 turns): a condition or detail kept on the
conversation's service (多快来人, 得等多少天, 没带齐, 分别跑, 手机上办, 哪个平台); a learner's
spaces between words; a checklist followed by its related-matters note; a region naming only a
partner of the business (供内地合作方使用). Wordings are new."""

from __future__ import annotations

from typing import Any

import pytest

from actions.catalog_access import checklist_lead, checklist_shown
from services_catalog.evidence import plan_words
from services_catalog.normalize import unspaced
from services_catalog.question_cues import content_besides_cues, is_bare_follow_up
from services_catalog.resolve import addressed_here, resolve
from services_catalog.scope import other_region
from tests.actions.conftest import follow_up, load_tracker, uncited_figures


def test_spaced_words_are_told_from_spaced_clauses() -> None:
    assert unspaced("跟 对方 可以 谈谈 吗") == "跟对方可以谈谈吗"
    assert unspaced("材料 有 点 错 吗？") == "材料有点错吗？"
    # WeChat shorthand pauses between clauses: its runs are long.
    for text in ("欠款不还 准备起诉 立案要几天", "人在外地 不想回去"):
        assert unspaced(text) == text


def test_spaced_words_read_like_unspaced(snap: Any) -> None:
    assert content_besides_cues("跟 对方 能 商量 吗？") == content_besides_cues("跟对方能商量吗？")
    assert "执行和解" in plan_words("和 对方 可以 商量 吗")
    assert addressed_here(snap, "credit-repair-dishonest", "和 对方 可以 协商 吗？")


@pytest.mark.parametrize("text", ["审下来还得等多久", "批下来要等几天"])
def test_waiting_for_it_names_no_procedure(text: str) -> None:
    assert is_bare_follow_up(text)


@pytest.mark.parametrize("text", ["在什么网站上申请", "用哪个平台办理啊"])
def test_which_channel_is_a_bare_follow_up(snap: Any, text: str) -> None:
    assert is_bare_follow_up(text)
    assert resolve(snap, text, [], "special-industry-permit").slug == "special-industry-permit"


@pytest.mark.parametrize(("service", "text"), [
    ("vehicle-inspection", "交了申请几天能来人"),
    ("online-case-filing", "要是资料没备齐咋办"),
    ("gas-connection", "是不是得两头跑"),
    ("tax-filing", "个人的用手机能办吗"),
])
def test_colloquial_words_stay_on_the_service(snap: Any, service: str, text: str) -> None:
    assert addressed_here(snap, service, text)
    assert resolve(snap, text, [], service).slug == service


def test_come_out_quotes_the_service_clause(run_action: Any) -> None:
    reply = follow_up(run_action, "vehicle-inspection", "交了申请几天能来人",
                      intent="ask_time_limit", question="time_limit").reply
    assert "第81条" in reply and "上门查验" in reply and not uncited_figures(reply)


def test_papers_short_quotes_the_filing_clause(run_action: Any) -> None:
    reply = follow_up(run_action, "online-case-filing", "要是资料没备齐咋办").reply
    assert "第142条" in reply and "一次性全面告知" in reply and not uncited_figures(reply)


def _events_after_checklist() -> list[dict[str, Any]]:
    steps = [{"slug": "sme-procurement"}, {"slug": "bid-deposit"}]
    return [
        {"event": "action", "name": "action_session_start"},
        {"event": "bot", "data": {"custom": {"type": "life_event", "lead": "sme-procurement",
                                             "steps": steps}}},
        {"event": "bot", "data": {"custom": {"type": "related_matters", "steps": steps[:1]}}},
    ]


def test_related_matters_note_keeps_the_checklist() -> None:
    tracker = load_tracker(
        "company_time_limit", sender_id="t22-note", events=_events_after_checklist(),
        slots={"service": None, "question": None, "condition": None, "misses": 0},
        latest_message={"text": "工程的呢", "entities": [],
                        "intent": {"name": "nlu_fallback", "confidence": 0.3}})
    assert checklist_lead(tracker) == "sme-procurement"
    assert checklist_shown(tracker) == ["sme-procurement", "bid-deposit"]


def test_partner_from_elsewhere_is_no_region_asked() -> None:
    assert other_region("学历公证要给内地的合作伙伴用，能网上办吗") is None
    assert other_region("内地办学历公证要多久") == "内地"
