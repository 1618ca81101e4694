"""GET /healthz: 200 only when Rasa (with a model), the action server and the catalog answer."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from bot.deps import RasaDep, SettingsDep
from services_catalog.db import get_sessionmaker
from services_catalog.models import Service

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz(rasa: RasaDep, settings: SettingsDep) -> JSONResponse:
    replicas = await rasa.status()
    rasa_ok = bool(replicas) and all(replicas.values())
    try:
        r = await rasa.http.get(f"{settings.actions_url.rstrip('/')}/health", timeout=2.0)
        actions_ok = r.status_code == 200
    except httpx.HTTPError:
        actions_ok = False
    try:
        with get_sessionmaker()() as session:
            count = session.scalar(select(func.count(Service.id)).where(Service.active))
        catalog_ok = bool(count)
    except SQLAlchemyError:
        count, catalog_ok = 0, False
    body: dict[str, Any] = {
        "status": "ok" if rasa_ok and actions_ok and catalog_ok else "unavailable",
        "rasa": "ok" if rasa_ok else "down",
        "actions": "ok" if actions_ok else "down",
        "catalog": "ok" if catalog_ok else "down",
        "services": count,
        "rasa_replicas": {u: ("ok" if ok else "down") for u, ok in replicas.items()},
    }
    if body["status"] != "ok":
        down = [k for k in ("rasa", "actions", "catalog") if body[k] == "down"]
        body["down"] = down
        return JSONResponse(body, status_code=503)
    return JSONResponse(body)
