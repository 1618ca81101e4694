"""Dependencies shared by the routers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from bot.rasa_client import RasaClient
from bot.settings import Settings, get_settings
from services_catalog.db import session_scope
from services_catalog.snapshot import CatalogCache, CatalogSnapshot


def get_db() -> Iterator[Session]:
    with session_scope() as session:
        yield session


# scope="function": the commit happens before the response is sent, so a 2xx means stored
# (and a failed commit becomes an error response, not a silent loss).
SessionDep = Annotated[Session, Depends(get_db, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_rasa(request: Request) -> RasaClient:
    return request.app.state.rasa


RasaDep = Annotated[RasaClient, Depends(get_rasa)]


def get_snapshot(request: Request, session: SessionDep) -> CatalogSnapshot:
    cache: CatalogCache = request.app.state.catalog
    return cache.get(session)


SnapshotDep = Annotated[CatalogSnapshot, Depends(get_snapshot)]
