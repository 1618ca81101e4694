"""The held-out judge: a several-services answer's figures are each listed service's own."""

from __future__ import annotations

from tests.e2e.evaluate import judge

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
