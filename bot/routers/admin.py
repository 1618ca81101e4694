"""The catalog admin API under /api/admin (used by /admin and /admin/analytics).

Roles: viewer reads; editor edits services, imports, retrains and sees analytics; admin also
deletes/restores services and creates staff accounts. Every write commits inside the endpoint, so
a 2xx answer means the change is stored; a rejected request is rolled back and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

import yaml
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field, ValidationError, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.admin_auth import AdminDep, AgentDep, EditorDep, ViewerDep
from bot.analytics import MAX_DAYS, Analytics, Period, compute, to_csv
from bot.deps import SessionDep, SettingsDep
from bot.login_guard import LoginGuard
from bot.ratelimit import client_ip, enforce_rate_limit
from bot.retrain import AlreadyRunning, Retrainer
from bot.settings import Settings, get_settings
from bot.validation_zh import FieldErrors, ZhValidationRoute, validation_response
from services_catalog import repository as repo
from services_catalog import staff as staff_accounts
from services_catalog import training, transfer
from services_catalog.config import get_catalog_settings
from services_catalog.models import Service, StaffUser
from services_catalog.normalize import normalize
from services_catalog.schemas import STORED, ServiceIn, ServiceOut, ServicePatch


class ErrorOut(BaseModel):
    detail: str


class FieldErrorsOut(BaseModel):
    detail: list[dict[str, Any]]
    message: str
    fields: dict[str, str] = Field(description="字段路径 → 错误信息 / field path → message")


class ConflictOut(BaseModel):
    detail: str
    current: ServiceOut | None = Field(default=None, description="服务器上的当前版本")


R401: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "未登录、令牌无效或已过期 / not authenticated"},
}
R403: dict[int | str, dict[str, Any]] = {
    403: {"model": ErrorOut, "description": "权限不足 / role too low"},
}
R404: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "事项不存在"}}
R409: dict[int | str, dict[str, Any]] = {
    409: {"model": ConflictOut, "description": "版本冲突，附当前记录 / stale version"},
}

router = APIRouter(
    prefix="/api/admin",
    tags=["admin"],
    route_class=ZhValidationRoute,
    responses={**R401, 422: {"model": FieldErrorsOut, "description": "输入有误 / invalid"}},
)


@contextmanager
def field_errors(session: Session, field: str) -> Iterator[None]:
    """Cross-record checks (alias clashes) and whole-record validation become 422 field errors.

    The session is rolled back first: the wrapper answers normally, so get_db would commit.
    """
    try:
        yield
    except ValidationError as exc:
        session.rollback()
        raise FieldErrors(exc.errors()) from exc
    except repo.CatalogError as exc:
        if type(exc) is not repo.CatalogError:  # NotFound / Conflict keep their own status
            raise
        session.rollback()
        error = {"loc": ("body", field), "msg": str(exc), "type": "value_error"}
        raise FieldErrors([error]) from exc


@contextmanager
def current_on_conflict(session: Session, slug: str) -> Iterator[None]:
    """A write the database refused (another editor's UPDATE matched the version first) is a
    409 with the record as it now is: roll back the failed flush, then read it again."""
    try:
        yield
    except repo.Conflict as exc:
        if exc.current is None:
            session.rollback()
            exc.current = repo.to_out(repo.get_service(session, slug, include_inactive=True))
        raise


# --- auth ----------------------------------------------------------------------------------------


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


# --- services ------------------------------------------------------------------------------------


class AdminServiceOut(ServiceOut):
    updated_at: datetime
    updated_by: str


def _admin_out(row: Service) -> AdminServiceOut:
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
    return [_admin_out(r) for r in rows if not needle or _matches(r, needle)]


@router.get(
    "/services/{slug}", response_model=AdminServiceOut, responses=R404,
    summary="查看事项 / get a service",
    description="一个事项的完整记录（含已删除）及其版本号。 / One service, deleted ones too.",
)
def get_service(slug: str, staff: ViewerDep, session: SessionDep) -> AdminServiceOut:
    return _admin_out(repo.get_service(session, slug, include_inactive=True))


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
    return _admin_out(row)


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
    return _admin_out(row)


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
    return _admin_out(row)


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
    return _admin_out(row)


def _name_aliases(session: Session, slug: str) -> tuple[str, list[str]]:
    row = repo.get_service(session, slug, include_inactive=True)
    return row.name, list(row.aliases)


# --- audit ---------------------------------------------------------------------------------------


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


# --- import / export -----------------------------------------------------------------------------

MEDIA = {"yaml": "application/x-yaml; charset=utf-8", "csv": "text/csv; charset=utf-8"}


class ImportReportOut(BaseModel):
    created: list[str]
    updated: dict[str, list[str]] = Field(description="slug → 变化的字段 / changed fields")
    unchanged: int
    errors: list[dict[str, Any]]
    applied: bool


class ImportRejectedOut(BaseModel):
    detail: str
    report: ImportReportOut | None = None


@router.get(
    "/export", summary="导出目录 / export the catalog",
    description="下载全部在用事项，YAML 或 CSV（JSON 列）；可原样导入。"
                " / Download the active catalog as YAML or CSV; imports back unchanged.",
    response_class=Response,
    responses={200: {"content": {"application/x-yaml": {}, "text/csv": {}}}},
)
def export(
    staff: ViewerDep, session: SessionDep,
    format: Literal["yaml", "csv"] = Query(default="yaml"),
) -> Response:
    records = transfer.export_records(session)
    text = transfer.dump_yaml(records) if format == "yaml" else transfer.dump_csv(records)
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    return Response(text, media_type=MEDIA[format], headers={
        "Content-Disposition": f'attachment; filename="catalog-{stamp}.{format}"',
        "Cache-Control": "no-store",
    })


@router.post(
    "/import", response_model=ImportReportOut, responses={
        **R403, 422: {"model": ImportRejectedOut, "description": "文件有误，未做任何更改"}},
    summary="导入目录 / import the catalog",
    description="请求体为文件内容（YAML 或 CSV）。`apply=false` 只预览（默认），`apply=true` "
                "在一个事务中全部应用；有任何错误则 422 且不做任何更改。 / The raw file is the "
                "body. Dry run by default; `apply=true` applies everything or nothing.",
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/x-yaml": {"schema": {"type": "string"}},
        "text/csv": {"schema": {"type": "string"}},
        "text/plain": {"schema": {"type": "string"}},
    }}},
)
async def import_catalog(
    request: Request, staff: EditorDep, session: SessionDep,
    format: Literal["yaml", "csv"] = Query(default="yaml"),
    apply: bool = Query(default=False, description="false=预览，true=应用"),
) -> Any:
    raw = await request.body()
    try:
        text = raw.decode("utf-8-sig")  # Excel adds a BOM to CSV files it saves
        if not text.strip():
            raise repo.CatalogError("文件为空 / empty file")
        records = transfer.parse_csv(text) if format == "csv" else transfer.parse_yaml(text)
    except UnicodeDecodeError:
        return _import_rejected(session, "文件须为 UTF-8 编码 / file must be UTF-8", None)
    except yaml.YAMLError as exc:
        # The parser's message quotes the file: only the position goes back (and to no log).
        mark = getattr(exc, "problem_mark", None)
        where = f"（第{mark.line + 1}行第{mark.column + 1}列）" if mark is not None else ""
        return _import_rejected(session, f"YAML 格式错误{where} / invalid YAML", None)
    except repo.CatalogError as exc:
        return _import_rejected(session, str(exc), None)
    report = transfer.import_records(session, records, actor=staff.username, apply=apply)
    if report.errors:
        return _import_rejected(session, "导入数据有误，未做任何更改 / invalid data, nothing "
                                         "changed", report.as_dict())
    if apply:
        session.commit()
    else:
        session.rollback()
    return report.as_dict()


def _import_rejected(session: Session, message: str, report: dict | None) -> JSONResponse:
    session.rollback()
    return JSONResponse({"detail": message, "report": report}, status_code=422)


# --- training ------------------------------------------------------------------------------------


class JobOut(BaseModel):
    state: Literal["idle", "running", "succeeded", "failed"]
    step: str = Field(description="queued | gen-nlu | train | load | mark | done")
    started_at: datetime | None
    finished_at: datetime | None
    actor: str | None
    model: str | None
    error: str | None
    log_tail: list[str]


class TrainingOut(BaseModel):
    stale: bool
    message: Literal["retrain needed", "up to date"]
    message_zh: str
    current_hash: str
    trained_hash: str | None
    changes: list[dict[str, Any]] = Field(
        description="自上次训练以来名称/别名有变化的事项 / services whose name or aliases changed")
    job: JobOut


def get_retrainer(request: Request) -> Retrainer:
    retrainer = getattr(request.app.state, "retrainer", None)
    if retrainer is None:
        retrainer = request.app.state.retrainer = Retrainer(get_settings())
    return retrainer


def _training_status(session: Session, retrainer: Retrainer) -> TrainingOut:
    current, trained = training.current_nlu_hash(session), training.trained_hash(session)
    stale = current != trained
    return TrainingOut(
        stale=stale,
        message="retrain needed" if stale else "up to date",
        message_zh="名称或别名已修改，需要重新训练" if stale else "模型已是最新",
        current_hash=current, trained_hash=trained,
        changes=training.changes_since_training(session) if stale else [],
        job=JobOut(**retrainer.job.as_dict()),
    )


@router.get(
    "/training", response_model=TrainingOut, summary="模型训练状态 / training status",
    description="事项名称或别名改过之后，机器人的模型需要重新训练才能识别新说法；这里给出是否需要"
                "以及后台训练的进度。 / Whether the NLU model is behind the catalog, and the "
                "background retrain's progress.",
)
def training_status(staff: ViewerDep, session: SessionDep, request: Request) -> TrainingOut:
    return _training_status(session, get_retrainer(request))


@router.post(
    "/training", status_code=202, response_model=TrainingOut,
    responses={**R403, 409: {"model": ErrorOut, "description": "已有训练在进行 / running"}},
    summary="重新训练 / retrain",
    description="后台执行 gen-nlu 和 rasa train，再通过 Rasa HTTP API 逐个替换各副本的模型"
                "（不停机），最后标记为已训练。用 GET 查看进度。 / Starts a background retrain "
                "and a zero-downtime model swap on every Rasa replica; poll GET for progress.",
)
async def start_training(staff: EditorDep, session: SessionDep,
                         request: Request) -> TrainingOut:
    retrainer = get_retrainer(request)
    try:
        retrainer.start(staff.username)
    except AlreadyRunning as exc:
        raise HTTPException(409, f"已有训练在进行 / {exc}") from None
    return _training_status(session, retrainer)


# --- analytics -----------------------------------------------------------------------------------


def _period(date_from: date | None, date_to: date | None) -> Period | JSONResponse:
    tz = ZoneInfo(get_catalog_settings().timezone)
    end = date_to or datetime.now(tz).date()
    start = date_from or end - timedelta(days=29)
    if start > end:
        return validation_response([{"loc": ("query", "from"), "type": "value_error",
                         "msg": "开始日期不能晚于结束日期 / from must not be after to"}])
    if (end - start).days >= MAX_DAYS:
        return validation_response([{"loc": ("query", "to"), "type": "value_error",
                         "msg": f"时间范围最多{MAX_DAYS}天 / at most {MAX_DAYS} days"}])
    return Period(start, end, tz)


FROM_Q = Query(default=None, alias="from", description="开始日期 YYYY-MM-DD（默认：30天前）")
TO_Q = Query(default=None, alias="to", description="结束日期 YYYY-MM-DD，含当天（默认：今天）")


@router.get(
    "/analytics", response_model=Analytics, responses=R403, summary="使用统计 / analytics",
    description="每日消息数和会话数、热门事项、未能回答率、未回答问题（相似问题聚类）、各事项好差评"
                "满意率、坐席话术复制率。日期按北京时间。 / Daily messages and conversations, top "
                "services, fallback rate, clustered unanswered questions, satisfaction per "
                "service and agent-assist copy rate.",
)
def analytics(staff: EditorDep, session: SessionDep, date_from: date | None = FROM_Q,
              date_to: date | None = TO_Q) -> Any:
    period = _period(date_from, date_to)
    if isinstance(period, JSONResponse):
        return period
    return compute(session, period)


@router.get(
    "/analytics.csv", response_class=Response, responses=R403,
    summary="下载统计 CSV / analytics as CSV",
    description="每日统计和事项统计两张表（UTF-8 带 BOM，Excel 可直接打开）。"
                " / The per-day and per-service tables as one CSV file.",
)
def analytics_csv(staff: EditorDep, session: SessionDep, date_from: date | None = FROM_Q,
                  date_to: date | None = TO_Q) -> Response:
    period = _period(date_from, date_to)
    if isinstance(period, JSONResponse):
        return period
    text = to_csv(compute(session, period))
    return Response(text, media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition":
            f'attachment; filename="analytics-{period.start}-{period.end}.csv"',
        "Cache-Control": "no-store",
    })


# --- staff accounts ------------------------------------------------------------------------------

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
