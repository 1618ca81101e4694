"""The audit log: every catalog and staff change, newest first."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import Query
from pydantic import BaseModel, Field

from bot.routers.admin.common import SessionDep, ViewerDep, admin_router
from services_catalog import repository as repo

router = admin_router()


class FieldChange(BaseModel):
    before: Any = None
    after: Any = None


class AuditOut(BaseModel):
    slug: str
    action: str = Field(description="create | update | delete | restore | import; for "
                                    "staff:<name>: login | login_failed | staff_create | "
                                    "staff_update | password_reset | staff_delete")
    actor: str
    at: datetime
    version: int = Field(description="修改后的版本号 / version after the change")
    changes: dict[str, FieldChange]


@router.get(
    "/audit", response_model=list[AuditOut], summary="修改记录 / audit log",
    description="最新的在前；可按事项筛选。 / Newest first, optionally for one service.",
)
def audit(
    staff: ViewerDep, session: SessionDep,
    slug: str | None = Query(default=None, max_length=80),
    limit: int = Query(default=100, ge=1, le=1000),
) -> list[AuditOut]:
    # Logins and staff changes (slug "staff:<name>", with IPs) are for admins only.
    private = staff.role != "admin"
    return [
        AuditOut(slug=e.slug, action=e.action, actor=e.actor, at=e.at, version=e.version,
                 changes=e.changes or {})
        for e in repo.audit_log(session, slug or None, limit)
        if not (private and e.slug.startswith("staff:"))
    ]
