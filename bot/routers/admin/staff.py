"""Staff accounts (admin only): create, list, change role, reset password, delete."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from fastapi.responses import Response
from pydantic import BaseModel, Field, field_validator
from sqlalchemy import select

from bot.routers.admin.common import R403, R404, AdminDep, ErrorOut, SessionDep, admin_router
from services_catalog import staff as staff_accounts
from services_catalog.models import StaffUser

router = admin_router()

RoleName = Literal["agent", "viewer", "editor", "admin"]


class StaffIn(BaseModel):
    username: str = Field(description="3-40位小写字母、数字或 _ . -")
    password: str = Field(description=f"至少{staff_accounts.MIN_PASSWORD}位")
    role: RoleName = "editor"

    @field_validator("username")
    @classmethod
    def _username(cls, v: str) -> str:
        return _checked(staff_accounts.check_username, v)

    @field_validator("password")
    @classmethod
    def _password(cls, v: str) -> str:
        return _checked(staff_accounts.check_password, v)


class StaffPatch(BaseModel):
    role: RoleName | None = Field(default=None, description="新角色 / new role")
    active: bool | None = Field(default=None, description="false 停用账号 / false deactivates")


class PasswordIn(BaseModel):
    password: str = Field(description=f"新密码，至少{staff_accounts.MIN_PASSWORD}位")

    @field_validator("password")
    @classmethod
    def _password(cls, v: str) -> str:
        return _checked(staff_accounts.check_password, v)


def _checked(check: Any, value: str) -> str:
    try:
        return check(value)
    except staff_accounts.InvalidStaff as exc:
        raise ValueError(str(exc)) from None


class StaffOut(BaseModel):
    username: str
    role: str
    active: bool
    created_at: datetime


def _staff_out(user: StaffUser) -> StaffOut:
    return StaffOut(username=user.username, role=user.role, active=user.active,
                    created_at=user.created_at)


STAFF_DOC = ("需要管理员；令牌为 CATALOG_ADMIN_TOKEN 时可用于创建第一个管理员。"
             "每次修改都写入审计日志（slug 为 staff:用户名），并使该账号此前的令牌失效。"
             " / Admin only (CATALOG_ADMIN_TOKEN "
             "bootstraps the first admin). Audited as staff:<username>; earlier tokens of the "
             "account stop working.")
R409_STAFF: dict[int | str, dict[str, Any]] = {
    409: {"model": ErrorOut, "description": "用户名已存在，或会移除最后一个管理员"},
}


@router.post(
    "/staff", status_code=201, response_model=StaffOut, responses={**R403, **R409_STAFF},
    summary="新建员工账号 / create a staff account",
    description="角色：agent 12345坐席、viewer 查看、editor 编辑、admin 管理员。" + STAFF_DOC,
)
def create_staff(body: StaffIn, staff: AdminDep, session: SessionDep) -> StaffOut:
    user = staff_accounts.create_user(session, body.username, body.password, body.role,
                                      actor=staff.actor)
    session.commit()
    return _staff_out(user)


@router.get(
    "/staff", response_model=list[StaffOut], responses=R403,
    summary="员工账号列表 / list staff accounts", description="需要管理员。 / Admin only.",
)
def list_staff(staff: AdminDep, session: SessionDep) -> list[StaffOut]:
    users = session.scalars(select(StaffUser).order_by(StaffUser.username))
    return [_staff_out(u) for u in users]


@router.patch(
    "/staff/{username}", response_model=StaffOut, responses={**R403, **R404, **R409_STAFF},
    summary="修改角色或停用账号 / change role or (de)activate",
    description=STAFF_DOC,
)
def patch_staff(username: str, body: StaffPatch, staff: AdminDep,
                session: SessionDep) -> StaffOut:
    user = staff_accounts.update_user(session, username, staff.actor, role=body.role,
                                      active=body.active)
    session.commit()
    return _staff_out(user)


@router.post(
    "/staff/{username}/password", response_model=StaffOut, responses={**R403, **R404},
    summary="重置密码 / reset a password", description=STAFF_DOC,
)
def reset_staff_password(username: str, body: PasswordIn, staff: AdminDep,
                         session: SessionDep) -> StaffOut:
    user = staff_accounts.reset_password(session, username, body.password, staff.actor)
    session.commit()
    return _staff_out(user)


@router.delete(
    "/staff/{username}", status_code=204, responses={**R403, **R404, **R409_STAFF},
    summary="删除员工账号 / delete a staff account", description=STAFF_DOC,
)
def delete_staff(username: str, staff: AdminDep, session: SessionDep) -> Response:
    staff_accounts.delete_user(session, username, staff.actor)
    session.commit()
    return Response(status_code=204)
