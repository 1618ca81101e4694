"""What the Rasa server does per turn more cheaply (issue 17: CPU per message) still gives what
Rasa's own code gives: the SQLite tracker store reads back the same trackers and stores the same
events; the action reply validation raises the same errors; event types resolve the same."""

from __future__ import annotations

from tests.nlu.rasa_venv import run_in_rasa_venv

# Two stores on two files, Rasa's and ours, fed the same turns (several conversations, one with
# a second session); each prints what it reads back and how many rows it stored.
TRACKERS = """
import asyncio, json, os, sqlite3, sys, tempfile
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (ActionExecuted, BotUttered, SessionStarted, SlotSet,
                                     UserUttered)
from rasa.shared.core.trackers import DialogueStateTracker
from bot.rasa_tracker_store import LocalSQLiteTrackerStore

domain = Domain.from_dict({"intents": ["greet"], "slots": {"service": {
    "type": "text", "mappings": [{"type": "custom"}]}}})
tmp = tempfile.mkdtemp()

def turn(i):
    return [UserUttered(f"问{i}", {"name": "greet", "confidence": 0.9}, timestamp=10.0 + i),
            ActionExecuted("action_x", timestamp=10.1 + i),
            SlotSet("service", f"s{i}", timestamp=10.2 + i),
            BotUttered(f"答{i}", timestamp=10.3 + i),
            ActionExecuted("action_listen", timestamp=10.4 + i)]

async def run(store):
    out = {}
    for sender in ("a", "b", "c"):
        tracker = DialogueStateTracker(sender, domain.slots)
        for i in range(3):
            if sender == "c" and i == 2:  # a new session in the same conversation
                tracker.update(SessionStarted(timestamp=11.9))
            for event in turn(i):
                tracker.update(event)
            await store.save(tracker)
            tracker = await store.retrieve(sender)
        full = await store.retrieve_full_tracker(sender)
        out[sender] = {"latest": [e.as_dict() for e in tracker.events],
                       "slot": tracker.get_slot("service"),
                       "full": len(full.events)}
    out["missing"] = await store.retrieve("nobody")
    rows = sqlite3.connect(store.engine.url.database).execute(
        "SELECT sender_id, type_name, timestamp, intent_name, action_name, data "
        "FROM events ORDER BY id").fetchall()
    out["rows"] = rows
    return out

results = {}
for name, cls in (("rasa", SQLTrackerStore), ("ours", LocalSQLiteTrackerStore)):
    store = cls(domain=domain, dialect="sqlite", db=os.path.join(tmp, f"{name}.db"))
    results[name] = asyncio.run(run(store))
    if name == "ours":
        results["journal"] = sqlite3.connect(store.engine.url.database).execute(
            "PRAGMA journal_mode").fetchone()[0]
print(json.dumps(results, ensure_ascii=False))
"""


def test_the_sqlite_tracker_store_reads_and_stores_what_rasas_own_does() -> None:
    got = run_in_rasa_venv(TRACKERS, timeout=300)
    assert got["ours"] == got["rasa"]
    assert got["journal"] == "wal"
    # The checks looked at something: three turns each, a second session for "c".
    assert got["ours"]["a"]["slot"] == "s2" and len(got["ours"]["a"]["latest"]) == 15
    assert got["ours"]["c"]["full"] == 16 and len(got["ours"]["c"]["latest"]) == 6
    assert got["ours"]["missing"] is None and len(got["ours"]["rows"]) == 46


# scripts/rasa_run.py's per-turn replacements against Rasa's own code, in one process.
TURN = """
import json, os, runpy
import rasa.__main__
rasa.__main__.main = lambda: None
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event
stock_validate = RemoteAction._validate_action_result
stock_resolve = Event.resolve_by_type
os.environ["RASA_TOKEN"] = "probe-token"
runpy.run_path("scripts/rasa_run.py", run_name="__main__")
ours_validate = RemoteAction._validate_action_result
action = RemoteAction("action_x", None)

def outcome(validate, reply):
    try:
        return validate(action, reply)
    except Exception as exc:
        return [type(exc).__name__, exc.message, list(exc.path)]

replies = [{"events": [{"event": "slot", "name": "service", "value": "x"}], "responses": []},
           {"events": [], "responses": [{"text": "好"}]},
           {"events": [{"event": "slot", "name": 3}]},
           {"events": [{"event": "nonsense"}]},
           {"responses": "not a list"},
           {}]
def resolved(resolve, name):
    try:
        return str(resolve(name))
    except ValueError as exc:
        return str(exc)

types = ["user", "bot", "action", "slot", "session_started", "followup", "reset_slots",
         "active_loop", "user_featurization", "nonsense"]
print(json.dumps({
    "replaced": ours_validate is not stock_validate,
    "validate": [[outcome(stock_validate, r), outcome(ours_validate, r)] for r in replies],
    "types": [[resolved(stock_resolve, t), resolved(Event.resolve_by_type, t)] for t in types],
}, ensure_ascii=False))
"""


def test_the_action_reply_check_and_event_types_are_rasas_own() -> None:
    got = run_in_rasa_venv(TURN, timeout=300)
    assert got["replaced"]
    for stock, ours in got["validate"]:
        assert ours == stock
    assert [s for s, _ in got["validate"]].count(True) == 3  # valid replies pass, bad ones raise
    for stock, ours in got["types"]:
        assert ours == stock
    assert got["types"][-1] == ["Unknown event name 'nonsense'."] * 2
