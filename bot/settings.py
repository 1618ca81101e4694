"""Gateway settings from the environment (pydantic-settings)."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEV_SECRET = "dev-only-secret-change-me"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    # Several Rasa replicas share a tracker store and a Redis lock store; the gateway balances.
    rasa_urls: Annotated[list[str], NoDecode] = ["http://127.0.0.1:5005"]
    rasa_token: str = ""
    actions_url: str = "http://127.0.0.1:5055"
    rasa_timeout_s: float = 10.0
    parse_timeout_s: float = 1.5
    secret_key: str = DEV_SECRET
    catalog_admin_token: str | None = None
    token_ttl_minutes: int = 480
    max_message_chars: int = 500
    max_assist_chars: int = 4000
    max_body_bytes: int = 1_000_000
    cors_origins: Annotated[list[str], NoDecode] = []
    # Who may frame the chat widget (CSP frame-ancestors), e.g. "'self',https://www.example.gov.cn".
    # Every other page (admin, analytics, agent console) may not be framed at all.
    widget_frame_ancestors: Annotated[list[str], NoDecode] = ["'self'"]
    chat_per_minute_per_sender: int = 30
    chat_per_minute_per_ip: int = 240
    redis_url: str | None = None
    rasa_project_dir: str | None = None  # where `rasa train` runs for admin retrains

    @model_validator(mode="before")
    @classmethod
    def _split_lists(cls, data: dict) -> dict:
        for key in ("rasa_urls", "cors_origins", "widget_frame_ancestors"):
            for k in (key, key.upper()):
                if isinstance(data.get(k), str):
                    data[k] = [v.strip() for v in data[k].split(",") if v.strip()]
        return data

    @model_validator(mode="after")
    def _refuse_default_secret(self) -> Settings:
        if self.environment == "production" and self.secret_key == DEV_SECRET:
            raise ValueError("SECRET_KEY must be set in production (the default is refused)")
        if self.environment == "production" and self.catalog_admin_token is not None and len(
            self.catalog_admin_token
        ) < 24:
            raise ValueError("CATALOG_ADMIN_TOKEN must be at least 24 characters in production")
        return self

    max_turn_chars: int = Field(default=500, exclude=True)


@lru_cache
def get_settings() -> Settings:
    return Settings()
