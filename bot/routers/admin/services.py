"""Services: list, read, create, edit, soft-delete and restore (optimistic concurrency)."""

from __future__ import annotations

from datetime import datetime

from fastapi import Query
from sqlalchemy.orm import Session

from bot.routers.admin.common import (
    R403,
    R404,
    R409,
    AdminDep,
    EditorDep,
    SessionDep,
    ViewerDep,
    admin_router,
    current_on_conflict,
    field_errors,
)
from services_catalog import repository as repo
from services_catalog.models import Service
from services_catalog.normalize import normalize
from services_catalog.schemas import STORED, ServiceIn, ServiceOut, ServicePatch

router = admin_router()


class AdminServiceOut(ServiceOut):
    updated_at: datetime
    updated_by: str


def admin_out(row: Service) -> AdminServiceOut:
    return AdminServiceOut.model_validate(
        {**repo.to_out(row).model_dump(), "updated_at": row.updated_at,
         "updated_by": row.updated_by}, context=STORED,
    )


def _matches(row: Service, q: str) -> bool:
    return any(q in normalize(v) for v in (row.slug, row.name, *row.aliases))


@router.get(
    "/services", response_model=list[AdminServiceOut], summary="事项列表 / list services",
    description="全部事项（含已删除），可按名称、slug 或别名筛选。"
                " / All services including deleted ones; `q` filters by name, slug or alias.",
)
def list_services(
    staff: ViewerDep, session: SessionDep,
    q: str | None = Query(default=None, max_length=200, description="名称/slug/别名包含的文字"),
) -> list[AdminServiceOut]:
    rows = repo.list_services(session, include_inactive=True)
    needle = normalize(q or "")
    return [admin_out(r) for r in rows if not needle or _matches(r, needle)]


@router.get(
    "/services/{slug}", response_model=AdminServiceOut, responses=R404,
    summary="查看事项 / get a service",
    description="一个事项的完整记录（含已删除）及其版本号。 / One service, deleted ones too.",
)
def get_service(slug: str, staff: ViewerDep, session: SessionDep) -> AdminServiceOut:
    return admin_out(repo.get_service(session, slug, include_inactive=True))


@router.post(
    "/services", status_code=201, response_model=AdminServiceOut,
    responses={**R403, **R409}, summary="新建事项 / create a service",
    description="新建事项（版本1），写入审计日志。slug 已存在 → 409。"
                " / Create a service at version 1; an existing slug gives 409.",
)
def create_service(body: ServiceIn, staff: EditorDep, session: SessionDep) -> AdminServiceOut:
    with field_errors(session, "aliases"):
        row = repo.create_service(session, body, actor=staff.username)
    session.commit()
    return admin_out(row)


@router.patch(
    "/services/{slug}", response_model=AdminServiceOut, responses={**R403, **R404, **R409},
    summary="修改事项 / edit a service",
    description="部分修改；`version` 必须是编辑时看到的版本，否则 409 并返回当前记录。"
                "成功后版本+1，审计日志记录修改前后。 / Partial edit with optimistic "
                "concurrency: a stale `version` gives 409 with the current record.",
)
def patch_service(
    slug: str, body: ServicePatch, staff: EditorDep, session: SessionDep
) -> AdminServiceOut:
    with current_on_conflict(session, slug), field_errors(session, "aliases"):
        row, _ = repo.update_service(session, slug, body, actor=staff.username)
    session.commit()
    return admin_out(row)


@router.delete(
    "/services/{slug}", response_model=AdminServiceOut, responses={**R403, **R404, **R409},
    summary="删除事项（可恢复） / soft-delete a service",
    description="软删除：公开接口和机器人不再显示，可恢复。需要管理员。"
                " / Soft delete (admin): hidden from the public API and the bot; restorable.",
)
def delete_service(
    slug: str, staff: AdminDep, session: SessionDep,
    version: int = Query(ge=1, description="当前版本号（防止误删他人刚改过的记录）"),
) -> AdminServiceOut:
    with current_on_conflict(session, slug):
        row = repo.set_active(session, slug, False, staff.username, version)
    session.commit()
    return admin_out(row)


@router.post(
    "/services/{slug}/restore", response_model=AdminServiceOut,
    responses={**R403, **R404, **R409}, summary="恢复事项 / restore a service",
    description="恢复已删除的事项。需要管理员。 / Restore a soft-deleted service (admin).",
)
def restore_service(
    slug: str, staff: AdminDep, session: SessionDep,
    version: int | None = Query(default=None, ge=1, description="当前版本号（可选）"),
) -> AdminServiceOut:
    with field_errors(session, "aliases"):  # its aliases may belong to another service by now
        repo.check_alias_conflicts(session, slug, *_name_aliases(session, slug))
    with current_on_conflict(session, slug):
        row = repo.set_active(session, slug, True, staff.username, version)
    session.commit()
    return admin_out(row)


def _name_aliases(session: Session, slug: str) -> tuple[str, list[str]]:
    row = repo.get_service(session, slug, include_inactive=True)
    return row.name, list(row.aliases)
