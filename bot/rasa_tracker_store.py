"""Rasa's SQL tracker store on a local SQLite file, without a disk flush and a reconnect per turn.

Loaded by the Rasa server (`tracker_store: type: bot.rasa_tracker_store.LocalSQLiteTrackerStore`
in endpoints.yml, the one-server default); several replicas use PostgreSQL
(deploy/endpoints.scale.yml) and Rasa's own store.

Why (issue 17, py-spy on a flat-out run): Rasa saves the tracker once per turn, and SQLite's
default rollback journal with `synchronous=FULL` creates, fsyncs and deletes a journal on every
commit: ~7 ms during which Rasa's single event loop serves no one (~20 % of its busy time) and
~0.6 ms of CPU. SQLAlchemy 1.4 also opens a new SQLite connection for every session on a file
(NullPool). Here the database is in WAL mode with `synchronous=NORMAL` (a commit appends to the
log; after a power cut the last turns may be lost, the file is never corrupted: a conversation's
recent turns, not a record anyone relies on) and one connection is kept open. What is stored and
read back is unchanged.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.pool import QueuePool

PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL")

# Rasa's own queries (SQLTrackerStore._event_query), written once in SQL: building them with the
# ORM on every turn cost more than running them (~3 ms a turn, py-spy). The events of the latest
# conversation session: from the last `session_started` on, or all when there is none.
_SESSION_START = ("(SELECT max(timestamp) FROM events WHERE sender_id = :sender "
                  f"AND type_name = '{SessionStarted.type_name}')")
_IN_LATEST_SESSION = (f"(timestamp >= {_SESSION_START} OR {_SESSION_START} IS NULL)")
COUNT_LATEST = sa.text(
    f"SELECT count(*) FROM events WHERE sender_id = :sender AND {_IN_LATEST_SESSION}")
DATA_LATEST = sa.text(
    f"SELECT data FROM events WHERE sender_id = :sender AND {_IN_LATEST_SESSION} ORDER BY id")
DATA_ALL = sa.text("SELECT data FROM events WHERE sender_id = :sender ORDER BY id")


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


class LocalSQLiteTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name != "sqlite" or self.engine.url.database in (None, "",
                                                                               ":memory:"):
            return
        url = self.engine.url
        self.engine.dispose()
        # One pooled connection (SQLAlchemy 2.0's default for a SQLite file); Rasa uses the
        # store from its event loop's thread only, the pool hands it over between sessions.
        self.engine = sa.create_engine(url, poolclass=QueuePool, pool_size=1, max_overflow=4,
                                       connect_args={"check_same_thread": False})
        sa.event.listen(self.engine, "connect", _set_pragmas)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        self._sqlite_file = True

    _sqlite_file = False

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool,
                        ) -> DialogueStateTracker | None:
        if not self._sqlite_file:
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        query = DATA_ALL if fetch_events_from_all_sessions else DATA_LATEST
        with self.session_scope() as session:
            rows = session.execute(query, {"sender": sender_id}).scalars().all()
        events = [json.loads(data) for data in rows]
        if self.domain and events:
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        return None

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        if not self._sqlite_file:
            return super()._additional_events(session, tracker)
        stored = session.execute(COUNT_LATEST, {"sender": tracker.sender_id}).scalar_one()
        return itertools.islice(tracker.events, stored, len(tracker.events))
