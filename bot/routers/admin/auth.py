"""Log in (bearer token) and who-am-I."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from fastapi import HTTPException, Request
from pydantic import BaseModel, Field

from bot.login_guard import LoginGuard
from bot.ratelimit import client_ip, enforce_rate_limit
from bot.routers.admin.common import AgentDep, ErrorOut, SessionDep, SettingsDep, admin_router
from bot.settings import Settings
from services_catalog import staff as staff_accounts

router = admin_router()


class LoginIn(BaseModel):
    username: str = Field(min_length=1, max_length=80, description="用户名")
    password: str = Field(min_length=1, max_length=256, description="密码")


class LoginOut(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_at: datetime
    role: str
    username: str


class MeOut(BaseModel):
    username: str
    role: str


@router.post(
    "/login", response_model=LoginOut, summary="登录 / log in",
    description="用户名和密码换取有时效的 Bearer 令牌（Settings.token_ttl_minutes）。同一账号"
                "同一IP连续输错后需等待（逐次加倍）；登录成功与失败都写入审计日志。"
                " / Exchange username and password for an expiring bearer token. Repeated "
                "failures for one account from one IP back off; every attempt is audited.",
    responses={401: {"model": ErrorOut, "description": "用户名或密码错误 / bad credentials"},
               429: {"model": ErrorOut, "description": "尝试过于频繁 / too many attempts"},
               503: {"model": ErrorOut, "description": "登录繁忙 / too many checks queued"}},
)
async def login(body: LoginIn, request: Request, session: SessionDep,
                settings: SettingsDep) -> LoginOut:
    ip = client_ip(request)
    await enforce_rate_limit(request, None, settings)  # the per-IP budget, as for chat
    guard = login_guard(request, settings)
    await guard.before_attempt(body.username, ip)
    user, stored = staff_accounts.password_hash_for(session, body.username)
    # argon2 in a worker thread, a bounded number at once: the event loop keeps serving.
    ok, new_hash = await guard.check(staff_accounts.verify_password, body.password, stored)
    name = staff_accounts.loggable_username(body.username)
    if user is None or not ok:
        guard.failed(body.username, ip)
        staff_accounts.audit(session, name, "login_failed", name, {"ip": {"after": ip}})
        session.commit()
        raise HTTPException(401, "用户名或密码错误 / wrong username or password",
                            headers={"WWW-Authenticate": "Bearer"})
    guard.succeeded(body.username, ip)
    if new_hash:  # argon2 parameters were raised since the hash was made
        user.password_hash = new_hash
    staff_accounts.audit(session, user.username, "login", user.username, {"ip": {"after": ip}})
    session.commit()
    token, expires = staff_accounts.issue_token(user, settings.signing_key,
                                                settings.token_ttl_minutes)
    return LoginOut(access_token=token, expires_at=expires, role=user.role,
                    username=user.username)


def login_guard(request: Request, settings: Settings) -> LoginGuard:
    guard = getattr(request.app.state, "login_guard", None)
    if guard is None:
        guard = request.app.state.login_guard = LoginGuard(settings)
    return guard


@router.get("/me", response_model=MeOut, summary="当前用户 / who am I",
            description="令牌对应的用户名和角色。 / The caller's username and role.")
def me(staff: AgentDep) -> MeOut:
    return MeOut(username=staff.username, role=staff.role)
