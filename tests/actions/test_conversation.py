"""Fallback, hand-off and feedback actions."""

from __future__ import annotations

from sqlalchemy import select

from actions.conversation import (
    ActionFallback,
    ActionHandoff,
    ActionRecordFeedback,
    ActionSmallTalk,
)
from services_catalog.models import Feedback
from tests.actions.conftest import load_tracker


def test_second_miss_hands_off_to_12345_with_a_summary(run_action) -> None:
    run = run_action(ActionFallback(), load_tracker("nonsense_second_miss"))
    assert run.messages[0]["response"] == "utter_handoff"
    assert "12345" in run.texts[0]
    assert "啊吧啊吧咕噜" in run.texts[0]


def test_first_miss_offers_candidates_or_asks_again(run_action) -> None:
    tracker = load_tracker("nonsense_second_miss", slots={"misses": 0, "service": None,
                                                           "question": None, "condition": None})
    run = run_action(ActionFallback(), tracker)
    assert run.messages[0]["response"] in {"utter_did_you_mean", "utter_not_understood"}
    assert run.slots["misses"] == 1


def test_fallback_still_answers_when_a_service_is_plainly_named(run_action) -> None:
    tracker = load_tracker(
        "nonsense_second_miss",
        latest_message={"text": "通水嘛嘛嘛", "intent": {"name": "nlu_fallback"}, "entities": []},
    )
    run = run_action(ActionFallback(), tracker)
    assert run.cards and run.cards[0]["slug"] == "water-connection"


def test_feedback_is_stored_with_the_conversation(run_action, db_session) -> None:
    tracker = load_tracker(
        "context_channel",
        sender_id="feedback-test-1",
        latest_message={"text": "/feedback_satisfied", "intent": {"name": "feedback_satisfied"},
                        "entities": []},
    )
    run = run_action(ActionRecordFeedback(), tracker)
    assert "感谢" in run.texts[0]
    row = db_session.scalar(select(Feedback).where(Feedback.sender == "feedback-test-1"))
    assert row is not None and row.rating == "satisfied" and row.slug == "company-registration"


def test_a_conversation_rates_a_service_once(run_action, db_session) -> None:
    """Finding 9: repeating the rating (or changing it) does not add to the 好差评 figures."""
    from sqlalchemy import func

    for intent in ("feedback_satisfied", "feedback_satisfied", "feedback_unsatisfied"):
        tracker = load_tracker("context_channel", sender_id="feedback-once-1", latest_message={
            "text": f"/{intent}", "intent": {"name": intent}, "entities": []})
        assert run_action(ActionRecordFeedback(), tracker).texts
    count = db_session.scalar(select(func.count(Feedback.id)).where(
        Feedback.sender == "feedback-once-1", Feedback.slug == "company-registration"))
    assert count == 1


def test_a_question_about_no_known_service_counts_as_a_miss(run_action) -> None:
    from actions.catalog_answers import ActionAnswerService

    tracker = load_tracker(
        "nonsense_second_miss",
        latest_message={"text": "？？？？", "intent": {"name": "ask_time_limit"}, "entities": []},
    )
    run = run_action(ActionAnswerService(), tracker)
    assert run.messages[0]["response"] == "utter_handoff"
    assert "12345" in run.texts[0]


def test_an_out_of_scope_guess_that_describes_a_service_is_answered_from_the_catalog(
    run_action,
) -> None:
    # No name or alias, and the NLU filed it as out of scope: the example questions recognise
    # 用水报装, and the conversation's last service (企业开办) does not take over.
    tracker = load_tracker(
        "context_channel",
        latest_message={"text": "咱店里想安个水表得多长时间", "intent": {"name": "out_of_scope"},
                        "entities": []},
    )
    run = run_action(ActionSmallTalk(), tracker)
    assert run.cards and run.cards[0]["slug"] == "water-connection", run.texts
    assert "5个工作日" in run.texts[0]


def test_out_of_scope_commands_and_feedback_words_stay_what_they_are(run_action) -> None:
    for text, intent, action, response in (
        ("帮我叫个出租车", "out_of_scope", ActionSmallTalk(), "utter_out_of_scope"),
        ("今天天气咋样", "out_of_scope", ActionSmallTalk(), "utter_out_of_scope"),
        ("这回答我很不满意", "feedback_unsatisfied", ActionRecordFeedback(),
         "utter_feedback_sorry"),
    ):
        tracker = load_tracker(
            "context_channel", sender_id=f"claim-{abs(hash(text))}",
            latest_message={"text": text, "intent": {"name": intent}, "entities": []},
        )
        run = run_action(action, tracker)
        assert not run.cards, (text, run.texts)
        assert run.messages[0]["response"] == response, (text, run.texts)


def test_noise_counts_as_a_miss_and_the_second_goes_to_12345(run_action) -> None:
    fresh = {"misses": 0, "service": None, "question": None, "condition": None}
    first = run_action(ActionSmallTalk(), load_tracker(
        "nonsense_second_miss", slots=fresh,
        latest_message={"text": "啊啊啊啊啊", "intent": {"name": "greet"}, "entities": []},
    ))
    assert first.slots["misses"] == 1 and "12345" not in first.texts[0]
    second = run_action(ActionSmallTalk(), load_tracker(
        "nonsense_second_miss", slots={**fresh, "misses": 1},
        latest_message={"text": "今天天气咋样", "intent": {"name": "out_of_scope"},
                        "entities": []},
    ))
    assert second.messages[0]["response"] == "utter_handoff"
    assert "12345" in second.texts[0]


def test_a_bare_follow_up_taken_for_small_talk_is_about_the_last_service(run_action) -> None:
    # 在哪领 / 收费吗 carry nothing but the question; the NLU may call such a short line a greeting.
    for text, intent, expected in (("在哪领", "greet", "一网通办"), ("收费吗", "thanks", "免费"),
                                   ("要几天呢", "nlu_fallback", "3个工作日")):
        tracker = load_tracker(
            "context_channel", sender_id=f"bare-{abs(hash(text))}",
            latest_message={"text": text, "intent": {"name": intent}, "entities": []},
        )
        action = ActionFallback() if intent == "nlu_fallback" else ActionSmallTalk()
        run = run_action(action, tracker)
        assert run.cards and run.cards[0]["slug"] == "company-registration", (text, run.texts)
        assert expected in run.texts[0], (text, run.texts)
    # Without a service in the conversation it stays small talk.
    tracker = load_tracker("context_channel", slots={"service": None, "misses": 0},
                           latest_message={"text": "在哪领", "intent": {"name": "greet"},
                                           "entities": []})
    assert not run_action(ActionSmallTalk(), tracker).cards


def test_a_question_about_the_hotline_is_answered_a_request_for_a_person_handed_off(
    run_action,
) -> None:
    for text, card in (("企业有困难能打12345吗", "hotline-12345"), ("帮我转人工", None),
                       ("我要找12345的人工", None),
                       ("店里想安个水表 申请了得多长时间能装好", "water-connection"),
                       ("俺想接电", "electricity-connection"),  # names a service, no person
                       ("麻烦转接一下", None)):
        tracker = load_tracker(
            "context_channel", sender_id=f"handoff-{abs(hash(text))}",
            latest_message={"text": text, "intent": {"name": "human_handoff"}, "entities": []},
        )
        run = run_action(ActionHandoff(), tracker)
        if card:
            assert run.cards and run.cards[0]["slug"] == card, (text, run.texts)
        else:
            assert not run.cards and run.messages[0]["response"] == "utter_handoff", run.texts


def test_a_long_question_the_nlu_took_for_a_rating_is_answered(run_action) -> None:
    # Ratings and goodbyes are short; a long question filed under one is a service question.
    tracker = load_tracker(
        "context_channel", sender_id="long-rating",
        latest_message={"text": "老板拖着工资好几个月不发 能去哪里告他",
                        "intent": {"name": "feedback_unsatisfied"}, "entities": []},
    )
    run = run_action(ActionRecordFeedback(), tracker)
    assert run.cards and run.cards[0]["slug"] == "labor-dispute", run.texts  # search 0.53
    # A short rating stays a rating.
    tracker = load_tracker(
        "context_channel", sender_id="short-rating",
        latest_message={"text": "没用", "intent": {"name": "feedback_unsatisfied"},
                        "entities": []},
    )
    assert run_action(ActionRecordFeedback(), tracker).messages[0]["response"] == \
        "utter_feedback_sorry"
