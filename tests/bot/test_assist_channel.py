"""/api/assist: a channel question (能在手机上办吗) about a named service is no second service."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("as_agent")


async def _top(gateway, text: str) -> str | None:
    r = await gateway.post("/api/assist", json={"text": text})
    assert r.status_code == 200, r.text
    suggestions = r.json()["suggestions"]
    return suggestions[0]["service"]["slug"] if suggestions else None


@pytest.mark.parametrize(("text", "slug"), [
    # the service named leads; 手机上能办 only asks how to reach it
    ("我是自由职业，想个人交社保，手机上能办不？", "flexible-employment-insurance"),
    # no other service named: the app is what is asked
    ("吉速办小程序在哪下载，手机上能办哪些事？", "jisuban-miniprogram"),
])
async def test_a_channel_question_names_no_second_service(gateway, text: str, slug: str) -> None:
    assert await _top(gateway, text) == slug
