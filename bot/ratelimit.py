"""Limits on the chat and assist endpoints: per sender, per IP and per staff account (sliding
one-minute window), and a global cap on requests in flight.

In-process by default; with REDIS_URL the counters are shared by every gateway worker.
"""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import AsyncIterator

from fastapi import Depends, HTTPException, Request

from bot.settings import Settings, get_settings

WINDOW_S = 60.0
SWEEP_EVERY = 1000  # calls between sweeps of keys idle for a whole window
_hits: dict[str, deque[float]] = defaultdict(deque)
_calls = 0


def _sweep(now: float) -> None:
    """Forget senders and IPs not seen for a window, or the map grows with every conversation."""
    for key in [k for k, q in _hits.items() if not q or now - q[-1] >= WINDOW_S]:
        del _hits[key]


def _allow_local(key: str, limit: int, now: float) -> float | None:
    """None when allowed, else seconds until a slot frees."""
    global _calls
    _calls += 1
    if _calls % SWEEP_EVERY == 0:
        _sweep(now)
    q = _hits[key]
    while q and now - q[0] >= WINDOW_S:
        q.popleft()
    if len(q) >= limit:
        return WINDOW_S - (now - q[0])
    q.append(now)
    return None


async def _allow_redis(request: Request, key: str, limit: int, now: float) -> float | None:
    redis = request.app.state.redis
    bucket = int(now // WINDOW_S)
    k = f"jisuwen:rl:{key}:{bucket}"
    count = await redis.incr(k)
    if count == 1:
        await redis.expire(k, int(WINDOW_S) + 1)
    if count > limit:
        return WINDOW_S - (now % WINDOW_S)
    return None


async def _enforce(request: Request, checks: list[tuple[str, int]]) -> None:
    redis = getattr(request.app.state, "redis", None)
    now = time.monotonic() if redis is None else time.time()
    for key, limit in checks:
        if redis is not None:
            wait = await _allow_redis(request, key, limit, now)
        else:
            wait = _allow_local(key, limit, now)
        if wait is not None:
            raise HTTPException(
                429, "请求过于频繁，请稍后再试 / too many requests",
                headers={"Retry-After": str(max(1, int(wait + 0.999)))},
            )


def client_ip(request: Request) -> str:
    """The peer address; uvicorn replaces it from X-Forwarded-For only for the proxies listed
    in TRUSTED_PROXIES (bot/launcher.py), so a client cannot choose it."""
    return request.client.host if request.client else "unknown"


async def enforce_rate_limit(request: Request, sender: str | None, settings: Settings) -> None:
    """Per IP always (a new `sender` per message does not escape it), per sender too."""
    checks = [(f"ip:{client_ip(request)}", settings.chat_per_minute_per_ip)]
    if sender:
        checks.append((f"sender:{sender}", settings.chat_per_minute_per_sender))
    await _enforce(request, checks)


async def enforce_account_limit(request: Request, username: str, settings: Settings) -> None:
    """A logged-in agent's own budget, whatever address the call comes from (a 12345 centre's
    agents share one NAT address: a per-IP limit would throttle them all together)."""
    await _enforce(request, [(f"staff:{username}", settings.assist_per_minute_per_account)])


class InFlight:
    """How many chat/assist requests are being answered now, over all clients."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.current = 0


async def inflight_slot(request: Request) -> AsyncIterator[None]:
    """One of `max_inflight` slots for the request's whole handling, or 503 at once: under a
    flood the gateway answers quickly that it is busy instead of queueing without bound."""
    state = request.app.state
    gate: InFlight | None = getattr(state, "inflight", None)
    if gate is None:
        gate = state.inflight = InFlight(get_settings().max_inflight)
    if gate.current >= gate.limit:
        raise HTTPException(503, "服务繁忙，请稍后再试 / too many requests in flight",
                            headers={"Retry-After": "1"})
    gate.current += 1
    try:
        yield
    finally:
        gate.current -= 1


# scope="function": the slot is released when the endpoint returns, before the response is sent.
InFlightSlot = Depends(inflight_slot, scope="function")
