"""The gateway app: `uvicorn bot.main:app`."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import Response

from bot.rasa_client import RasaClient
from bot.routers import admin, assist, chat, health, pages, services
from bot.routers.pages import STATIC
from bot.settings import Settings, get_settings
from services_catalog.repository import CatalogError
from services_catalog.snapshot import CatalogCache

log = logging.getLogger("bot")
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    # The widget is embedded in the mini-program web-view and in iframes: framing stays allowed.
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'"
    ),
}


class Guard(BaseHTTPMiddleware):
    """Request size limit and security headers on every response."""

    def __init__(self, app, settings: Settings) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.max_body = settings.max_body_bytes

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > self.max_body:
            return JSONResponse({"detail": "请求体过大 / request body too large"}, 413)
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.rasa = RasaClient(settings)
        app.state.catalog = CatalogCache()
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
    )
    app.add_middleware(Guard, settings=settings)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins,
                           allow_methods=["GET", "POST", "PATCH", "DELETE"],
                           allow_headers=["Authorization", "Content-Type"])

    @app.exception_handler(CatalogError)
    async def _catalog_error(_: Request, exc: CatalogError) -> JSONResponse:
        body: dict = {"detail": str(exc)}
        current = getattr(exc, "current", None)
        if current is not None:
            body["current"] = current.model_dump()
        return JSONResponse(body, status_code=exc.status)

    @app.exception_handler(OperationalError)
    async def _db_down(_: Request, exc: OperationalError) -> JSONResponse:
        log.warning("database unavailable: %s", exc.__class__.__name__)
        return JSONResponse({"detail": "数据库暂时不可用，请稍后再试 / database unavailable"},
                            status_code=503, headers={"Retry-After": "5"})

    @app.exception_handler(SQLAlchemyError)
    async def _db_error(_: Request, exc: SQLAlchemyError) -> JSONResponse:
        log.exception("database error")
        return JSONResponse({"detail": "数据库暂时不可用，请稍后再试 / database unavailable"},
                            status_code=503, headers={"Retry-After": "5"})

    for r in (health.router, chat.router, assist.router, services.router, admin.router,
              pages.router):
        app.include_router(r)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


app = create_app()
