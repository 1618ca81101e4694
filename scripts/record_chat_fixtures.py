"""Record real /api/chat exchanges as JSON fixtures for the mini-program's unit tests.

    .venv/bin/python scripts/record_chat_fixtures.py            # live stack + in-process gateway
    .venv/bin/python scripts/record_chat_fixtures.py --degraded-only

The live conversations come from the real stack (Rasa server, action server, gateway) started on
free ports against a throw-away copy of the catalog (needs a trained model in models/). The
degraded reply and the error statuses come from the in-process gateway with Rasa unreachable, as
in tests/conftest.py. Each fixture is one file in miniprogram/tests/fixtures/: what was sent, the
status, the Retry-After header when there is one, and the body exactly as the gateway answered.
tests/bot/test_chat_contract.py validates every fixture against docs/chat-api.openapi.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "miniprogram" / "tests" / "fixtures"
TMP = Path(tempfile.mkdtemp(prefix="jisuwen-fixtures-"))
# Before the gateway's settings are read: a throw-away catalog, test mode, and a per-sender limit
# low enough for the 429 fixture (3 a minute; every other scenario sends fewer per sender).
os.environ.update({
    "DATABASE_URL": f"sqlite:///{TMP / 'catalog.db'}", "ENVIRONMENT": "test",
    "RASA_TELEMETRY_ENABLED": "false", "CHAT_PER_MINUTE_PER_SENDER": "3",
    "CHAT_PER_MINUTE_PER_IP": "100000",
})
sys.path.insert(0, str(ROOT))

# name → (what it shows, [messages sent in one conversation]); every turn is recorded.
LIVE: dict[str, tuple[str, list[str]]] = {
    "card": ("a time-limit answer with the service card and the 好差评 buttons", ["开公司要多久"]),
    "conditions": ("quick-reply buttons for the condition, then the chosen one's card",
                   ["用电报装要多久", '/inform_condition{"condition": "非居民"}']),
    "rating": ("a 好差评 rating after an answer",
               ["开公司要多久", "/feedback_satisfied"]),
    "rating_unsatisfied": ("an unsatisfied rating after an answer",
                           ["用水报装在哪办", "/feedback_unsatisfied"]),
    "handoff": ("a hand-off to the 12345 hotline with the question summary",
                ["开公司要多久", "我要转人工"]),
    "out_of_scope": ("a question outside the assistant's scope", ["今天天气怎么样"]),
    "field_answer": ("a follow-up about the service on screen: the asked field only, no card",
                     ["燃气报装要多久", "在哪办"]),
}


def exchange(message: str, sender: str, status: int, headers: Any, body: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"request": {"sender": sender, "message": message}, "status": status}
    if headers.get("retry-after"):
        out["retry_after"] = headers["retry-after"]
    out["body"] = body
    return out


def save(name: str, description: str, source: str, exchanges: list[dict[str, Any]]) -> None:
    FIXTURES.mkdir(parents=True, exist_ok=True)
    doc = {"description": description, "recorded_from": source, "exchanges": exchanges}
    path = FIXTURES / f"{name}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)} ({len(exchanges)} exchange(s))")


def record_live(only: list[str] | None = None) -> None:
    import httpx

    from bot.launcher import Stack, free_port

    ports: list[int] = []
    while len(ports) < 3:
        p = free_port()
        if p not in ports:
            ports.append(p)
    stack = Stack(*ports, log_dir=TMP / "log", env={
        "DATABASE_URL": os.environ["DATABASE_URL"], "TRACKER_DB": str(TMP / "tracker.db"),
        "ENVIRONMENT": "test", "CHAT_PER_MINUTE_PER_SENDER": "1000",
    })
    stack.start()
    try:
        stack.wait_healthy(timeout=300)
        with httpx.Client(base_url=stack.gateway_url, timeout=60) as client:
            for name, (description, turns) in LIVE.items():
                if only and name not in only:
                    continue
                sender = f"mp-fixture-{name.replace('_', '-')}"
                exchanges = []
                for message in turns:
                    r = client.post("/api/chat", json={"sender": sender, "message": message})
                    exchanges.append(exchange(message, sender, r.status_code, r.headers, r.json()))
                save(name, description, "live stack: Rasa server, action server and gateway "
                     "(scripts/record_chat_fixtures.py)", exchanges)
    finally:
        stack.stop()


async def record_in_process() -> None:
    import httpx

    from bot.main import create_app

    os.environ["RASA_URLS"] = "http://127.0.0.1:9"  # refuses connections: degraded mode
    os.environ["ACTIONS_URL"] = "http://127.0.0.1:9"
    app = create_app()
    source = "in-process gateway with Rasa unreachable (scripts/record_chat_fixtures.py)"
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            async def say(sender: str, message: str) -> dict[str, Any]:
                r = await client.post("/api/chat", json={"sender": sender, "message": message})
                return exchange(message, sender, r.status_code, r.headers, r.json())

            save("degraded", "Rasa unreachable: the catalog's answer, its card and the notice",
                 source, [await say("mp-fixture-degraded", "开公司要多久")])
            save("too_long", "a message over the gateway's 500-character limit: 413", source,
                 [await say("mp-fixture-too-long", "开公司要多久" * 90)])
            save("blank", "a message of control characters and spaces: 422", source,
                 [await say("mp-fixture-blank", " \u0007 ")])
            burst = [await say("mp-fixture-burst", "开公司要多久") for _ in range(4)]
            save("rate_limited", "a fourth message in a minute with a per-sender limit of 3: 429",
                 source, burst[-1:])


def write_examples() -> None:
    """Put every recorded reply into the contract's examples, under its status code."""
    path = ROOT / "docs" / "chat-api.openapi.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    responses = doc["paths"]["/api/chat"]["post"]["responses"]
    for r in responses.values():
        r["content"]["application/json"]["examples"] = {}
    for f in sorted(FIXTURES.glob("*.json")):
        fx = json.loads(f.read_text(encoding="utf-8"))
        for i, ex in enumerate(fx["exchanges"]):
            name = f.stem if len(fx["exchanges"]) == 1 else f"{f.stem}_{i + 1}"
            responses[str(ex["status"])]["content"]["application/json"]["examples"][name] = {
                "summary": f"{fx['description']} (sent: {ex['request']['message'][:40]})",
                "value": ex["body"],
            }
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote the examples of {path.relative_to(ROOT)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--degraded-only", action="store_true",
                    help="record only what the in-process gateway answers (no model needed)")
    ap.add_argument("--examples-only", action="store_true",
                    help="only copy the fixtures into docs/chat-api.openapi.json's examples")
    ap.add_argument("--only", nargs="+", metavar="NAME", choices=sorted(LIVE),
                    help="record only these live conversations (the in-process ones are kept)")
    args = ap.parse_args()
    if args.examples_only:
        write_examples()
        return 0
    from services_catalog.__main__ import prepare

    prepare()
    if not args.degraded_only:
        record_live(args.only)
    if not args.only:
        asyncio.run(record_in_process())
    write_examples()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
