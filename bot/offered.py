"""Which button payloads the bot has offered in each conversation.

A message starting with "/" is a raw Rasa payload (an intent, e.g. /feedback_satisfied): Rasa
would act on it without the NLU. The chat endpoint passes one on only if the bot offered that
exact button in this conversation, and a rating button only once per service: nobody can post
好差评 ratings for answers never given, or the same rating over and over.

In-process (bounded, oldest conversations forgotten first); with REDIS_URL the sets are shared
by every gateway worker.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

PAYLOAD_PREFIX = "/"
RATING_PAYLOADS = ("/feedback_satisfied", "/feedback_unsatisfied")
MAX_SENDERS = 100_000
MAX_PER_SENDER = 200
TTL_S = 24 * 3600


def is_payload(message: str) -> bool:
    return message.startswith(PAYLOAD_PREFIX)


def offered_payloads(messages: list[dict[str, Any]]) -> set[str]:
    return {str(b.get("payload")) for m in messages for b in m.get("buttons") or []
            if str(b.get("payload", "")).startswith(PAYLOAD_PREFIX)}


class OfferedButtons:
    def __init__(self, redis: Any = None) -> None:
        self.redis = redis
        self._local: OrderedDict[str, set[str]] = OrderedDict()

    async def remember(self, sender: str, payloads: set[str]) -> None:
        """Add the payloads of the bot's latest reply (a button of an earlier reply still on
        the screen stays valid)."""
        if not payloads:
            return
        if self.redis is not None:
            key = f"jisuwen:offered:{sender}"
            pipe = self.redis.pipeline()
            pipe.sadd(key, *payloads)
            pipe.expire(key, TTL_S)
            await pipe.execute()
            return
        offered = self._local.pop(sender, set())
        if len(offered) > MAX_PER_SENDER:
            offered.clear()
        self._local[sender] = offered | payloads
        while len(self._local) > MAX_SENDERS:
            self._local.popitem(last=False)

    async def take(self, sender: str, payload: str) -> bool:
        """True if `payload` was offered to `sender` (a rating button is then used up)."""
        if self.redis is not None:
            key = f"jisuwen:offered:{sender}"
            if not await self.redis.sismember(key, payload):
                return False
            if payload in RATING_PAYLOADS:
                await self.redis.srem(key, *RATING_PAYLOADS)
            return True
        offered = self._local.get(sender)
        if offered is None or payload not in offered:
            return False
        if payload in RATING_PAYLOADS:
            offered.difference_update(RATING_PAYLOADS)
        return True
