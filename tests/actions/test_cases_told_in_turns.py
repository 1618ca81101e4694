"""Follow-ups that tell the case at hand or ask of its own thing (issue 15, items 6 and 8): a
case in the service's own words is its variant, not a life event; 能网上办吗 of a service with
no channel of its own is the chapter's online clause; a word the conversation's service holds
(保证金) stays its own; in X的Y the service named by X is asked about."""

from __future__ import annotations

import pytest

from tests.actions.conftest import follow_up, load_tracker, uncited_figures


def _reply(run) -> str:  # noqa: ANN001 (conftest's Run)
    return "\n".join(run.texts)


@pytest.mark.parametrize(("text", "figure"), [
    ("我们公司是搞工程施工的", "400万元"), ("我们是卖货物的", "200万元"),
])
def test_a_case_in_the_services_words_is_its_variant(run_action, text: str, figure: str) -> None:
    run = follow_up(run_action, "sme-procurement", text, intent="inform_condition")
    reply = _reply(run)
    assert "第21条" in reply and figure in reply
    assert "一般要办以下事项" not in reply  # no life-event checklist
    assert run.slots["service"] == "sme-procurement"
    assert not uncited_figures(reply)


def test_online_asked_of_a_service_without_a_channel(run_action) -> None:
    run = follow_up(run_action, "tax-ukey", "能不能在网上申请", intent="ask_channel",
                    question="fee")
    reply = _reply(run)
    assert "全流程网办" in reply and ("第2条" in reply or "第1条" in reply)
    assert "没有写明" not in reply


def test_what_the_business_has_is_a_case_of_the_service(run_action) -> None:
    from actions.conversation import ActionFallback  # noqa: PLC0415 (only this test)

    tracker = load_tracker(
        "company_time_limit",
        slots={"service": "new-format-food-filing", "question": "overview", "condition": None,
               "misses": 0},
        latest_message={"text": "我们门店里还有台咖啡机",
                        "intent": {"name": "nlu_fallback", "confidence": 0.4}, "entities": []},
    )
    reply = _reply(run_action(ActionFallback(), tracker))
    assert "第8条" in reply and "仅销售预包装食品" in reply


@pytest.mark.parametrize("text", ["保证金拿不出来", "保证金实在交不起"])
def test_the_services_own_word_stays_with_it(run_action, text: str) -> None:
    run = follow_up(run_action, "property-preservation", text, intent="inform_service")
    reply = _reply(run)
    assert "第160条" in reply and "第23条" not in reply


def test_the_owner_of_x_de_y_is_asked_about(run_action) -> None:
    from actions.catalog_answers import ActionAnswerService  # noqa: PLC0415 (only this test)
    from tests.actions.conftest import question_tracker  # noqa: PLC0415

    run = run_action(ActionAnswerService(),
                     question_tracker("起诉的材料不全，要来回跑吗", "ask_materials"))
    reply = _reply(run)
    assert "第142条" in reply and "一次性全面告知" in reply


def test_a_named_span_is_not_the_services_time_limit(run_action) -> None:
    run = follow_up(run_action, "credit-repair-dishonest", "那个宽限期一般给多久",
                    intent="ask_time_limit", question="time_limit")
    reply = _reply(run)
    assert "未写明" in reply and "12345" in reply
    assert "3日" not in reply
