"""A fact the plan never holds, asked in wordings of no dev set: the kind is recognised from the
wording alone, and questions the plan does answer (or that are no such request) are left alone."""

from __future__ import annotations

import pytest

from services_catalog.absent_facts import absent_fact, amount_asked


@pytest.mark.parametrize(("text", "kind"), [
    ("给我个市场监管局的联系方式", "phone"),
    ("不动产登记中心的座机号", "phone"),
    ("人社局咨询热线是几号", "phone"),  # a unit's own line, not 12345
    ("法院立案庭怎么联系", "phone"),
    ("税务局局长是哪位", "person"),
    ("负责企业开办的工作人员是谁", "person"),
    ("管用电报装的领导叫啥名字", "person"),
    ("税务局在什么位置", "address"),
    ("市场监管局怎么走", "address"),
    ("政务中心门牌号是多少", "address"),
    ("供电营业厅在哪个小区旁边", "address"),
    ("税务局中午休息吗", "hours"),
    ("节假日能去大厅办营业执照吗", "hours"),
    ("市民服务中心的工作时间是怎样的", "hours"),
    ("不动产登记大厅下午几点下班", "hours"),
    ("商业用电电费怎么算", "price"),
    ("自来水一吨多少钱", "price"),
    ("2027年企业开办还是3个工作日吗", "year"),
    ("明年用电报装时限会变吗", "year"),
    ("公证处能不能直接打电话预约", "phone"),  # to call them, a number is needed
])
def test_absent_fact_kinds_in_new_wordings(text: str, kind: str) -> None:
    assert absent_fact(text) == kind


@pytest.mark.parametrize("text", [
    "营业执照在哪办",  # a channel: the plan names 一网通办 and the hall
    "用水报装去哪里申请",
    "燃气报装找哪个部门",  # a department: the plan names the 责任单位
    "春节前交材料几天能办完",  # how long, not opening hours
    "我在马路上摆摊要办证吗",
    "能打电话办理吗",
    "领导小组由谁牵头",
    "2024年底前要完成什么",  # a year of the plan
    "欠了税以后招投标会不会受影响",  # a consequence, not a change in later years
])
def test_questions_the_plan_answers_are_no_absent_fact(text: str) -> None:
    assert absent_fact(text) is None


@pytest.mark.parametrize(("text", "head"), [
    ("投标保证金最多交多少钱", "投标保证金"),
    ("开公司刻章要多少钱", "开公司刻章"),
    ("融资担保费补助比例是多少", "融资担保费补助"),
    ("失业金一个月发多少", "失业金"),
    ("信用宽限期是多长", "信用宽限期"),
])
def test_the_thing_an_amount_is_asked_of(text: str, head: str) -> None:
    asked = amount_asked(text)
    assert asked is not None and asked[0] == head


@pytest.mark.parametrize("text", [
    "开公司要几天",  # how long: the time limits answer it
    "用电报装要钱吗",  # yes or no: the fee answer says it first
    "快递公司开好几个网点要分别办执照吗",  # 好几个 tells, it does not ask
    "三样分别要多少个工作日",
])
def test_no_amount_is_asked(text: str) -> None:
    assert amount_asked(text) is None


@pytest.mark.parametrize("text", [
    "州税务局的纳税咨询电话是多少，不是12345那个",
    "除了12345，市场监管局还有别的电话吗",
])
def test_a_number_asked_besides_the_hotline_is_a_phone_fact(text: str) -> None:
    assert absent_fact(text) == "phone"


def test_a_fee_per_period_is_an_amount_asked() -> None:
    assert amount_asked("准东现代产业学院的订单班学费一年多少") is not None
    assert amount_asked("培训费每人多少") is not None


def test_a_subsidy_amount_in_short_is_an_amount_asked() -> None:
    assert amount_asked("创业贷款有贴息吗，贴多少") is not None


@pytest.mark.parametrize(("text", "kind"), [
    ("税务局的座机是多少，别给我说12345", "phone"),  # 12345 refused: the unit's own number
    ("除了我们打12345，人社局还有别的电话吗", "phone"),
    ("清算组的管理人叫什么名字", "person"),
    ("调解员是谁", "person"),
    ("公共资源交易网的网址是多少", "web"),
    ("把报名系统的链接发给我", "web"),
])
def test_refused_hotline_roles_and_web_addresses(text: str, kind: str) -> None:
    assert absent_fact(text) == kind


@pytest.mark.parametrize("text", [
    "在哪个平台上申请",  # a channel the plan names, not a URL
    "破产管理人怎么选任",  # of the role, not its name
    "律师费用谁出",
])
def test_platforms_and_roles_asked_of_are_no_absent_fact(text: str) -> None:
    assert absent_fact(text) is None


@pytest.mark.parametrize(("text", "head"), [
    ("纳税信用的宽限期有多久", "纳税信用的宽限期"),
    ("营业执照有效期是几年", "营业执照有效期"),
])
def test_a_named_span_is_an_amount_asked_not_a_time_limit(text: str, head: str) -> None:
    asked = amount_asked(text)
    assert asked is not None and asked[0] == head


@pytest.mark.parametrize(("text", "kind"), [
    # the wait at a counter and the counters' number (dev_plan32's kinds, new wordings)
    ("税务大厅取号以后一般要等多久", "queue"),
    ("市民服务中心一共有几个窗口", "queue"),
    # a year after the plan asked about, though a plan year is named too
    ("方案到2025年结束，2027年以后还有补贴吗", "year"),
    # a web address asked with what else, or to be sent
    ("信易贷的网址或者小程序入口在哪", "web"),
    ("网址可以发给我吗", "web"),
    # which offices by name, where the plan states only the condition
    ("哪家银行能办无还本续贷", "firm"),
])
def test_more_absent_kinds(text: str, kind: str) -> None:
    assert absent_fact(text) == kind


@pytest.mark.parametrize("text", [
    "办营业执照要跑几个窗口",  # how the steps combine: 一窗受理 answers it
    "我们公司是2026年3月成立的，年报在哪报",  # a later year told, nothing asked of it
    "哪些企业可以申请绿色通道",  # who qualifies: stated
])
def test_still_no_absent_fact(text: str) -> None:
    assert absent_fact(text) in (None, "year") if "2026" in text else absent_fact(text) is None
