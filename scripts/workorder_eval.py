"""Work-order figures on an assist set: handling-unit accuracy (the draft's 承办单位 equals the
lead unit of the caller's labelled service), script coverage, and the category distribution
(the sets label services, not request types). Runs /api/assist in process; Rasa is not
reached, so the figures are the catalog search's (the live stack adds the NLU's entity).

    PYTHONPATH=. .venv/bin/python scripts/workorder_eval.py tests/heldout/assist.yml
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


async def main(path: str) -> None:
    from bot.main import create_app

    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    cases = data["utterances"] + data.get("transcripts", [])
    app = create_app()
    units_right = covered = 0
    categories: Counter[str] = Counter()
    async with app.router.lifespan_context(app):
        snap = app.state.catalog
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://eval") as client:
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
                units_right += wo["handling_unit"] in {services[s].lead_unit or "" for s in wanted}
                if wo["category"] != "咨询" and "-v" in sys.argv:
                    print(wo["category"], case["text"].replace("\n", " ")[:90])
    n = len(cases)
    print(f"{path}: {n} cases; handling unit right {units_right}/{n} = {units_right / n:.3f}; "
          f"with a reply script {covered}/{n} = {covered / n:.3f}")
    print("categories:", dict(categories.most_common()))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
