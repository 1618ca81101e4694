"""Work-order figures on an assist set, through /api/assist in process (Rasa is not reached, so
the figures are the catalog search's; the live stack adds the NLU's entity).

- A service-labelled set (tests/heldout/assist.yml, tests/dev4/assist.yml): handling-unit accuracy
  (the draft's 承办单位 equals the unit the answer about the caller's labelled service tells them
  to ask, `ask_unit`), script coverage, the categories seen.
- A call set labelled with request types (tests/heldout_calls/calls.yml: `category`, `route`):
  category and route accuracy, over all calls and over those that got a draft (coverage).

    PYTHONPATH=. .venv/bin/python scripts/workorder_eval.py tests/heldout/assist.yml
    PYTHONPATH=. .venv/bin/python scripts/workorder_eval.py tests/heldout_calls/calls.yml
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections import Counter
from pathlib import Path

import httpx
import yaml

os.environ.setdefault("RASA_URLS", "http://127.0.0.1:9")
os.environ.setdefault("CHAT_PER_MINUTE_PER_IP", "100000")
os.environ.setdefault("ENVIRONMENT", "test")
# /api/assist needs a login: the operator token of this in-process gateway.
os.environ.setdefault("CATALOG_ADMIN_TOKEN", "workorder-eval-operator-token-0123456789")
HEADERS = {"Authorization": f"Bearer {os.environ['CATALOG_ADMIN_TOKEN']}"}


async def calls(path: str) -> None:
    """Category and route accuracy on a call set labelled with request types."""
    from bot.main import create_app

    cases = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    app = create_app()
    right = {"category": 0, "route": 0}
    drafted = {"category": 0, "route": 0}
    covered = 0
    confusion: Counter[tuple[str, str]] = Counter()
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://eval", headers=HEADERS) as client:
            for case in cases:
                body = (await client.post("/api/assist", json={"text": case["text"]})).json()
                wo = body.get("workorder")
                covered += wo is not None
                for key in right:
                    got = wo[key] if wo else "(none)"
                    want = case[key]
                    if want in ("转110", "转119", "转120"):  # the route names the emergency line
                        want = "转110/119/120"
                    ok = got == want
                    right[key] += ok
                    drafted[key] += ok and wo is not None
                    if key == "category" and not ok:
                        confusion[(want, got)] += 1
                        if "-v" in sys.argv:
                            print(f"  {want} → {got}: {case['text'][:70]}")
    n = len(cases)
    print(f"{path}: {n} calls; a draft for {covered}/{n} = {covered / n:.3f}")
    for key in right:
        print(f"  {key}: right {right[key]}/{n} = {right[key] / n:.3f} of all; "
              f"{drafted[key]}/{covered} = {drafted[key] / max(1, covered):.3f} of the drafted")
    print("  category misses (labelled → drafted):", dict(confusion.most_common(12)))


async def main(path: str) -> None:
    from bot.main import create_app
    from bot.workorder import handling_unit

    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    cases = data["utterances"] + data.get("transcripts", [])
    app = create_app()
    units_right = covered = 0
    categories: Counter[str] = Counter()
    async with app.router.lifespan_context(app):
        snap = app.state.catalog
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://eval", headers=HEADERS) as client:
            from services_catalog.db import get_sessionmaker

            with get_sessionmaker()() as session:
                services = snap.get(session).services
            for case in cases:
                body = (await client.post("/api/assist", json={"text": case["text"]})).json()
                wo = body.get("workorder")
                if not wo:
                    categories["(none)"] += 1
                    continue
                covered += bool(wo["reply"])
                categories[wo["category"]] += 1
                wanted = case["service"] if isinstance(case["service"], list) else [case["service"]]
                units_right += wo["handling_unit"] in {handling_unit(services[s]) for s in wanted}
                if wo["category"] != "咨询" and "-v" in sys.argv:
                    print(wo["category"], case["text"].replace("\n", " ")[:90])
    n = len(cases)
    print(f"{path}: {n} cases; handling unit right {units_right}/{n} = {units_right / n:.3f}; "
          f"with a reply script {covered}/{n} = {covered / n:.3f}")
    print("categories:", dict(categories.most_common()))


if __name__ == "__main__":
    target = sys.argv[1]
    labelled_calls = isinstance(yaml.safe_load(Path(target).read_text(encoding="utf-8")), list)
    asyncio.run(calls(target) if labelled_calls else main(target))
