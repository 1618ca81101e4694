"""Several services in one message: each part found (by the question it shares, by another of a
named service's names) and each line quoting what the plan says of what was asked of it."""

from __future__ import annotations

import re

import pytest

from services_catalog.several import questions_asked, services_asked, several_answer
from services_catalog.snapshot import build_snapshot
from services_catalog.wording import render
from tests.services_catalog.test_truth import tasks

CITE = re.compile(r"第(\d+)条")
FIGURE = re.compile(r"\d+(?:\.\d+)?(?:个工作日|工作日|小时|天|日|个月|万元|元|%)")


@pytest.fixture(scope="module")
def snap():
    from services_catalog.db import get_sessionmaker

    with get_sessionmaker()() as session:
        return build_snapshot(session)


def lines(snap, text: str, question: str = "overview") -> list[str]:
    slugs = services_asked(snap, text)
    assert slugs, f"{text}: not read as several services"
    answer = several_answer(snap, slugs, question, questions_asked(snap, text, slugs, question))
    out = render(answer.response, answer.variables).split("\n")[1:]
    for line in out:  # every figure is stated by a task the line cites
        source = "".join(tasks()[int(n)] for n in CITE.findall(line))
        assert all(f in source.replace(" ", "") for f in FIGURE.findall(CITE.sub("", line))), line
    return out


@pytest.mark.parametrize(("text", "question", "expected"), [
    # 水气暖投装审批 alone reads as 工程建设项目审批 just short of sure; with 各要几天 it is.
    ("水气暖投装审批跟燃气报装各要几天", "time_limit",
     [("15个工作日", "第88条"), ("10个工作日", "第46条")]),
    # two names the plan speaks of apart get a line each
    ("经济性裁员备案跟劳动用工备案能在网上弄吗", "channel",
     [("网上申报", "第28条"), ("劳动用工备案", "第28条")]),
    # an online question quotes the online commitment
    ("电子营业执照和企业年报能网上办吗", "channel", [("第10条", "网络化办理"), ("第9条",)]),
    # the short names of the utilities
    ("办水和办气各要几天", "time_limit",
     [("用水报装", "5个工作日"), ("燃气报装", "10个工作日")]),
    # 仲裁 is a name of 劳动人事争议与法律援助 too; after 劳动争议 it asks about arbitration.
    ("劳动争议仲裁和诉前调解分别有啥规定", "policy", [("第170条", "仲裁"), ("第143条",)]),
    # a service of several tasks named by one of them
    ("开诊所的审批，还有卫生信息平台，分别咋规定的", "policy",
     [("第57条",), ("第50条", "健康云平台")]),
])
def test_each_part_gets_its_line(snap, text: str, question: str,
                                 expected: list[tuple[str, ...]]) -> None:
    got = lines(snap, text, question)
    assert len(got) == len(expected), got
    for line, phrases in zip(got, expected, strict=True):
        assert all(p in line for p in phrases), line


def test_a_named_service_is_no_rival_of_the_next_part(snap) -> None:
    # 政府采购保证金 with 都能用保函吗 reads as 投标保证金 and 农民工工资保证金 alike; the
    # latter is named already, so the part is 投标保证金, answered by its whole clause.
    got = lines(snap, "农民工工资保证金和政府采购保证金，都能用保函吗")
    assert "第32条" in got[0] and "保函" in got[0]
    assert "投标保证金" in got[1] and "第23条" in got[1] and "取消缴纳投标保证金" in got[1]


def test_two_names_one_clause_holds_are_one_question(snap) -> None:
    assert services_asked(snap, "网上立案、网上保全能不能弄") == []


@pytest.mark.parametrize(("text", "expected"), [
    # each question in a clause of its own, free words in both, no joiner between them
    ("施工图联审几天出意见？竣工以后规划消防这些验收能不能一起验",
     [("第86条", "5个工作日"), ("第92条",)]),
    # 、 after a question parts questions, not the services of a list
    ("惠企政策还要自己申请吗、材料不齐能先受理吗、有没有人帮忙代办",
     [("第76条", "免申即享"), ("第74条", "先办后补"), ("第75条",)]),
    # 限不限行, 管不管: a question in A-not-A form
    ("我们出租车公司车要查验还得开到交管那边去吗？还有4.5吨的货车进城限不限行",
     [("第81条",), ("第82条", "4.5吨以下货车")]),
    # 一是…二是…: each listed question, the named ones and the one in free words
    ("一是公司开办现在几天办完，二是用水报装多久，三是用气报装多久",
     [("第3条", "3个工作日"), ("第46条", "5个工作日"), ("第46条", "10个工作日")]),
])
def test_each_question_a_line(snap, text: str, expected: list[tuple[str, ...]]) -> None:
    got = lines(snap, text)
    assert len(got) == len(expected), got
    for line, phrases in zip(got, expected, strict=True):
        assert all(p in line for p in phrases), line


@pytest.mark.parametrize("text", [
    # a follow-up on the same matter (会不会…) is no second service
    "起诉的材料不全法院会咋样？会不会让我来回跑",
    # 能查多少事项, 网上办理比例: questions on the service before, not services of their own
    "吉速办小程序能办多少事项、能查多少事项？网上办理比例要达到多少",
    # two services named back to back, no joiner: one thing (起诉材料没带全)
    "起诉材料没带全，法院会不会让我来回跑好几次",
    # 有没有绿色通道 reads as 公证 and 诉讼 green channels alike: the 公证 the message names
    "嗯，我们小公司要办个公证，挺急的，有没有绿色通道，当天能出吗？",
])
def test_follow_up_questions_are_not_other_services(snap, text: str) -> None:
    assert services_asked(snap, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    # one service, each question about another of its tasks: a line each, from that task
    ("县乡村物流配送体系要建成啥样，村里啥时候能通快递",
     [("第60条", "县乡村三级物流配送体系"), ("第61条", "村村通快递")]),
    ("燃气报装多久？燃气价格在哪能看到", [("第46条", "10个工作日"), ("第45条", "燃气价格")]),
    ("技能等级评价企业能自己搞吗、职业技能培训有补贴吗", [("第53条",), ("第54条", "补贴")]),
])
def test_one_service_asked_about_two_of_its_tasks(snap, text: str,
                                                  expected: list[tuple[str, ...]]) -> None:
    got = lines(snap, text)
    assert len(got) == len(expected), got
    for line, phrases in zip(got, expected, strict=True):
        assert all(p in line for p in phrases), line


def test_one_task_asked_twice_is_one_answer(snap) -> None:
    # both questions point at 第67条: no several-services reading
    assert services_asked(snap, "吉速办小程序能办多少事项、能查多少事项") == []


def test_short_names_back_to_back_are_a_list(snap) -> None:
    assert services_asked(snap, "新建的厂区要接水接气接暖气，审批要多久")[:2] == [
        "water-connection", "gas-connection"]


@pytest.mark.parametrize("text", [
    "参加展会的补贴能拿多少？有上限吗",  # 上限 asks of the 补贴 before it, not of 投标保证金
    "展位费能报销多少？那有没有上限",
])
def test_a_measure_alone_names_no_second_service(snap, text: str) -> None:
    assert len(services_asked(snap, text)) < 2


@pytest.mark.parametrize(("text", "expected"), [
    # a clause naming only the services, then two asks: each service answers both
    ("用水和燃气报装都要新办，到哪儿申请，几个工作日能好", ["5个工作日", "10个工作日", "一窗受理"]),
    # a vague ask (要跑几个地方吗) before the one that settles a type: the time limit answers it
    ("自来水和燃气都还没通，要跑几个地方吗，前后大概几天能通",
     ["5个工作日", "10个工作日"]),
])
def test_services_named_then_asked_get_each_ask(snap, text: str, expected: list[str]) -> None:
    reply = "\n".join(lines(snap, text))
    assert all(e in reply for e in expected), reply
