"""Who is calling the admin API: `Authorization: Bearer <token>` → a staff member and a role.

Accepted tokens: a staff token from POST /api/admin/login (services_catalog.staff), or, when
CATALOG_ADMIN_TOKEN is set, that exact value (an admin acting as "operator", for scripts).
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
ROLE_ZH = {"viewer": "查看", "editor": "编辑", "admin": "管理员"}

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="StaffToken",
    description="POST /api/admin/login 得到的令牌，或 CATALOG_ADMIN_TOKEN / a staff token",
)


@dataclass(frozen=True)
class Staff:
    username: str
    role: str


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
        return Staff(OPERATOR, "admin")
    claims = verify_token(token, settings.secret_key)
    if claims is None:
        raise unauthorized("登录已过期或令牌无效，请重新登录 / invalid or expired token")
    # The account is read again: deactivation and role changes apply before the token expires.
    user = get_active_user(session, claims.username)
    if user is None:
        raise unauthorized("账号不存在或已停用 / account unknown or disabled")
    return Staff(user.username, user.role)


def require(role: str) -> Callable[[Staff], Staff]:
    def dependency(staff: Annotated[Staff, Depends(current_staff)]) -> Staff:
        if ROLE_RANK[staff.role] < ROLE_RANK[role]:
            raise HTTPException(
                403, f"需要{ROLE_ZH[role]}权限（{role}）/ requires the {role} role"
            )
        return staff

    return dependency


ViewerDep = Annotated[Staff, Depends(require("viewer"))]
EditorDep = Annotated[Staff, Depends(require("editor"))]
AdminDep = Annotated[Staff, Depends(require("admin"))]
