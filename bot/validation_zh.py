"""Field-level validation messages in Chinese (and English) for the admin API.

FastAPI's exception handlers are app-wide; the admin routes use `ZhValidationRoute` instead so
that only /api/admin answers change. The 422 body keeps FastAPI's `detail` list shape (loc, msg,
type) and adds `field` (dotted path without "body") and a `fields` map for forms.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

_LOCATIONS = {"body", "query", "path", "header", "cookie"}


def _message(err: dict[str, Any]) -> str:
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    simple = {
        "missing": "必填 / required",
        "extra_forbidden": "不允许的字段 / unknown field",
        "json_invalid": "JSON 格式错误 / invalid JSON",
        "string_type": "必须是文本 / must be text",
        "list_type": "必须是列表 / must be a list",
        "dict_type": "必须是对象 / must be an object",
        "model_type": "必须是对象 / must be an object",
        "model_attributes_type": "必须是对象 / must be an object",
        "int_parsing": "必须是整数 / must be an integer",
        "int_type": "必须是整数 / must be an integer",
        "int_from_float": "必须是整数 / must be an integer",
        "bool_parsing": "必须是 true 或 false / must be a boolean",
        "bool_type": "必须是 true 或 false / must be a boolean",
        "date_parsing": "日期格式须为 YYYY-MM-DD / date must be YYYY-MM-DD",
        "date_from_datetime_parsing": "日期格式须为 YYYY-MM-DD / date must be YYYY-MM-DD",
        "date_type": "日期格式须为 YYYY-MM-DD / date must be YYYY-MM-DD",
        "string_pattern_mismatch": "格式不正确 / invalid format",
    }
    if kind in simple:
        return simple[kind]
    if kind == "greater_than":
        return f"必须大于{ctx.get('gt')} / must be greater than {ctx.get('gt')}"
    if kind == "greater_than_equal":
        return f"不能小于{ctx.get('ge')} / must be at least {ctx.get('ge')}"
    if kind == "less_than":
        return f"必须小于{ctx.get('lt')} / must be less than {ctx.get('lt')}"
    if kind == "less_than_equal":
        return f"不能大于{ctx.get('le')} / must be at most {ctx.get('le')}"
    if kind == "string_too_short":
        n = ctx.get("min_length", 1)
        return "不能为空 / must not be empty" if n == 1 else f"至少{n}个字符 / at least {n} chars"
    if kind == "string_too_long":
        n = ctx.get("max_length")
        return f"最多{n}个字符 / at most {n} characters"
    if kind == "too_short":
        return f"至少{ctx.get('min_length')}项 / at least {ctx.get('min_length')} items"
    if kind == "too_long":
        return f"最多{ctx.get('max_length')}项 / at most {ctx.get('max_length')} items"
    if kind in ("literal_error", "enum"):
        return f"必须是以下之一：{ctx.get('expected')} / must be one of {ctx.get('expected')}"
    if kind == "value_error":  # our validators already write bilingual messages
        return str(err.get("msg", "")).removeprefix("Value error, ")
    return str(err.get("msg", "输入有误 / invalid"))


def _field(loc: Sequence[Any]) -> str:
    parts = list(loc)
    if parts and parts[0] in _LOCATIONS:
        parts = parts[1:]
    return ".".join(str(p) for p in parts)


def validation_body(errors: Sequence[Any]) -> dict[str, Any]:
    detail = []
    fields: dict[str, str] = {}
    for err in errors:
        msg = _message(err)
        field = _field(err.get("loc", ()))
        # The submitted value is left out on purpose: never echo input back into a page.
        detail.append({"loc": list(err.get("loc", ())), "field": field, "msg": msg,
                       "type": err.get("type", "")})
        fields.setdefault(field, msg)
    return {"detail": detail, "message": "输入有误，请检查标出的字段 / invalid input",
            "fields": fields}


def validation_response(errors: Sequence[Any]) -> JSONResponse:
    return JSONResponse(validation_body(errors), status_code=422)


class FieldErrors(Exception):
    """Validation found by the endpoint itself (e.g. an alias used by another service), raised
    after the endpoint rolled its session back; answered like a request validation error."""

    def __init__(self, errors: Sequence[Any]) -> None:
        super().__init__("field errors")
        self.errors = list(errors)


class ZhValidationRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestValidationError as exc:
                return validation_response(exc.errors())
            except FieldErrors as exc:
                return validation_response(exc.errors)

        return route
