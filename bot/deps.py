"""Dependencies shared by the routers.

They are `async def` on purpose: FastAPI runs a plain `def` dependency in a worker thread, and
the hop there and back (twice for a generator) cost /api/chat about 8 ms of its 11 ms of
gateway CPU. Their work is short (a cached object, one small SQLite/PostgreSQL query, the
commit), so it runs on the event loop.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session

from bot.rasa_client import RasaClient
from bot.settings import Settings, get_settings
from services_catalog.db import session_scope
from services_catalog.snapshot import CatalogCache, CatalogSnapshot


async def get_db() -> AsyncIterator[Session]:
    with session_scope() as session:
        yield session


# scope="function": the commit happens before the response is sent, so a 2xx means stored
# (and a failed commit becomes an error response, not a silent loss).
SessionDep = Annotated[Session, Depends(get_db, scope="function")]


async def settings() -> Settings:
    return get_settings()


SettingsDep = Annotated[Settings, Depends(settings)]


async def get_rasa(request: Request) -> RasaClient:
    return request.app.state.rasa


RasaDep = Annotated[RasaClient, Depends(get_rasa)]


async def current_snapshot(cache: CatalogCache, session: Session) -> CatalogSnapshot:
    """The catalog snapshot; a rebuild (after an edit) runs in a worker thread, so the event
    loop keeps serving other requests meanwhile."""
    snap = cache.current(session)
    if snap is None:
        snap = await run_in_threadpool(cache.get, session)
    return snap


async def get_snapshot(request: Request, session: SessionDep) -> CatalogSnapshot:
    return await current_snapshot(request.app.state.catalog, session)


SnapshotDep = Annotated[CatalogSnapshot, Depends(get_snapshot)]
