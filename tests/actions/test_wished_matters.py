"""A clause that adds a want to what the message said before (另外…想…, 我们还打算…) asks a
second matter without a question form: read as a question clause, under the same evidence bars
and area gate (asked_matters). A want that is the message's own matter, a want followed by a
question in its sentence, and a clause telling the scene are not."""

from __future__ import annotations

from actions.catalog_answers import ActionAnswerService
from services_catalog.asked_matters import _wishes, asked_matters, beside_answer
from services_catalog.normalize import normalize
from tests.actions.conftest import question_tracker, uncited_figures


def test_an_added_want_reads_as_its_task() -> None:
    text = "饭店开了家分店，营业执照要办变更，另外员工的劳动合同想在网上签"
    assert _wishes(normalize(text)) == ["另外员工的劳动合同想在网上签"]
    assert 30 in {a.task for a in asked_matters(text)}
    # Beside an answer on the licence change (第5条, 第6条), in the same plan area.
    assert "电子劳动合同" in beside_answer(text, {5, 6})[30]


def test_an_added_plan_with_the_speaker_first_reads_too() -> None:
    text = "饭店开了分店，营业执照变更要跑几趟，我们还打算在网上签劳动合同"
    assert 30 in beside_answer(text, {5, 6})


def test_an_added_want_gets_its_clause_in_the_reply(run_action) -> None:
    text = "开了个烧烤店，要办哪些手续，另外我们还想晚上去大厅办"
    run = run_action(ActionAnswerService(), question_tracker(text, "ask_howto"))
    replies = "\n".join(t or "" for t in run.texts)
    assert "第2条" in replies and "不打烊" in replies, replies
    assert uncited_figures(replies) == []


def test_a_want_that_is_the_messages_own_matter_is_no_second_one() -> None:
    assert _wishes(normalize("我们做新材料的，想跟大学合作搞个研发中心")) == []


def test_a_want_followed_by_its_question_tells_that_questions_case() -> None:
    text = "我们做检测设备的，另外想跟高校合作搞个研发中心，再问问有没有科技保险"
    assert _wishes(normalize(text)) == []


def test_a_told_scene_is_no_want() -> None:
    assert _wishes(normalize("来回跑了三趟，材料还是不齐，还被退回来了")) == []
    assert asked_matters("来回跑了三趟，材料还是不齐") == ()
