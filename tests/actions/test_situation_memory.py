"""A situation told at length gets, after the answer, the other matters (第N条) the situations
most like it touch (services_catalog/situations.py); a single-fact question gets none."""

from __future__ import annotations

import re

from actions.catalog_answers import ActionAnswerService
from services_catalog.plan import task
from tests.actions.conftest import question_tracker, uncited_figures

CITE = re.compile(r"第(\d{1,3})条")


def related(run) -> list[dict]:  # noqa: ANN001 (the conftest's Run)
    return [m for m in run.messages if (m.get("custom") or {}).get("type") == "related_matters"]


def test_a_told_situation_gets_its_other_matters_with_their_clauses(run_action) -> None:
    # A tuning set's situation (dev_plan8 l007): a 个体户 short of money, asking about support.
    text = ("我就是个体户，在呼图壁菜市场卖了八年干果，从来没贷过款，现在想多进一批货还差十来万，"
            "银行对我们这种小个体有没有啥扶持？听人说有个网上的信用贷款平台")
    run = run_action(ActionAnswerService(), question_tracker(text, "ask_policy"))
    extra = related(run)
    assert len(extra) == 1
    bubble = extra[0]["text"]
    lines = [line for line in bubble.split("\n") if re.match(r"^\d+\. ", line)]
    assert 1 <= len(lines) <= 3
    items = {s["item"] for s in extra[0]["custom"]["steps"]}
    assert items & {37, 38, 40}
    for line in lines:
        assert CITE.search(line), line  # each matter with its 第N条
    # Only matters the answer lacks; every figure from a task it cites.
    first = " ".join(str(m) for m in run.messages[:-1])
    assert not any(f"第{n}条" in first for n in items)
    assert uncited_figures(bubble) == []
    for step in extra[0]["custom"]["steps"]:
        assert step["citation"]["text"] == task(step["item"]).text
    # a button per service among the matters, to ask about it
    services = {s["name"] for s in extra[0]["custom"]["steps"] if s["slug"]}
    assert {b["title"] for b in extra[0]["buttons"] or []} == services


def test_a_single_fact_question_gets_no_extra_matter(run_action) -> None:
    run = run_action(ActionAnswerService(), question_tracker("企业开办要几天？", "ask_time_limit"))
    assert related(run) == []
    assert len(run.messages) == 1
