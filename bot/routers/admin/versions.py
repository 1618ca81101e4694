"""Earlier versions of a service (rebuilt from the audit log) and restoring one of them."""

from __future__ import annotations

from datetime import datetime

from fastapi import Query
from pydantic import Field

from bot.routers.admin.common import (
    R403,
    R404,
    R409,
    EditorDep,
    SessionDep,
    ViewerDep,
    admin_router,
    current_on_conflict,
    field_errors,
)
from bot.routers.admin.services import AdminServiceOut, admin_out
from services_catalog import repository as repo
from services_catalog import versions
from services_catalog.schemas import STORED, ServiceOut

router = admin_router()

R404_VERSION = {404: {**R404[404], "description": "事项或版本不存在 / no such service or version"}}


class ServiceVersionOut(ServiceOut):
    current_version: int = Field(description="事项现在的版本号 / the service's version now")
    action: str | None = Field(description="产生此版本的操作（create | update | import | "
                                           "restore_version …）；早于审计日志则为空")
    actor: str | None
    at: datetime | None


@router.get(
    "/services/{slug}/versions/{n}", response_model=ServiceVersionOut, responses=R404_VERSION,
    summary="查看历史版本 / a service as it was at version n",
    description="由审计日志还原的第 n 版完整记录（含当时的启用状态），"
                "及产生它的操作、操作人和时间。"
                " / The service as it was at version n, rebuilt from the audit log.",
)
def get_version(slug: str, n: int, staff: ViewerDep, session: SessionDep) -> ServiceVersionOut:
    state, made = versions.state_at(session, slug, n)
    current = repo.get_service(session, slug, include_inactive=True)
    return ServiceVersionOut.model_validate({
        **state, "slug": slug, "version": n, "current_version": current.version,
        "action": made.action if made else None, "actor": made.actor if made else None,
        "at": made.at if made else None,
    }, context=STORED)


@router.post(
    "/services/{slug}/versions/{n}/restore", response_model=AdminServiceOut,
    responses={**R403, **R404_VERSION, **R409},
    summary="恢复到历史版本 / restore version n as a new version",
    description="以第 n 版的内容生成一个新版本（与修改相同的校验和并发控制："
                "`version` 必须是当前版本，"
                "否则 409 并返回当前记录）；审计日志记为 restore_version（restored_from = n）。"
                "不改变删除状态。内容与当前相同时不产生新版本。 / Creates a new version equal to "
                "version n, validated and version-checked like a PATCH; audited as "
                "restore_version. A stale `version` gives 409 with the current record.",
)
def restore_version(
    slug: str, n: int, staff: EditorDep, session: SessionDep,
    version: int = Query(ge=1, description="当前版本号（编辑时看到的版本） / the version you saw"),
) -> AdminServiceOut:
    with current_on_conflict(session, slug), field_errors(session, "aliases"):
        row, _ = versions.restore_version(session, slug, n, version, actor=staff.username)
    session.commit()
    return admin_out(row)
