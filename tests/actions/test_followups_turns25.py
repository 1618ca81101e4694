"""Follow-ups naming no service (turns25): where to report a problem, a …不 question the NLU
took for a rating or out of scope, a …呢 the NLU took for naming a service, an online
question asked of a service done online, a together-question about a related matter.
Wordings are new, not the sets'."""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from actions.conversation import ActionRecordFeedback, ActionSmallTalk
from services_catalog.follow_ups import asks_where_to_report, report_switch
from tests.actions.conftest import load_tracker, uncited_figures


def _after(service: str, text: str, intent: str, confidence: float = 0.5,
           question: str = "overview"):
    return load_tracker(
        "company_time_limit", sender_id=f"t25-{abs(hash(text))}",
        slots={"service": service, "question": question, "condition": None, "misses": 0},
        latest_message={"text": text, "entities": [],
                        "intent": {"name": intent, "confidence": confidence}})


@pytest.mark.parametrize(("text", "asked"), [
    ("遇到这事找谁反映", True), ("要投诉的话打啥电话", True), ("向哪个部门举报", True),
    ("投诉了有人管吗", False), ("我已经反映过了", False),
])
def test_where_to_report_is_asked(text: str, asked: bool) -> None:
    assert asks_where_to_report(text) is asked


def test_a_service_taking_no_reports_sends_them_to_12345(snap) -> None:
    assert report_switch(snap, "sme-arrears", "这事该找谁反映") == "hotline-12345"
    # 供水燃气投诉 is itself where such reports go
    assert report_switch(snap, "utility-complaint", "这事该找谁反映") is None
    assert report_switch(snap, "sme-arrears", "多久能清完") is None


def test_where_to_report_after_a_service_quotes_the_hotline_clause(run_action) -> None:
    run = run_action(ActionAnswerService(), _after(
        "random-inspection", "查得不对要到哪里反映", "ask_channel", 0.9, "channel"))
    assert "第77条" in run.reply and "接诉即办" in run.reply
    # the conversation's service stays: its answer first, the hotline's clauses beside it
    assert run.slots["service"] == "random-inspection"
    assert [c["slug"] for c in run.cards] == ["random-inspection"]


def test_a_complaint_told_of_a_service_taking_it_is_not_sent_to_12345(snap) -> None:
    # 自来水公司 reads as 供水燃气投诉 (第44条), which takes complaints itself
    assert report_switch(snap, "water-connection", "自来水公司老不来装，去哪投诉") is None


def test_a_not_question_taken_for_a_rating_asks_of_the_service(run_action) -> None:
    run = run_action(ActionRecordFeedback(), _after(
        "financing-guarantee", "费率能再补一点不", "feedback_unsatisfied", 0.55))
    assert "第33条" in run.reply and "补助" in run.reply
    assert not uncited_figures(run.reply)


def test_a_not_question_taken_for_out_of_scope_asks_of_the_service(run_action) -> None:
    run = run_action(ActionSmallTalk(), _after(
        "migrant-wage-deposit", "保证金可以免一点不", "out_of_scope", 0.45))
    assert "第32条" in run.reply


def test_a_sure_out_of_scope_not_question_stays_out_of_scope(run_action) -> None:
    run = run_action(ActionSmallTalk(), _after(
        "migrant-wage-deposit", "帮我买张火车票行不", "out_of_scope", 0.9))
    assert "第32条" not in run.reply


def test_the_same_asked_of_a_group_stays_with_the_service(run_action) -> None:
    run = run_action(ActionAnswerService(), _after(
        "talent-recruitment", "刚毕业的学生呢", "inform_service", 0.8))
    assert run.slots["service"] == "talent-recruitment"


def test_online_asked_of_a_service_done_online_stays(run_action) -> None:
    run = run_action(ActionAnswerService(), _after(
        "property-registration", "可以在网上弄吗，不想去大厅", "ask_channel", 0.9, "channel"))
    assert run.slots["service"] == "property-registration"
    assert "第112条" in run.reply


def test_together_asked_of_a_related_matter_is_that_matter(run_action) -> None:
    run = run_action(ActionAnswerService(), _after(
        "construction-drawing-review", "盖好了验收也能一块办吗", "ask_channel", 0.8, "channel"))
    assert run.slots["service"] == "joint-acceptance"
    assert "第92条" in run.reply


def test_identity_checked_in_person_is_answered_by_the_remote_clause(run_action) -> None:
    run = run_action(ActionAnswerService(), _after(
        "company-registration", "人在外地回不来，一定要本人到场核验身份吗", "ask_materials", 0.6,
        "materials"))
    assert "第3条" in run.reply and "远程" in run.reply


@pytest.mark.parametrize(("service", "text", "item", "said"), [
    ("talent-recruitment", "招刚毕业的大学生有活动吗", "第51条", "毕业季"),
    ("bankruptcy", "先不破产，重整一下行吗", "第138条", "预重整"),
])
def test_plan_words_read_graduates_and_reorganising(run_action, service: str, text: str,
                                                    item: str, said: str) -> None:
    run = run_action(ActionAnswerService(), _after(service, text, "ask_policy", 0.6))
    assert item in run.reply and said in run.reply


def test_the_same_asked_of_a_plainly_read_service_names_it(run_action) -> None:
    run = run_action(ActionAnswerService(), _after(
        "e-business-license", "那年度报告呢", "inform_service", 0.5))
    assert run.slots["service"] == "annual-report"
