"""Which questions ask for a fact the plan never states."""

from __future__ import annotations

import pytest

from services_catalog.absent_facts import absent_fact
from services_catalog.question_cues import states_who


@pytest.mark.parametrize(("text", "kind"), [
    ("燃气公司电话多少", "phone"),
    ("用水报装找谁，电话是多少", "phone"),
    ("你们的联系方式是什么", "phone"),
    ("你们局长叫什么名字", "person"),
    ("营业执照办理负责人是谁", "person"),
    ("燃气价格多少", "price"),
    ("一度电多少钱", "price"),
    ("政务服务大厅在哪", "address"),
    ("不动产登记中心地址是什么", "address"),
    ("周末能办吗", "hours"),
    ("办事大厅几点开门", "hours"),
])
def test_absent_facts(text: str, kind: str) -> None:
    assert absent_fact(text) == kind


@pytest.mark.parametrize("text", [
    "12345电话多少",  # the plan's own number: the hotline service answers it
    "市长热线号码多少",
    "小区停水了打自来水公司电话没人接",
    "燃气价格公开吗",  # 第45条 says it is: a policy question
    "住所登记地址变更",
    "食品许可证上的地址门牌号要变更一下，需要现场核查吗",
    "一度电比外面贵了好几毛，这个合理吗",
    "听说有个手机小程序能办事，叫什么名字",
    "现在几点了",
    "彩票中奖号码是多少",
    "下班前交的几天能办完",
    "开公司要几天",
])
def test_questions_the_plan_answers_or_that_are_not_ours(text: str) -> None:
    assert absent_fact(text) is None


@pytest.mark.parametrize("text", ["我们店里还有一台冰柜", "厂里有两台锅炉", "咱公司也有食堂"])
def test_what_the_business_has_is_stated(text: str) -> None:
    assert states_who(text)


@pytest.mark.parametrize("text", ["我有个问题", "我们还有个问题想问"])
def test_having_a_question_is_no_case(text: str) -> None:
    assert not states_who(text)
