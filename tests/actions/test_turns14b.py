"""Follow-ups of a conversation, second round (i16-turns2): who handles the matter at hand, a
return to an earlier matter, a name two services share, a grievance the plan's words for it
address. Wordings are new, not the sets'."""

from __future__ import annotations

from typing import Any

import pytest

from actions.catalog_answers import ActionAnswerService
from actions.conversation import ActionFallback, ActionHandoff
from services_catalog.question_cues import is_bare_follow_up
from tests.actions.conftest import load_tracker, uncited_figures


@pytest.mark.parametrize(("text", "bare"), [
    ("这块到底谁来负责", True), ("那这个归谁管", True), ("这种事谁来处理", True),
    # a matter named besides: not the one at hand
    ("工地塌方了赔偿谁来负责", False), ("谁能申请", False),
])
def test_who_handles_it_names_no_matter(text: str, bare: bool) -> None:
    assert is_bare_follow_up(text) is bare


def _tracker(service: str | None, text: str, intent: str,
             events: list[dict[str, Any]] | None = None):
    return load_tracker(
        "company_time_limit", sender_id=f"t14b-{abs(hash(text))}", events=events or [],
        slots={"service": service, "question": "overview", "condition": None, "misses": 0},
        latest_message={"text": text, "entities": [], "intent": {"name": intent,
                                                                 "confidence": 0.4}})


def _turn(said: str, slug: str) -> list[dict[str, Any]]:
    return [{"event": "user", "text": said, "parse_data": {"intent": {"name": "ask_policy"}}},
            {"event": "bot", "text": "…", "data": {"custom": {"type": "service_card",
                                                             "slug": slug}}}]


def test_who_handles_it_asks_the_department_of_the_matter_at_hand(run_action) -> None:
    run = run_action(ActionFallback(), _tracker("gas-connection", "这块到底谁来负责",
                                                "nlu_fallback"))
    reply = "\n".join(run.texts)
    assert "燃气报装" in reply and "牵头" in reply
    assert "建筑师" not in reply


def test_going_back_to_an_earlier_matter_answers_it(run_action) -> None:
    events = [*_turn("工人说老板欠薪不给，想找人帮忙维权", "labor-dispute"),
              *_turn("工资保证金能换成保函吗", "migrant-wage-deposit")]
    run = run_action(ActionAnswerService(), _tracker(
        "migrant-wage-deposit", "说回欠薪那事，能不能在镇里就处理掉", "ask_channel", events))
    reply = "\n".join(run.texts)
    assert "第27条" in reply and "就地就近" in reply
    assert run.slots["service"] == "labor-dispute"
    assert not uncited_figures(reply)


def test_going_back_picks_the_turn_the_message_recalls(run_action) -> None:
    # the recalled matter is the service of the last turn too; the turn between is another's
    events = [*_turn("销售经理把客户名单拷走跳槽了", "ip-protection"),
              *_turn("法院有审知识产权的专门法庭吗", "ip-adjudication"),
              *_turn("网店上有人卖仿我们的货", "ip-protection")]
    run = run_action(ActionAnswerService(), _tracker(
        "ip-protection", "回到客户名单被拷走的事，归谁管", "ask_department", events))
    reply = "\n".join(run.texts)
    assert "州市场监督管理局" in reply and "商业秘密" in reply
    assert run.slots["service"] == "ip-protection"


def test_a_name_two_services_share_goes_to_the_one_nearest_the_conversation(
        run_action) -> None:
    run = run_action(ActionAnswerService(), _tracker(
        "pre-litigation-mediation", "那仲裁呢", "inform_service"))
    reply = "\n".join(run.texts)
    assert "商事仲裁" in reply and "第170条" in reply
    assert "劳动人事争议" not in reply


def test_a_case_dragging_on_in_court_is_answered_with_the_plans_commitment(
        run_action) -> None:
    run = run_action(ActionHandoff(), _tracker(
        "epidemic-business-disputes", "官司打了快两年，法院迟迟不判", "complaint"))
    reply = "\n".join(run.texts)
    assert "12345" in reply
    assert "第172条" in reply and "久审不结" in reply


def test_also_said_of_ones_plans_quotes_no_clause_about_doing_things_at_once(
        run_action) -> None:
    # after a checklist whose steps include 用电报装 (第41条 …同时规划、施工、投产)
    checklist = {"event": "bot", "text": "开娱乐场所一般要办以下事项", "data": {"custom": {
        "type": "life_event", "slug": "special-industry-permit",
        "lead": "special-industry-permit", "steps": [
            {"slug": "company-registration"}, {"slug": "special-industry-permit"},
            {"slug": "electricity-connection"}]}}}
    run = run_action(ActionAnswerService(), _tracker(
        None, "另外我们同时也打算开一家保安服务公司", "ask_policy", [checklist]))
    reply = "\n".join(run.texts)
    assert "第79条" in reply
    assert "第41条" not in reply and "用电" not in reply


def test_a_new_trouble_told_is_answered_by_the_chapters_clause(run_action) -> None:
    run = run_action(ActionFallback(), _tracker(
        "telecom-fraud", "还有几个混混老上门堵着逼我们还债，明显不是正规公司", "nlu_fallback"))
    reply = "\n".join(run.texts)
    assert "第146条" in reply and "非法催收债务" in reply


def test_a_trouble_no_clause_addresses_is_still_not_understood(run_action) -> None:
    run = run_action(ActionFallback(), _tracker(
        "telecom-fraud", "我们楼下天天有人乱停车，烦死了", "nlu_fallback"))
    assert "第" not in "\n".join(run.texts)


def test_a_new_matter_opened_with_还有_is_asked_of_that_matter(run_action) -> None:
    run = run_action(ActionAnswerService(), _tracker(
        "truck-access", "还有我们乡下寄快递要去镇上，什么时候能通到村里", "ask_due_date"))
    reply = "\n".join(run.texts)
    assert "第61条" in reply and "2025年底" in reply
    assert "货车" not in reply
