"""ORM tables. Structured facts (time limits, fees, …) are JSON columns validated by schemas.py."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    pass


class Service(Base):
    __tablename__ = "services"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(200), default="")
    lead_unit: Mapped[str] = mapped_column(String(200), default="")
    departments: Mapped[list[str]] = mapped_column(JSON, default=list)
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    time_limits: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    fees: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    channels: Mapped[list[str]] = mapped_column(JSON, default=list)
    materials: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    notes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    howto: Mapped[str] = mapped_column(Text, default="")
    citation: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    items: Mapped[list[int]] = mapped_column(JSON, default=list)
    version: Mapped[int] = mapped_column(Integer, default=1)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(80), default="seed")

    # Optimistic concurrency done by the database: every UPDATE of a service carries
    # `WHERE version = <the version read>`, and SQLAlchemy raises StaleDataError when another
    # writer got there first (no row matched). The repository sets the new version itself.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}


class Scenario(Base):
    """A life event (开饭馆, 招员工 …): an ordered checklist of existing services.

    It states no figure of its own: every time limit and 第N条 in its answer is read from the
    linked services, so a scenario can never disagree with the catalog. `services` is a list of
    {"slug": ..., "note": ...} (schemas.ScenarioLink)."""

    __tablename__ = "scenarios"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(200))
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    description: Mapped[str] = mapped_column(Text, default="")
    services: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(80), default="seed")

    # As for Service: the UPDATE carries `WHERE version = <read>`; a lost race is StaleDataError.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}


class StaffUser(Base):
    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True, index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))  # agent | viewer | editor | admin
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Carried by every token; bumped by a password, role or active change (staff.py).
    token_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), index=True)
    # create | update | delete | restore | import; for slug "staff:<name>": login,
    # login_failed, staff_create, staff_update, password_reset, staff_delete
    action: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    version: Mapped[int] = mapped_column(Integer)
    # {field: {"before": ..., "after": ...}}
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ChatLog(Base):
    """One user message and the assistant's reply, text already masked (身份证号, 手机号)."""

    __tablename__ = "chat_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    channel: Mapped[str] = mapped_column(String(10), default="chat")  # chat | assist
    sender: Mapped[str] = mapped_column(String(80), index=True)
    text: Mapped[str] = mapped_column(Text)
    reply: Mapped[str] = mapped_column(Text, default="")
    slug: Mapped[str | None] = mapped_column(String(80), nullable=True, index=True)
    fallback: Mapped[bool] = mapped_column(Boolean, default=False)
    degraded: Mapped[bool] = mapped_column(Boolean, default=False)
    # What kind of reply it was when that matters to the inbox (bot/inbox.py): "out_of_scope"
    # (the small-talk answer to an out-of-scope intent). None for everything else.
    kind: Mapped[str | None] = mapped_column(String(20), nullable=True)


class Feedback(Base):
    """A 好差评 rating given in a conversation, about the service last answered."""

    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    sender: Mapped[str] = mapped_column(String(80), index=True)
    slug: Mapped[str | None] = mapped_column(String(80), nullable=True)
    rating: Mapped[str] = mapped_column(String(20))  # satisfied | unsatisfied


class AssistCopy(Base):
    """An agent copied a suggestion's script in the 12345 console."""

    __tablename__ = "assist_copies"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    slug: Mapped[str] = mapped_column(String(80))
    rank: Mapped[int] = mapped_column(Integer)
    query: Mapped[str] = mapped_column(Text, default="")


class KeyValue(Base):
    """Small pieces of state, e.g. the NLU fingerprint the running model was trained on."""

    __tablename__ = "kv"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ExampleQuestion(Base):
    """An example question: how people ask for a service without naming it (services_catalog/
    examples.py). Feeds the search's paraphrase signal and the generated NLU data.

    One row per distinct text (`text_key`, normalised): a text belongs to one service, or to
    out of scope (slug None). Removing keeps the row inactive, so that `prepare` does not put a
    seed example back that staff removed.
    """

    __tablename__ = "example_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str | None] = mapped_column(String(80), nullable=True, index=True)
    text: Mapped[str] = mapped_column(String(500))
    text_key: Mapped[str] = mapped_column(String(500), unique=True)
    source: Mapped[str] = mapped_column(String(10))  # seed | staff | inbox | import
    author: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    # As for services: an UPDATE carries `WHERE version = <read>`; a lost race is StaleDataError.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}


class InboxHandled(Base):
    """A question of the inbox (a chat_log row) that staff assigned, marked out of scope or
    dismissed. The primary key is the chat_log row: two editors handling the same question
    cannot both succeed, the database refuses the second."""

    __tablename__ = "inbox_handled"

    chat_log_id: Mapped[int] = mapped_column(
        ForeignKey("chat_log.id", ondelete="CASCADE"), primary_key=True)
    action: Mapped[str] = mapped_column(String(20))  # assign | out_of_scope | dismiss
    slug: Mapped[str | None] = mapped_column(String(80), nullable=True)
    actor: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
