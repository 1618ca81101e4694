"""Life events read from the words people use, beyond the trigger phrases (issue 15): the kind
of business read from what is done in a shopfront, verbs of starting (弄个, 盘个), denied words
(没欠谁钱 tells no debt), and situations told by what happened (列进名单, 账户被冻, 答应的不认了).
The sentences are our own, not the evaluation sets'."""

from __future__ import annotations

import pytest

from services_catalog.life_events import life_event_asked
from services_catalog.snapshot import build_snapshot


@pytest.fixture(scope="module")
def snap():
    from services_catalog.db import get_sessionmaker

    with get_sessionmaker()() as session:
        return build_snapshot(session)


@pytest.mark.parametrize("text,scenario", [
    # a shopfront, the business read from what is sold or made in it
    ("我和朋友想租个门面卖烤肉，要跑哪些部门", "open-restaurant"),
    ("盘了个铺面打算卖衣服，手续怎么弄", "open-shop"),
    # verbs of starting: 弄个, 搞个
    ("想在县城弄个网吧，要办哪些手续", "open-entertainment"),
    ("打算弄个小牙科诊所，要办哪些证", "open-clinic"),
    # trading in regulated goods, whatever the premises
    ("我们想批发化妆品，从注册到经营要办啥", "cosmetics-medical-devices"),
    # closing down, with no debts denied
    ("公司从来没营业过，也没有欠别人钱，想把它注销掉，要跑哪些地方", "close-business"),
    # more premises of a business already running
    ("同一个县里想再设三个网点，执照咋办", "company-change"),
    # a family moving here
    ("一家人户口想迁到昌吉来，孩子还要在这边上学", "talent-settle"),
    # on a list to get off
    ("公司被列入了经营异常名录，咋办", "credit-repair"),
    # a judgment not paid
    ("打赢了官司，对方还是不还钱，咋办", "business-dispute"),
    # borrowing, told by the sum and the lack of collateral
    ("小店想借个二十万周转一下，没啥能抵押的，有什么办法", "apply-loan"),
    # selling abroad, told by where the goods go
    ("我们的枸杞想往俄罗斯那边卖，政府能帮啥", "foreign-trade"),
    # inspections too often
    ("各部门三天两头来店里检查，咋办", "law-enforcement"),
    # a building nearly done
    ("厂房马上就竣工了，接下来要办哪些手续", "build-factory"),
    # crimes against the business
    ("一伙人天天堵在店门口收保护费，怎么办", "business-fraud"),
    # public bodies: unpaid work, promises not kept
    ("给镇里一个学校修了操场，钱一直没结，怎么办", "government-arrears"),
    ("当初说好的厂房补贴，新来的领导就不认了，怎么办", "government-arrears"),
    # the business's property sealed in someone else's case (账户被冻结了 alone names the
    # service 解除与案件无关财产的查封冻结: that one)
    ("公司被卷进别人的官司，仓库里的货都被扣了，工资也发不出来", "company-sued"),
    # the thing to be rid of named after the verb
    ("老家那个小公司好几年没动静了，怎么注销掉它", "close-business"),
    # what good is a judgment that is not paid
    ("案子打赢了，对方一分钱没给，判决有什么用", "business-dispute"),
    # the business's money taken by its own people, in plain words
    ("会计把店里账上的钱卷走了，人也联系不上，怎么办", "business-fraud"),
    ("合伙人偷偷挪了二十万货款，咋办", "business-fraud"),
])
def test_a_life_event_in_the_words_people_use(snap, text: str, scenario: str) -> None:
    event = life_event_asked(snap, text)
    assert event is not None and event.scenario.slug == scenario


@pytest.mark.parametrize("text,not_scenario", [
    ("公司没欠钱，能走简易注销吗", "business-dispute"),        # denied: no debt dispute
    ("我们没被罚过，信用好的是不是检查少", "law-enforcement"),  # denied: no penalty
    ("离职的员工把配方偷偷带走了", "business-fraud"),          # secrets, not money
    ("在昌吉市再开两个门店，用电报装有什么便利", "company-change"),  # 开门店: the shop's own
    ("员工挪了个工位，怎么办", "business-fraud"),                # moved a desk, no money
    ("厂里在园区又租了间库房，和公司注册的在一个区，原执照上加个地址行不行，我们不想再开分公司了",
     "start-company"),  # a wish denied
])
def test_words_that_tell_another_situation(snap, text: str, not_scenario: str) -> None:
    event = life_event_asked(snap, text)
    assert event is None or event.scenario.slug != not_scenario


@pytest.mark.parametrize("scenario,service", [
    ("credit-repair", "credit-loan"),               # a list blocks loans
    ("credit-repair", "tax-dedicated-service"),     # a tax list: the tax office's one-to-one help
    ("business-dispute", "credit-repair-dishonest"),  # judgment unpaid
    ("construction-contract", "procurement-complaint"),  # objecting to a tender's conditions
    ("open-hotel", "digital-economy-logistics"),    # rooms and tickets sold online
])
def test_scenarios_hold_the_services_a_situation_involves(snap, scenario: str,
                                                         service: str) -> None:
    assert service in {link.slug for link in snap.scenarios[scenario].services}
