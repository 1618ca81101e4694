"""A grievance a business tells gets what the plan commits to on it: one or two matters, each
with the clause that addresses it and its 第N条; a grievance about nothing the plan holds gets
none (the 12345 hand-off alone). Sentences of no test set."""

from __future__ import annotations

import pytest

from services_catalog.grievance import grievance_answer, grievance_matters
from services_catalog.snapshot import CatalogSnapshot, build_snapshot


@pytest.fixture(scope="module")
def snap() -> CatalogSnapshot:
    from services_catalog.db import get_sessionmaker

    with get_sessionmaker()() as session:
        return build_snapshot(session)


def cited(snap: CatalogSnapshot, text: str) -> set[int]:
    return {e.task for m in grievance_matters(snap, text) for e in m.evidence}


@pytest.mark.parametrize(("text", "tasks"), [
    # money owed, read as no service by the search: the plan's 拖欠 账款 clause reads it
    ("工程干完两年了，甲方是镇政府，尾款一直不给，小公司实在扛不住", {129}),
    ("干完活半年了工程款一直拖着不给", {129, 161}),
    # seized assets unrelated to the case
    ("法院把我们一个跟案子不相干的仓库查封了，生产都停了", {164}),
    # a charge on top of a connection
    ("接个天然气还让额外交了个开户费", {45, 91}),
])
def test_a_grievance_cites_the_plan_commitment(snap: CatalogSnapshot, text: str,
                                               tasks: set[int]) -> None:
    assert tasks <= cited(snap, text)


def test_two_matters_are_both_cited(snap: CatalogSnapshot) -> None:
    matters = grievance_matters(snap, "给政府采购项目供了一批货，货款到现在还没付")
    assert len(matters) == 2
    assert 22 in {e.task for e in matters[0].evidence}
    answer = grievance_answer(snap, "给政府采购项目供了一批货，货款到现在还没付")
    assert answer is not None and answer.response == "utter_several"
    assert "第22条" in answer.variables["lines"]
    # one matter only is no answer where two are wanted
    assert grievance_answer(snap, "接个天然气还让额外交了个开户费", least=2) is None


@pytest.mark.parametrize("text", [
    "窗口那个人说话很冲，爱答不理的",
    "办事太慢了我要投诉",
    "等了一个月都没人打电话通知我",
    "你们这什么破系统，登都登不上",
])
def test_a_grievance_about_nothing_the_plan_holds_gets_none(snap: CatalogSnapshot,
                                                            text: str) -> None:
    assert grievance_answer(snap, text) is None


def test_two_matters_card_lists_both_as_a_several_answer_does(snap: CatalogSnapshot) -> None:
    text = "给政府采购项目供了一批货，货款到现在还没付"
    matters = grievance_matters(snap, text)
    answer = grievance_answer(snap, text)
    assert answer is not None
    card = answer.card
    assert card["slug"] == matters[0].service.slug
    assert card["several"] == [{"slug": m.service.slug, "name": m.service.name} for m in matters]
    first = matters[0].evidence[0]
    assert card["citation"] == {"item": first.task, "text": first.clause.text}
    assert [e["item"] for e in card["evidence"]] == [e.task for m in matters for e in m.evidence]
