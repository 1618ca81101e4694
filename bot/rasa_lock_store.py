"""A Redis lock store whose ticket bookkeeping is atomic across Rasa replicas.

Loaded by the Rasa server, not the gateway (`lock_store: type: bot.rasa_lock_store.
AtomicRedisLockStore` in deploy/endpoints.scale.yml; the launcher puts the repo on PYTHONPATH).

Why: Rasa 3.6's RedisLockStore keeps a conversation's ticket queue in one Redis key and updates
it read-modify-write (GET, add a ticket in Python, SET). Two replicas taking turns of the same
conversation at the same moment both read the old queue and the later SET drops the other's
ticket, so both believe they are being served, process the conversation at once, and the tracker
store keeps only one of the two turns. Here every read-modify-write of the queue holds a short
Redis mutex (SET NX with expiry, redis-py's `Lock`), so tickets are issued and retired one at a
time and turns are processed in ticket order.
"""

from __future__ import annotations

from typing import Any

from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

MUTEX_TIMEOUT_S = 5.0  # a replica that dies holding the mutex frees it after this
MUTEX_WAIT_S = 10.0


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        if endpoint_config is not None:
            kwargs = {**endpoint_config.kwargs, **kwargs}
            kwargs.setdefault("host", endpoint_config.url or "localhost")
        kwargs = {k: v for k, v in kwargs.items() if v not in (None, "")}
        super().__init__(**kwargs)

    def _mutex(self, conversation_id: str) -> Any:
        return self.red.lock(f"{self.key_prefix}{conversation_id}:mutex",
                             timeout=MUTEX_TIMEOUT_S, blocking_timeout=MUTEX_WAIT_S)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        with self._mutex(conversation_id):
            return super().issue_ticket(conversation_id, lock_lifetime)

    def update_lock(self, conversation_id: str) -> None:
        with self._mutex(conversation_id):
            super().update_lock(conversation_id)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        with self._mutex(conversation_id):
            super().finish_serving(conversation_id, ticket_number)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        # One critical section: between retiring this ticket and deleting an empty queue another
        # replica must not slip a new ticket in (the delete would drop it).
        with self._mutex(conversation_id):
            RedisLockStore.finish_serving(self, conversation_id, ticket_number)
            if not self.is_someone_waiting(conversation_id):
                self.delete_lock(conversation_id)
