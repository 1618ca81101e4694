"""Figures of /api/admin/analytics from chat_log, feedback and assist_copies rows inserted for days
in 2001 (no other test writes there), removed again afterwards."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import datetime, timezone

import pytest
from sqlalchemy import delete

from bot.analytics import cluster_questions, similarity
from bot.settings import get_settings
from services_catalog.db import session_scope
from services_catalog.models import AssistCopy, ChatLog, Feedback

ADMIN = {"Authorization": f"Bearer {get_settings().catalog_admin_token}"}
RANGE = {"from": "2001-03-01", "to": "2001-03-03"}
REG, UKEY = "company-registration", "tax-ukey"


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2001, 3, day, hour, minute, tzinfo=timezone.utc)


def chat(at: datetime, sender: str, text: str, slug: str | None = None,
         fallback: bool = False, channel: str = "chat") -> ChatLog:
    return ChatLog(at=at, channel=channel, sender=sender, text=text, slug=slug,
                   fallback=fallback)


@pytest.fixture(scope="module")
def rows() -> Iterator[None]:
    # Beijing is UTC+8: 2001-03-01 17:30 UTC is already 2001-03-02 in 昌吉.
    added = [
        chat(utc(1, 1), "a", "开公司要多久", REG),
        chat(utc(1, 2), "a", "开公司要带什么", REG),
        chat(utc(1, 3), "a", "怎么办理营业执照年报", fallback=True),
        chat(utc(1, 4), "b", "领Ukey", UKEY),
        chat(utc(1, 5), "assist", "来电人：我想开公司", REG, channel="assist"),
        chat(utc(1, 6), "assist", "来电人：狗证", None, fallback=True, channel="assist"),
        chat(utc(1, 17, 30), "c", "营业执照年报怎么办理", fallback=True),
        chat(utc(2, 2), "c", "营业执照年报怎么办理？", fallback=True),
        chat(utc(2, 3), "d", "开公司", REG),
        AssistCopy(at=utc(1, 5, 1), slug=REG, rank=1, query="我想开公司"),
        *(Feedback(at=utc(1, 7), sender="a", slug=REG, rating="satisfied") for _ in range(3)),
        Feedback(at=utc(2, 7), sender="c", slug=REG, rating="unsatisfied"),
        Feedback(at=utc(2, 8), sender="b", slug=UKEY, rating="unsatisfied"),
        # Outside the range: 2001-03-04 00:30 Beijing time.
        chat(utc(3, 16, 30), "e", "开公司", REG),
        Feedback(at=utc(3, 16, 30), sender="e", slug=UKEY, rating="satisfied"),
    ]
    with session_scope() as session:
        session.add_all(added)
    yield
    lo, hi = utc(1, 0), utc(5, 0)
    with session_scope() as session:
        for model in (ChatLog, AssistCopy, Feedback):
            session.execute(delete(model).where(model.at >= lo, model.at < hi))


async def test_figures(gateway, rows) -> None:
    r = await gateway.get("/api/admin/analytics", params=RANGE, headers=ADMIN)
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["from"] == "2001-03-01" and data["to"] == "2001-03-03"
    days = {d["date"]: d for d in data["days"]}
    assert list(days) == ["2001-03-01", "2001-03-02", "2001-03-03"]
    d1, d2, d3 = days.values()
    assert (d1["messages"], d1["conversations"], d1["fallbacks"]) == (4, 2, 1)
    assert (d1["assist_requests"], d1["assist_copies"]) == (2, 1)
    assert d1["fallback_rate"] == 0.25
    assert (d2["messages"], d2["conversations"], d2["fallbacks"]) == (3, 2, 2)
    assert d3["messages"] == 0 and d3["fallback_rate"] is None

    t = data["totals"]
    assert (t["messages"], t["conversations"], t["fallbacks"]) == (7, 4, 3)
    assert t["fallback_rate"] == round(3 / 7, 4)
    assert (t["assist_requests"], t["assist_copies"], t["copy_rate"]) == (2, 1, 0.5)
    assert (t["satisfied"], t["unsatisfied"], t["satisfaction_rate"]) == (3, 2, 0.6)

    top = [(s["slug"], s["count"]) for s in data["top_services"]]
    assert top == [(REG, 3), (UKEY, 1)]
    assert data["top_services"][0]["name"] == "企业开办"

    sat = {s["slug"]: s for s in data["satisfaction"]}
    assert sat[REG]["satisfied"] == 3 and sat[REG]["unsatisfied"] == 1
    assert sat[REG]["satisfaction_rate"] == 0.75
    assert sat[UKEY]["satisfaction_rate"] == 0.0
    services = {s["slug"]: s for s in data["services"]}
    assert services[REG]["assist_suggested"] == 1 and services[REG]["assist_copies"] == 1

    clusters = data["unanswered"]
    assert clusters[0]["count"] == 3
    assert set(clusters[0]["examples"]) == {
        "营业执照年报怎么办理", "营业执照年报怎么办理？", "怎么办理营业执照年报"}
    assert [c["count"] for c in clusters[1:]] == [1]
    assert "狗证" in clusters[1]["text"]


async def test_csv_download(gateway, rows) -> None:
    r = await gateway.get("/api/admin/analytics.csv", params=RANGE, headers=ADMIN)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert 'filename="analytics-2001-03-01-2001-03-03.csv"' in r.headers["content-disposition"]
    text = r.content.decode("utf-8")
    assert text.startswith("\ufeff")
    lines = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    day_header = lines.index(["date", "messages", "conversations", "fallbacks", "fallback_rate",
                              "assist_requests", "assist_copies", "handoffs", "no_match"])
    assert lines[day_header + 1][:4] == ["2001-03-01", "4", "2", "1"]
    svc_header = next(i for i, row in enumerate(lines) if row[:2] == ["slug", "name"])
    reg = next(row for row in lines[svc_header:] if row[:1] == [REG])
    assert reg[1:6] == ["企业开办", "3", "3", "1", "0.75"]


@pytest.mark.parametrize("params", [
    {"from": "2001-13-01", "to": "2001-03-03"},
    {"from": "yesterday"},
    {"from": "2001-03-05", "to": "2001-03-01"},
    {"from": "2000-01-01", "to": "2001-03-01"},
])
async def test_bad_dates_are_422(gateway, params) -> None:
    for path in ("/api/admin/analytics", "/api/admin/analytics.csv"):
        r = await gateway.get(path, params=params, headers=ADMIN)
        assert r.status_code == 422, (path, params, r.text)
        assert r.json()["fields"]


async def test_default_period_is_the_last_7_days(gateway) -> None:
    # the catalog's timezone, not the caller's clock: tests/bot/test_handoff_counting.py
    r = await gateway.get("/api/admin/analytics", headers=ADMIN)
    assert r.status_code == 200
    assert len(r.json()["days"]) == 7


def test_similarity_and_greedy_clusters() -> None:
    assert similarity("营业执照怎么办", "怎么办营业执照") >= 0.5
    assert similarity("营业执照怎么办", "狗证在哪里办") < 0.5
    clusters = cluster_questions(["公积金提取", "提取公积金", "提取公积金", "狗证", "狗证办理", ""])
    assert [(c.count, len(c.examples)) for c in clusters] == [(3, 2), (2, 2)]
    assert clusters[0].text == "提取公积金"  # the most frequent wording represents the group
