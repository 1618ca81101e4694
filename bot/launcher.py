"""Start the Rasa server, the action server and the gateway together (`make run`).

Also used by the end-to-end tests to start the real three processes on free ports.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
RASA_BIN = ROOT / ".venv-rasa" / "bin" / "rasa"
PY = ROOT / ".venv" / "bin" / "python"


def port_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        return s.connect_ex((host, port)) != 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def base_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2",
                "PYTHONPATH": str(ROOT), "SQLALCHEMY_SILENCE_UBER_WARNING": "1"})
    env.update(extra or {})
    return env


@dataclass
class Stack:
    rasa_port: int = 5005
    actions_port: int = 5055
    gateway_port: int = 8000
    host: str = "127.0.0.1"
    model: str = str(ROOT / "models")
    env: dict[str, str] = field(default_factory=dict)
    log_dir: Path = ROOT / "var" / "log"
    procs: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def gateway_url(self) -> str:
        return f"http://{self.host}:{self.gateway_port}"

    def _env(self) -> dict[str, str]:
        token = (self.env.get("RASA_TOKEN") or os.environ.get("RASA_TOKEN")
                 or secrets.token_hex(16))
        self.env.setdefault("RASA_TOKEN", token)
        return base_env({
            "RASA_TOKEN": token,
            "SANIC_HOST": "127.0.0.1",  # the action server is never exposed beyond loopback
            "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{self.actions_port}/webhook",
            "TRACKER_DB": os.environ.get("TRACKER_DB", str(ROOT / "var" / "tracker.db")),
            "RASA_URLS": f"http://127.0.0.1:{self.rasa_port}",
            "ACTIONS_URL": f"http://127.0.0.1:{self.actions_port}",
            **self.env,
        })

    def commands(self) -> dict[str, list[str]]:
        env = self._env()
        return {
            "actions": [str(PY), "-m", "rasa_sdk", "--actions", "actions",
                        "--port", str(self.actions_port)],
            "rasa": [str(RASA_BIN), "run", "--enable-api", "--auth-token", env["RASA_TOKEN"],
                     "-i", "127.0.0.1", "-p", str(self.rasa_port), "-m", self.model,
                     "--endpoints", env.get("RASA_ENDPOINTS", "endpoints.yml"),
                     "--credentials", "credentials.yml"],
            "gateway": [str(PY), "-m", "uvicorn", "bot.main:app", "--host", self.host,
                        "--port", str(self.gateway_port), "--no-access-log",
                        "--ws", "none"],  # rasa-sdk pins an old websockets; no WS is served
        }

    def busy(self) -> list[str]:
        ports = {"rasa": self.rasa_port, "actions": self.actions_port,
                 "gateway": self.gateway_port}
        return [f"{name} :{p}" for name, p in ports.items() if not port_free(p)]

    def start(self, only: list[str] | None = None) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        (ROOT / "var").mkdir(exist_ok=True)
        env = self._env()
        for name, cmd in self.commands().items():
            if only and name not in only:
                continue
            log = open(self.log_dir / f"{name}-{getattr(self, name + '_port')}.log", "ab")
            self.procs[name] = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log,
                                                stderr=subprocess.STDOUT,
                                                start_new_session=True)

    def wait_healthy(self, timeout: float = 180.0) -> dict:
        deadline = time.monotonic() + timeout
        last: dict = {}
        while time.monotonic() < deadline:
            for name, p in self.procs.items():
                if p.poll() is not None:
                    raise RuntimeError(f"{name} exited with {p.returncode}; see {self.log_dir}")
            try:
                r = httpx.get(f"{self.gateway_url}/healthz", timeout=3.0)
                last = r.json()
                if r.status_code == 200:
                    return last
            except (httpx.HTTPError, ValueError):
                pass
            time.sleep(0.5)
        raise TimeoutError(f"stack not healthy after {timeout}s: {last}")

    def stop(self, only: list[str] | None = None) -> None:
        for name, p in list(self.procs.items()):
            if only and name not in only:
                continue
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for name, p in list(self.procs.items()):
            if only and name not in only:
                continue
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
            del self.procs[name]


def main() -> int:
    ap = argparse.ArgumentParser(description="Run Rasa, the action server and the gateway.")
    ap.add_argument("--rasa-port", type=int, default=int(os.environ.get("RASA_PORT", 5005)))
    ap.add_argument("--actions-port", type=int, default=int(os.environ.get("ACTIONS_PORT", 5055)))
    ap.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
    args = ap.parse_args()
    stack = Stack(args.rasa_port, args.actions_port, args.port)
    busy = stack.busy()
    if busy:
        print(f"吉速问 seems to be running already (ports in use: {', '.join(busy)}).\n"
              "Stop it first (Ctrl-C in its terminal), or choose other ports: "
              "make run PORT=8001 RASA_PORT=5006 ACTIONS_PORT=5056", file=sys.stderr)
        return 2
    started = time.monotonic()
    stack.start()
    stopping = False

    def _stop(*_: object) -> None:
        nonlocal stopping
        if not stopping:
            stopping = True
            print("\nstopping …", flush=True)
            stack.stop()
            sys.exit(0)

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    try:
        stack.wait_healthy()
    except (RuntimeError, TimeoutError) as exc:
        print(f"start-up failed: {exc}", file=sys.stderr)
        stack.stop()
        return 1
    url = stack.gateway_url
    print(f"\n吉速问 is up in {time.monotonic() - started:.1f}s\n"
          f"  chat widget     {url}/\n  agent console   {url}/agent\n"
          f"  catalog admin   {url}/admin\n  API docs        {url}/docs\n"
          f"  logs            {stack.log_dir}\nCtrl-C stops all three.", flush=True)
    while True:
        for name, p in stack.procs.items():
            if p.poll() is not None:
                print(f"{name} exited ({p.returncode}); stopping the rest", file=sys.stderr)
                stack.stop()
                return 1
        time.sleep(1)


if __name__ == "__main__":
    raise SystemExit(main())
