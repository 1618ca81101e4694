"""The HTML pages: the chat widget, the agent console and the admin pages (all assets local).

Each page's links to /static/ assets carry a content hash (?v=…), so a browser holding an old
page never pairs it with a new script, and the page itself is always revalidated.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse

STATIC = Path(__file__).resolve().parent.parent / "static"
PAGES = {
    "/": "widget.html",
    "/widget": "widget.html",
    "/agent": "agent.html",
    "/admin": "admin.html",
    "/admin/analytics": "analytics.html",
}
ASSET = re.compile(r'((?:src|href)="/static/)([\w.-]+)(")')
router = APIRouter(tags=["pages"], include_in_schema=False)


def _stamp(match: re.Match[str]) -> str:
    asset = STATIC / match.group(2)
    if not asset.is_file():
        return match.group(0)
    digest = hashlib.sha256(asset.read_bytes()).hexdigest()[:10]
    return f"{match.group(1)}{match.group(2)}?v={digest}{match.group(3)}"


@lru_cache(maxsize=len(PAGES))
def _render(name: str, static_mtime_ns: int) -> str:
    # The newest mtime in static/ is part of the cache key: editing a page or any of its assets
    # re-stamps the page on the next request, without a restart.
    return ASSET.sub(_stamp, (STATIC / name).read_text(encoding="utf-8"))


def _page(name: str) -> HTMLResponse:
    if not (STATIC / name).exists():
        raise HTTPException(404, "page not built")
    newest = max(f.stat().st_mtime_ns for f in STATIC.iterdir())
    return HTMLResponse(_render(name, newest), headers={"Cache-Control": "no-cache"})


for _route, _file in PAGES.items():
    router.add_api_route(_route, (lambda f=_file: _page(f)), methods=["GET"])
