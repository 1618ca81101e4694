"""Amounts and contact facts the plan does not hold, in wordings of no dev set: "《行动方案》未…"
and where to ask, no figure — while amounts the plan does state are still quoted."""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from actions.conversation import ActionFallback
from tests.actions.test_plain_answers import ask, figures_besides_hotline_and_citation

NOT_STATED = ("未写明", "未规定")


@pytest.mark.parametrize(("text", "intent", "service"), [
    ("开公司刻章要多少钱", "ask_fee", "company-registration"),  # 第4条 frees Ukey, not 刻章
    ("融资担保费补助比例是多少", "ask_policy", "financing-guarantee"),  # 1% is the 费率
    ("失业金一个月发多少", "ask_policy", "unemployment-insurance"),
    ("燃气开户费是多少", "ask_fee", "gas-connection"),
])
def test_an_amount_the_evidence_does_not_hold_is_not_stated(run_action, text, intent,
                                                            service) -> None:
    run = run_action(ActionAnswerService(), ask(text, intent, service))
    reply = run.texts[0]
    assert reply.startswith("《行动方案》未") and any(w in reply for w in NOT_STATED), reply
    assert "12345" in reply and run.cards[0]["slug"] == service
    assert not figures_besides_hotline_and_citation(reply.split("\n")[0]), reply


@pytest.mark.parametrize(("text", "intent", "service", "figure"), [
    ("担保费一般收多少", "ask_fee", "financing-guarantee", "1%"),
    ("投标保证金最多得交多少钱", "ask_fee", "bid-deposit", "80万元"),
    ("投标保证金按什么比例交", "ask_fee", "bid-deposit", "2%"),  # the measure named in the clause
    ("政府的担保公司收多少费", "ask_fee", "financing-guarantee", "1%"),  # 政府的: a modifier
])
def test_an_amount_the_plan_states_is_still_quoted(run_action, text, intent, service,
                                                   figure) -> None:
    run = run_action(ActionAnswerService(), ask(text, intent, service))
    assert figure in run.texts[0], run.texts[0]


def test_how_much_when_only_parts_are_free_says_no_standard_is_set(run_action) -> None:
    run = run_action(ActionAnswerService(), ask("办营业执照总共得花多少钱", "ask_fee",
                                                "company-registration"))
    reply = run.texts[0]
    assert reply.startswith("《行动方案》未规定企业开办的收费标准"), reply
    assert "Ukey" in reply and "第4条" in reply


def test_an_amount_with_no_service_named_is_not_which_service(run_action) -> None:
    run = run_action(ActionFallback(), ask("公章刻一套要多少钱", "nlu_fallback"))
    assert "未写明" in run.texts[0] and "12345" in run.texts[0]
    assert "哪一项" not in run.texts[0] and not run.messages[0].get("buttons")


def test_a_named_offices_number_is_not_the_hotline_service(run_action) -> None:
    run = run_action(ActionAnswerService(), ask("给我个市场监管局的联系方式", "ask_department"))
    assert run.texts[0].startswith("《行动方案》未写明") and "联系电话" in run.texts[0]
    assert not run.cards or run.cards[0]["slug"] != "hotline-12345"


def test_hall_hours_are_not_answered_by_an_online_channel(run_action) -> None:
    run = run_action(ActionAnswerService(), ask("节假日能去大厅办营业执照吗", "ask_channel",
                                                "company-registration"))
    assert run.texts[0].startswith("《行动方案》未写明企业开办的办公时间"), run.texts[0]


def test_a_number_asked_under_the_handoff_intent_is_not_stated(run_action) -> None:
    from actions.conversation import ActionHandoff

    run = run_action(ActionHandoff(), ask("税务局办税服务厅的电话是多少", "human_handoff"))
    assert any("未写明" in t and "12345" in t for t in run.texts), run.texts


def test_a_units_own_number_asked_besides_12345_is_not_stated(run_action) -> None:
    run = run_action(ActionAnswerService(), ask("州税务局的纳税咨询电话是多少，不是12345那个",
                                                "ask_department"))
    assert any("未写明" in t and "联系电话" in t for t in run.texts), run.texts


def test_a_fee_per_year_the_plan_does_not_state_is_not_stated(run_action) -> None:
    run = run_action(ActionAnswerService(), ask("准东现代产业学院的订单班学费一年多少",
                                                "ask_fee"))
    reply = run.texts[0]
    assert reply.startswith("《行动方案》未") and "12345" in reply, reply
    assert not figures_besides_hotline_and_citation(reply.split("\n")[0]), reply


@pytest.mark.parametrize(("text", "item"), [
    ("吉速办上能办的那15个事项具体是哪些，列一下", "第67条"),
    ("免申即享清单上现在有哪几项政策", "第76条"),
])
def test_the_items_of_a_list_the_plan_only_names_are_not_stated(run_action, text,
                                                                item) -> None:
    reply = run_action(ActionAnswerService(), ask(text, "ask_policy")).texts[0]
    assert "未列出" in reply or "未写明" in reply, reply
    assert "12345" in reply and item in reply, reply


@pytest.mark.parametrize(("text", "intent", "service", "item"), [
    # 材料 said of the procedure, not asking which materials: the clause (材料一次提交)
    ("开公司时社保登记、医保登记是不是还要一个个部门跑一遍交材料", "ask_materials",
     "company-registration", "第1条"),
    # a small problem with the materials: the 容错机制 clause, not the materials template
    ("简易注销要是材料有点小问题，是不是直接就驳回了？有没有补救的", "ask_materials",
     "simple-deregistration", "第12条"),
])
def test_materials_said_of_the_procedure_quote_the_clause(run_action, text, intent, service,
                                                          item) -> None:
    reply = run_action(ActionAnswerService(), ask(text, intent, service)).texts[0]
    assert item in reply and "材料清单" not in reply, reply


@pytest.mark.parametrize(("text", "intent", "service"), [
    ("能不能给推荐个靠谱的测绘公司", "ask_policy", "multi-survey"),
    ("信易贷平台合作的那几家银行都叫什么名字", "ask_policy", "credit-loan"),
])
def test_the_names_of_firms_are_not_stated(run_action, text, intent, service) -> None:
    # The plan names no business and the assistant recommends none: not stated, where to ask.
    reply = run_action(ActionAnswerService(), ask(text, intent, service)).texts[0]
    assert reply.startswith("《行动方案》未写明") and "名称" in reply and "12345" in reply, reply


@pytest.mark.parametrize(("text", "intent", "service"), [
    ("竣工联合验收得准备什么资料", "ask_policy", "joint-acceptance"),
    ("做竣工联合验收要带哪些材料过去", "ask_materials", "joint-acceptance"),
    ("工程竣工了想联合验收，需要交哪些材料", "ask_overview", "joint-acceptance"),
])
def test_a_material_list_a_clause_does_not_give_is_not_listed(run_action, text, intent,
                                                              service) -> None:
    # 第92条 is about which 专项验收 are joined, not about materials: no list, ask the window.
    reply = run_action(ActionAnswerService(), ask(text, intent, service)).texts[0]
    assert "没有列出" in reply and "材料清单" in reply and "窗口" in reply, reply


@pytest.mark.parametrize(("text", "intent", "service"), [
    ("跨省税务迁移网上办的话多少个工作日能好", "ask_channel", "tax-migration"),
    ("户籍业务网上办理一般多少个自然日办完", "ask_channel", "household-registration"),
])
def test_how_many_working_days_of_a_service_with_none_is_not_stated(run_action, text, intent,
                                                                    service) -> None:
    # 多少个工作日 asks how long, whatever 网上 says: the plan sets no time limit for these.
    reply = run_action(ActionAnswerService(), ask(text, intent, service)).texts[0]
    assert "没有为" in reply and "规定具体的办理时限" in reply, reply
    assert not figures_besides_hotline_and_citation(reply.split("\n")[0]), reply


@pytest.mark.parametrize(("text", "service", "stated"), [
    # 第142条's 7日 is for the 网上立案审核, not the hearing
    ("网上立案通过了，大概多久能开庭", "online-case-filing", "7日"),
    # 第29条's 5个工作日 is for 审核办结, not when the money arrives
    ("失业保险金批了以后几天能到账", "unemployment-insurance", "5个工作日"),
])
def test_a_time_limit_for_another_step_is_not_stated(run_action, text, service,
                                                     stated) -> None:
    reply = run_action(ActionAnswerService(), ask(text, "ask_time_limit", service)).texts[0]
    assert reply.startswith("《行动方案》未写明") and "12345" in reply, reply
    assert stated in reply and "只写明了" in reply, reply  # what the plan does state, cited


def test_a_time_limit_for_the_step_a_clause_names_is_still_given(run_action) -> None:
    reply = run_action(ActionAnswerService(), ask("失信的信息删除要几天", "ask_time_limit",
                                                  "credit-repair-dishonest")).texts[0]
    assert "承诺办理时限是3日" in reply, reply


@pytest.mark.parametrize(("text", "service", "item", "words"), [
    # a count the clause states in words: 三名以上公证员 is stated, not "not stated"
    ("公证处得有几个公证员才开绿色通道", "notary-green-channel", "第145条", "三名以上"),
    # how many of what: the clause stating a figure of that thing (15个事项)
    ("吉速办小程序上能办多少事项", "jisuban-miniprogram", "第67条", "15个事项"),
])
def test_a_count_is_answered_by_the_clause_that_states_it(run_action, text, service, item,
                                                          words) -> None:
    reply = run_action(ActionAnswerService(), ask(text, "ask_policy", service)).texts[0]
    assert item in reply and words in reply and "未写明" not in reply, reply


@pytest.mark.parametrize(("text", "service", "item"), [
    # whether the rate falls, not how much it is: 第117条 降低抽查比例
    ("信用一直好的企业抽查比例能不能降一降", "random-inspection", "第117条"),
    # whether there is a grace period, not how long: 第169条 信用宽限期
    ("进失信名单之前能不能给个宽限期", "credit-repair-dishonest", "第169条"),
])
def test_whether_a_rate_or_period_exists_is_answered_by_its_clause(run_action, text, service,
                                                                   item) -> None:
    reply = run_action(ActionAnswerService(), ask(text, "ask_policy", service)).texts[0]
    assert item in reply and "未写明" not in reply, reply


def test_how_many_working_days_is_no_count_of_another_services_clause(run_action) -> None:
    # 多少个工作日 asks how long: 第81条's 1个工作日 (same office) is no answer for 户籍业务.
    reply = run_action(ActionAnswerService(), ask("户籍业务网上办理要多少个工作日",
                                                  "ask_policy",
                                                  "household-registration")).texts[0]
    assert "第81条" not in reply and "规定具体的办理时限" in reply, reply


def test_where_to_ask_is_the_tasks_responsible_unit(run_action) -> None:
    """公证 (第145条) is 州司法局's task in an area the court leads: ask the 司法局."""
    run = run_action(ActionAnswerService(), ask("企业公证一次收多少钱", "ask_fee",
                                                "notary-green-channel"))
    reply = run.texts[0]
    assert reply.startswith("《行动方案》未") and "向州司法局" in reply, reply
    assert "中级人民法院咨询" not in reply


@pytest.mark.parametrize("text", [
    "Ukey弄丢了再申领一次收费吗",
    "第二次领税务Ukey要不要交钱",
    "电子发票的Ukey想换新的，多少钱",
])
def test_free_only_the_first_time_is_not_free_for_a_repeat(run_action, text) -> None:
    # 第4条 makes only 新开办企业首次申领 free: a repeat is a case the plan sets no fee for.
    run = run_action(ActionAnswerService(), ask(text, "ask_fee", "tax-ukey"))
    reply = run.texts[0]
    assert not reply.startswith("免费") and reply.startswith("《行动方案》未写明"), reply
    assert "首次" in reply and "第4条" in reply and "12345" in reply, reply
    assert "税务局" in reply, reply  # where to ask: the task's own unit


def test_free_for_the_first_time_is_still_free_when_asked_so(run_action) -> None:
    run = run_action(ActionAnswerService(), ask("新公司第一次领Ukey要钱吗", "ask_fee", "tax-ukey"))
    assert run.texts[0].startswith("免费"), run.texts[0]


@pytest.mark.parametrize(("text", "intent"), [
    ("我们社会投资的小型低风险仓储项目，立项到领施工许可证一共多少个工作日", "ask_policy"),
    ("我们社会投资的小型低风险仓储项目，立项到领施工许可证一共多少个工作日", "ask_howto"),
])
def test_how_long_of_a_matter_with_no_limit_says_so_before_the_quote(run_action, text,
                                                                   intent) -> None:
    reply = run_action(ActionAnswerService(), ask(text, intent, "low-risk-project")).texts[0]
    assert reply.startswith("《行动方案》没有为小型低风险项目审批规定具体的办理时限"), reply
    assert "《行动方案》写明" in reply and "施工许可证（第89条）" in reply, reply  # then the clause
    assert "不大于3000平方米" not in reply.split("。")[0], reply  # the scope is no time limit


@pytest.mark.parametrize("text", [
    "营业用的自来水一方多少钱？燃气呢？",  # a unit price of two services, the second by 呢
    "用水报装几天能通？燃气一方多少钱？",
])
def test_a_unit_price_in_a_several_services_message_is_not_stated(run_action, text) -> None:
    # The plan states no water or gas price: the price line says so, with no figure of its own.
    reply = run_action(ActionAnswerService(), ask(text, "ask_fee")).texts[0]
    assert "未写明具体价格" in reply and "12345" in reply, reply
    assert "燃气报装：《行动方案》未写明具体价格" in reply, reply


@pytest.mark.parametrize(("text", "kind"), [
    ("李明调解员工作室在哪个地址", "address"),
    ("州里重点培育的是哪家公司", "firm"),
    ("热线晚上几点以后就打不通了", "hours"),
])
def test_which_firm_where_and_until_when_are_absent_facts(text, kind) -> None:
    from services_catalog.absent_facts import absent_fact

    assert absent_fact(text) == kind


def test_which_firms_may_apply_is_no_firm_name() -> None:
    from services_catalog.absent_facts import absent_fact

    assert absent_fact("哪些企业可以申请上市挂牌扶持") is None
