"""Brute-force control for POST /api/admin/login, and the bound on concurrent password checks.

Wrong passwords are counted per (account, client IP) and per account over a sliding window:
- from one IP, after `login_failures_per_ip` failures the pair must wait, doubling each time
  (1 s, 2 s, 4 s … up to the window): a guesser is slowed to a crawl;
- over all IPs, past `login_failures_per_account` failures every attempt on the account waits a
  little first (slower, never locked): a stranger guessing from elsewhere cannot lock the real
  user out, and crossing that line is logged as a warning (an alert for the operator).
A success clears the pair's failures. In-process: with several gateway processes each counts
its own (the limits hold per process).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque

import anyio
from fastapi import HTTPException

from bot.settings import Settings

log = logging.getLogger("bot.login")
ACCOUNT_SLOWDOWN_S = 1.0
MAX_KEYS = 100_000  # forget the oldest counters beyond this many (a spray of random names)


def too_many(wait: float) -> HTTPException:
    return HTTPException(429, "登录尝试过于频繁，请稍后再试 / too many login attempts",
                         headers={"Retry-After": str(max(1, int(wait + 0.999)))})


class LoginGuard:
    def __init__(self, settings: Settings) -> None:
        self.per_ip = settings.login_failures_per_ip
        self.per_account = settings.login_failures_per_account
        self.window = settings.login_window_minutes * 60.0
        self._pairs: dict[tuple[str, str], deque[float]] = {}
        self._accounts: dict[str, deque[float]] = {}
        # Password checks run in worker threads, at most `login_concurrency` at once (argon2
        # takes a core each: unbounded, a burst of logins starves every other request).
        self.limiter = anyio.CapacityLimiter(max(1, settings.login_concurrency))
        self.queue = max(1, settings.login_queue)

    def _recent(self, table: dict, key: object, now: float) -> deque[float]:
        q = table.get(key)
        if q is None:
            if len(table) >= MAX_KEYS:
                table.pop(next(iter(table)))
            q = table[key] = deque()
        while q and now - q[0] >= self.window:
            q.popleft()
        return q

    async def before_attempt(self, username: str, ip: str) -> None:
        """429 while this IP must wait before trying this account again; a short pause when the
        account as a whole is being guessed at."""
        now = time.monotonic()
        pair = self._recent(self._pairs, (username, ip), now)
        over = len(pair) - self.per_ip
        if over >= 0:
            wait = min(self.window, 2.0 ** over) - (now - pair[-1])
            if wait > 0:
                raise too_many(wait)
        if len(self._recent(self._accounts, username, now)) >= self.per_account:
            await asyncio.sleep(ACCOUNT_SLOWDOWN_S)

    def failed(self, username: str, ip: str) -> None:
        now = time.monotonic()
        self._recent(self._pairs, (username, ip), now).append(now)
        account = self._recent(self._accounts, username, now)
        account.append(now)
        if len(account) == self.per_account:
            log.warning("login: %d failed attempts on one account within %d min; its logins "
                        "are now slowed (see the audit log, action login_failed)",
                        self.per_account, int(self.window // 60))

    def succeeded(self, username: str, ip: str) -> None:
        self._pairs.pop((username, ip), None)

    async def check(self, func, *args):  # type: ignore[no-untyped-def]
        """Run a password check in a worker thread, bounded; 503 when too many are waiting."""
        if self.limiter.borrowed_tokens + self.limiter.statistics().tasks_waiting >= (
                self.limiter.total_tokens + self.queue):
            raise HTTPException(503, "登录繁忙，请稍后再试 / login busy, retry shortly",
                                headers={"Retry-After": "2"})
        return await anyio.to_thread.run_sync(func, *args, limiter=self.limiter)
