"""Follow-ups the NLU cannot place (i16-turns): a question word typed by sound, a follow-up
naming nothing after a checklist, an amount told in the unit the conversation's service sets
its thresholds in. Wordings are new, not the sets'."""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from actions.conversation import ActionFallback, ActionSmallTalk
from services_catalog.normalize import normalize
from services_catalog.question_cues import is_bare_follow_up
from tests.actions.conftest import load_tracker, uncited_figures


@pytest.mark.parametrize(("text", "norm"), [
    ("在那领呢", "在哪领呢"), ("去那儿办？", "去哪儿办?"), ("大概多旧", "大概多久"),
    # a place said, not asked: 那 stays
    ("我们在那办过手续", "我们在那办过手续"), ("在那办完了", "在那办完了"),
])
def test_question_words_typed_by_sound_are_put_right(text: str, norm: str) -> None:
    assert normalize(text) == norm


@pytest.mark.parametrize(("text", "bare"), [
    ("多长时间能办下来", True), ("几天能拿到手", True), ("多久能审完", True),
    ("营业执照多久能拿到", False), ("护照多久能办好", False),
])
def test_getting_it_done_names_no_procedure(text: str, bare: bool) -> None:
    assert is_bare_follow_up(text) is bare


def _after(slots: dict, text: str, intent: str, events: list | None = None):
    return load_tracker(
        "company_time_limit", sender_id=f"t14-{abs(hash(text))}", events=events or [],
        slots={"question": "overview", "condition": None, "misses": 0, **slots},
        latest_message={"text": text, "entities": [], "intent": {"name": intent,
                                                                 "confidence": 0.4}})


def test_where_typed_by_sound_after_an_answer_asks_where(run_action) -> None:
    run = run_action(ActionFallback(), _after({"service": "chain-food-license-change"},
                                              "去那里办", "nlu_fallback"))
    reply = "\n".join(run.texts)
    assert "政务服务大厅" in reply and "第6条" in reply


CHECKLIST = {"event": "bot", "text": "注销退出一般要办以下事项",
             "data": {"custom": {"type": "life_event", "slug": "unemployment-insurance",
                                 "lead": "unemployment-insurance", "steps": [
                                     {"slug": "simple-deregistration"},
                                     {"slug": "unemployment-insurance"}]}}}


def test_a_follow_up_after_a_checklist_asks_about_its_lead(run_action) -> None:
    run = run_action(ActionAnswerService(), _after(
        {"service": None}, "多长时间能批下来", "ask_time_limit", [CHECKLIST]))
    reply = "\n".join(run.texts)
    assert "第29条" in reply and "5个工作日" in reply.replace(" ", "")
    assert "用地" not in reply
    assert run.slots["service"] == "unemployment-insurance"
    assert not uncited_figures(reply)


def test_a_checklist_without_a_lead_keeps_asking_back(run_action) -> None:
    unled = {**CHECKLIST, "data": {"custom": {**CHECKLIST["data"]["custom"], "lead": None}}}
    run = run_action(ActionAnswerService(), _after(
        {"service": None}, "要多久", "ask_time_limit", [unled]))
    assert "第29条" not in "\n".join(run.texts)


def test_an_amount_in_the_services_unit_is_its_case(run_action) -> None:
    # filed out of scope by the NLU: an amount and a kind, no question word
    run = run_action(ActionSmallTalk(), _after(
        {"service": "sme-procurement"}, "我们这单大概一百二十万，是服务类的", "out_of_scope"))
    reply = "\n".join(run.texts)
    assert "第21条" in reply and "200万元" in reply
    assert not uncited_figures(reply)


def test_an_amount_in_another_unit_is_no_follow_up(run_action) -> None:
    run = run_action(ActionSmallTalk(), _after(
        {"service": "sme-procurement"}, "我家那条狗有三十斤重", "out_of_scope"))
    assert "第21条" not in "\n".join(run.texts)
