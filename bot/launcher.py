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

from services_catalog.private_files import PRIVATE_UMASK, private_dir, private_file

ROOT = Path(__file__).resolve().parent.parent
RASA_BIN = ROOT / ".venv-rasa" / "bin" / "rasa"
# Starts `rasa run` with --auth-token taken from RASA_TOKEN inside the process: the command
# line (world-readable in ps) never holds the token; the environment is readable by its owner.
RASA_RUN = ROOT / "scripts" / "rasa_run.py"
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
    # Rasa, the action server and the gateway each run the sentence encoder (NumPy/OpenBLAS) on
    # the same cores, often at once (/api/assist parses and searches in parallel): one BLAS
    # thread each. Measured on held-out assist: p95 91 ms with OpenBLAS's default, 72 ms so.
    env.setdefault("OPENBLAS_NUM_THREADS", "1")
    # glibc gives every thread that allocates its own malloc arena; TensorFlow's thread pools
    # in Rasa left ~GBs of mostly free arenas resident. Two arenas keep Rasa's RSS lower at the
    # same CPU per message (issue 17: Rasa RSS target 1.0 GB).
    env.setdefault("MALLOC_ARENA_MAX", "2")
    env.update(extra or {})
    return env


def proxy_args(trusted: str) -> list[str]:
    """uvicorn's X-Forwarded-For handling. By default it trusts the header from 127.0.0.1, so
    any local client (or a proxy that passes the header through) picks the IP the per-IP limits
    see. Only the addresses in TRUSTED_PROXIES (comma-separated; default none) are believed."""
    proxies = ",".join(p.strip() for p in trusted.split(",") if p.strip())
    if not proxies:
        return ["--no-proxy-headers"]
    return ["--proxy-headers", "--forwarded-allow-ips", proxies]


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
    # More Rasa replicas ("rasa-2", "rasa-3", …): they need a shared tracker and lock store
    # (RASA_ENDPOINTS=deploy/endpoints.scale.yml); the gateway balances over all of them.
    extra_rasa_ports: list[int] = field(default_factory=list)

    @property
    def gateway_url(self) -> str:
        return f"http://{self.host}:{self.gateway_port}"

    @property
    def rasa_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{p}" for p in [self.rasa_port, *self.extra_rasa_ports]]

    def ports(self) -> dict[str, int]:
        """Process name → port; "rasa" is the first Rasa replica."""
        rasa = {"rasa" if i == 0 else f"rasa-{i + 1}": p
                for i, p in enumerate([self.rasa_port, *self.extra_rasa_ports])}
        return {"actions": self.actions_port, **rasa, "gateway": self.gateway_port}

    @staticmethod
    def _selected(name: str, only: list[str] | None) -> bool:
        """`only=["rasa"]` means every Rasa replica; `only=["rasa-2"]` just that one."""
        return not only or any(name == o or name.startswith(f"{o}-") for o in only)

    def _env(self) -> dict[str, str]:
        token = (self.env.get("RASA_TOKEN") or os.environ.get("RASA_TOKEN")
                 or secrets.token_hex(16))
        self.env.setdefault("RASA_TOKEN", token)
        return base_env({
            "RASA_TOKEN": token,
            "SANIC_HOST": "127.0.0.1",  # the action server is never exposed beyond loopback
            "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{self.actions_port}/webhook",
            "TRACKER_DB": os.environ.get("TRACKER_DB", str(ROOT / "var" / "tracker.db")),
            "RASA_URLS": ",".join(self.rasa_urls),
            "ACTIONS_URL": f"http://127.0.0.1:{self.actions_port}",
            **self.env,
        })

    def commands(self) -> dict[str, list[str]]:
        env = self._env()
        cmds = {"actions": [str(PY), "-m", "rasa_sdk", "--actions", "actions",
                            "--port", str(self.actions_port)]}
        for name, port in self.ports().items():
            if self._selected(name, ["rasa"]):
                cmds[name] = [str(RASA_BIN.parent / "python"), str(RASA_RUN), "run",
                              "--enable-api", "-i", "127.0.0.1",
                              "-p", str(port), "-m", self.model,
                              "--endpoints", env.get("RASA_ENDPOINTS", "endpoints.yml"),
                              "--credentials", "credentials.yml"]
        cmds["gateway"] = [str(PY), "-m", "uvicorn", "bot.main:app", "--host", self.host,
                           "--port", str(self.gateway_port), "--no-access-log",
                           "--ws", "none",  # rasa-sdk pins an old websockets; no WS is served
                           *proxy_args(env.get("TRUSTED_PROXIES", ""))]
        return cmds

    def busy(self) -> list[str]:
        return [f"{name} :{p}" for name, p in self.ports().items() if not port_free(p)]

    def start(self, only: list[str] | None = None) -> None:
        private_dir(ROOT / "var")
        private_dir(self.log_dir)
        env = self._env()
        ports = self.ports()
        for name, cmd in self.commands().items():
            if not self._selected(name, only):
                continue
            log = open(private_file(self.log_dir / f"{name.split('-')[0]}-{ports[name]}.log"),
                       "ab")
            # umask 077: the databases, logs and files the processes create are 0600.
            self.procs[name] = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log,
                                                stderr=subprocess.STDOUT,
                                                start_new_session=True, umask=PRIVATE_UMASK)

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
            if not self._selected(name, only):
                continue
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for name, p in list(self.procs.items()):
            if not self._selected(name, only):
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
    ap.add_argument("--rasa-replicas", type=int, default=int(os.environ.get("RASA_REPLICAS", 1)),
                    help="Rasa servers on --rasa-port, +1, … (needs RASA_ENDPOINTS with a "
                         "shared tracker and lock store, see docs/deploy.md)")
    args = ap.parse_args()
    if args.rasa_replicas > 1 and not os.environ.get("RASA_ENDPOINTS"):
        print("several Rasa replicas must share their tracker and lock store: set "
              "RASA_ENDPOINTS=deploy/endpoints.scale.yml and its variables (docs/deploy.md)",
              file=sys.stderr)
        return 2
    stack = Stack(args.rasa_port, args.actions_port, args.port,
                  extra_rasa_ports=[args.rasa_port + i for i in range(1, args.rasa_replicas)])
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
