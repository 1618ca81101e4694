# ruff: noqa: F811  (the catalog_day fixture is imported, then requested by name)
"""A change staff scheduled for 2027-01-01, answered by the real action: before that day the
current figure with "自2027年1月1日起调整为…", from that day the new figure; each answer names
its basis (the plan's 第N条, or the decision and its date). "Today" is CATALOG_TODAY."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date

import pytest

from actions.catalog_answers import ActionAnswerService
from services_catalog import repository as repo
from services_catalog.db import session_scope
from services_catalog.schemas import ServiceIn
from tests.actions.conftest import load_tracker
from tests.catalog_day import catalog_day  # noqa: F401 (fixture)

DOCUMENT = "昌吉州关于进一步压缩企业开办时间的通知"
PLAN = "依据：《行动方案（2023—2025年）》第3条"


@pytest.fixture()
def scheduled_service(catalog_day) -> Iterator[str]:
    catalog_day(date(2026, 12, 3))  # the day staff schedule the change
    uid = uuid.uuid4().hex[:8]
    slug = f"test-eff-{uid}"
    decision = {"document": DOCUMENT, "date": "2026-11-20"}
    with session_scope() as session:
        repo.create_service(session, ServiceIn.model_validate({
            "slug": slug, "name": f"测试开办{uid}", "departments": ["州市场监管局"],
            "time_limits": [{"amount": 5, "unit": "工作日", "item": 3, "change": {
                "amount": 2, "unit": "工作日", "effective": "2027-01-01", **decision}}],
            "fees": [{"text": "免收工本费", "item": 3, "change": {
                "text": "收取工本费10元", "effective": "2027-01-01", **decision}}],
            "citation": {"item": 3, "text": "测试引用"},
        }), actor="test")
    yield slug
    with session_scope() as session:
        row = repo.get_service(session, slug)
        repo.set_active(session, slug, False, "test", row.version)


def ask(run_action, slug: str, text: str, intent: str) -> str:
    tracker = load_tracker(
        "company_time_limit", sender_id=f"eff-{uuid.uuid4().hex[:6]}",
        latest_message={"text": text, "intent": {"name": intent, "confidence": 0.9},
                        "entities": [{"entity": "service", "value": slug}]})
    return run_action(ActionAnswerService(), tracker).texts[0]


def test_before_the_day_the_current_figure_and_the_change_to_come(
        run_action, scheduled_service, catalog_day) -> None:
    catalog_day(date(2026, 12, 31))
    text = ask(run_action, scheduled_service, "要几天", "ask_time_limit")
    assert "承诺办理时限是5个工作日（自2027年1月1日起调整为2个工作日，依据《" + DOCUMENT in text
    assert PLAN in text
    fee = ask(run_action, scheduled_service, "要钱吗", "ask_fee")
    assert "免收工本费（自2027年1月1日起调整为收取工本费10元" in fee and PLAN in fee


def test_from_the_day_the_new_figure_with_the_decision_as_basis(
        run_action, scheduled_service, catalog_day) -> None:
    catalog_day(date(2027, 1, 1))
    text = ask(run_action, scheduled_service, "要几天", "ask_time_limit")
    assert "承诺办理时限是2个工作日。" in text
    assert "5个工作日" not in text and "调整为" not in text
    assert f"依据：《{DOCUMENT}》（2026年11月20日）；" in text
    assert "第3条" not in text.split("依据：")[1]  # the figure no longer rests on the plan
    fee = ask(run_action, scheduled_service, "要钱吗", "ask_fee")
    assert "收取工本费10元" in fee and "免收" not in fee
    assert f"《{DOCUMENT}》（2026年11月20日）" in fee
    # a question about something else still cites the plan
    where = ask(run_action, scheduled_service, "在哪个部门办", "ask_department")
    assert PLAN in where


def test_a_new_day_rebuilds_the_snapshot_every_answer_reads(
        scheduled_service, catalog_day) -> None:
    """No edit on 2027-01-01, yet the agent scripts and several-services lines (which read the
    snapshot, not compose) give the new figure that day."""
    from actions.catalog_access import CACHE

    catalog_day(date(2026, 12, 31))
    with session_scope() as session:
        before = CACHE.get(session).services[scheduled_service]
    catalog_day(date(2027, 1, 1))
    with session_scope() as session:
        after = CACHE.get(session).services[scheduled_service]
    assert (before.time_limits[0].amount, after.time_limits[0].amount) == (5, 2)
    assert after.time_limits[0].basis.document == DOCUMENT and after.time_limits[0].change is None
