"""One pooled httpx client to the Rasa server(s), round-robin over replicas."""

from __future__ import annotations

import itertools
from typing import Any

import httpx

from bot.settings import Settings


class RasaUnavailable(Exception):
    pass


class RasaClient:
    def __init__(self, settings: Settings) -> None:
        self._urls = [u.rstrip("/") for u in settings.rasa_urls]
        self._next = itertools.cycle(range(len(self._urls)))
        self._token = settings.rasa_token
        self._timeout = settings.rasa_timeout_s
        self._parse_timeout = settings.parse_timeout_s
        self.http = httpx.AsyncClient(
            timeout=httpx.Timeout(self._timeout, connect=1.0),
            limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
        )

    def _params(self) -> dict[str, str]:
        return {"token": self._token} if self._token else {}

    def _pick(self) -> list[str]:
        start = next(self._next)
        return self._urls[start:] + self._urls[:start]

    async def _post(self, path: str, body: dict[str, Any], timeout: float) -> Any:
        last: Exception | None = None
        for base in self._pick():  # a replica that refuses the connection → try the next
            try:
                r = await self.http.post(f"{base}{path}", json=body, params=self._params(),
                                         timeout=timeout)
                r.raise_for_status()
                return r.json()
            except httpx.ConnectError as exc:
                last = exc
                continue
            except (httpx.HTTPError, ValueError) as exc:
                raise RasaUnavailable(str(exc)) from exc
        raise RasaUnavailable(str(last))

    async def send(self, sender: str, message: str) -> list[dict[str, Any]]:
        data = await self._post("/webhooks/rest/webhook", {"sender": sender, "message": message},
                                self._timeout)
        if not isinstance(data, list):
            raise RasaUnavailable("unexpected REST channel reply")
        return data

    async def parse(self, text: str) -> dict[str, Any]:
        return await self._post("/model/parse", {"text": text}, self._parse_timeout)

    async def status(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for base in self._urls:
            try:
                r = await self.http.get(f"{base}/status", params=self._params(), timeout=2.0)
                r.raise_for_status()
                out[base] = bool(r.json().get("model_file"))
            except (httpx.HTTPError, ValueError):
                out[base] = False
        return out

    @property
    def urls(self) -> list[str]:
        return list(self._urls)

    async def close(self) -> None:
        await self.http.aclose()
