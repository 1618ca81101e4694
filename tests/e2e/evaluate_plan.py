"""Score the plan-wide held-out set (tests/heldout_plan/, issue 15) against a running gateway.

The set was written from the plan alone (never the code, the catalog or the other sets) and is
never tuned on. Its items say which of the plan's tasks an answer must cite (第N条) and which
short phrases, copied from the plan, it must contain; the scoring needs nothing from the catalog:
- detail / outside_catalog / several: every part cited (and its phrases present);
- life_event: at least `min_parts` parts;
- absent_fact: says the plan does not state it, points to where to ask, invents no figure;
- other_region: says it covers 昌吉州 and gives 12345, and quotes no figure;
- every answer: each figure it states (days, hours, yuan, percent) occurs in a task it cites;
  one that does not counts as an uncited figure (a figure from a neighbouring task with the
  wrong 第N条, or an invented one) and fails the item.

    .venv/bin/python -m tests.e2e.evaluate_plan --url http://127.0.0.1:8000
    .venv/bin/python -m tests.e2e.evaluate_plan --set dev_plan  # the tuning set, same format
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from tests.e2e.evaluate import TESTS, load, write
from tests.services_catalog.test_truth import tasks as task_texts  # the plan's 172 tasks

FOLDER = TESTS / "heldout_plan"
CITE = re.compile(r"第\s*(\d{1,3})\s*条")
# The basis names the plan with its period (《行动方案（2023—2025年）》): a citation, not a figure.
BASIS = re.compile(r"《行动方案（\d{4}—\d{4}年）》")
# A figure a business would act on: a duration, an amount of money, a percentage.
# A calendar date (最晚2026年12月8日) is computed from the cited time limit, not stated by the plan.
DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
FIGURE = re.compile(r"\d+(?:\.\d+)?(?:个工作日|个自然日|工作日|小时|天|日|个月|年|万元|元|%|％)")
NOT_STATED = re.compile(r"未写明|没有写明|未规定|没有规定|未明确|没有明确|未列出|没有列出|未载明|"
                        r"未提及|没有提及|没有为.{0,20}规定|不掌握|无法提供|没有.{0,6}信息")
WHERE_TO_ASK = re.compile(r"12345|窗口|咨询|大厅|局")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def reply_text(messages: list[dict]) -> str:
    """Every text the user sees: bubbles, button titles and the service card."""
    parts = []
    for m in messages:
        parts.append(m.get("text") or "")
        parts.extend(b.get("title", "") for b in m.get("buttons") or [])
        if m.get("custom"):
            parts.append(json.dumps(m["custom"], ensure_ascii=False))
    return "\n".join(parts)


def cited(reply: str, messages: list[dict]) -> set[int]:
    items = {int(n) for n in CITE.findall(reply)}
    for m in messages:
        citation = (m.get("custom") or {}).get("citation") or {}
        if isinstance(citation, dict) and isinstance(citation.get("item"), int):
            items.add(citation["item"])
    return items


def wrong_figures(reply: str, cites: set[int], tasks: dict[int, str]) -> list[str]:
    """Figures in the reply that none of the tasks it cites states (12345 is not a figure)."""
    source = "".join(squash(tasks.get(n, "")) for n in cites)
    body = squash(reply).replace("12345", "")
    body = BASIS.sub("", CITE.sub("", body))  # 第3条 is a citation, not a figure
    body = DATE.sub("", body)
    return [f for f in FIGURE.findall(body) if f not in source]


def part_ok(part: dict, cites: set[int], reply: str) -> bool:
    if not set(part.get("cite") or []) & cites:
        return False
    flat = squash(reply)
    return all(squash(e) in flat for e in part.get("expect") or [])


def judge(item: dict, messages: list[dict], tasks: dict[int, str]) -> dict[str, Any]:
    reply = reply_text(messages)
    cites = cited(reply, messages)
    wrong = wrong_figures(reply, cites, tasks)
    category = item.get("category", "turn")
    why: list[str] = []
    if category == "absent_fact":
        if not NOT_STATED.search(reply):
            why.append("does not say the plan does not state it")
        if not WHERE_TO_ASK.search(reply):
            why.append("no place to ask")
    elif category == "other_region":
        if "昌吉" not in reply or "12345" not in reply:
            why.append("does not say it covers 昌吉州 and give 12345")
        if FIGURE.search(squash(reply).replace("12345", "")):
            why.append("states a figure for another region")
    else:
        parts = item.get("parts") or []
        ok = [part_ok(p, cites, reply) for p in parts]
        need = item.get("min_parts", len(parts))
        if sum(ok) < need:
            missing = [p.get("cite") for p, good in zip(parts, ok, strict=True) if not good]
            why.append(f"{sum(ok)}/{need} parts answered; missing {missing}")
    if wrong:
        why.append(f"figures not in the cited tasks {wrong}")
    text = item.get("text") or item.get("user")
    return {"id": item.get("id"), "category": category, "text": text,
            "ok": not why, "wrong_figures": wrong, "cited": sorted(cites), "why": "; ".join(why),
            "reply": reply[:240]}


def chat(client: httpx.Client, sender: str, message: str) -> list[dict]:
    r = client.post("/api/chat", json={"sender": sender, "message": message})
    r.raise_for_status()
    return r.json()["messages"]


def run(base_url: str, run_id: str, folder: Path = FOLDER) -> dict[str, Any]:
    started = time.monotonic()
    tasks = task_texts()
    singles, turns = [], []
    with httpx.Client(base_url=base_url, timeout=30) as client:
        for item in load("chat_single.yml", folder):
            singles.append(judge(item, chat(client, f"{run_id}-{item['id']}", item["text"]), tasks))
        for conv in load("chat_multiturn.yml", folder):
            for turn in conv["turns"]:
                messages = chat(client, f"{run_id}-{conv['id']}", turn["user"])
                turns.append({**judge(turn, messages, tasks), "conversation": conv["id"]})
    total, right = Counter(), Counter()
    for r in [*singles, *turns]:
        key = r["category"] if r["category"] != "turn" else "conversation_turns"
        total[key] += 1
        right[key] += r["ok"]
    report = {
        "by_category": {k: {"n": total[k], "correct": right[k],
                            "accuracy": round(right[k] / total[k], 4)} for k in sorted(total)},
        "uncited_figure_answers": sum(bool(r["wrong_figures"]) for r in [*singles, *turns]),
        "seconds": round(time.monotonic() - started, 1),
        "failures": [r for r in [*singles, *turns] if not r["ok"]],
    }
    write(f"{folder.name}_chat.json", report)
    return report


if __name__ == "__main__":
    import argparse
    import uuid

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--set", default=FOLDER.name,
                        help="the set's folder under tests/ (heldout_plan, dev_plan, dev_plan2, …)")
    args = parser.parse_args()
    result = run(args.url, f"plan-{uuid.uuid4().hex[:6]}", TESTS / args.set)
    print(json.dumps({k: v for k, v in result.items() if k != "failures"}, ensure_ascii=False,
                     indent=1))
