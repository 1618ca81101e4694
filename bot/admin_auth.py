"""Who is calling a staff API: `Authorization: Bearer <token>` → a staff member and a role.

Accepted tokens: a staff token from POST /api/admin/login (services_catalog.staff), or, when
CATALOG_ADMIN_TOKEN is set, that exact value (an admin acting as "operator": scripts, and the
bootstrap of the first admin account; its actions are audited as CATALOG_ADMIN_TOKEN).
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from bot.deps import SessionDep, SettingsDep
from services_catalog.staff import ROLE_RANK, get_active_user, verify_token

OPERATOR = "operator"
OPERATOR_ACTOR = "CATALOG_ADMIN_TOKEN"
ROLE_ZH = {"agent": "坐席", "viewer": "查看", "editor": "编辑", "admin": "管理员"}

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="StaffToken",
    description="POST /api/admin/login 得到的令牌，或 CATALOG_ADMIN_TOKEN / a staff token",
)


@dataclass(frozen=True)
class Staff:
    username: str
    role: str
    operator: bool = False

    @property
    def actor(self) -> str:
        """The name the audit log gives this caller."""
        return OPERATOR_ACTOR if self.operator else self.username


def unauthorized(message: str) -> HTTPException:
    return HTTPException(401, message, headers={"WWW-Authenticate": "Bearer"})


def current_staff(
    session: SessionDep,
    settings: SettingsDep,
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)] = None,
) -> Staff:
    if creds is None or not creds.credentials:
        raise unauthorized("请先登录 / authentication required")
    token = creds.credentials
    admin_token = settings.catalog_admin_token
    if admin_token and hmac.compare_digest(token.encode(), admin_token.encode()):
        return Staff(OPERATOR, "admin", operator=True)
    claims = verify_token(token, settings.signing_key, settings.token_ttl_minutes)
    if claims is None:
        raise unauthorized("登录已过期或令牌无效，请重新登录 / invalid or expired token")
    # The account is read again: the role comes from the database, and a password, role or
    # active change (or a deleted and re-created name) has bumped the version the token holds.
    user = get_active_user(session, claims.username)
    if user is None or user.token_version != claims.version:
        raise unauthorized("登录已失效，请重新登录 / token revoked or account disabled")
    return Staff(user.username, user.role)


def require(role: str) -> Callable[[Staff], Staff]:
    def dependency(staff: Annotated[Staff, Depends(current_staff)]) -> Staff:
        if ROLE_RANK[staff.role] < ROLE_RANK[role]:
            raise HTTPException(
                403, f"需要{ROLE_ZH[role]}权限（{role}）/ requires the {role} role"
            )
        return staff

    return dependency


AgentDep = Annotated[Staff, Depends(require("agent"))]
ViewerDep = Annotated[Staff, Depends(require("viewer"))]
EditorDep = Annotated[Staff, Depends(require("editor"))]
AdminDep = Annotated[Staff, Depends(require("admin"))]
