"""Seed, import and export the catalog as YAML or CSV (lossless round trip).

An import is validated as a whole first; `apply=False` gives the dry-run report and changes
nothing, `apply=True` applies every change in the caller's one transaction.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from services_catalog import repository as repo
from services_catalog.models import Service
from services_catalog.schemas import ServiceFields, ServiceIn, ServicePatch

SCALAR_FIELDS = ("slug", "name", "category", "lead_unit", "howto")
JSON_FIELDS = tuple(f for f in ServiceIn.model_fields if f not in SCALAR_FIELDS)
CSV_COLUMNS = (*SCALAR_FIELDS, *JSON_FIELDS)


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: dict[str, list[str]] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    applied: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": len(self.unchanged),
            "errors": self.errors,
            "applied": self.applied,
        }


def export_records(session: Session) -> list[dict[str, Any]]:
    return [
        repo.to_out(r).model_dump(mode="json", exclude={"version", "active"})
        for r in repo.list_services(session)
    ]


# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(…), +cmd|…,
# @SUM…; a leading tab or CR hides it). Such cells are written with a leading apostrophe, which
# spreadsheets show as text; a cell that starts with an apostrophe gets one more, so that the
# import, which drops exactly one, gives back what was exported.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith((*FORMULA_START, "'")):
        return "'" + value
    return value


def from_csv_cell(value: str) -> str:
    return value[1:] if value.startswith("'") else value


class _ImportLoader(yaml.SafeLoader):
    """PyYAML's safe loader without aliases (a "billion laughs" file expands exponentially in
    the validation after it) and with a nesting limit (5,000 nested lists overflowed the stack:
    a 500)."""

    MAX_DEPTH = 20

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            raise yaml.YAMLError("YAML 别名（*）不允许 / YAML aliases are not accepted")
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > self.MAX_DEPTH:
                raise yaml.YAMLError(f"YAML 嵌套超过{self.MAX_DEPTH}层 / nested too deeply")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def dump_yaml(records: list[dict[str, Any]]) -> str:
    return yaml.safe_dump({"services": records}, allow_unicode=True, sort_keys=False, width=120)


def dump_csv(records: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for rec in records:
        writer.writerow(
            {
                k: json.dumps(rec[k], ensure_ascii=False) if k in JSON_FIELDS
                else csv_cell(rec[k])
                for k in CSV_COLUMNS
            }
        )
    return buf.getvalue()


def parse_yaml(text: str) -> list[dict[str, Any]]:
    data = yaml.load(text, Loader=_ImportLoader)  # noqa: S506 - a SafeLoader subclass
    if not isinstance(data, dict) or not isinstance(data.get("services"), list):
        raise repo.CatalogError("YAML 必须包含 services 列表 / YAML needs a 'services' list")
    return data["services"]


def parse_csv(text: str) -> list[dict[str, Any]]:
    """Records of a CSV file; any malformed file (a NUL byte, an oversized field, JSON nested
    too deeply) is a CatalogError (422), never an exception from the parser."""
    try:
        return _parse_csv(text)
    except (csv.Error, RecursionError) as exc:
        raise repo.CatalogError(f"CSV 格式错误 / malformed CSV ({type(exc).__name__})") from None


def _parse_csv(text: str) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(text))
    missing = set(CSV_COLUMNS) - set(reader.fieldnames or [])
    if missing:
        raise repo.CatalogError(f"CSV 缺少列 / missing columns: {', '.join(sorted(missing))}")
    records = []
    for n, row in enumerate(reader, start=2):
        rec: dict[str, Any] = {}
        for k in CSV_COLUMNS:
            if k in JSON_FIELDS:
                try:
                    rec[k] = json.loads(row[k]) if row[k] else None
                except json.JSONDecodeError as exc:
                    raise repo.CatalogError(f"CSV 第{n}行 {k} 不是合法 JSON / bad JSON") from exc
            else:
                rec[k] = from_csv_cell(row[k]) if isinstance(row[k], str) else row[k]
        records.append({k: v for k, v in rec.items() if v is not None})
    return records


def changed_fields(row: Service, item: ServiceFields) -> list[str]:
    # As exported: a scheduled change whose day has come is already the figure (to_out).
    current = repo.to_out(row)
    return [f for f in ServiceFields.model_fields if getattr(current, f) != getattr(item, f)]


def import_records(
    session: Session, records: list[dict[str, Any]], actor: str, apply: bool
) -> ImportReport:
    report = ImportReport()
    parsed: list[ServiceIn] = []
    seen: set[str] = set()
    for i, rec in enumerate(records):
        try:
            item = ServiceIn.model_validate(rec)
        except ValidationError as exc:
            report.errors.append(
                {"index": i, "slug": rec.get("slug") if isinstance(rec, dict) else None,
                 "errors": [{"field": ".".join(map(str, e["loc"])), "message": e["msg"]}
                            for e in exc.errors()]}
            )
            continue
        if item.slug in seen:
            report.errors.append({"index": i, "slug": item.slug, "errors": [
                {"field": "slug", "message": "重复的 slug / duplicate slug"}]})
        seen.add(item.slug)
        parsed.append(item)
    if report.errors:
        return report
    existing = {r.slug: r for r in session.scalars(select(Service))}
    for item in parsed:
        row = existing.get(item.slug)
        if row is None:
            report.created.append(item.slug)
            continue
        changed = changed_fields(row, item)
        if changed:
            report.updated[item.slug] = changed
        else:
            report.unchanged.append(item.slug)
    if not apply:
        return report
    try:
        with session.begin_nested():
            for item in parsed:
                if item.slug in report.created:
                    repo.create_service(session, item, actor)
                elif item.slug in report.updated:
                    row = existing[item.slug]
                    patch = ServicePatch.model_validate(
                        {"version": row.version,
                         **{f: getattr(item, f) for f in report.updated[item.slug]}}
                    )
                    repo.update_service(session, item.slug, patch, actor, action="import")
    except (repo.CatalogError, ValidationError) as exc:
        report.errors.append({"index": None, "slug": None, "errors": [
            {"field": "", "message": str(exc)}]})
        return report
    report.applied = True
    return report


def sync_seed(session: Session, path: Path) -> tuple[list[str], list[str]]:
    """Bring the database in line with the seed file without touching staff work.

    Services the database lacks are added; services only the seed ever wrote (updated_by
    "seed") follow the seed file; anything a person edited, deleted or restored is left alone.
    """
    records = [ServiceIn.model_validate(r) for r in parse_yaml(path.read_text(encoding="utf-8"))]
    rows = {r.slug: r for r in session.scalars(select(Service))}
    added, updated = [], []
    for item in records:
        row = rows.get(item.slug)
        if row is None:
            repo.create_service(session, item, actor="seed")
            added.append(item.slug)
            continue
        if row.updated_by != "seed":
            continue
        changed = changed_fields(row, item)
        if changed:
            patch = ServicePatch.model_validate(
                {"version": row.version, **{f: getattr(item, f) for f in changed}}
            )
            repo.update_service(session, item.slug, patch, actor="seed", action="import")
            updated.append(item.slug)
    return added, updated
