"""Questions about matters outside the catalog's services, and facts the plan lacks (issue 15,
i15-outside7): new wordings, none of a dev set.

- 定向培养 / 跟学校合作培养 is the plan's 订单班、协议班、委培班 (第54条), read by the fallback too;
- a business from abroad coming here to invest is 外商投资 (第58条), never 境外投资 (第98条);
- a matter done in another county than one's own is 异地办理 (第64条 州内通办);
- above 160kW / 高压: the clause is quoted and the asker's own day count is said to be unstated;
- 财产保全 asked online: 第153条 网上保全 (新疆移动微法院), not "the plan names no channel";
- a howto's quoted term carries its own task's number (“一窗受理” of 燃气报装 is 第45条's);
- a connection dragged out (迟迟不给接水), told as a grievance: the 报装 time limit (第46条).
"""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from actions.conversation import ActionFallback, ActionHandoff
from services_catalog.evidence import cite_stray_terms
from tests.actions.conftest import question_tracker, uncited_figures

ask = question_tracker


@pytest.mark.parametrize("text", [
    "我们煤化工厂缺技术工人，能不能和技校合作定向培养一批学员？",
    "想跟职业院校搞个委托培养，按我们厂的需要来培养电工，行吗？",
])
def test_training_to_order_is_the_order_class_clause(run_action, text) -> None:
    run = run_action(ActionFallback(), ask(text, "nlu_fallback"))
    reply = "\n".join(run.texts)
    assert "订单班" in reply and "第54条" in reply, reply
    assert uncited_figures(reply) == []


@pytest.mark.parametrize("text", [
    "吉尔吉斯斯坦的老板想来昌吉投资办厂，有什么政策？",
    "有个外国企业打算到咱们这边投资，要注意啥？",
])
def test_investment_from_abroad_is_not_outward_investment(run_action, text) -> None:
    run = run_action(ActionAnswerService(), ask(text, "ask_policy"))
    reply = "\n".join(run.texts)
    assert "第58条" in reply and "第98条" not in reply and "对外投资" not in reply, reply


def test_going_abroad_to_invest_stays_outward_investment(run_action) -> None:
    run = run_action(ActionAnswerService(), ask("我们想去哈萨克斯坦投资建个厂，州里有啥服务",
                                                "ask_policy"))
    assert "第98条" in run.texts[0], run.texts[0]


def test_another_county_is_cross_region_service(run_action) -> None:
    run = run_action(ActionAnswerService(),
                     ask("我们公司在奇台，去其他县市也能办事吗？", "ask_policy"))
    reply = "\n".join(run.texts)
    assert "州内通办" in reply and "第64条" in reply and "商标" not in reply, reply


@pytest.mark.parametrize("text", ["高压用户装电，全过程几个工作日能办好？",
                                  "我们厂要装400千瓦的电，报装多少天"])
def test_above_the_three_zero_users_the_day_count_is_said_unstated(run_action, text) -> None:
    run = run_action(ActionAnswerService(), ask(text, "ask_time_limit"))
    reply = run.texts[0]
    assert "三省" in reply and "第42条" in reply, reply
    assert "未写明160kW以上用户和高压用户的全过程办理时限" in reply and "12345" in reply, reply
    assert uncited_figures(reply) == []


def test_property_preservation_online_is_the_mobile_court(run_action) -> None:
    run = run_action(ActionAnswerService(),
                     ask("诉讼保全可以在网上申请吗", "ask_channel"))
    reply = run.texts[0]
    assert "网上保全" in reply and "第153条" in reply and "没有写明" not in reply, reply


def test_a_channel_clause_of_another_matter_is_not_borrowed(run_action) -> None:
    """税务Ukey's clauses name no channel; 企业开办's 全程网办 does not name Ukey."""
    run = run_action(ActionAnswerService(), ask("税务Ukey能在网上领吗", "ask_channel"))
    assert "第4条" in run.texts[0] and "第2条" not in run.texts[0], run.texts[0]


def test_a_howto_term_carries_its_own_task(run_action) -> None:
    run = run_action(ActionAnswerService(), ask("燃气报装具体怎么个办法", "ask_howto"))
    reply = run.texts[0]
    assert "“一窗受理”（第45条）" in reply and "第46条" in reply, reply


def test_a_term_of_the_cited_task_gets_no_second_number() -> None:
    text = "享受“一站式”用水用气报装服务，燃气报装压缩至10个工作日内。"
    assert cite_stray_terms(text, {46}, [45, 46]) == text
    assert cite_stray_terms("可到报装窗口“一窗受理”，办理。", {46}, [45, 46]) == \
        "可到报装窗口“一窗受理”（第45条），办理。"


def test_a_connection_dragged_out_gets_its_time_limit(run_action) -> None:
    run = run_action(ActionHandoff(), ask("门面装修完了，自来水公司迟迟不给接水，打电话也不理",
                                          "complaint"))
    reply = "\n".join(run.texts)
    assert "12345" in reply and "5个工作日内" in reply and "第46条" in reply, reply
    assert uncited_figures(reply) == []
