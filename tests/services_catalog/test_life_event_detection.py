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
    "老板欠我三个月工资不给 咋办",  # a worker's own wages: 劳动争议, no business's situation
    "市场监管罚款是不是一律顶格罚",  # one service's rule
    "我们还跟一家公司有纠纷 申请财产保全保证金交不起咋办",  # one service's cost
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


@pytest.mark.parametrize("text,scenario", [
    # situations in loose words (issue 15, third round)
    ("我们厂欠了好多债，眼看撑不下去了", "company-bankruptcy"),
    ("公司撑不下去了 想申请破产", "company-bankruptcy"),  # told in words, asking nothing
    ("新公司刚注册下来，接下来要干啥", "start-company"),
    ("之前上了失信名单，钱已经还清了，想恢复企业信用", "credit-repair"),
    ("打算到乌兹别克斯坦投资办厂，政府能帮啥", "foreign-trade"),
    ("打算去阿拉木图建个分厂 怕踩坑 州里能给啥指导 顺便问下有没有帮企业对接外贸伙伴的政策",
     "foreign-trade"),  # a city abroad
    ("我们是干快递的，想在乡镇多设些网点", "open-express-outlet"),
    ("想投资一个化妆品生产企业，要注意什么", "cosmetics-medical-devices"),
    ("县里当初承诺的厂房补贴到现在没兑现", "government-arrears"),
    ("县里书面答应的税收返还至今未兑现。请问：1. 州里对此有何约束？2. 法院会如何对待？",
     "government-arrears"),  # a formal letter
    ("离职的员工把配方偷偷带走了", "ip-infringement"),
    ("合作社想扩大规模，贷款有啥门路", "apply-loan"),
    ("公司想参与政府的采购项目，门槛高、保证金多，有啥照顾", "join-procurement"),
    ("买了一栋旧厂房，要过户", "buy-property"),
    # the situation told first, not a later step the message asks about
    ("开网店卖特产，以后也想卖到俄罗斯，侵权的事谁管", "online-store"),
    ("厂里要一下子招五六十个工人，招人渠道、签合同有啥政策", "hire-employees"),
    ("想招几个毕业生，怎么找学校，引进人才有没有奖励", "hire-employees"),
    # the business one runs told as who one is, then what happened (issue 15, fourth round)
    ("我是开火锅店的，昨天被查了，罚得太重了，合理吗", "law-enforcement"),
    ("超市老板问下，店里老有人来检查，到底归哪些部门管", "law-enforcement"),
    ("饭店老板问一下，开业要跑哪些部门", "open-restaurant"),
    ("我们在园区开了个机械厂，从外地招了几个技术骨干，他们的娃娃要上学，有没有人才政策",
     "talent-settle"),
    # more situations in loose words
    ("工地上的农民工工资拖欠了两个月，总包一直不结款，我们该找谁", "wage-arrears"),
    ("我们是做建筑的，刚接了个工程，保证金能不能用保函", "construction-contract"),
    ("想买下一个旧仓库的厂房，过户要多久，能不能抵押", "buy-property"),
    ("厂房要扩建一个两层的车间，要办哪些手续", "build-factory"),
    ("公司欠了供应商一大笔钱，资金链断了，还有办法吗", "company-bankruptcy"),
    ("和供应商闹纠纷了，货有质量问题想索赔，走仲裁还是法院", "business-dispute"),
    ("想投一个道路工程标，招标条件明显偏向某家，咋办", "join-procurement"),
    # closing told by the verb alone; more premises without a branch company (i17-life3)
    ("小店下个月就关张了，剩下的手续咋弄", "close-business"),
    ("店里生意还行，想再添一个门市，不想单独注册分公司，怎么办", "company-change"),
])
def test_a_situation_in_loose_words(snap, text: str, scenario: str) -> None:
    event = life_event_asked(snap, text)
    assert event is not None and event.scenario.slug == scenario


def _steps(snap, text: str) -> list[str]:
    event = life_event_asked(snap, text)
    assert event is not None
    return [step["slug"] for step in life_event_answer(snap, event).card["steps"]]


def test_a_long_story_names_its_steps(snap) -> None:
    """A situation in a clause of its own and questions in the others: the checklist, with the
    service asked about (注销) leading the card — not that one service's fee alone."""
    text = "店里生意做不下去了，想把公司注销，也没欠谁钱，听说还得登报，花钱吗"
    event = life_event_asked(snap, text)
    assert event is not None and event.scenario.slug == "close-business"
    assert event.lead == "deregistration"
    assert {"simple-deregistration", "deregistration-notice"} <= set(_steps(snap, text))


def test_a_service_the_story_reads_surely_joins_the_checklist(snap) -> None:
    """No service named, but the words read one surely (灵活就业): it joins the checklist of the
    situation told at length instead of replacing it."""
    steps = _steps(snap, "新公司刚成立，员工社保要开户，还有几个灵活就业的，能一起办吗")
    assert "company-registration" in steps and "flexible-employment-insurance" in steps


def test_a_short_question_about_a_service_in_a_story_stays_one_service(snap) -> None:
    # three clauses, one question: a question about one service
    assert life_event_asked(snap, "开个没人看店的小超市 只卖包装好的东西 要办食品许可证吗") is None


@pytest.mark.parametrize("text,slug", [
    ("公司要搬到同县另一个地方，执照地址变更，新址还要接水接电，麻烦吗", "water-connection"),
    ("想在景区开个民宿，旺季价格会不会查？另外燃气报装要多久", "market-supervision-mechanism"),
    ("公司想上市挂牌融资，还有几项专利，州里有支持吗", "ip-pledge-financing"),
    ("开了个化妆品店，想在网上打广告卖货，要注意啥，店面没有房产证", "online-ad-trade"),
    ("品牌想注册商标，在昌吉能办吗？注册后能拿商标去贷款吗", "ip-pledge-financing"),
    ("公司第一次报年报，还要报税，表格一大堆，有没有简单的办法", "tax-filing"),
    ("和对方打官司，对方申请保全把我们账户全封了，超出的能解封吗", "unfreeze-unrelated-property"),
    ("企业欠银行的钱还不上了，资金链断了，供应商追得紧，能不能分期还，有啥办法",
     "epidemic-business-disputes"),
    ("新公司刚开业，会计是兼职的，报税总搞不懂，有没有人能一对一帮忙", "tax-dedicated-service"),
    ("工地上农民工说工资没发全，去劳动部门闹了，我们分包的该怎么处理", "wage-arrears-campaign"),
])
def test_the_scenario_holds_the_step_asked(snap, text: str, slug: str) -> None:
    assert slug in _steps(snap, text)


@pytest.mark.parametrize("text,slug", [
    # a clause of the story says a concern the scenario's steps do not cover: its service joins
    ("我们是做快递的，在玛纳斯县城有三四个收件点，每个点都要单独办执照吗？另外送件的电动货车在城区能不能跑",
     "truck-access"),
    ("建筑设计院想承接一些项目的全过程服务，听说在推建筑师负责制？项目评审专家老约不上怎么办",
     "project-preliminary-one-thing"),
])
def test_a_clause_s_own_concern_joins_the_checklist(snap, text: str, slug: str) -> None:
    assert slug in _steps(snap, text)


def test_a_bare_clause_adds_no_step(snap) -> None:
    """执照要办 reads as a service only by its one word: the checklist's own 企业开办 covers it,
    and no second licence service joins."""
    text = ("今年想来昌吉开个饭馆，门面已经看好了，现在就是不知道手续咋弄，执照要办，"
            "后厨还要接燃气，这几样加起来大概要多长时间啊")
    steps = _steps(snap, text)
    assert "company-registration" in steps and "e-business-license" not in steps


def test_hiring_lists_the_employment_filing(snap) -> None:
    # 第28条: 全面实施劳动用工备案制度 — a step of taking people on
    assert "economic-layoff-filing" in _steps(snap, "准备雇十来个人，入职要办哪些手续")
