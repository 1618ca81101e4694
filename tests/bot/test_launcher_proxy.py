"""Finding 6: uvicorn believes X-Forwarded-For only from the proxies in TRUSTED_PROXIES."""

from __future__ import annotations

import pytest

from bot.launcher import Stack, proxy_args


def test_by_default_no_forwarded_header_is_believed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRUSTED_PROXIES", raising=False)
    cmd = Stack().commands()["gateway"]
    assert "--no-proxy-headers" in cmd and "--forwarded-allow-ips" not in cmd


def test_only_the_listed_proxies_are_trusted() -> None:
    cmd = Stack(env={"TRUSTED_PROXIES": " 10.0.1.254, 10.0.1.253 ,"}).commands()["gateway"]
    i = cmd.index("--forwarded-allow-ips")
    assert cmd[i + 1] == "10.0.1.254,10.0.1.253" and "--proxy-headers" in cmd
    assert proxy_args("") == proxy_args(" , ") == ["--no-proxy-headers"]
