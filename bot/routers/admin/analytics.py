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


DEFAULT_DAYS = 7


def _period(date_from: date | None, date_to: date | None,
            days: int | None = None) -> Period | JSONResponse:
    """The range asked for; missing ends are filled in the catalog's timezone (env TIMEZONE,
    CatalogSettings.timezone), never the browser's clock: `to` defaults to today there, `from` to
    `days` (default 7) days ending on `to`."""
    tz = ZoneInfo(get_catalog_settings().timezone)
    end = date_to or datetime.now(tz).date()
    start = date_from or end - timedelta(days=(days or DEFAULT_DAYS) - 1)
    if start > end:
        return validation_response([{"loc": ("query", "from"), "type": "value_error",
                         "msg": "开始日期不能晚于结束日期 / from must not be after to"}])
    if (end - start).days >= MAX_DAYS:
        return validation_response([{"loc": ("query", "to"), "type": "value_error",
                         "msg": f"时间范围最多{MAX_DAYS}天 / at most {MAX_DAYS} days"}])
    return Period(start, end, tz)


FROM_Q = Query(default=None, alias="from",
               description="开始日期 YYYY-MM-DD（默认：截至 to 的 days 天）")
TO_Q = Query(default=None, alias="to",
             description="结束日期 YYYY-MM-DD，含当天（默认：目录时区的今天）")
DAYS_Q = Query(default=None, ge=1, le=MAX_DAYS,
               description=f"未给 from 时的天数（默认{DEFAULT_DAYS}天，按目录时区计） / days "
                           "ending on `to` when `from` is not given")


@router.get(
    "/analytics", response_model=Analytics, responses=R403, summary="使用统计 / analytics",
    description="每日消息数和会话数、热门事项、未能回答率、未回答问题（相似问题聚类）、各事项好差评"
                "满意率、坐席话术复制率。日期按目录时区（默认 Asia/Shanghai）；"
                "不给日期时为截至今天的最近7天，实际范围见返回的 from/to/timezone。"
                "主动要求转人工计入 handoffs，不计入未能回答。 / Daily messages and conversations, "
                "top services, fallback rate, "
                "clustered unanswered questions, satisfaction per service and agent-assist copy "
                "rate. Without dates: the last 7 days in the catalog's timezone; the body's "
                "from/to say which range was used. A requested hand-off is not a fallback.",
)
def analytics(staff: EditorDep, session: SessionDep, date_from: date | None = FROM_Q,
              date_to: date | None = TO_Q, days: int | None = DAYS_Q) -> Any:
    period = _period(date_from, date_to, days)
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
                  date_to: date | None = TO_Q, days: int | None = DAYS_Q) -> Response:
    period = _period(date_from, date_to, days)
    if isinstance(period, JSONResponse):
        return period
    text = to_csv(compute(session, period))
    return Response(text, media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition":
            f'attachment; filename="analytics-{period.start}-{period.end}.csv"',
        "Cache-Control": "no-store",
    })
