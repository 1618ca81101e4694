"""A story with two asks in a business's own words (tests/dev_plan29, dev_plan30's kind): each ask
read in the plan's words for it (plan_words.yml); a question of recourse or of what to do about
the story (能报案吗, 企业该怎么办, 这钱还能追回来不, 他们到底管不管) asks of the wrong told
before it;
a question echoing a word told before it (被限制了 … 具体咋限制的) asks how that is done; a wrong
told last, after 还有, without a question of its own, is one of the story's matters too."""

from __future__ import annotations

import pytest

from services_catalog.asked_matters import asked_matters, beside_answer


def found(text: str) -> dict[int, str]:
    return {a.task: a.quote for a in asked_matters(text)}


@pytest.mark.parametrize(("text", "task", "words"), [
    # Rumours spread online, and whether one may report it: 损害商业信誉.
    ("同行在网上散布谣言说我们的货有毒，订单少了一半，这种情况能报案吗？", 148, "损害商业信誉"),
    # A gang blocking the gate to collect a debt, and what the firm is to do: 非法催收债务.
    ("有人带了一帮人堵在我们仓库门口要账，不让车进出，公司该怎么办？", 146, "非法催收债务"),
    # A patent dispute settled through a chamber of commerce: 法院+工商联 多元解纷.
    ("跟同行有个外观专利的纠纷，不想打官司，能不能找商会调解一下？", 133, "多元解纷"),
    # A listed company's fraud and its investors: 民事追偿.
    ("我们持有的那家上市公司被查出财务造假，股民能追责吗？", 155, "民事追偿"),
    # A subsidy without applying: 免申即享.
    ("去年那个补贴错过了申报时间 以后这种补贴能不能不用申请直接给", 76, "免申即享"),
    # Money sent to someone posing as the boss, asked back: 快速冻结、止付.
    ("财务接了个电话说是老板让转账 转了五万过去 后来一问才知道不是 这钱还能追回来不", 147,
     "电信诈骗"),
    # The name of a business sold under online: 电商领域知识产权.
    ("我们的牌子挺有名 还有网上有人用我们的名字卖东西 淘宝上都有 这种咋办", 136, "电商领域"),
    # Money for a worker's training: 职业技能培训补贴.
    ("我们是个小厂 想让工人考个证 送工人去学电焊有没有钱补", 54, "职业技能培训补贴"),
    # Insurance for research: 科技保险.
    ("研发花了不少钱 税上能不能少交点 听说还有专门保科技的保险 是啥", 34, "科技保险"),
    # A fee demanded with no receipt: 违法违规收费.
    ("我开了个小超市 还有街道上有人说要收什么卫生费每月两百 也没个票 这个合理吗", 128,
     "违法违规收费"),
    # Whether a bankruptcy drags on for years: 快速审理.
    ("厂子欠了很多债 法院那有没有啥办法 要是破产的话是不是要拖好几年", 139, "快速审理"),
    # Land put up for a loan: 农村承包土地经营权.
    ("合作社流转了两百亩地 想拿这个地去银行贷款 能行不", 35, "农村承包土地经营权"),
    # A loan due rolled on without paying the principal first: 无还本 续贷.
    ("去年贷的款今年到期了 能不能不先还本金直接续上", 40, "无还本"),
    # A firm owing wages, and how it is barred: 联合惩戒.
    ("我听说有个老板欠工人钱被限制了 具体咋限制的", 95, "联合惩戒"),
    # 12345 asked whether it deals with a complaint: 接诉即办.
    ("以后这种补贴能不能直接给 还有我打12345反映问题 他们到底管不管", 77, "接诉即办"),
    # How long a licence takes, read as 企业开办时限, not a chance pair of 营业执照.
    ("想再注册个公司搞冷库 营业执照现在办下来得几天啊 还有冷库要拉电 报装要不要自己掏钱", 3,
     "企业开办时限"),
    # Papers done away from one's home place: 跨省通办.
    ("新员工想把户口落到昌吉，能不能网上办？其他证明材料能不能在原籍以外的地方办？", 64,
     "跨省通办"),
    # Buildings asked to save energy: 绿色建筑, 节能标准.
    ("我们盖商品房的 听说以后节能要求越来越高 州里对建筑是啥方向", 63, "节能标准"),
    # Pictures and a brand taken by online shops: 电商领域知识产权.
    ("网店卖干果，还老被人盗图盗牌子，咋办", 136, "电商领域"),
    # An association's fees, and who checks them: 违法违规收费.
    ("行业协会每年收我们好几样费，有没有人查？", 128, "违法违规收费"),
    # Bidders in league: 串通投标.
    ("投标时发现有几家明显是一伙的在围标，去哪投诉？", 148, "串通投标"),
    # Energy saving asked as the prefecture's direction: 碳达峰.
    ("我们要扩产能，另外节能减排方面州里有什么方向", 63, "碳达峰"),
    # Prices checked in the busy season: 价格监测.
    ("开了个农家乐 有人说物价局要来查我们的饭价 是不是真的", 122, "价格监测"),
])
def test_each_ask_of_a_story_is_read_in_the_plans_words(text: str, task: int, words: str) -> None:
    asked = found(text)
    assert task in asked, asked
    assert words in asked[task]


def test_a_wrong_told_last_after_another_question_is_a_matter_too() -> None:
    text = ("我们开农家乐 有人说物价局要来查我们的饭价 是不是真的 "
            "还有我们用的罐装气老是供不上 给燃气公司投诉了半个月没人理")
    assert 44 in found(text)


def test_a_wrong_told_with_no_question_before_it_is_no_matter_asked() -> None:
    # Only after a question: a story with no question at all is the answer's own.
    assert 44 not in found("还有我们用的罐装气老是供不上 给燃气公司投诉了半个月没人理")


def test_each_reading_the_table_states_is_addressed_before_it_is_dropped() -> None:
    # 第137条's 商标侵权纠纷 window says nothing of selling online (电商 线上): 第136条 stays.
    text = ("想把我们这个名字保护起来 听说国家局在昌吉开了个地方能咨询 "
            "还有网上有人用我们的名字卖东西 抖音淘宝上都有 这种咋办")
    assert 136 in beside_answer(text, {137})


def test_an_echo_needs_the_told_words() -> None:
    # 具体咋办理 echoes nothing told: no reading of the clause before through it.
    assert 95 not in found("我听说有个老板欠工人钱 具体咋办理")


def test_a_want_said_last_after_the_questions_is_read_where_the_table_states_it() -> None:
    text = ("几个工人说我欠他们工钱 他们要去告我 这种事一般在哪解决 是直接去法院还是有啥别的路子 "
            "我想就在县里解决别跑远了")
    assert 27 in found(text)


def test_a_want_with_no_question_before_it_is_the_messages_own() -> None:
    assert 27 not in found("工人要去告我 我想就在县里解决别跑远了")


def test_a_short_question_joined_with_its_part_asks_another_task_than_the_one_before() -> None:
    text = ("对方报了案说我们老板侵占 这种事情会不会直接抓人 公司还得开下去一百多号人吃饭呢 "
            "能不能和解")
    asked = found(text)
    assert 165 in asked and 162 in asked and "刑事和解" in asked[162]


def test_how_long_in_all_after_a_service_asks_of_that_service() -> None:
    # 前后大概几天能办完 after 营业执照、社保、医保登记…: 企业开办's time limit (第3条), not a
    # service of its own read in its free words (“一件事一次办”).
    from services_catalog.db import get_sessionmaker
    from services_catalog.several import questions_asked, services_asked
    from services_catalog.snapshot import build_snapshot

    with get_sessionmaker()() as session:
        snap = build_snapshot(session)
    text = ("我们准备设一家子公司。1. 营业执照、社保、医保登记能不能一起提交，前后大概几天能办完？"
            "2. 税务Ukey和发票这块要不要另外花钱？")
    slugs = services_asked(snap, text)
    assert slugs == ["company-registration", "tax-ukey"]
    lines = questions_asked(snap, text, slugs, "overview")
    assert [(line.slug, line.question) for line in lines][:2] == [
        ("company-registration", "overview"), ("company-registration", "time_limit")]


def test_what_i_am_to_do_about_my_plight_is_not_each_clause_of_it() -> None:
    # 我该咋办 after a plight told at length asks of it as a whole (the answer's), not of each
    # clause (资金周转不过来 → 濒临破产 would crowd out the asks that follow); 企业该怎么办 does.
    text = ("公司资金周转不过来，欠了小贷公司的钱，他们找了一帮人天天堵厂门，还不让工人干活，"
            "我该咋办？欠的钱能不能分期还")
    assert 138 not in found(text)
