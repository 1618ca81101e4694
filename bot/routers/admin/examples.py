"""Example questions of a service (services_catalog/examples.py) under /api/admin.

Viewers read; editors add and remove. Import/export is a YAML file of `slug: [questions]` (the
seed file's format; `_out_of_scope` for questions that are no service's), separate from the
catalog export so that a catalog round trip stays as it was.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import yaml
from fastapi import Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field, field_validator
from sqlalchemy.orm import Session

from bot.routers.admin.common import (
    R403,
    EditorDep,
    ErrorOut,
    SessionDep,
    ViewerDep,
    admin_router,
)
from services_catalog import examples as store
from services_catalog import repository as repo
from services_catalog.models import ExampleQuestion
from services_catalog.transfer import _ImportLoader

R404: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "不存在"}}
R409: dict[int | str, dict[str, Any]] = {
    409: {"model": ErrorOut, "description": "版本冲突或例句已属于其他事项 / conflict"}}

router = admin_router()


class ExampleOut(BaseModel):
    id: int
    slug: str | None = Field(description="所属事项；null 为「不属于任何事项」")
    text: str
    source: str = Field(description="seed 初始 | staff 人工添加 | inbox 待学习问题 | import 导入")
    author: str
    created_at: datetime
    version: int = Field(description="删除时提交 / send it to delete")
    active: bool


class ExampleIn(BaseModel):
    text: str = Field(description=f"例句，最多{store.MAX_CHARS}字，一行，不含 [](){{}}/ 等符号")

    @field_validator("text")
    @classmethod
    def _text(cls, v: str) -> str:
        return store.check_example(v)


class ImportReportOut(BaseModel):
    added: dict[str, int] = Field(description="slug → 新增条数")
    moved: dict[str, int] = Field(description="slug → 从其他事项改属的条数")
    unchanged: int
    errors: list[dict[str, Any]]
    applied: bool


def _out(row: ExampleQuestion) -> ExampleOut:
    return ExampleOut(id=row.id, slug=row.slug, text=row.text, source=row.source,
                      author=row.author, created_at=row.created_at, version=row.version,
                      active=row.active)


@router.get(
    "/services/{slug}/examples", response_model=list[ExampleOut], responses=R404,
    summary="事项的例句 / a service's example questions",
    description="用于搜索的同义问法和 NLU 训练。 / What search matches paraphrases against, and "
                "what the NLU is trained on.",
)
def list_examples(slug: str, staff: ViewerDep, session: SessionDep) -> list[ExampleOut]:
    repo.get_service(session, slug, include_inactive=True)
    return [_out(r) for r in store.list_for(session, slug)]


@router.post(
    "/services/{slug}/examples", status_code=201, response_model=ExampleOut,
    responses={**R403, **R404, **R409}, summary="添加例句 / add an example question",
    description="搜索立即生效，模型标记为需要重新训练；审计。已属于其他事项的例句 → 409。"
                " / Search uses it at once; the model is marked stale; audited.",
)
def add_example(slug: str, body: ExampleIn, staff: EditorDep,
                session: SessionDep) -> ExampleOut:
    try:
        result = store.add(session, slug, body.text, source="staff", actor=staff.username,
                           move=False)
    except repo.CatalogError:
        session.rollback()
        raise
    session.commit()
    return _out(result.row)


@router.delete(
    "/examples/{example_id}", response_model=ExampleOut, responses={**R403, **R404, **R409},
    summary="删除例句 / remove an example question",
    description="`version` 为看到的版本；他人刚改过 → 409。审计。 / Stale version → 409.",
)
def remove_example(example_id: int, staff: EditorDep, session: SessionDep,
                   version: int = Query(ge=1, description="当前版本号")) -> ExampleOut:
    try:
        row = store.remove(session, example_id, version, staff.username)
    except repo.CatalogError:
        session.rollback()
        raise
    session.commit()
    return _out(row)


@router.get(
    "/examples/export", summary="导出例句 / export example questions",
    description="YAML：事项 slug → 例句列表；`_out_of_scope` 为不属于任何事项的问题。"
                " / YAML `slug: [questions]`; `_out_of_scope` holds out-of-scope ones.",
    response_class=Response, responses={200: {"content": {"application/x-yaml": {}}}},
)
def export_examples(staff: ViewerDep, session: SessionDep) -> Response:
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    return Response(store.export_yaml(session), media_type="application/x-yaml; charset=utf-8",
                    headers={"Content-Disposition":
                             f'attachment; filename="examples-{stamp}.yaml"',
                             "Cache-Control": "no-store"})


@router.post(
    "/examples/import", response_model=ImportReportOut,
    responses={**R403, 422: {"model": ErrorOut, "description": "文件有误，未做任何更改"}},
    summary="导入例句 / import example questions",
    description="请求体为导出格式的 YAML。只新增（或改属），不删除。`apply=false` 预览（默认）；"
                "有任何错误则 422 且不做任何更改。 / Adds (or moves) only, never removes; dry "
                "run by default; any error and nothing changes.",
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/x-yaml": {"schema": {"type": "string"}},
        "text/plain": {"schema": {"type": "string"}}}}},
)
async def import_examples(
    request: Request, staff: EditorDep, session: SessionDep,
    apply: bool = Query(default=False, description="false=预览，true=应用"),
) -> Any:
    raw = await request.body()
    try:
        text = raw.decode("utf-8-sig")
        if not text.strip():
            raise repo.CatalogError("文件为空 / empty file")
        data = store.parse_import(yaml.load(text, Loader=_ImportLoader))  # noqa: S506
    except UnicodeDecodeError:
        return _rejected(session, "文件须为 UTF-8 编码 / file must be UTF-8", None)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)  # the position only: the message quotes
        where = f"（第{mark.line + 1}行第{mark.column + 1}列）" if mark is not None else ""
        return _rejected(session, f"YAML 格式错误{where} / invalid YAML", None)
    except repo.CatalogError as exc:
        return _rejected(session, str(exc), None)
    report = store.import_examples(session, data, staff.username, apply)
    if report.errors:
        return _rejected(session, "导入数据有误，未做任何更改 / invalid data, nothing changed",
                         report.as_dict())
    if apply:
        session.commit()
    else:
        session.rollback()
    return report.as_dict()


def _rejected(session: Session, message: str, report: dict | None) -> JSONResponse:
    session.rollback()
    return JSONResponse({"detail": message, "report": report}, status_code=422)
