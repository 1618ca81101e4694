"""Each part of the stack failing in turn, and coming back, on a stack of this module's own.

Rasa down → answers from the catalog (degraded), /healthz 503; action server down → a clear
message that names 12345; database down → 503 with Retry-After, then recovery without a
gateway restart; Rasa hanging → the gateway's timeout, then a degraded answer.
The shared `live_stack` is never touched.
"""

from __future__ import annotations

import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.e2e.stacks import pg_admin, pg_url, require_model, stack_env

pytestmark = pytest.mark.e2e

@dataclass
class Faulty:
    stack: Any
    env: dict[str, str]
    pg_db: str | None  # the catalog database when it is on PostgreSQL
    admin: Any

    @property
    def url(self) -> str:
        return self.stack.gateway_url


@pytest.fixture(scope="module")
def faulty() -> Iterator[Faulty]:
    from bot.launcher import PY, ROOT, Stack, base_env, free_port

    require_model()
    tmp = Path(tempfile.mkdtemp(prefix="jisuwen-faults-"))
    admin = pg_admin()
    pg_db = f"jisuwen_test_{uuid.uuid4().hex[:10]}_faults" if admin else None
    if pg_db:
        admin.execute(f'CREATE DATABASE "{pg_db}"')
        db_url = pg_url(pg_db)
    else:
        db_url = f"sqlite:///{tmp / 'catalog.db'}"
    env = stack_env(DATABASE_URL=db_url, TRACKER_DB=str(tmp / "tracker.db"))
    try:
        subprocess.run([str(PY), "-m", "services_catalog", "prepare"], cwd=ROOT, check=True,
                       env=base_env(env), stdout=subprocess.DEVNULL)
        stack = Stack(rasa_port=free_port(), actions_port=free_port(),
                      gateway_port=free_port(), env=env, log_dir=tmp / "logs")
        stack.start()
        try:
            stack.wait_healthy(timeout=300)
            yield Faulty(stack, env, pg_db, admin)
        finally:
            stack.stop()
    finally:
        if admin is not None:
            admin.execute(f'DROP DATABASE IF EXISTS "{pg_db}" WITH (FORCE)')
            admin.close()


def chat(url: str, message: str, sender: str | None = None) -> httpx.Response:
    return httpx.post(f"{url}/api/chat", timeout=60,
                      json={"sender": sender or f"fault-{uuid.uuid4().hex[:8]}",
                            "message": message})


def text_of(body: dict) -> str:
    return " ".join(m.get("text") or "" for m in body["messages"])


def assert_normal(url: str, tries: int = 4) -> None:
    """A normal (not degraded) answer. A freshly started Rasa's first turns can outlast the
    gateway's 10 s timeout on a loaded machine, and the gateway then rightly degrades: a few
    tries, 5 s apart, before the stack counts as not (yet) normal."""
    for attempt in range(tries):
        r = chat(url, "开公司要多久")
        assert r.status_code == 200, r.text
        body = r.json()
        if not body.get("degraded") or attempt == tries - 1:
            break
        time.sleep(5)
    assert not body.get("degraded") and "3个工作日" in text_of(body), body


def test_rasa_down_answers_from_the_catalog_then_recovers(faulty: Faulty) -> None:
    assert_normal(faulty.url)
    faulty.stack.stop(only=["rasa"])
    try:
        r = chat(faulty.url, "开公司要多久")
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["degraded"] is True
        text = text_of(body)
        assert "3个工作日" in text and "12345" in text, text
        health = httpx.get(f"{faulty.url}/healthz", timeout=30)
        assert health.status_code == 503
        assert "rasa" in health.json()["down"], health.json()
    finally:
        faulty.stack.start(only=["rasa"])
        faulty.stack.wait_healthy(timeout=300)
    assert_normal(faulty.url)


def test_action_server_down_gives_a_clear_message_then_recovers(faulty: Faulty) -> None:
    faulty.stack.stop(only=["actions"])
    try:
        r = chat(faulty.url, "开公司要多久")
        assert r.status_code == 200, r.text
        body = r.json()
        text = text_of(body)
        assert text.strip() and "12345" in text, body
        health = httpx.get(f"{faulty.url}/healthz", timeout=30)
        assert health.status_code == 503 and "actions" in health.json()["down"], health.json()
    finally:
        faulty.stack.start(only=["actions"])
        faulty.stack.wait_healthy(timeout=120)
    assert_normal(faulty.url)


def test_database_down_503_with_retry_after_then_recovers_without_restart(
    faulty: Faulty,
) -> None:
    if not faulty.pg_db:
        pytest.skip("needs PostgreSQL on 127.0.0.1:5432 to take the catalog database away")
    db = faulty.pg_db
    faulty.admin.execute(f'ALTER DATABASE "{db}" ALLOW_CONNECTIONS false')
    try:
        faulty.admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                             "WHERE datname = %s AND pid <> pg_backend_pid()", (db,))
        services = httpx.get(f"{faulty.url}/api/services", timeout=30)
        assert services.status_code == 503, services.text
        assert int(services.headers["Retry-After"]) > 0
        r = chat(faulty.url, "开公司要多久")
        assert r.status_code == 503, r.text
        assert int(r.headers["Retry-After"]) > 0
        assert "数据库" in r.json()["detail"]
    finally:
        faulty.admin.execute(f'ALTER DATABASE "{db}" ALLOW_CONNECTIONS true')
    # Pooled connections were killed: the gateway reconnects on its own, no restart.
    services = httpx.get(f"{faulty.url}/api/services", timeout=30)
    assert services.status_code == 200 and services.json()["services"], services.text
    assert_normal(faulty.url)


@pytest.fixture()
def hanging_rasa() -> Iterator[int]:
    """A TCP port that accepts connections and never answers: a Rasa stuck on something."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)  # the kernel completes the handshakes; nobody ever reads or writes
    try:
        yield sock.getsockname()[1]
    finally:
        sock.close()


def test_rasa_slower_than_the_timeout_gives_a_degraded_answer(
    faulty: Faulty, hanging_rasa: int,
) -> None:
    from bot.launcher import Stack, free_port

    gw = Stack(rasa_port=hanging_rasa, actions_port=faulty.stack.actions_port,
               gateway_port=free_port(),
               env={**faulty.env, "RASA_TOKEN": faulty.stack.env["RASA_TOKEN"],
                    "RASA_TIMEOUT_S": "1", "PARSE_TIMEOUT_S": "1"},
               log_dir=faulty.stack.log_dir)
    gw.start(only=["gateway"])
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{gw.gateway_url}/api/services", timeout=5).raise_for_status()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        t0 = time.monotonic()
        r = chat(gw.gateway_url, "开公司要多久")
        elapsed = time.monotonic() - t0
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["degraded"] is True and "3个工作日" in text_of(body), body
        assert elapsed < 5, f"the gateway waited {elapsed:.1f}s for a 1s timeout"
        staff = {"Authorization": f"Bearer {faulty.env['CATALOG_ADMIN_TOKEN']}"}
        assist = httpx.post(f"{gw.gateway_url}/api/assist", timeout=30,
                            json={"text": "开公司要几天能办完"}, headers=staff)
        assert assist.status_code == 200
        assert assist.json()["suggestions"][0]["service"]["slug"] == "company-registration"
    finally:
        gw.stop()
