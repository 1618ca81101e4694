"""Bad input anywhere in the app: a clear 4xx, never a 500, never echoed into the answer or the
gateway log (one validation handler for the whole app)."""

from __future__ import annotations

import logging

import pytest

SECRET = "13812345678"
# JSON text with a lone surrogate escape: valid JSON, not valid Unicode text.
LONE = [
    ("/api/chat", '{"sender": "sur-1", "message": "\\ud800 电话@@"}'.replace("@@", SECRET)),
    ("/api/chat", '{"sender": "sur-1", "message": "开公司\\udfff@@"}'.replace("@@", SECRET)),
    ("/api/assist", '{"text": "\\ud800 电话@@"}'.replace("@@", SECRET)),
    ("/api/assist/copy",
     '{"slug": "company-registration", "rank": 1, "query": "\\ud800@@"}'.replace("@@", SECRET)),
    ("/api/admin/login",
     '{"username": "\\ud800", "password": "@@"}'.replace("@@", SECRET)),
]


@pytest.mark.parametrize(("path", "body"), LONE)
async def test_a_lone_surrogate_is_a_4xx_not_echoed_nor_logged(gateway, caplog, path: str,
                                                               body: str) -> None:
    caplog.set_level(logging.DEBUG)
    r = await gateway.post(path, content=body.encode(),
                           headers={"content-type": "application/json"})
    assert 400 <= r.status_code < 500, r.text
    assert SECRET not in r.text and "ud800" not in r.text.lower()
    assert SECRET not in caplog.text and "Traceback" not in caplog.text


@pytest.mark.parametrize(("path", "body"), [
    ("/api/chat", '{"sender": "x", "message": ["@@"]}'.replace("@@", SECRET)),
    ("/api/chat", '{"sender": "@@ <b>", "message": "hi"}'.replace("@@", SECRET)),
    ("/api/assist", '{"text": 5, "note": "@@"}'.replace("@@", SECRET)),
    ("/api/assist/copy", '{"slug": "@@", "rank": "x"}'.replace("@@", SECRET)),
    ("/api/chat", '{"sender": "x", "message": "@@'.replace("@@", SECRET)),  # truncated JSON
    ("/api/admin/services", '{"slug": "@@"}'.replace("@@", SECRET)),
])
async def test_validation_errors_never_echo_the_input(gateway, caplog, path: str,
                                                      body: str) -> None:
    caplog.set_level(logging.DEBUG)
    headers = {"content-type": "application/json",
               "authorization": "Bearer test-admin-token-0123456789abcdef"}
    r = await gateway.post(path, content=body.encode(), headers=headers)
    assert r.status_code == 422, r.text
    assert SECRET not in r.text and "<b>" not in r.text
    assert SECRET not in caplog.text


async def test_an_unhandled_error_is_a_500_without_its_message(caplog) -> None:
    """The guard's last line of defence, around an app whose route fails with the input in
    the exception's message (as UnicodeEncodeError and driver errors do)."""
    import httpx
    from starlette.applications import Starlette
    from starlette.routing import Route

    from bot.guard import Guard
    from bot.settings import get_settings

    async def failing(request):  # type: ignore[no-untyped-def]
        raise ValueError((await request.body()).decode())

    app = Guard(Starlette(routes=[Route("/x", failing, methods=["POST"])]), get_settings())
    caplog.set_level(logging.DEBUG)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://t") as client:
        r = await client.post("/x", content=f"电话{SECRET}".encode())
    assert r.status_code == 500 and SECRET not in r.text
    assert "ValueError" in caplog.text and SECRET not in caplog.text
