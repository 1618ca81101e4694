"""Answer "as of" a day: sets CATALOG_TODAY (services_catalog/clock.py) for one test."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import date

import pytest

from services_catalog.config import get_catalog_settings


@pytest.fixture()
def catalog_day() -> Iterator[Callable[[date | None], None]]:
    before = os.environ.get("CATALOG_TODAY")

    def set_day(day: date | None) -> None:
        if day is None:
            os.environ.pop("CATALOG_TODAY", None)
        else:
            os.environ["CATALOG_TODAY"] = day.isoformat()
        get_catalog_settings.cache_clear()

    try:
        yield set_day
    finally:
        if before is None:
            os.environ.pop("CATALOG_TODAY", None)
        else:
            os.environ["CATALOG_TODAY"] = before
        get_catalog_settings.cache_clear()
