"""Catalog settings shared by the gateway, the action server and the CLI."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent
SEED_FILE = Path(__file__).resolve().parent / "data" / "services.yml"
# The plan itself, shipped with the project (the seed file's bytes, unchanged).
PLAN_FILE = Path(__file__).resolve().parent / "data" / "plan.txt"


class CatalogSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = f"sqlite:///{ROOT / 'var' / 'catalog.db'}"
    # Local time of 昌吉州 users for "今天提交" due dates (Xinjiang uses Beijing time officially).
    timezone: str = "Asia/Shanghai"
    # Chat and assist log rows older than this are deleted by `purge-chat-logs` (retention.py).
    chat_log_retention_days: int = Field(default=180, ge=1)
    # "Today" for effective dates and due dates (services_catalog/clock.py); unset in
    # production. Tests and rehearsals of a scheduled change set CATALOG_TODAY=2027-01-01.
    catalog_today: date | None = None


@lru_cache
def get_catalog_settings() -> CatalogSettings:
    return CatalogSettings()
