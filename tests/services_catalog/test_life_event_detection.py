"""Life-event detection generalises beyond its trigger phrases: a business's own wording of what
it sets out to do (kinds of shops no list names, colloquial and typo'd forms, a story told in
several clauses) gets the scenario's checklist; a question about one named service does not."""

from __future__ import annotations

import re

import pytest

from services_catalog import plan
from services_catalog.life_events import life_event_answer, life_event_asked
from services_catalog.snapshot import build_snapshot


@pytest.fixture(scope="module")
def snap():
    from services_catalog.db import get_sessionmaker

    with get_sessionmaker()() as session:
        return build_snapshot(session)


@pytest.mark.parametrize("text,scenario", [
    # premises no trigger phrase lists, read by their kind
    ("想在昌吉开个拌面馆，要办哪些手续", "open-restaurant"),
    ("准备开一家打印店，需要哪些证", "open-shop"),
    ("盘下一家理发店，手续怎么弄", "open-shop"),
    ("开个小卖部要跑哪些部门", "open-supermarket"),
    ("想开个养殖场要办啥", "open-shop"),
    # life events the plan supports beyond opening a shop
    ("个体户想升级成公司，要办哪些手续", "individual-to-company"),
    ("我们是外资企业，想在昌吉落户，要办哪些事", "foreign-investment"),
    ("公司要换法人，流程是啥", "company-change"),
    ("公司资不抵债了，接下来咋办", "company-bankruptcy"),
    ("我们建筑公司接了个工程，要办哪些手续", "construction-contract"),
    ("想在抖音上直播带货，需要办啥", "online-store"),
    ("人在外省，哪些事能异地办", "cross-region"),
    ("公司被列入失信了，怎么修复信用", "credit-repair"),
    ("想申请补贴，有哪些渠道", "apply-subsidy"),
    ("打算回乡创业开个公司，要办哪些手续", "start-company"),
    # a story in several clauses, then questions about the event's own steps
    ("厂里要招几个临时工，有没有招聘会？合同能网签吗", "hire-employees"),
    ("客户欠货款一直不给，想打官司，能先调解吗", "business-dispute"),
    ("项目要拿地开工，用地审批多久，施工图审查几天", "build-factory"),
])
def test_a_life_event_in_a_businesss_own_words(snap, text: str, scenario: str) -> None:
    event = life_event_asked(snap, text)
    assert event is not None and event.scenario.slug == scenario


@pytest.mark.parametrize("text", [
    "开户行在哪",                   # 开 + 行 opens no shop
    "开具户籍证明所需材料有哪些",
    "办公室在哪",
    "开饭馆用电要多久",             # one service, asked in the event's words
    "开饭馆，货车进城限行吗",       # a service the event does not hold
    "建厂房的审批材料去哪交",       # one service's fact
    "高压用户报装有啥优惠服务没有",  # a service's support, not applying for subsidies
    "那问个正事 开小饭馆要接燃气 几天",  # the service asked in the event's own clause
    "开个没人看店的小超市 只卖包装好的东西 要办食品许可证吗",  # one service, loose words
    "小企业贷款找政府的担保公司 担保费收多少",  # one service's fee
    "想查一下那块地有没有被查封抵押",
    "起诉欠款的客户能网上立案吗",  # two services named, no event asked
    "开办企业时限多少，注销能不能网上办",  # two services, no event
    # the business is the setting; the question is another service (as agent assist reads it)
    "我开了个小饭店，能不能凭流水贷款",
    "投标保证金比例多少？融资担保费率是多少",  # 投标 is part of a service's name
])
def test_a_question_about_one_service_is_no_life_event(snap, text: str) -> None:
    assert life_event_asked(snap, text) is None


def test_every_line_cites_its_clause_and_the_notes_clause(snap) -> None:
    """开药店: 企业开办's line cites 第3条 for its time limit and 第1条 for its note (社保、医保
    登记一网通办), and the card quotes both clauses; no figure the cited clauses lack."""
    event = life_event_asked(snap, "開藥店要办啥，执照加许可大概多久")
    assert event is not None
    answer = life_event_answer(snap, event)
    first = answer.variables["lines"].split("\n")[0]
    assert "企业开办：承诺时限3个工作日（第3条）" in first and "（第1条）" in first
    step = answer.card["steps"][0]
    assert [a["item"] for a in step["also"]] == [1] and "一网通办" in step["also"][0]["text"]
    lines = answer.variables["lines"]
    cited = "".join(plan.task(int(n)).text for n in re.findall(r"第(\d+)条", lines))
    for figure in re.findall(r"\d+个工作日", lines):
        assert figure in cited


def test_the_message_picks_the_services_other_clause(snap) -> None:
    """买了办公楼要抵押贷款: 不动产登记's line also cites 第112条 (不动产抵押)."""
    event = life_event_asked(snap, "公司买了栋办公楼，要过户再抵押贷款")
    assert event is not None
    lines = life_event_answer(snap, event).variables["lines"]
    assert "第112条" in lines


@pytest.mark.parametrize("text,scenario", [
    # a situation told without a question, or asked about as a whole
    ("合伙人跟我闹翻了，钱的事谈不拢，准备打官司", "business-dispute"),
    ("前几年疫情影响，欠供应商的钱还不上，被起诉了", "company-sued"),
    ("我们老板因为一点经济纠纷被公安调查了，企业会不会停产", "company-sued"),
    ("给政府单位干完活了钱一直拿不到", "government-arrears"),
    ("我们的商标被人仿冒了，网店上全是假货", "ip-infringement"),
    ("想招一批应届大学生，顺便搞搞定向培养", "hire-employees"),
    ("老板说要开个新公司，接电，再招十几个人，都要办啥", "start-company"),
    ("新厂要装燃气锅炉，还要接高压电", "build-factory"),
    ("我们承接了一个政府投资项目的前期工作，审批周期多长", "build-factory"),
    ("想搞个直播电商公司卖咱昌吉的特产，线上线下都卖", "online-store"),
    ("准备做医疗器械经营", "cosmetics-medical-devices"),
    ("想在准东开个爆破作业公司", "open-security-company"),
    ("我们是小公司，想去投政府采购的标，有啥照顾政策", "join-procurement"),
    ("想做县乡村的物流配送，在各个乡镇设网点", "open-logistics"),
    ("打算在州里投资建个汽车厂，还有销售网点", "vehicle-maker"),
])
def test_a_situation_gets_its_scenario(snap, text: str, scenario: str) -> None:
    event = life_event_asked(snap, text)
    assert event is not None and event.scenario.slug == scenario
