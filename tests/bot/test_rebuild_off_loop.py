"""A catalog edit makes the next request rebuild the snapshot and search index: that work runs
in a worker thread (the event loop keeps serving), and the index's cost grows linearly with the
number of names and aliases (comparing every pair took minutes for 20k aliases)."""

from __future__ import annotations

import asyncio
import random
import time

import pytest

from services_catalog.search import SearchDoc, SearchIndex, _relatives
from tests.bot.test_admin_services import create

pytestmark = pytest.mark.usefixtures("as_agent")



async def test_a_rebuild_does_not_stall_the_event_loop(gateway) -> None:
    assert (await gateway.post("/api/assist", json={"text": "开公司"})).status_code == 200
    await create(gateway)  # the catalog changed: the next request rebuilds
    gaps: list[float] = []
    done = asyncio.Event()

    async def ticker() -> None:
        last = time.perf_counter()
        while not done.is_set():
            await asyncio.sleep(0.005)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    tick = asyncio.create_task(ticker())
    await asyncio.sleep(0.02)
    start = time.perf_counter()
    r = await gateway.post("/api/assist", json={"text": "开公司要多久"})
    took = time.perf_counter() - start
    done.set()
    await tick
    assert r.status_code == 200
    assert took > 0.15, f"no rebuild happened ({took:.3f} s)"
    assert max(gaps) < took / 2, f"event loop stalled {max(gaps):.3f} s of {took:.3f} s"


def test_relatives_match_the_pairwise_definition_and_scale_linearly() -> None:
    rng = random.Random(7)
    chars = "开公司注册用水电燃气报装登记"
    docs = [SearchDoc(slug=f"s{i}", name=f"服务{i}",
                      aliases=["".join(rng.choice(chars) for _ in range(rng.randint(2, 6)))
                               for _ in range(8)], text="", examples=())
            for i in range(40)]
    phrases = SearchIndex(docs)._phrases
    pairwise = {p.text: frozenset(o.slug for o in phrases if o.slug != p.slug
                                  and p.text in o.text and o.text != p.text) for p in phrases}
    assert _relatives(phrases) == pairwise
    # 30,000 phrases of 12 characters: pairwise that is 9·10⁸ comparisons (minutes).
    many = [type(phrases[0])(text="".join(rng.choice(chars) for _ in range(12)), kind="alias",
                             slug=f"x{i // 60}", ascii_start=False, ascii_end=False, order=i)
            for i in range(30_000)]
    start = time.perf_counter()
    _relatives(many)
    assert time.perf_counter() - start < 10
