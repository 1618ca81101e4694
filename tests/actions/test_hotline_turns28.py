"""Where to report, whether anyone acts on it, and 110 (turn28): the 12345 hotline's matter
(第77条). Wordings are new, not the sets'."""

from __future__ import annotations

from actions.catalog_answers import ActionAnswerService
from services_catalog.evidence import plan_words
from services_catalog.follow_ups import report_first
from services_catalog.question_cues import is_bare_follow_up
from services_catalog.resolve import resolve
from tests.actions.conftest import follow_up, question_tracker


def test_whether_anyone_acts_on_it_is_a_bare_follow_up() -> None:
    assert is_bare_follow_up("打过去有人管吗")
    assert is_bare_follow_up("反映了管用不")
    assert not is_bare_follow_up("网上卖假货有人管吗")


def test_whether_anyone_acts_after_the_hotline_stays_on_it(snap) -> None:
    found = resolve(snap, "打了真的有人理吗", previous="hotline-12345")
    assert found.slug == "hotline-12345"


def test_an_emergency_or_110_reads_as_the_police_desk_linked_to_12345() -> None:
    assert "报警服务台" in plan_words("碰上紧急情况咋办")
    assert "报警服务台" in plan_words("能转到110吗")
    assert "报警服务台" not in plan_words("第1100号文件")


def test_an_emergency_asked_of_the_hotline_quotes_the_110_clause(run_action) -> None:
    run = follow_up(run_action, "hotline-12345", "遇到急事的话呢")
    assert "第77条" in run.reply and "110" in run.reply


def test_where_to_report_opening_a_conversation_is_the_hotline(snap) -> None:
    assert report_first(snap, "开饭馆碰到难处，向谁反映") == "hotline-12345"
    # a matter that takes reports itself answers them (供水燃气投诉, 第44条)
    assert report_first(snap, "自来水公司老拖着不接，去哪投诉") is None
    assert report_first(snap, "开个饭馆要多久") is None


def test_where_to_report_is_not_answered_with_a_trades_checklist(run_action) -> None:
    run = run_action(ActionAnswerService(), question_tracker(
        "我在县城开饭馆，年纪大了手机用不来，碰到麻烦想打电话反映，打哪个电话", "ask_channel"))
    assert "第77条" in run.reply and "12345" in run.reply
    assert "一般要办以下事项" not in run.reply


def test_whether_a_report_is_acted_on_quotes_the_hotlines_own_promise(run_action) -> None:
    run = follow_up(run_action, "hotline-12345", "打过去了真有人管吗", "ask_department",
                    "department")
    assert "第77条" in run.reply and "接诉即办" in run.reply


def test_a_matter_told_with_where_to_report_is_answered_as_that_matter(run_action) -> None:
    run = run_action(ActionAnswerService(), question_tracker(
        "有单位乱收我们企业的钱，去哪里举报", "ask_department"))
    assert "一般要办以下事项" not in run.reply
    assert "第128条" in run.reply
