"""办结时限 in the work-order draft is the hotline order's own deadline (HOTLINE_DUE_WORKING_DAYS),
never the service's 办理时限: the card beside it shows the service's limit (燃气报装 10个工作日),
the spoken reply already says it, and the order takes none of it."""

from __future__ import annotations

from datetime import date

from bot.call_classifier import Verdict
from bot.workorder import build
from services_catalog.snapshot import CatalogCache

MONDAY = date(2026, 3, 2)
CONSULT = Verdict("咨询", 0.9)
# Words of our own: a question the catalog answers, and one it leaves to the handling unit.
ASKED = "食堂想接管道天然气，大概要等多久"


def gas(db_session):  # type: ignore[no-untyped-def]
    service = CatalogCache().get(db_session).services["gas-connection"]
    assert any(t.amount == 10 for t in service.time_limits)  # the card's 10个工作日
    return service


def test_an_unset_deadline_stays_unset_whatever_the_service_limit(db_session) -> None:
    wo = build(ASKED, [gas(db_session)], ["time_limit"], None, False, MONDAY, None, CONSULT)
    assert wo is not None and wo["can_close_on_call"] is False
    assert wo["due_date"] is None


def test_a_configured_deadline_counts_its_own_working_days(db_session) -> None:
    wo = build(ASKED, [gas(db_session)], ["time_limit"], None, False, MONDAY, 3, CONSULT)
    assert wo is not None and wo["due_date"] == "2026-03-05"  # 3 working days, not 10


def test_an_order_closed_on_the_call_has_no_deadline(db_session) -> None:
    reply = "燃气报装承诺10个工作日内办结。"
    wo = build(ASKED, [gas(db_session)], ["time_limit"], reply, True, MONDAY, 3, CONSULT)
    assert wo is not None and wo["can_close_on_call"] is True
    assert wo["due_date"] is None and "10个工作日" in wo["reply"]
