"""Score an evaluation set against a running gateway and write the figures to reports/.

The held-out sets (tests/heldout/) are never tuned on; the development sets (tests/dev/, same
format) are. To score the dev sets on a running stack:
    .venv/bin/python -m tests.e2e.evaluate --set dev --url http://127.0.0.1:8000
/api/assist needs a staff login: the gateway's CATALOG_ADMIN_TOKEN (or a staff token) is read
from the environment (STAFF_TOKEN, else CATALOG_ADMIN_TOKEN).
"""

from __future__ import annotations

import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import yaml

TESTS = Path(__file__).resolve().parent.parent
HELDOUT = TESTS / "heldout"
REPORTS = Path(__file__).resolve().parent.parent.parent / "reports"
# Time figures in a reply ("3个工作日", "24小时", "30日"), not calendar dates ("12月2日").
TIME_FIGURE = re.compile(r"\d+个工作日|\d+小时|(?<![月\d])\d+日")
DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")


def load(name: str, folder: Path = HELDOUT) -> Any:
    return yaml.safe_load((folder / name).read_text(encoding="utf-8"))


def allowed_figures(services: dict[str, dict]) -> dict[str, set[str]]:
    """Per service, every time figure the catalog states (limits and the texts of notes)."""
    out: dict[str, set[str]] = {}
    for slug, s in services.items():
        figs = {f"{t['amount']}个工作日" if t["unit"] == "工作日" else f"{t['amount']}{t['unit']}"
                for t in s["time_limits"]}
        facts = [f["text"] for key in ("fees", "materials", "notes") for f in s.get(key, [])]
        for text in [*facts, s["citation"]["text"], s.get("howto", "")]:
            figs.update(TIME_FIGURE.findall(text))
        out[slug] = figs
    return out


@dataclass
class Turn:
    text: str
    ok: bool
    slug: str | None
    reply: str
    wrong_figures: list[str] = field(default_factory=list)
    why: str = ""


def expected_slugs(item: dict) -> list[str] | None:
    svc = item.get("service")
    if svc is None:
        return None
    return svc if isinstance(svc, list) else [svc]


def judge(item: dict, messages: list[dict], allowed: dict[str, set[str]]) -> Turn:
    reply = "\n".join(m.get("text") or "" for m in messages)
    cards = [m["custom"] for m in messages if (m.get("custom") or {}).get("slug")]
    slug = cards[0]["slug"] if cards else None
    text = item.get("user") or item.get("click") or item.get("text") or ""
    figs = TIME_FIGURE.findall(reply)
    # A several-services answer (utter_several) states each listed service's own figures.
    shown = [slug, *(s.get("slug") for c in cards for s in c.get("several") or [])]
    allowed_here = set().union(*(allowed.get(s, set()) for s in shown if s))
    wrong = [f for f in figs if slug is None or f not in allowed_here]
    want = expected_slugs(item)
    why = []
    if want is None and slug is not None:
        why.append(f"expected no service card, got {slug}")
    if want is not None and slug not in want:
        why.append(f"expected {want}, got {slug}")
    missing = [e for e in item.get("expect") or [] if e not in reply]
    if missing:
        why.append(f"missing {missing}")
    if item.get("expect_date") and not DATE.search(reply):
        why.append("no date")
    if wrong:
        why.append(f"wrong figures {wrong}")
    return Turn(text, not why, slug, reply, wrong, "; ".join(why))


def chat(client: httpx.Client, sender: str, message: str) -> list[dict]:
    r = client.post("/api/chat", json={"sender": sender, "message": message})
    r.raise_for_status()
    return r.json()["messages"]


def run_chat(base_url: str, run_id: str, folder: Path = HELDOUT) -> dict[str, Any]:
    started = time.monotonic()
    with httpx.Client(base_url=base_url, timeout=30) as client:
        services = {s["slug"]: s for s in client.get("/api/services").json()["services"]}
        allowed = allowed_figures(services)
        singles = []
        for i, item in enumerate(load("chat_single.yml", folder)):
            singles.append(judge(item, chat(client, f"{run_id}-s{i}", item["text"]), allowed))
        convs = []
        for i, conv in enumerate(load("chat_multiturn.yml", folder)):
            sender, last, turns = f"{run_id}-m{i}", [], []
            for turn in conv["turns"]:
                if "click" in turn:
                    payload = next((b["payload"] for m in last for b in m.get("buttons") or []
                                    if b["title"] == turn["click"]), None)
                    if payload is None:
                        turns.append(Turn(turn["click"], False, None, "",
                                          why=f"no button {turn['click']!r}"))
                        last = []
                        continue
                    last = chat(client, sender, payload)
                else:
                    last = chat(client, sender, turn["user"])
                turns.append(judge(turn, last, allowed))
            convs.append({"name": conv["name"], "ok": all(t.ok for t in turns), "turns": turns})
    turns_all = [t for c in convs for t in c["turns"]]
    report = {
        "single": {"n": len(singles), "correct": sum(t.ok for t in singles),
                   "accuracy": round(sum(t.ok for t in singles) / len(singles), 4)},
        "multiturn": {"conversations": len(convs),
                      "conversations_correct": sum(c["ok"] for c in convs),
                      "turns": len(turns_all), "turns_correct": sum(t.ok for t in turns_all),
                      "turn_accuracy": round(sum(t.ok for t in turns_all) / len(turns_all), 4)},
        "wrong_figure_answers": sum(bool(t.wrong_figures) for t in [*singles, *turns_all]),
        "seconds": round(time.monotonic() - started, 1),
        "failures": [{"text": t.text, "why": t.why, "reply": t.reply[:200]}
                     for t in [*singles, *turns_all] if not t.ok],
    }
    write(f"{folder.name}_chat.json", report)
    return report


def staff_headers() -> dict[str, str]:
    token = os.environ.get("STAFF_TOKEN") or os.environ.get("CATALOG_ADMIN_TOKEN")
    if not token:
        raise SystemExit("/api/assist needs a login: set STAFF_TOKEN or CATALOG_ADMIN_TOKEN")
    return {"Authorization": f"Bearer {token}"}


def run_assist(base_url: str, folder: Path = HELDOUT) -> dict[str, Any]:
    data = load("assist.yml", folder)
    items = [("utterance", u) for u in data["utterances"]] + [
        ("transcript", t) for t in data["transcripts"]]
    results, latencies = [], []
    with httpx.Client(base_url=base_url, timeout=30, headers=staff_headers()) as client:
        for kind, item in items:
            t0 = time.perf_counter()
            r = client.post("/api/assist", json={"text": item["text"]})
            latencies.append((time.perf_counter() - t0) * 1000)
            r.raise_for_status()
            sugg = r.json()["suggestions"]
            top = sugg[0]["service"]["slug"] if sugg else None
            want = expected_slugs(item) or []
            results.append({"kind": kind, "text": item["text"][:120], "want": want, "top": top,
                            "ok": top in want})
    latencies.sort()
    by_kind = {k: [r for r in results if r["kind"] == k] for k in ("utterance", "transcript")}
    report = {
        "n": len(results),
        "top1": round(sum(r["ok"] for r in results) / len(results), 4),
        "by_kind": {k: {"n": len(v), "top1": round(sum(r["ok"] for r in v) / max(1, len(v)), 4)}
                    for k, v in by_kind.items()},
        "latency_ms": {"p50": round(latencies[len(latencies) // 2], 1),
                       "p95": round(latencies[int(len(latencies) * 0.95) - 1], 1)},
        "failures": [r for r in results if not r["ok"]],
    }
    write(f"{folder.name}_assist.json", report)
    return report


def write(name: str, report: dict[str, Any]) -> None:
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / name).write_text(json.dumps(report, ensure_ascii=False, indent=2, default=vars),
                                encoding="utf-8")


if __name__ == "__main__":
    import argparse
    import uuid

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # dev4 holds agent-assist items only; dev5, dev6 and dev7 chat items only
    parser.add_argument("--set", choices=["dev", "dev3", "dev4", "dev5", "dev6", "dev7", "heldout"],
                        default="dev")
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    args = parser.parse_args()
    folder = TESTS / args.set
    runs = []
    if (folder / "assist.yml").exists():
        runs.append(("assist", lambda: run_assist(args.url, folder)))
    if (folder / "chat_single.yml").exists():
        runs.insert(0, ("chat", lambda: run_chat(args.url, f"ev-{uuid.uuid4().hex[:6]}", folder)))
    for name, run in runs:
        result = run()
        summary = {k: v for k, v in result.items() if k != "failures"}
        print(name, json.dumps(summary, ensure_ascii=False))
