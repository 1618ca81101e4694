"""How long conversation text is kept: CHAT_LOG_RETENTION_DAYS (default 180).

Chat and assist log rows and the queries of copied agent scripts are users' words (masked, but
still what they said); 好差评 ratings and audit rows carry no message text and are kept.
`python -m services_catalog purge-chat-logs` (`make purge-chat-logs`) deletes what is older;
run it daily (cron or a systemd timer).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from services_catalog.models import AssistCopy, ChatLog, utcnow


def purge_chat_logs(session: Session, days: int, now: datetime | None = None) -> dict[str, int]:
    if days < 1:
        raise ValueError("retention must be at least one day")
    cutoff = (now or utcnow()) - timedelta(days=days)
    removed = {}
    for name, table in (("chat_log", ChatLog), ("assist_copies", AssistCopy)):
        result = session.execute(delete(table).where(table.at < cutoff))
        removed[name] = int(result.rowcount or 0)  # type: ignore[attr-defined]
    return removed
