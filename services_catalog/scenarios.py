"""Reading and changing scenarios (life events). Every change bumps the version and writes an
audit row under the slug "scenario:<slug>"; the caller owns the transaction.

A scenario links existing, active services only, and its names may not be another scenario's:
both are checked here (they need the database), the rest by schemas.ScenarioFields.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services_catalog.models import Scenario, Service, utcnow
from services_catalog.repository import (
    CatalogError,
    Conflict,
    NotFound,
    apply_versioned,
    audit,
    flush_versioned,
)
from services_catalog.schemas import (
    STORED,
    ScenarioFields,
    ScenarioIn,
    ScenarioOut,
    ScenarioPatch,
)
from services_catalog.text_rules import phrase_key

EDITABLE = tuple(ScenarioFields.model_fields)
AUDIT_PREFIX = "scenario:"


class UnknownService(CatalogError):
    """A link to a service the catalog does not have (or has deleted): 422."""


def to_out(row: Scenario) -> ScenarioOut:
    return ScenarioOut.model_validate(
        {f: getattr(row, f) for f in ("slug", "version", *EDITABLE)}, context=STORED)


def list_scenarios(session: Session) -> list[Scenario]:
    return list(session.scalars(select(Scenario).order_by(Scenario.id)))


def get_scenario(session: Session, slug: str, for_update: bool = False) -> Scenario:
    stmt = select(Scenario).where(Scenario.slug == slug)
    if for_update:  # PostgreSQL: a row lock, so two editors cannot both pass the version check
        stmt = stmt.with_for_update()
    row = session.scalar(stmt)
    if row is None:
        raise NotFound("没有找到该场景 / scenario not found")  # the slug is not echoed
    return row


def check_links(session: Session, links: list[dict[str, Any]]) -> None:
    active = set(session.scalars(select(Service.slug).where(Service.active.is_(True))))
    unknown = [link["slug"] for link in links if link["slug"] not in active]
    if unknown:
        raise UnknownService(f"关联的事项不存在或已删除：{'、'.join(unknown)} / unknown service")


def check_name_clashes(session: Session, slug: str, name: str, aliases: list[str]) -> None:
    """A trigger phrase may start one scenario only, or the bot could not tell which is meant."""
    mine = {phrase_key(p): p for p in (name, *aliases)}
    for other in session.scalars(select(Scenario).where(Scenario.slug != slug)):
        theirs = {phrase_key(p) for p in (other.name, *other.aliases)}
        clash = sorted(p for k, p in mine.items() if k in theirs)
        if clash:
            raise CatalogError(f"说法 {'、'.join(clash)} 已属于场景 {other.slug} / phrase used")


def _audit(session: Session, row: Scenario, action: str, actor: str, changes: dict) -> None:
    audit(session, AUDIT_PREFIX + row.slug, row.version, action, actor, changes)


def _dump(data: ScenarioFields | ScenarioPatch, field: str) -> Any:
    value = getattr(data, field)
    if field == "services" and value is not None:
        return [link.model_dump() for link in value]
    return value


def create_scenario(session: Session, data: ScenarioIn, actor: str,
                    check_names: bool = True) -> Scenario:
    if session.scalar(select(Scenario.id).where(Scenario.slug == data.slug)) is not None:
        raise Conflict(f"场景 {data.slug!r} 已存在 / slug already exists")
    values = {f: _dump(data, f) for f in EDITABLE}
    check_links(session, values["services"])
    if check_names:
        check_name_clashes(session, data.slug, data.name, data.aliases)
    row = Scenario(slug=data.slug, version=1, updated_by=actor, updated_at=utcnow(), **values)
    session.add(row)
    try:
        session.flush()
    except IntegrityError as exc:  # the same slug created concurrently: the unique index won
        raise Conflict(f"场景 {data.slug!r} 已存在 / slug already exists") from exc
    _audit(session, row, "create", actor,
           {f: {"before": None, "after": v} for f, v in values.items()})
    return row


def update_scenario(session: Session, slug: str, patch: ScenarioPatch, actor: str,
                    action: str = "update", check_names: bool = True) -> tuple[Scenario, dict]:
    row = get_scenario(session, slug, for_update=True)
    if patch.version != row.version:
        raise Conflict(
            f"版本冲突：您编辑的是第{patch.version}版，当前是第{row.version}版 / version conflict")
    changes: dict[str, dict[str, Any]] = {}
    for field in patch.model_fields_set - {"version"}:
        new = _dump(patch, field)
        if new is not None and getattr(row, field) != new:
            changes[field] = {"before": getattr(row, field), "after": new}
    if "services" in changes:
        check_links(session, changes["services"]["after"])
    if check_names and ("name" in changes or "aliases" in changes):
        check_name_clashes(session, slug, patch.name or row.name,
                           patch.aliases if patch.aliases is not None else row.aliases)
    if not changes:
        return row, changes
    apply_versioned(session, row, changes, actor)
    _audit(session, row, action, actor, changes)
    return row, changes


def delete_scenario(session: Session, slug: str, actor: str, version: int) -> None:
    """Deleted for good; the audit row keeps every field, so it can be created again."""
    row = get_scenario(session, slug, for_update=True)
    if version != row.version:
        raise Conflict(f"版本冲突：当前是第{row.version}版 / version conflict")
    before = {f: getattr(row, f) for f in EDITABLE}
    _audit(session, row, "delete", actor, {f: {"before": v, "after": None}
                                           for f, v in before.items()})
    session.delete(row)
    flush_versioned(session, version)
