"""Scenarios (life events: 开饭馆, 招员工 …): list, read, create, edit and delete.

Viewers read, editors write. Every write is audited under "scenario:<slug>" and carries the
version the editor saw (409 with the current record when someone else saved first). A scenario
links existing services only (422 naming the unknown ones) and states no figure (422).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime

from fastapi import Query, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from bot.routers.admin.common import (
    R403,
    EditorDep,
    ErrorOut,
    SessionDep,
    ViewerDep,
    admin_router,
    field_errors,
    on_conflict_load,
)
from services_catalog import repository as repo
from services_catalog import scenarios as scen
from services_catalog.models import Scenario
from services_catalog.normalize import normalize
from services_catalog.schemas import STORED, ScenarioIn, ScenarioOut, ScenarioPatch

router = admin_router()


class AdminScenarioOut(ScenarioOut):
    updated_at: datetime
    updated_by: str


class ScenarioConflictOut(BaseModel):
    detail: str
    current: ScenarioOut | None = Field(default=None, description="服务器上的当前版本")


R404S: dict[int | str, dict] = {404: {"model": ErrorOut, "description": "场景不存在"}}
R409S: dict[int | str, dict] = {
    409: {"model": ScenarioConflictOut, "description": "版本冲突，附当前记录 / stale version"},
}


def admin_out(row: Scenario) -> AdminScenarioOut:
    return AdminScenarioOut.model_validate(
        {**scen.to_out(row).model_dump(), "updated_at": row.updated_at,
         "updated_by": row.updated_by}, context=STORED)


def current_on_conflict(session: Session, slug: str) -> AbstractContextManager[None]:
    """As for services: a stale version, or a write the database refused, is a 409 with the
    scenario as it now is (none when it was deleted meanwhile)."""
    return on_conflict_load(session, lambda: scen.to_out(scen.get_scenario(session, slug)))




@contextmanager
def link_errors(session: Session) -> Iterator[None]:
    """An unknown service is a 422 on the services field (field_errors handles plain
    CatalogError; UnknownService is a subclass it would pass on)."""
    try:
        yield
    except scen.UnknownService as exc:
        with field_errors(session, "services"):
            raise repo.CatalogError(str(exc)) from exc


def _matches(row: Scenario, q: str) -> bool:
    return any(q in normalize(v) for v in (row.slug, row.name, *row.aliases))


@router.get(
    "/scenarios", response_model=list[AdminScenarioOut], summary="场景列表 / list scenarios",
    description="全部场景（“一件事”），可按名称、slug 或触发说法筛选。"
                " / All scenarios (life events); `q` filters by name, slug or phrase.",
)
def list_scenarios(
    staff: ViewerDep, session: SessionDep,
    q: str | None = Query(default=None, max_length=200, description="名称/slug/说法包含的文字"),
) -> list[AdminScenarioOut]:
    needle = normalize(q or "")
    return [admin_out(r) for r in scen.list_scenarios(session)
            if not needle or _matches(r, needle)]


@router.get(
    "/scenarios/{slug}", response_model=AdminScenarioOut, responses=R404S,
    summary="查看场景 / get a scenario",
)
def get_scenario(slug: str, staff: ViewerDep, session: SessionDep) -> AdminScenarioOut:
    return admin_out(scen.get_scenario(session, slug))


@router.post(
    "/scenarios", status_code=201, response_model=AdminScenarioOut,
    responses={**R403, **R409S}, summary="新建场景 / create a scenario",
    description="新建场景（版本1），写入审计日志。只能关联已有事项；说明和提示不能写具体数字；"
                "slug 已存在 → 409。 / Create at version 1; links existing services only; no "
                "figures in its texts; an existing slug gives 409.",
)
def create_scenario(body: ScenarioIn, staff: EditorDep, session: SessionDep) -> AdminScenarioOut:
    with link_errors(session), field_errors(session, "aliases"):
        row = scen.create_scenario(session, body, actor=staff.username)
    session.commit()
    return admin_out(row)


@router.patch(
    "/scenarios/{slug}", response_model=AdminScenarioOut,
    responses={**R403, **R404S, **R409S}, summary="修改场景 / edit a scenario",
    description="部分修改；`version` 必须是编辑时看到的版本，否则 409 并返回当前记录。"
                " / Partial edit; a stale `version` gives 409 with the current record.",
)
def patch_scenario(
    slug: str, body: ScenarioPatch, staff: EditorDep, session: SessionDep
) -> AdminScenarioOut:
    with current_on_conflict(session, slug), link_errors(session), \
            field_errors(session, "aliases"):
        row, _ = scen.update_scenario(session, slug, body, actor=staff.username)
    session.commit()
    return admin_out(row)


@router.delete(
    "/scenarios/{slug}", status_code=204, responses={**R403, **R404S, **R409S},
    summary="删除场景 / delete a scenario",
    description="删除场景（审计日志保留全部字段）。需要编辑权限。"
                " / Delete (editor); the audit row keeps every field.",
)
def delete_scenario(
    slug: str, staff: EditorDep, session: SessionDep,
    version: int = Query(ge=1, description="当前版本号（防止误删他人刚改过的记录）"),
) -> Response:
    with current_on_conflict(session, slug):
        scen.delete_scenario(session, slug, actor=staff.username, version=version)
    session.commit()
    return Response(status_code=204)
