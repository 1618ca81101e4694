"""Seed, import and export the catalog as YAML or CSV (lossless round trip).

An import is validated as a whole first; `apply=False` gives the dry-run report and changes
nothing, `apply=True` applies every change in the caller's one transaction.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from services_catalog import repository as repo
from services_catalog import scenarios as scen
from services_catalog.models import AuditEntry, Scenario, Service
from services_catalog.schemas import (
    STORED,
    ScenarioFields,
    ScenarioIn,
    ScenarioPatch,
    ServiceFields,
    ServiceIn,
    ServicePatch,
)
from services_catalog.text_rules import phrase_key

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
    # The file's scenarios (YAML only), reported the same way; None: the file has no list.
    scenarios: ScenarioReport | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": len(self.unchanged),
            "errors": self.errors,
            "applied": self.applied,
            "scenarios": self.scenarios.as_dict() if self.scenarios else None,
        }


@dataclass
class ScenarioReport:
    created: list[str] = field(default_factory=list)
    updated: dict[str, list[str]] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"created": self.created, "updated": self.updated,
                "unchanged": len(self.unchanged)}


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


def export_scenarios(session: Session) -> list[dict[str, Any]]:
    return [scen.to_out(r).model_dump(exclude={"version"}) for r in scen.list_scenarios(session)]


def dump_yaml(records: list[dict[str, Any]],
              scenarios: list[dict[str, Any]] | None = None) -> str:
    doc: dict[str, Any] = {"services": records}
    if scenarios is not None:
        doc["scenarios"] = scenarios
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=120)


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
    return parse_yaml_document(text)[0]


def parse_yaml_document(text: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]] | None]:
    """The file's services and, when it has the list, its scenarios."""
    data = yaml.load(text, Loader=_ImportLoader)  # noqa: S506 - a SafeLoader subclass
    if not isinstance(data, dict) or not isinstance(data.get("services"), list):
        raise repo.CatalogError("YAML 必须包含 services 列表 / YAML needs a 'services' list")
    scenarios = data.get("scenarios")
    if scenarios is not None and not isinstance(scenarios, list):
        raise repo.CatalogError("YAML 的 scenarios 必须是列表 / 'scenarios' must be a list")
    return data["services"], scenarios


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
    session: Session, records: list[dict[str, Any]], actor: str, apply: bool,
    scenarios: list[dict[str, Any]] | None = None,
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
    scenario_items = _check_scenarios(session, scenarios, seen, report)
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
            _apply_scenarios(session, scenario_items, report.scenarios, actor)
    except (repo.CatalogError, ValidationError) as exc:
        report.errors.append({"index": None, "slug": None, "errors": [
            {"field": "", "message": str(exc)}]})
        return report
    report.applied = True
    return report


def _check_scenarios(
    session: Session, records: list[dict[str, Any]] | None, file_services: set[str],
    report: ImportReport,
) -> list[ScenarioIn]:
    """Validate the file's scenarios (each links services of the catalog or of the file, no
    phrase twice) and fill report.scenarios; errors go to report.errors with kind "scenario"."""
    if records is None:
        return []
    report.scenarios = ScenarioReport()
    active = set(session.scalars(select(Service.slug).where(Service.active.is_(True))))
    known = active | file_services
    items: list[ScenarioIn] = []
    seen: set[str] = set()
    phrases: dict[str, str] = {}
    for i, rec in enumerate(records):
        slug = rec.get("slug") if isinstance(rec, dict) else None
        try:
            item = ScenarioIn.model_validate(rec)
        except ValidationError as exc:
            report.errors.append({"kind": "scenario", "index": i, "slug": slug, "errors": [
                {"field": ".".join(map(str, e["loc"])), "message": e["msg"]}
                for e in exc.errors()]})
            continue
        problems = []
        if item.slug in seen:
            problems.append({"field": "slug", "message": "重复的 slug / duplicate slug"})
        unknown = [link.slug for link in item.services if link.slug not in known]
        if unknown:
            problems.append({"field": "services", "message":
                             f"关联的事项不存在或已删除：{'、'.join(unknown)} / unknown service"})
        for phrase in (item.name, *item.aliases):
            owner = phrases.setdefault(phrase_key(phrase), item.slug)
            if owner != item.slug:
                problems.append({"field": "aliases",
                                 "message": f"说法 {phrase} 已属于场景 {owner} / phrase used"})
        if problems:
            report.errors.append({"kind": "scenario", "index": i, "slug": item.slug,
                                  "errors": problems})
        seen.add(item.slug)
        items.append(item)
    existing = {r.slug: r for r in session.scalars(select(Scenario))}
    for item in items:
        row = existing.get(item.slug)
        if row is None:
            report.scenarios.created.append(item.slug)
            continue
        changed = scenario_changes(row, item)
        if changed:
            report.scenarios.updated[item.slug] = changed
        else:
            report.scenarios.unchanged.append(item.slug)
    return items


def scenario_changes(row: Scenario, item: ScenarioFields) -> list[str]:
    current = ScenarioFields.model_validate(
        {f: getattr(row, f) for f in ScenarioFields.model_fields}, context=STORED)
    return [f for f in ScenarioFields.model_fields if getattr(current, f) != getattr(item, f)]


def _apply_scenarios(session: Session, items: list[ScenarioIn], report: ScenarioReport | None,
                     actor: str) -> None:
    """In the import's transaction, after its services. Phrases move between scenarios in one
    file (A's alias given to B): every changed scenario's phrases are checked once all are in."""
    if report is None:
        return
    for item in items:
        if item.slug in report.created:
            scen.create_scenario(session, item, actor, check_names=False)
        elif item.slug in report.updated:
            row = scen.get_scenario(session, item.slug)
            patch = ScenarioPatch.model_validate(
                {"version": row.version,
                 **{f: getattr(item, f) for f in report.updated[item.slug]}})
            scen.update_scenario(session, item.slug, patch, actor, action="import",
                                 check_names=False)
    session.flush()
    for item in items:
        if item.slug in report.created or item.slug in report.updated:
            scen.check_name_clashes(session, item.slug, item.name, item.aliases)


def _follow_seed(items: list[Any], rows: dict[str, Any], *, gone: set[str],
                 create: Callable[[Any], Any], changes: Callable[[Any, Any], list[str]],
                 patch_model: type[ServicePatch] | type[ScenarioPatch],
                 update: Callable[[str, Any], Any]) -> tuple[list[str], list[str]]:
    """The seed rule for any versioned table: a row the database lacks is added (unless staff
    deleted it: `gone`); a row only the seed ever wrote follows the file; staff work is kept."""
    added, updated = [], []
    # Removals first: an alias moving from one row to another (开化妆品店 from 开店 to a new
    # scenario) is freed before any row takes it, whatever the order of the file.
    for item in items:
        row = rows.get(item.slug)
        if row is None or row.updated_by != "seed":
            continue
        kept = [a for a in row.aliases if a in item.aliases]
        if len(kept) < len(row.aliases):
            update(item.slug, patch_model.model_validate({"version": row.version,
                                                          "aliases": kept}))
    for item in items:
        row = rows.get(item.slug)
        if row is None:
            if item.slug not in gone:
                create(item)
                added.append(item.slug)
            continue
        if row.updated_by != "seed":
            continue
        changed = changes(row, item)
        if changed:
            update(item.slug, patch_model.model_validate(
                {"version": row.version, **{f: getattr(item, f) for f in changed}}))
            updated.append(item.slug)
    return added, updated


def sync_scenarios(session: Session, path: Path) -> tuple[list[str], list[str]]:
    """As sync_seed, for the scenarios seed; a deleted seed scenario comes back only via import."""
    records = [ScenarioIn.model_validate(r)
               for r in yaml.safe_load(path.read_text(encoding="utf-8"))["scenarios"]]
    deleted = set(session.scalars(
        select(AuditEntry.slug).where(AuditEntry.action == "delete",
                                      AuditEntry.slug.startswith(scen.AUDIT_PREFIX))))
    return _follow_seed(
        records, {r.slug: r for r in session.scalars(select(Scenario))},
        gone={k.removeprefix(scen.AUDIT_PREFIX) for k in deleted},
        create=lambda item: scen.create_scenario(session, item, actor="seed"),
        changes=scenario_changes, patch_model=ScenarioPatch,
        update=lambda slug, patch: scen.update_scenario(session, slug, patch, actor="seed",
                                                        action="import"))


def sync_seed(session: Session, path: Path) -> tuple[list[str], list[str]]:
    """Bring the database in line with the seed file without touching staff work.

    Services the database lacks are added; services only the seed ever wrote (updated_by
    "seed") follow the seed file; anything a person edited, deleted or restored is left alone
    (a deleted service keeps its row, inactive, so it is never "lacking").
    """
    records = [ServiceIn.model_validate(r) for r in parse_yaml(path.read_text(encoding="utf-8"))]
    return _follow_seed(
        records, {r.slug: r for r in session.scalars(select(Service))}, gone=set(),
        create=lambda item: repo.create_service(session, item, actor="seed"),
        changes=changed_fields, patch_model=ServicePatch,
        update=lambda slug, patch: repo.update_service(session, slug, patch, actor="seed",
                                                       action="import"))
