import datetime

import chinese_calendar
import pytest

from services_catalog.due_dates import DueDate, due_date, format_date

D = datetime.date


def test_calendar_facts_the_tests_rely_on() -> None:
    # 2026: 中秋 09-25..27, 国庆 10-01..07; 调休 working days on Sun 09-20 and Sat 10-10.
    assert not chinese_calendar.is_workday(D(2026, 10, 1))
    assert not chinese_calendar.is_workday(D(2026, 10, 7))
    assert chinese_calendar.is_workday(D(2026, 9, 20))
    assert chinese_calendar.is_workday(D(2026, 10, 10))
    assert not chinese_calendar.is_workday(D(2026, 9, 27))
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(D(2027, 3, 1))


def test_working_days_across_national_day() -> None:
    # Tue 09-29 submitted: day 1 = Wed 09-30, then 10-01..07 off, day 2 = 10-08, day 3 = 10-09.
    assert due_date(D(2026, 9, 29), 3, "工作日") == DueDate(D(2026, 10, 9), True, None)


def test_make_up_saturday_counts_as_working_day() -> None:
    assert due_date(D(2026, 9, 29), 4, "工作日").date == D(2026, 10, 10)  # Saturday, 调休
    assert due_date(D(2026, 9, 18), 1, "工作日").date == D(2026, 9, 20)  # Sunday, 调休


def test_working_days_across_weekend() -> None:
    assert due_date(D(2026, 3, 12), 2, "工作日").date == D(2026, 3, 16)  # Thu → Mon


def test_five_working_days_from_friday() -> None:
    assert due_date(D(2026, 3, 13), 5, "工作日").date == D(2026, 3, 20)


def test_submission_on_non_working_day_counts_from_next_working_day() -> None:
    assert due_date(D(2026, 3, 14), 1, "工作日").date == D(2026, 3, 16)  # Sat → Mon
    assert due_date(D(2026, 10, 3), 1, "工作日").date == D(2026, 10, 8)  # holiday


def test_calendar_days() -> None:
    assert due_date(D(2026, 9, 29), 10, "日") == DueDate(D(2026, 10, 9), True, None)


@pytest.mark.parametrize(("hours", "days"), [(1, 1), (24, 1), (25, 2), (48, 2), (72, 3)])
def test_hours_round_up_to_days(hours: int, days: int) -> None:
    result = due_date(D(2026, 9, 29), hours, "小时")
    assert result.date == D(2026, 9, 29) + datetime.timedelta(days=days)
    assert result.calendar_known


def test_unknown_year_falls_back_to_weekends() -> None:
    result = due_date(D(2027, 3, 5), 3, "工作日")  # Fri
    assert result.date == D(2027, 3, 10)
    assert result.calendar_known is False
    assert result.note == "2027年节假日安排尚未公布，按双休日推算"


def test_span_into_unknown_year_names_only_that_year() -> None:
    result = due_date(D(2026, 12, 30), 3, "工作日")
    assert result.date == D(2027, 1, 4)
    assert not result.calendar_known
    assert result.note is not None and "2027年" in result.note and "2026" not in result.note


@pytest.mark.parametrize(("amount", "unit"), [(1, "周"), (1, "月"), (0, "工作日"), (-2, "日")])
def test_invalid_input_raises(amount: int, unit: str) -> None:
    with pytest.raises(ValueError):
        due_date(D(2026, 9, 29), amount, unit)


def test_format_date() -> None:
    assert format_date(D(2026, 10, 9)) == "2026年10月9日（星期五）"
    assert format_date(D(2026, 9, 20)) == "2026年9月20日（星期日）"
    assert format_date(D(2027, 1, 4)) == "2027年1月4日（星期一）"
