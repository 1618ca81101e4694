"""What every admin module shares: the role dependencies, error models, the R401/R403/R404/R409
response docs, a router factory and the helpers that turn catalog errors into 422/409."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy.orm import Session

from bot.admin_auth import AdminDep, AgentDep, EditorDep, ViewerDep
from bot.deps import SessionDep, SettingsDep
from bot.validation_zh import FieldErrors, ZhValidationRoute
from services_catalog import repository as repo
from services_catalog.schemas import ServiceOut

__all__ = [
    "AdminDep", "AgentDep", "EditorDep", "ViewerDep", "SessionDep", "SettingsDep",
    "ErrorOut", "FieldErrorsOut", "ConflictOut", "R401", "R403", "R404", "R409",
    "admin_router", "field_errors", "current_on_conflict", "on_conflict_load",
]


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


def admin_router() -> APIRouter:
    """A module's router. The package's `router` adds the /api/admin prefix, the tag and the
    401/422 docs; the route class must be set here (an included route keeps its own class)."""
    return APIRouter(route_class=ZhValidationRoute)


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
def on_conflict_load(session: Session, load: Callable[[], BaseModel]) -> Iterator[None]:
    """A write the database refused (another editor's UPDATE matched the version first) is a
    409 with the record as it now is: roll back the failed flush, then `load` it again (no
    record when it was deleted meanwhile)."""
    try:
        yield
    except repo.Conflict as exc:
        if exc.current is None:
            session.rollback()
            try:
                exc.current = load()
            except repo.NotFound:
                pass
        raise


def current_on_conflict(session: Session, slug: str) -> AbstractContextManager[None]:
    """on_conflict_load for a service."""
    return on_conflict_load(
        session, lambda: repo.to_out(repo.get_service(session, slug, include_inactive=True)))
