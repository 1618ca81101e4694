"""The gateway app: `uvicorn bot.main:app`."""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from bot import call_classifier
from bot.guard import Guard, error_summary
from bot.rasa_client import RasaClient
from bot.routers import admin, assist, chat, health, pages, services
from bot.routers.pages import STATIC
from bot.settings import Settings, get_settings
from bot.validation_zh import FieldErrors, validation_response
from services_catalog.repository import CatalogError
from services_catalog.snapshot import CatalogCache

log = logging.getLogger("bot")
# Swagger UI 5 (OpenAPI 3.1, which FastAPI writes) as shipped in the pinned swagger-ui-py wheel;
# its files only: the package itself (Flask/Tornado/… handlers) is never imported.
_spec = importlib.util.find_spec("swagger_ui")
if _spec is None or not _spec.origin:
    raise RuntimeError("swagger-ui-py is not installed (requirements.txt)")
SWAGGER_UI = Path(_spec.origin).parent / "static"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.rasa = RasaClient(settings)
        app.state.catalog = CatalogCache()
        call_classifier.warm_up()  # the request-type model, trained in the background (~1 s)
        app.state.redis = None
        if settings.redis_url:
            import redis.asyncio as aioredis

            app.state.redis = aioredis.from_url(settings.redis_url)
        yield
        await app.state.rasa.close()
        if app.state.redis is not None:
            await app.state.redis.aclose()

    app = FastAPI(
        title="吉速问 gateway",
        version="0.1.0",
        description="Chat, agent assist, public catalog and catalog admin for 吉速问.",
        lifespan=lifespan,
        docs_url=None,  # /docs below: Swagger UI from this server, not from a CDN
        redoc_url=None,
    )
    app.add_middleware(Guard, settings=settings)  # type: ignore[arg-type]
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins,
                           allow_methods=["GET", "POST", "PATCH", "DELETE"],
                           allow_headers=["Authorization", "Content-Type"])

    # One validation answer for the whole app: FastAPI's default quotes the input back.
    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return validation_response(exc.errors())

    @app.exception_handler(FieldErrors)
    async def _field_errors(_: Request, exc: FieldErrors) -> JSONResponse:
        return validation_response(exc.errors)

    @app.exception_handler(CatalogError)
    async def _catalog_error(_: Request, exc: CatalogError) -> JSONResponse:
        body: dict = {"detail": str(exc)}
        current = getattr(exc, "current", None)
        if current is not None:
            body["current"] = current.model_dump(mode="json")
        return JSONResponse(body, status_code=exc.status)

    @app.exception_handler(OperationalError)
    async def _db_down(_: Request, exc: OperationalError) -> JSONResponse:
        log.warning("database unavailable: %s", exc.__class__.__name__)
        return JSONResponse({"detail": "数据库暂时不可用，请稍后再试 / database unavailable"},
                            status_code=503, headers={"Retry-After": "5"})

    @app.exception_handler(SQLAlchemyError)
    async def _db_error(_: Request, exc: SQLAlchemyError) -> JSONResponse:
        log.error("database error: %s", error_summary(exc))  # the message may hold values
        return JSONResponse({"detail": "数据库暂时不可用，请稍后再试 / database unavailable"},
                            status_code=503, headers={"Retry-After": "5"})

    for r in (health.router, chat.router, assist.router, services.router, admin.router,
              pages.router):
        app.include_router(r)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/docs-assets", StaticFiles(directory=SWAGGER_UI), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        # No inline script: the CSP allows scripts from 'self' only (static/docs.js starts it).
        return HTMLResponse(DOCS_PAGE)

    return app


DOCS_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>吉速问 gateway API</title>
<link rel="stylesheet" href="/docs-assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs-assets/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script></body></html>
"""


app = create_app()
