"""Today's date in the catalog's timezone: the one clock for effective dates and due dates.

`CATALOG_TODAY` (config.py) fixes it, so a test or a rehearsal can answer as of 2027-01-01
without touching the system clock or the code under test.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from services_catalog.config import get_catalog_settings


def today() -> date:
    settings = get_catalog_settings()
    if settings.catalog_today is not None:
        return settings.catalog_today
    return datetime.now(ZoneInfo(settings.timezone)).date()
