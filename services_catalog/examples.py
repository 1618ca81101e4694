"""Example questions in the catalog: reading, adding, removing, seeding, import and export.

Each service carries example questions (how people ask without naming it: 新厂房要接自来水管子
找谁). They feed the search's paraphrase signal (paraphrase.py, via snapshot.py) and the generated
NLU data (nlu_export.py); out-of-scope examples (slug None) become `out_of_scope` NLU examples.
They were a repo-only file (data/questions.yml); that file now only seeds the table.

Every change is audited under the slug "examples:<service slug>" ("examples:_out_of_scope"), with
version 0 (an example is no version of the service record). A change shows at once in search:
`revision()` is part of the snapshot's revision, so every process rebuilds its index on the next
request, and `nlu_hash` covers the examples, so the model is marked stale.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from services_catalog import repository as repo
from services_catalog.models import AuditEntry, ExampleQuestion, utcnow
from services_catalog.text_rules import check_phrase, phrase_key

QUESTIONS_FILE = Path(__file__).resolve().parent / "data" / "questions.yml"
# In exports and imports, the key of the out-of-scope examples (no slug starts with "_").
OUT_OF_SCOPE = "_out_of_scope"
MAX_CHARS = 200
SOURCES = ("seed", "staff", "inbox", "import")


def check_example(text: str) -> str:
    """The example as stored (edges trimmed), or ValueError with a Chinese message. The rules
    of names and aliases (text_rules.check_phrase): one line, no control or invisible
    characters, no Rasa markup characters — the text becomes a `- example` line of NLU data."""
    if not isinstance(text, str):
        raise ValueError("例句须为文字 / an example must be text")
    text = text.strip()
    if not text:
        raise ValueError("例句不能为空 / an example must not be empty")
    if len(text) > MAX_CHARS:
        raise ValueError(f"例句最多{MAX_CHARS}字 / at most {MAX_CHARS} characters")
    return check_phrase(text)


def _audit_slug(slug: str | None) -> str:
    return f"examples:{slug or OUT_OF_SCOPE}"


def audit(session: Session, slug: str | None, actor: str, *, added: Iterable[str] = (),
          removed: Iterable[str] = (), source: str | None = None) -> None:
    changes: dict[str, Any] = {}
    added, removed = list(added), list(removed)
    if added:
        changes["examples_added"] = {"before": None, "after": added}
    if removed:
        changes["examples_removed"] = {"before": removed, "after": None}
    if source:
        changes["source"] = {"before": None, "after": source}
    if added or removed:
        session.add(AuditEntry(slug=_audit_slug(slug), action="examples", actor=actor,
                               version=0, changes=changes))


# --- reading ------------------------------------------------------------------------------------


def _active_rows(session: Session) -> list[ExampleQuestion]:
    return list(session.scalars(select(ExampleQuestion).where(ExampleQuestion.active.is_(True))
                                .order_by(ExampleQuestion.id)))


def _active_texts(session: Session) -> list[tuple[str | None, str]]:
    # Two columns, not ORM rows: loading 2,000 objects took ~10 times as long.
    return list(session.execute(select(ExampleQuestion.slug, ExampleQuestion.text)
                                .where(ExampleQuestion.active.is_(True))
                                .order_by(ExampleQuestion.id)).tuples())


def by_slug(session: Session) -> dict[str, tuple[str, ...]]:
    """slug → its active example questions, oldest first (out-of-scope ones left out)."""
    return grouped(session)[0]


def out_of_scope(session: Session) -> list[str]:
    return grouped(session)[1]


def grouped(session: Session) -> tuple[dict[str, tuple[str, ...]], list[str]]:
    """Both of the above from one read."""
    out: dict[str, list[str]] = {}
    outside: list[str] = []
    for slug, text in _active_texts(session):
        if slug is None:
            outside.append(text)
        else:
            out.setdefault(slug, []).append(text)
    return {slug: tuple(texts) for slug, texts in out.items()}, outside


def revision(session: Session) -> tuple[int, int]:
    """Changes with every add, remove or move: the active count, and the sum of every row's
    version (each change adds a row at version 1 or bumps one)."""
    count, total = session.execute(select(
        func.coalesce(func.sum(case((ExampleQuestion.active.is_(True), 1), else_=0)), 0),
        func.coalesce(func.sum(ExampleQuestion.version), 0))).one()
    return int(count), int(total)


def list_for(session: Session, slug: str | None) -> list[ExampleQuestion]:
    cond = ExampleQuestion.slug.is_(None) if slug is None else ExampleQuestion.slug == slug
    return list(session.scalars(select(ExampleQuestion).where(
        cond, ExampleQuestion.active.is_(True)).order_by(ExampleQuestion.id)))


# --- changing -----------------------------------------------------------------------------------


@dataclass
class Added:
    row: ExampleQuestion
    outcome: str  # added | moved | unchanged
    moved_from: str | None = None


def _flush(session: Session) -> None:
    try:
        session.flush()
    except (StaleDataError, IntegrityError) as exc:
        raise repo.Conflict("例句刚被他人修改，请刷新后重试 / example changed by someone else") \
            from exc


def add(session: Session, slug: str | None, text: str, *, source: str, actor: str,
        audited: bool = True, move: bool = True) -> Added:
    """Make `text` an example of `slug` (None: out of scope). A text that is already an example
    elsewhere moves here (`move=False`: Conflict instead); one staff removed earlier comes back.
    ValueError for a text the rules refuse, NotFound for a slug that is no active service."""
    text = check_example(text)
    if slug is not None:
        repo.get_service(session, slug)
    key = phrase_key(text)
    row = session.scalar(select(ExampleQuestion).where(ExampleQuestion.text_key == key))
    if row is None:
        row = ExampleQuestion(slug=slug, text=text, text_key=key, source=source, author=actor,
                              created_at=utcnow(), updated_at=utcnow(), active=True, version=1)
        session.add(row)
        _flush(session)
        result = Added(row, "added")
    elif row.active and row.slug == slug:
        return Added(row, "unchanged")
    elif row.active and not move:
        where = f"事项 {row.slug}" if row.slug else "「不属于任何事项」"
        raise repo.Conflict(f"该例句已属于{where} / the example belongs to another service")
    else:
        before = row.slug if row.active else None
        was_active = row.active
        seen = row.version
        row.slug, row.text, row.active = slug, text, True
        row.source, row.author, row.updated_at = source, actor, utcnow()
        row.version = seen + 1
        _flush(session)
        result = Added(row, "moved" if was_active else "added", before if was_active else None)
        if audited and was_active:
            audit(session, before, actor, removed=[text])
    if audited:
        audit(session, slug, actor, added=[text], source=source)
    return result


def remove(session: Session, example_id: int, version: int, actor: str) -> ExampleQuestion:
    row = session.get(ExampleQuestion, example_id)
    if row is None or not row.active:
        raise repo.NotFound("没有找到该例句 / example not found")
    if row.version != version:
        raise repo.Conflict(f"版本冲突：您看到的是第{version}版，当前是第{row.version}版 / "
                            "version conflict")
    seen = row.version
    row.active, row.version, row.updated_at = False, seen + 1, utcnow()
    _flush(session)
    audit(session, row.slug, actor, removed=[row.text])
    return row


def seed(session: Session, path: Path = QUESTIONS_FILE) -> int:
    """Add the seed file's examples the catalog has never had (one staff removed stays removed;
    one of a service the catalog lacks is skipped). How many were added."""
    if not path.exists():
        return 0
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    known = set(session.scalars(select(ExampleQuestion.text_key)))
    services = {r.slug for r in repo.list_services(session)}
    added = 0
    for slug, texts in data.items():
        if slug not in services:
            continue
        new: list[str] = []
        for text in texts or ():
            text = check_example(text)
            key = phrase_key(text)
            if key in known:
                continue
            known.add(key)
            session.add(ExampleQuestion(slug=slug, text=text, text_key=key, source="seed",
                                        author="seed", created_at=utcnow(),
                                        updated_at=utcnow(), active=True, version=1))
            new.append(text)
        audit(session, slug, "seed", added=new, source="seed")
        added += len(new)
    session.flush()
    return added


# --- import / export ----------------------------------------------------------------------------


def export_yaml(session: Session) -> str:
    """The active examples as `slug: [questions]` (the seed file's format), out-of-scope ones
    under `_out_of_scope`."""
    data: dict[str, list[str]] = {}
    for row in _active_rows(session):
        data.setdefault(row.slug or OUT_OF_SCOPE, []).append(row.text)
    header = ("# 吉速问 example questions: service slug → questions; _out_of_scope → questions "
              "that are no service's.\n")
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


@dataclass
class ImportReport:
    added: dict[str, int] = field(default_factory=dict)
    moved: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    applied: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"added": self.added, "moved": self.moved, "unchanged": self.unchanged,
                "errors": self.errors, "applied": self.applied}


def parse_import(data: Any) -> dict[str, list[Any]]:
    if not isinstance(data, dict) or not all(
            isinstance(k, str) and isinstance(v, list) for k, v in data.items()):
        raise repo.CatalogError("文件须为「事项slug: 例句列表」/ expected `slug: [questions]`")
    return data


def import_examples(session: Session, data: dict[str, list[Any]], actor: str,
                    apply: bool) -> ImportReport:
    """Add what the file has and the catalog lacks (nothing is removed). Checked as a whole
    first: any unknown slug or refused text, and nothing changes."""
    report = ImportReport()
    services = {r.slug for r in repo.list_services(session)}
    checked: list[tuple[str | None, str]] = []
    for n, (key, texts) in enumerate(data.items()):
        if key != OUT_OF_SCOPE and key not in services:
            # The unknown key is not echoed: its position says which one.
            report.errors.append({"slug": None, "entry": n + 1, "index": None,
                                  "message": "没有该事项（或已删除）/ no such active service"})
            continue
        for i, text in enumerate(texts):
            try:
                checked.append((None if key == OUT_OF_SCOPE else key, check_example(text)))
            except ValueError as exc:
                report.errors.append({"slug": key, "entry": n + 1, "index": i,
                                      "message": str(exc)})
    if report.errors:
        return report
    current = {r.text_key: r for r in _active_rows(session)}
    for slug, text in checked:
        row = current.get(phrase_key(text))
        name = slug or OUT_OF_SCOPE
        if row is None:
            report.added[name] = report.added.get(name, 0) + 1
        elif row.slug != slug:
            report.moved[name] = report.moved.get(name, 0) + 1
        else:
            report.unchanged += 1
    if not apply:
        return report
    added: dict[str | None, list[str]] = {}
    for slug, text in checked:
        result = add(session, slug, text, source="import", actor=actor, audited=False)
        if result.outcome != "unchanged":
            added.setdefault(slug, []).append(text)
            if result.moved_from is not None:
                audit(session, result.moved_from, actor, removed=[text])
    for slug, texts in added.items():
        audit(session, slug, actor, added=texts, source="import")
    report.applied = True
    return report
