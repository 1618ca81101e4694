"""Run a coroutine to completion from a synchronous test.

pytest-asyncio may leave an event loop set on the main thread after async tests, and
`asyncio.run` refuses to start inside one: a worker thread always has a clean slate.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_sync(coro: Coroutine[Any, Any, T]) -> T:
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()
