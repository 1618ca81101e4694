"""Turn a statutory time limit ("3个工作日") into the date a user can expect a result.

Working days follow China's official calendar (statutory holidays and 调休 make-up working
days) from `chinese_calendar`. That package only knows years whose schedule the State Council
has published; beyond them we count Monday–Friday and say so, rather than refuse to answer.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

import chinese_calendar

from services_catalog.wording import render

UNITS = ("工作日", "日", "小时")
_WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class DueDate:
    date: datetime.date
    calendar_known: bool  # False: some day was counted without the official holiday schedule
    note: str | None  # user-facing caveat in Chinese, None when the date is exact


def due_date(start: datetime.date, amount: int, unit: str) -> DueDate:
    """Date by which a time limit of `amount` `unit` that starts on `start` runs out.

    工作日: the submission day is not counted; day 1 is the first working day after `start`
    (so a submission on a holiday or weekend also starts counting on the next working day).
    日: `amount` calendar days later. 小时: rounded up to whole days.
    """
    if unit not in UNITS:
        raise ValueError(f"不支持的时限单位：{unit!r}，只支持 {'、'.join(UNITS)}")
    if amount <= 0:
        raise ValueError(f"时限数值必须大于0，收到 {amount}")
    if unit == "日":
        return DueDate(start + datetime.timedelta(days=amount), True, None)
    if unit == "小时":
        return DueDate(start + datetime.timedelta(days=math.ceil(amount / 24)), True, None)

    unknown_years: set[int] = set()
    day = start
    counted = 0
    while counted < amount:
        day += datetime.timedelta(days=1)
        try:
            workday = chinese_calendar.is_workday(day)
        except NotImplementedError:  # year not published yet
            unknown_years.add(day.year)
            workday = day.weekday() < 5
        if workday:
            counted += 1
    if not unknown_years:
        return DueDate(day, True, None)
    years = "、".join(str(y) for y in sorted(unknown_years))
    return DueDate(day, False, render("utter_note_holidays_unpublished", {"years": years}))


def format_date(d: datetime.date) -> str:
    """2026-10-09 → "2026年10月9日（星期五）"."""
    return f"{d.year}年{d.month}月{d.day}日（星期{_WEEKDAYS[d.weekday()]}）"
