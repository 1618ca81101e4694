"""Usage analytics for a date range (JSON for the page, CSV for Excel)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Query
from fastapi.responses import JSONResponse, Response

from bot.analytics import MAX_DAYS, Analytics, Period, compute, to_csv
from bot.routers.admin.common import R403, EditorDep, SessionDep, admin_router
from bot.validation_zh import validation_response
from services_catalog.config import get_catalog_settings

router = admin_router()


def _period(date_from: date | None, date_to: date | None) -> Period | JSONResponse:
    tz = ZoneInfo(get_catalog_settings().timezone)
    end = date_to or datetime.now(tz).date()
    start = date_from or end - timedelta(days=29)
    if start > end:
        return validation_response([{"loc": ("query", "from"), "type": "value_error",
                         "msg": "开始日期不能晚于结束日期 / from must not be after to"}])
    if (end - start).days >= MAX_DAYS:
        return validation_response([{"loc": ("query", "to"), "type": "value_error",
                         "msg": f"时间范围最多{MAX_DAYS}天 / at most {MAX_DAYS} days"}])
    return Period(start, end, tz)


FROM_Q = Query(default=None, alias="from", description="开始日期 YYYY-MM-DD（默认：30天前）")
TO_Q = Query(default=None, alias="to", description="结束日期 YYYY-MM-DD，含当天（默认：今天）")


@router.get(
    "/analytics", response_model=Analytics, responses=R403, summary="使用统计 / analytics",
    description="每日消息数和会话数、热门事项、未能回答率、未回答问题（相似问题聚类）、各事项好差评"
                "满意率、坐席话术复制率。日期按北京时间。 / Daily messages and conversations, top "
                "services, fallback rate, clustered unanswered questions, satisfaction per "
                "service and agent-assist copy rate.",
)
def analytics(staff: EditorDep, session: SessionDep, date_from: date | None = FROM_Q,
              date_to: date | None = TO_Q) -> Any:
    period = _period(date_from, date_to)
    if isinstance(period, JSONResponse):
        return period
    return compute(session, period)


@router.get(
    "/analytics.csv", response_class=Response, responses=R403,
    summary="下载统计 CSV / analytics as CSV",
    description="每日统计和事项统计两张表（UTF-8 带 BOM，Excel 可直接打开）。"
                " / The per-day and per-service tables as one CSV file.",
)
def analytics_csv(staff: EditorDep, session: SessionDep, date_from: date | None = FROM_Q,
                  date_to: date | None = TO_Q) -> Response:
    period = _period(date_from, date_to)
    if isinstance(period, JSONResponse):
        return period
    text = to_csv(compute(session, period))
    return Response(text, media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition":
            f'attachment; filename="analytics-{period.start}-{period.end}.csv"',
        "Cache-Control": "no-store",
    })
