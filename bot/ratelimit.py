"""Per-sender and per-IP limits on the chat and assist endpoints (sliding one-minute window).

In-process by default; with REDIS_URL the counters are shared by every gateway worker.
"""

from __future__ import annotations

import time
from collections import defaultdict, deque

from fastapi import HTTPException, Request

from bot.settings import Settings

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


async def enforce_rate_limit(request: Request, sender: str | None, settings: Settings) -> None:
    now = time.monotonic() if getattr(request.app.state, "redis", None) is None else time.time()
    ip = request.client.host if request.client else "unknown"
    checks = [(f"ip:{ip}", settings.chat_per_minute_per_ip)]
    if sender:
        checks.append((f"sender:{sender}", settings.chat_per_minute_per_sender))
    for key, limit in checks:
        if getattr(request.app.state, "redis", None) is not None:
            wait = await _allow_redis(request, key, limit, now)
        else:
            wait = _allow_local(key, limit, now)
        if wait is not None:
            raise HTTPException(
                429, "请求过于频繁，请稍后再试 / too many requests",
                headers={"Retry-After": str(max(1, int(wait + 0.999)))},
            )
