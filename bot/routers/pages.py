"""The HTML pages: the chat widget, the agent console and the admin pages (all assets local)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse

STATIC = Path(__file__).resolve().parent.parent / "static"
PAGES = {
    "/": "widget.html",
    "/widget": "widget.html",
    "/agent": "agent.html",
    "/admin": "admin.html",
    "/admin/analytics": "analytics.html",
}
router = APIRouter(tags=["pages"], include_in_schema=False)


def _page(name: str) -> FileResponse:
    path = STATIC / name
    if not path.exists():
        raise HTTPException(404, "page not built")
    return FileResponse(path, media_type="text/html; charset=utf-8")


for _route, _file in PAGES.items():
    router.add_api_route(_route, (lambda f=_file: _page(f)), methods=["GET"])
