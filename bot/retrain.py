"""Retrain from the admin page: gen-nlu → rasa train → load into every replica → mark trained.

One job at a time: per process the job object says so, across gateway processes an exclusive
flock on var/retrain.lock does. Progress lives in memory (GET /api/admin/training reads it).

Loading uses Rasa's `PUT /model` (HTTP API, needs `--enable-api`): the server builds the new agent
first and swaps it in only when ready, so a replica keeps answering with the old model meanwhile.
Replicas are loaded one after the other so that at most one is busy loading at any time.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import re
import signal
import sys
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any, Literal

import httpx

from bot.settings import Settings
from services_catalog import training
from services_catalog.db import session_scope

ROOT = Path(__file__).resolve().parent.parent
State = Literal["idle", "running", "succeeded", "failed"]
STEP_NAMES = ("gen-nlu", "train")
LOG_LINES = 300
TAIL_LINES = 30
TRAIN_TIMEOUT_S = 3600.0
LOAD_TIMEOUT_S = 600.0  # loading a model with its TensorFlow graph can take a while
KEEP_MODELS = 3
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def default_commands(project_dir: Path) -> list[list[str]]:
    return [
        # Into the project `rasa train` runs in (a test stack's copy, or this repository).
        [sys.executable, "-m", "services_catalog", "gen-nlu", "--root", str(project_dir)],
        [str(ROOT / ".venv-rasa" / "bin" / "rasa"), "train", "--num-threads", "2"],
    ]


@dataclass
class Hooks:
    """What tests replace so that no real training runs (see tests/bot/test_admin_training.py)."""

    commands: Callable[[Path], list[list[str]]] = default_commands
    project_dir: Path | None = None  # None: Settings.rasa_project_dir or the repository root
    transport: httpx.AsyncBaseTransport | None = None  # e.g. httpx.MockTransport


HOOKS = Hooks()


def _now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class Job:
    state: State = "idle"
    step: str = ""
    started_at: datetime | None = None
    finished_at: datetime | None = None
    actor: str | None = None
    model: str | None = None
    error: str | None = None
    log: deque[str] = field(default_factory=lambda: deque(maxlen=LOG_LINES))

    def say(self, line: str) -> None:
        line = ANSI.sub("", line).rstrip()
        if line:
            self.log.append(line[:500])

    def as_dict(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "step": self.step,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "actor": self.actor,
            "model": self.model,
            "error": self.error,
            "log_tail": list(self.log)[-TAIL_LINES:],
        }


class AlreadyRunning(Exception):
    pass


def newest_model(models_dir: Path) -> Path:
    models = sorted(models_dir.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime, reverse=True)
    if not models:
        raise RuntimeError(f"训练后没有找到模型文件 / no model in {models_dir}")
    return models[0]


def prune_models(models_dir: Path, keep: Path) -> None:
    models = sorted(models_dir.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in models[KEEP_MODELS:]:
        if old != keep:
            old.unlink(missing_ok=True)


class Retrainer:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.job = Job()
        self._task: asyncio.Task[None] | None = None

    @property
    def project_dir(self) -> Path:
        return HOOKS.project_dir or Path(self.settings.rasa_project_dir or ROOT)

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self, actor: str) -> Job:
        """Start a retrain in the background; AlreadyRunning if one is going on anywhere."""
        if self.running:
            raise AlreadyRunning("本进程已有训练在进行 / a retrain is already running")
        lock = self._lock()
        self.job = Job(state="running", step="queued", started_at=_now(), actor=actor)
        self._task = asyncio.create_task(self._run(lock))
        return self.job

    def _lock(self) -> IO[str]:
        path = self.project_dir / "var" / "retrain.lock"
        path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(path, "w")  # held open for the whole run; _run closes it
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.close()
            raise AlreadyRunning("另一个进程正在训练 / another process is retraining") from None
        return fh

    async def _run(self, lock: IO[str]) -> None:
        job = self.job
        try:
            # Taken before gen-nlu: an edit made during training still shows as a change.
            with session_scope() as session:
                nlu_hash, snapshot = training.current_state(session)
            commands = HOOKS.commands(self.project_dir)
            for i, cmd in enumerate(commands):
                job.step = STEP_NAMES[i] if i < len(STEP_NAMES) else f"command-{i + 1}"
                await self._exec(job, cmd)
            models_dir = self.project_dir / "models"
            model = newest_model(models_dir)
            job.model = model.name
            job.step = "load"
            await self._load(job, model.resolve())
            job.step = "mark"
            with session_scope() as session:
                training.mark_trained(session, nlu_hash, snapshot)
            prune_models(models_dir, model)
            job.step = "done"
            job.state = "succeeded"
            job.say(f"完成：模型 {model.name} 已加载 / done")
        except asyncio.CancelledError:
            job.state, job.error = "failed", "cancelled"
            raise
        except Exception as exc:  # any failure ends the job; the old model keeps serving
            job.state, job.error = "failed", str(exc)[:500]
            job.say(f"失败 / failed: {exc}")
        finally:
            job.finished_at = _now()
            lock.close()  # releases the flock

    async def _exec(self, job: Job, cmd: list[str]) -> None:
        job.say("$ " + " ".join(cmd))
        env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2",
               "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
        proc = await asyncio.create_subprocess_exec(
            *cmd, cwd=self.project_dir, env=env, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT, start_new_session=True, limit=1 << 20,
        )
        try:
            await asyncio.wait_for(self._pump(job, proc), timeout=TRAIN_TIMEOUT_S)
            rc = await proc.wait()
        except (asyncio.TimeoutError, asyncio.CancelledError) as exc:
            # The command runs in its own session: end it and whatever it started.
            if proc.returncode is None:
                os.killpg(proc.pid, signal.SIGKILL)
                await proc.wait()
            if isinstance(exc, asyncio.TimeoutError):
                raise RuntimeError(f"{job.step} 超时 / timed out after {TRAIN_TIMEOUT_S:.0f}s") \
                    from None
            raise
        if rc != 0:
            raise RuntimeError(f"{job.step} 失败，退出码 {rc} / exited with {rc}")

    @staticmethod
    async def _pump(job: Job, proc: asyncio.subprocess.Process) -> None:
        assert proc.stdout is not None
        while line := await proc.stdout.readline():
            # Progress bars redraw with \r: keep the last state of the line.
            job.say(line.decode("utf-8", "replace").split("\r")[-1])

    async def _load(self, job: Job, model: Path) -> None:
        params = {"token": self.settings.rasa_token} if self.settings.rasa_token else {}
        async with httpx.AsyncClient(transport=HOOKS.transport, timeout=LOAD_TIMEOUT_S) as http:
            for base in self.settings.rasa_urls:
                url = f"{base.rstrip('/')}/model"
                job.say(f"PUT {url} {model.name}")
                try:
                    r = await http.put(url, params=params, json={"model_file": str(model)})
                except httpx.ConnectError:
                    # A stopped replica loads the newest model from models/ when it starts.
                    job.say(f"{base} 未运行，启动时会加载新模型 / down, loads it on start")
                    continue
                except httpx.HTTPError as exc:
                    raise RuntimeError(f"{base} 加载模型失败 / load failed: {exc}") from exc
                if r.status_code >= 400:
                    raise RuntimeError(
                        f"{base} 加载模型失败 HTTP {r.status_code} / load failed: {r.text[:200]}"
                    )
                job.say(f"{base} 已加载 / loaded")
