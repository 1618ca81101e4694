"""Every task of the plan can be reached: a question written from each of the 172 tasks, asked
through /api/chat (in-process gateway, no Rasa: the degraded mode's catalog search + answer),
gets an answer that cites that task — 第N条 in the reply, or the answered service cites it.

The questions (every_task_questions.yml) are hand-written paraphrases, one per task; they are
not example questions of the catalog and search is not tuned on them.
"""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from services_catalog.config import SEED_FILE

QUESTIONS = Path(__file__).with_name("every_task_questions.yml")
TASKS = range(1, 173)
# Tasks whose question lands on another service because of how *existing* entries match (ties
# or a missing alias). Listed so that they are seen; strict: fixing one makes its test fail
# until it is removed from here. Empty since the catalog's examples quote the plan's wording
# for 第24条 (集中采购…全流程电子化) and 第41条 (企业用户“一照办电”).
KNOWN_MISSES: dict[int, str] = {
    116: "公共资源交易平台和信用平台数据打通了吗 is now read as two services asked together "
         "(招标投标监管 and 信用监管, several.py); each line quotes its own service's closest "
         "clause (第18条, 第120条), and neither is 第116条, which names both platforms",
}


@lru_cache
def questions() -> dict[int, str]:
    return yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))


@lru_cache
def items_by_slug() -> dict[str, set[int]]:
    data = yaml.safe_load(SEED_FILE.read_text(encoding="utf-8"))
    return {s["slug"]: set(s["items"]) for s in data["services"]}


async def _ask_all() -> dict[int, tuple[str | None, set[int]]]:
    import httpx

    from bot.main import create_app

    app = create_app()
    out: dict[int, tuple[str | None, set[int]]] = {}
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            for n, question in questions().items():
                r = await client.post("/api/chat",
                                      json={"sender": f"task-{n}", "message": question})
                assert r.status_code == 200, (n, r.text)
                messages = r.json()["messages"]
                text = "\n".join(m.get("text", "") for m in messages)
                slug = next((m["custom"]["slug"] for m in messages
                             if (m.get("custom") or {}).get("slug")), None)
                cites = set(map(int, re.findall(r"第(\d+)条", text)))
                if slug is not None:
                    cites |= items_by_slug().get(slug, set())
                out[n] = (slug, cites)
    return out


@pytest.fixture(scope="module")
def answers() -> dict[int, tuple[str | None, set[int]]]:
    """One gateway, 172 chat turns (about 10 s). In a thread of its own: in the full suite the
    browser tests' Playwright leaves an event loop running in this one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, _ask_all()).result()


def test_one_question_per_task() -> None:
    assert sorted(questions()) == list(TASKS)
    assert len(set(questions().values())) == len(TASKS), "duplicate questions"


def test_every_task_is_cited_by_some_service() -> None:
    cited = set().union(*items_by_slug().values())
    assert not set(TASKS) - cited


@pytest.mark.parametrize("n", [
    pytest.param(n, marks=pytest.mark.xfail(reason=KNOWN_MISSES[n], strict=True))
    if n in KNOWN_MISSES else n
    for n in TASKS
])
def test_task_reachable_through_chat(n: int, answers) -> None:
    slug, cites = answers[n]
    assert n in cites, f"第{n}条: {questions()[n]!r} was answered by {slug}, citing {sorted(cites)}"


def test_reachability_figure(answers) -> None:
    """Every task but the known misses: 171 of 172 (172 on the catalog branch before the
    several-services reading split 第116条's question; 167 when the catalog gained its last 37
    services; 170 with the USE encoder and the aliases 移动微法院, 网上保全)."""
    reached = sum(n in cites for n, (_, cites) in answers.items())
    assert reached == len(TASKS) - len(KNOWN_MISSES), reached
