"""Latency of /api/assist over the held-out agent-assist set (sequential, after a warm-up).

    python -m bench.assist_latency [--gateway URL --rasa URL --token T] [--rounds 2]

Without --gateway the stack is started on free ports and stopped afterwards (bench.load's
convention). With --rasa and --token, Rasa's /model/parse is timed on the same texts, to show
how much of the latency is NLU. Figures go to reports/assist_latency.json.
/api/assist needs a staff login: --staff-token (default: STAFF_TOKEN or CATALOG_ADMIN_TOKEN
from the environment; a self-started stack gets one of its own).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import yaml

from bench.load import REPORTS, ROOT, percentiles, running_stack

HELDOUT = ROOT / "tests" / "heldout" / "assist.yml"
TARGET_P95_MS = 100.0
WARM_UP = 10


def texts() -> list[tuple[str, str]]:
    data = yaml.safe_load(HELDOUT.read_text(encoding="utf-8"))
    return [("utterance", u["text"]) for u in data["utterances"]] + [
        ("transcript", t["text"]) for t in data.get("transcripts", [])]


def measure(client: httpx.Client, path: str, items: list[tuple[str, str]], rounds: int,
            body_key: str, params: dict[str, str] | None = None) -> dict[str, Any]:
    for _, text in items[:WARM_UP]:
        client.post(path, json={body_key: text}, params=params)
    by_kind: dict[str, list[float]] = {}
    errors = 0
    for _ in range(rounds):
        for kind, text in items:
            payload = text[:500] if path.endswith("/model/parse") else text  # as the gateway
            t0 = time.perf_counter()
            r = client.post(path, json={body_key: payload}, params=params)
            by_kind.setdefault(kind, []).append((time.perf_counter() - t0) * 1000)
            errors += r.status_code != 200
    every = [v for vals in by_kind.values() for v in vals]
    return {"latency_ms": percentiles(every),
            "by_kind": {k: percentiles(v) for k, v in by_kind.items()}, "errors": errors}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.assist_latency", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gateway")
    ap.add_argument("--rasa")
    ap.add_argument("--token", default=os.environ.get("RASA_TOKEN"))
    ap.add_argument("--staff-token",
                    default=os.environ.get("STAFF_TOKEN") or os.environ.get("CATALOG_ADMIN_TOKEN"),
                    help="bearer token for /api/assist (an agent's, or CATALOG_ADMIN_TOKEN)")
    ap.add_argument("--database-url", help="catalog for a self-started stack (default: temp)")
    ap.add_argument("--rounds", type=int, default=1, help="passes over the held-out set")
    ap.add_argument("--out", type=Path, default=REPORTS / "assist_latency.json")
    args = ap.parse_args(argv)
    if args.gateway and not (args.rasa and args.token):
        # The direct NLU timing is optional here: a gateway alone is enough.
        args.rasa = args.rasa or "http://127.0.0.1:9"
        args.token = args.token or "-"
    items = texts()
    with running_stack(args) as target:
        print(f"/api/assist: {len(items)} texts × {args.rounds} …", file=sys.stderr, flush=True)
        staff = args.staff_token or target.staff_token
        if not staff:
            raise SystemExit("/api/assist needs a login: give --staff-token (or set "
                             "CATALOG_ADMIN_TOKEN)")
        with httpx.Client(base_url=target.gateway, timeout=30.0,
                          headers={"Authorization": f"Bearer {staff}"}) as client:
            report: dict[str, Any] = {"n_texts": len(items), "rounds": args.rounds,
                                      "gateway": target.gateway,
                                      "assist": measure(client, "/api/assist", items,
                                                        args.rounds, "text")}
        try:
            with httpx.Client(base_url=target.rasa, timeout=30.0) as client:
                report["rasa_parse"] = measure(client, "/model/parse", items, args.rounds,
                                               "text", params={"token": target.token})
        except httpx.HTTPError as exc:
            report["rasa_parse"] = {"skipped": str(exc)}
    p95 = report["assist"]["latency_ms"].get("p95")
    report["target"] = {"p95_ms": TARGET_P95_MS, "met": p95 is not None and p95 <= TARGET_P95_MS}
    report["loadavg"] = os.getloadavg()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    lat = report["assist"]["latency_ms"]
    print(f"/api/assist n={lat['n']} p50 {lat['p50']} p95 {lat['p95']} p99 {lat['p99']} ms "
          f"(target p95 ≤ {TARGET_P95_MS:.0f}: {'ok' if report['target']['met'] else 'MISS'}),"
          f" errors {report['assist']['errors']}")
    parse = report["rasa_parse"].get("latency_ms")
    if parse:
        print(f"rasa /model/parse p50 {parse['p50']} p95 {parse['p95']} ms")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
