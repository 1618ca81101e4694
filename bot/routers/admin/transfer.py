"""Import and export of the whole catalog (YAML or CSV), previewed before it is applied."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

import yaml
from fastapi import Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from bot.routers.admin.common import R403, EditorDep, SessionDep, ViewerDep, admin_router
from services_catalog import repository as repo
from services_catalog import transfer

router = admin_router()

MEDIA = {"yaml": "application/x-yaml; charset=utf-8", "csv": "text/csv; charset=utf-8"}


class ScenarioReportOut(BaseModel):
    created: list[str]
    updated: dict[str, list[str]] = Field(description="slug → 变化的字段 / changed fields")
    unchanged: int


class ImportReportOut(BaseModel):
    created: list[str]
    updated: dict[str, list[str]] = Field(description="slug → 变化的字段 / changed fields")
    unchanged: int
    errors: list[dict[str, Any]] = Field(description="scenario errors carry kind=scenario")
    applied: bool
    scenarios: ScenarioReportOut | None = Field(
        default=None, description="文件中的场景（仅 YAML 的 scenarios 列表）/ the file's scenarios")


class ImportRejectedOut(BaseModel):
    detail: str
    report: ImportReportOut | None = None


@router.get(
    "/export", summary="导出目录 / export the catalog",
    description="下载全部在用事项，YAML（含场景 scenarios）或 CSV（JSON 列，仅事项）；可原样导入。"
                " / Download the active catalog as YAML (with its scenarios) or CSV (services "
                "only); imports back unchanged.",
    response_class=Response,
    responses={200: {"content": {"application/x-yaml": {}, "text/csv": {}}}},
)
def export(
    staff: ViewerDep, session: SessionDep,
    format: Literal["yaml", "csv"] = Query(default="yaml"),
) -> Response:
    records = transfer.export_records(session)
    text = (transfer.dump_yaml(records, transfer.export_scenarios(session)) if format == "yaml"
            else transfer.dump_csv(records))
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
                "在一个事务中全部应用；有任何错误则 422 且不做任何更改。YAML 可带 scenarios 列表"
                "（场景，只能关联已有或同一文件中的事项）。 / The raw file is the body. Dry run by "
                "default; `apply=true` applies everything or nothing. A YAML file may carry a "
                "`scenarios` list.",
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
        scenarios = None
        if format == "csv":
            records = transfer.parse_csv(text)
        else:
            records, scenarios = transfer.parse_yaml_document(text)
    except UnicodeDecodeError:
        return _import_rejected(session, "文件须为 UTF-8 编码 / file must be UTF-8", None)
    except yaml.YAMLError as exc:
        # The parser's message quotes the file: only the position goes back (and to no log).
        mark = getattr(exc, "problem_mark", None)
        where = f"（第{mark.line + 1}行第{mark.column + 1}列）" if mark is not None else ""
        return _import_rejected(session, f"YAML 格式错误{where} / invalid YAML", None)
    except repo.CatalogError as exc:
        return _import_rejected(session, str(exc), None)
    report = transfer.import_records(session, records, actor=staff.username, apply=apply,
                                     scenarios=scenarios)
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
