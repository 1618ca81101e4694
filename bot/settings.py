"""Gateway settings from the environment (pydantic-settings)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.secret import load_or_create_secret

# The key this file once defaulted to: anyone can read it here, so it is refused everywhere but
# in tests (a token signed with it must never verify).
DEV_SECRET = "dev-only-secret-change-me"
ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    # Several Rasa replicas share a tracker store and a Redis lock store; the gateway balances.
    rasa_urls: Annotated[list[str], NoDecode] = ["http://127.0.0.1:5005"]
    rasa_token: str = ""
    actions_url: str = "http://127.0.0.1:5055"
    rasa_timeout_s: float = 10.0
    parse_timeout_s: float = 1.5
    # Unset: generated once into secret_key_file (0600) and reused by every gateway process;
    # in tests an ephemeral random key per process.
    secret_key: str | None = None
    secret_key_file: Path = ROOT / "var" / "secret_key"
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
    # A logged-in agent's own budget on /api/assist (a 12345 centre shares one NAT address).
    assist_per_minute_per_account: int = 240
    # Chat and assist requests being answered at once, over all clients; beyond it 503.
    max_inflight: int = 64
    # Password checks (argon2, ~50 ms of a core each) at once, and how many may wait for one.
    login_concurrency: int = 1
    login_queue: int = 16
    # Wrong passwords for one account from one IP before that pair backs off (exponentially);
    # from all IPs together before every attempt on the account is slowed (never locked).
    login_failures_per_ip: int = 5
    login_failures_per_account: int = 50
    login_window_minutes: int = 15
    redis_url: str | None = None
    rasa_project_dir: str | None = None  # where `rasa train` runs for admin retrains
    # A work order's due date: only from a handling limit staff configure (working days).
    # Hotline limits vary by region and none is in the plan, so there is no default.
    hotline_due_working_days: int | None = Field(default=None, ge=1, le=60)

    @model_validator(mode="before")
    @classmethod
    def _split_lists(cls, data: dict) -> dict:
        for key in ("rasa_urls", "cors_origins", "widget_frame_ancestors"):
            for k in (key, key.upper()):
                if isinstance(data.get(k), str):
                    data[k] = [v.strip() for v in data[k].split(",") if v.strip()]
        return data

    @model_validator(mode="after")
    def _secret(self) -> Settings:
        testing = self.environment == "test"
        if not self.secret_key:  # SECRET_KEY= (empty) counts as unset
            self.secret_key = None
        if self.secret_key == DEV_SECRET and not testing:
            raise ValueError("SECRET_KEY is the published development default: unset it (a "
                             "random key is then generated into var/) or set your own")
        if self.secret_key is not None and len(self.secret_key) < 32 and not testing:
            raise ValueError("SECRET_KEY must be at least 32 characters")
        if self.secret_key is None:
            self.secret_key = load_or_create_secret(None if testing else self.secret_key_file)
        if self.environment == "production" and self.catalog_admin_token is not None and len(
            self.catalog_admin_token
        ) < 24:
            raise ValueError("CATALOG_ADMIN_TOKEN must be at least 24 characters in production")
        return self

    @property
    def signing_key(self) -> str:
        assert self.secret_key is not None  # set by _secret
        return self.secret_key

    max_turn_chars: int = Field(default=500, exclude=True)


@lru_cache
def get_settings() -> Settings:
    return Settings()
