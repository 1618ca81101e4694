"""/api/assist reads what the caller asks, not what they set aside, where they are now, or the
channel they ask about (能在手机上办吗 names no second service)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("as_agent")


async def _top(gateway, text: str) -> str | None:
    r = await gateway.post("/api/assist", json={"text": text})
    assert r.status_code == 200, r.text
    suggestions = r.json()["suggestions"]
    return suggestions[0]["service"]["slug"] if suggestions else None


@pytest.mark.parametrize(("text", "slug"), [
    # the matter already asked is set aside
    ("办电的事我已经问过供电公司了，现在想问的是：店里接天然气要几个工作日？", "gas-connection"),
    # a route closed to the caller (走不了) is not the one asked
    ("公司还欠着供应商的货款，走不了简易注销，那一般注销要多久？", "deregistration"),
    # where the caller is now is not another region's question
    ("我人在北京出差，电子营业执照在手机上怎么领？", "e-business-license"),
])
async def test_the_service_asked_leads(gateway, text: str, slug: str) -> None:
    assert await _top(gateway, text) == slug


@pytest.mark.parametrize(("text", "slug"), [
    # the service named leads; 手机上能办 only asks how to reach it
    ("我是自由职业，想个人交社保，手机上能办不？", "flexible-employment-insurance"),
    # no other service named: the app is what is asked
    ("吉速办小程序在哪下载，手机上能办哪些事？", "jisuban-miniprogram"),
])
async def test_a_channel_question_names_no_second_service(gateway, text: str, slug: str) -> None:
    assert await _top(gateway, text) == slug
