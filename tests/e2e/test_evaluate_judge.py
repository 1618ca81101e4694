"""The held-out judges: a several-services answer's figures are each listed service's own; a
computed date is not a figure of the plan."""

from __future__ import annotations

from tests.e2e.evaluate import judge
from tests.e2e.evaluate_plan import wrong_figures as plan_wrong_figures

ALLOWED = {"company-registration": {"3个工作日"}, "water-connection": {"5个工作日"}}


def several(reply: str, slugs: list[str]) -> list[dict]:
    card = {"slug": slugs[0], "several": [{"slug": s} for s in slugs]}
    return [{"text": reply, "custom": card}]


def test_each_listed_service_may_state_its_own_figure() -> None:
    reply = "· 企业开办：承诺时限3个工作日（第3条）\n· 用水报装：承诺时限5个工作日（第46条）"
    item = {"text": "企业开办和用水报装分别要多久", "service": "company-registration"}
    turn = judge(item, several(reply, ["company-registration", "water-connection"]), ALLOWED)
    assert turn.ok and not turn.wrong_figures


def test_a_figure_of_no_listed_service_is_still_wrong() -> None:
    reply = "· 企业开办：承诺时限3个工作日（第3条）\n· 用水报装：承诺时限7个工作日（第46条）"
    item = {"text": "企业开办和用水报装分别要多久", "service": "company-registration"}
    turn = judge(item, several(reply, ["company-registration", "water-connection"]), ALLOWED)
    assert turn.wrong_figures == ["7个工作日"]


def test_plan_judge_takes_a_computed_date_for_no_figure_but_checks_the_limit() -> None:
    tasks = {164: "对与案件无关的财产，在3日以内解除查封冻结"}
    good = "承诺3日内办结：2026年12月5日提交，最晚2026年12月8日办完（第164条）"
    bad = "承诺5日内办结：2026年12月5日提交，最晚2026年12月10日办完（第164条）"
    assert plan_wrong_figures(good, {164}, tasks) == []
    assert plan_wrong_figures(bad, {164}, tasks) == ["5日"]
