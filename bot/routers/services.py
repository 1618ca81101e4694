"""Public read API of the catalog."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query

from bot.deps import SnapshotDep
from services_catalog.schemas import ServiceOut

router = APIRouter(tags=["services"])


def public(s: ServiceOut) -> dict[str, Any]:
    data = s.model_dump(exclude={"active"})
    data["time_limits"] = [t.model_dump(exclude={"keywords"}) for t in s.time_limits]
    return data


@router.get("/api/services")
def list_services(
    snapshot: SnapshotDep,
    q: str | None = Query(default=None, max_length=200, description="自由文本检索"),
) -> dict[str, Any]:
    if q is not None and q.strip():
        hits = snapshot.index.search(q, limit=10)
        return {"services": [{**public(snapshot.services[h.slug]), "score": round(h.confidence, 3)}
                             for h in hits]}
    return {"services": [public(s) for s in snapshot.services.values()]}


@router.get("/api/services/{slug}")
def get_service(slug: str, snapshot: SnapshotDep) -> dict[str, Any]:
    service = snapshot.services.get(slug)
    if service is None:
        raise HTTPException(404, f"没有找到事项 {slug!r} / service {slug!r} not found")
    return public(service)
