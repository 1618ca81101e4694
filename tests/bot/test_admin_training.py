"""The retrain state machine and the stale-model check, without a real `rasa train`: the
commands are replaced by tiny Python one-liners and the Rasa replicas by httpx.MockTransport."""

from __future__ import annotations

import asyncio
import json
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot import retrain
from bot.settings import get_settings
from services_catalog import training
from services_catalog.db import session_scope
from services_catalog.models import KeyValue
from services_catalog.staff import create_user, issue_token

ADMIN = {"Authorization": f"Bearer {get_settings().catalog_admin_token}"}


def role_headers(role: str) -> dict[str, str]:
    name = f"t-{role}-{uuid.uuid4().hex[:10]}"
    with session_scope() as session:
        user = create_user(session, name, "correct-horse-battery", role)
    token, _ = issue_token(user, get_settings().signing_key, 30)
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(autouse=True)
def keep_trained_state() -> Iterator[None]:
    """Tests mark the model as trained; put back what the shared test database had."""
    keys = (training.HASH_KEY, training.SNAPSHOT_KEY)
    with session_scope() as session:
        saved = {k: (row.value if (row := session.get(KeyValue, k)) else None) for k in keys}
    yield
    with session_scope() as session:
        for k, v in saved.items():
            row = session.get(KeyValue, k)
            if v is None and row is not None:
                session.delete(row)
            elif v is not None:
                session.merge(KeyValue(key=k, value=v))


class FakeRasa:
    """Records PUT /model calls; answers 204 like Rasa 3.6 (or `status`)."""

    def __init__(self, status: int = 204) -> None:
        self.status = status
        self.calls: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls.append(request)
        return httpx.Response(self.status, json=None if self.status == 204 else {"m": "no"})


def py(code: str) -> list[str]:
    return [sys.executable, "-c", code]


MAKE_MODEL = py("import pathlib; p = pathlib.Path('models'); p.mkdir(exist_ok=True); "
                "(p / 'nlu-test.tar.gz').write_bytes(b'x'); print('trained')")


@pytest.fixture()
def hooks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    rasa = FakeRasa()
    state: dict[str, Any] = {"commands": [py("print(1)"), MAKE_MODEL], "rasa": rasa}
    monkeypatch.setattr(retrain.HOOKS, "commands", lambda _dir: state["commands"])
    monkeypatch.setattr(retrain.HOOKS, "project_dir", tmp_path)
    monkeypatch.setattr(retrain.HOOKS, "transport", httpx.MockTransport(rasa))
    return state


async def wait_done(gateway, timeout: float = 20.0) -> dict[str, Any]:
    for _ in range(int(timeout / 0.05)):
        body = (await gateway.get("/api/admin/training", headers=ADMIN)).json()
        if body["job"]["state"] != "running":
            return body
        await asyncio.sleep(0.05)
    raise AssertionError("retrain did not finish")


async def new_service(gateway) -> dict[str, Any]:
    uid = uuid.uuid4().hex[:8]
    r = await gateway.post("/api/admin/services", headers=ADMIN, json={
        "slug": f"train-{uid}", "name": f"训练测试{uid}", "aliases": [f"训练别名{uid}"],
        "citation": {"item": 3, "text": "测试"}})
    assert r.status_code == 201
    return r.json()


async def test_auth_401_403(gateway, hooks) -> None:
    assert (await gateway.get("/api/admin/training")).status_code == 401
    assert (await gateway.post("/api/admin/training")).status_code == 401
    viewer = role_headers("viewer")
    assert (await gateway.get("/api/admin/training", headers=viewer)).status_code == 200
    assert (await gateway.post("/api/admin/training", headers=viewer)).status_code == 403
    assert (await gateway.get("/api/admin/training", headers=viewer)).json()["job"]["state"] == (
        "idle")


async def test_retrain_runs_loads_every_replica_and_marks_trained(gateway, hooks) -> None:
    svc = await new_service(gateway)
    status = (await gateway.get("/api/admin/training", headers=ADMIN)).json()
    assert status["stale"] is True and status["message"] == "retrain needed"
    assert any(c["slug"] == svc["slug"] and c["kind"] == "added" for c in status["changes"])

    r = await gateway.post("/api/admin/training", headers=role_headers("editor"))
    assert r.status_code == 202, r.text
    assert r.json()["job"]["state"] == "running"
    done = await wait_done(gateway)
    job = done["job"]
    assert job["state"] == "succeeded", job
    assert job["step"] == "done" and job["model"] == "nlu-test.tar.gz"
    assert job["started_at"] and job["finished_at"]
    assert "trained" in job["log_tail"]
    assert done["stale"] is False and done["message"] == "up to date" and done["changes"] == []

    settings = get_settings()
    calls = hooks["rasa"].calls
    assert [f"{c.url.scheme}://{c.url.netloc.decode()}" for c in calls] == [
        u.rstrip("/") for u in settings.rasa_urls]
    for call in calls:
        assert call.method == "PUT" and call.url.path == "/model"
        model_file = json.loads(call.content)["model_file"]
        assert Path(model_file).is_absolute() and model_file.endswith("models/nlu-test.tar.gz")
        assert call.url.params.get("token") == (settings.rasa_token or None)


async def test_second_start_while_running_is_409(gateway, hooks) -> None:
    hooks["commands"] = [py("import time; time.sleep(0.6)"), MAKE_MODEL]
    first = await gateway.post("/api/admin/training", headers=ADMIN)
    assert first.status_code == 202
    again = await gateway.post("/api/admin/training", headers=ADMIN)
    assert again.status_code == 409
    assert "训练" in again.json()["detail"]
    running = (await gateway.get("/api/admin/training", headers=ADMIN)).json()["job"]
    assert running["state"] == "running" and running["step"] == "gen-nlu"
    assert (await wait_done(gateway))["job"]["state"] == "succeeded"
    assert (await gateway.post("/api/admin/training", headers=ADMIN)).status_code == 202
    await wait_done(gateway)


async def test_failing_command_fails_the_job_and_marks_nothing(gateway, hooks) -> None:
    await new_service(gateway)
    hooks["commands"] = [py("print('boom'); raise SystemExit(3)"), MAKE_MODEL]
    assert (await gateway.post("/api/admin/training", headers=ADMIN)).status_code == 202
    done = await wait_done(gateway)
    assert done["job"]["state"] == "failed" and done["job"]["step"] == "gen-nlu"
    assert "3" in done["job"]["error"] and "boom" in done["job"]["log_tail"]
    assert done["stale"] is True
    assert hooks["rasa"].calls == []


async def test_rasa_refusing_the_model_fails_the_job(gateway, hooks) -> None:
    await new_service(gateway)
    hooks["rasa"].status = 500
    assert (await gateway.post("/api/admin/training", headers=ADMIN)).status_code == 202
    done = await wait_done(gateway)
    assert done["job"]["state"] == "failed" and done["job"]["step"] == "load"
    assert "500" in done["job"]["error"]
    assert done["stale"] is True


async def test_no_model_file_fails_the_job(gateway, hooks) -> None:
    hooks["commands"] = [py("print(1)")]
    assert (await gateway.post("/api/admin/training", headers=ADMIN)).status_code == 202
    done = await wait_done(gateway)
    assert done["job"]["state"] == "failed" and "model" in done["job"]["error"]


async def test_hanging_command_is_killed_after_the_timeout(gateway, hooks, monkeypatch) -> None:
    monkeypatch.setattr(retrain, "TRAIN_TIMEOUT_S", 0.5)
    hooks["commands"] = [py("import time; print('waiting', flush=True); time.sleep(60)")]
    assert (await gateway.post("/api/admin/training", headers=ADMIN)).status_code == 202
    done = await wait_done(gateway, timeout=10)
    assert done["job"]["state"] == "failed" and "超时" in done["job"]["error"]
    assert "waiting" in done["job"]["log_tail"]


def test_default_commands_are_gen_nlu_then_rasa_train(tmp_path: Path) -> None:
    gen, train = retrain.default_commands(tmp_path)
    # Into the project that is trained (a test stack's copy), not always this repository.
    assert gen[1:] == ["-m", "services_catalog", "gen-nlu", "--root", str(tmp_path)]
    assert train[0].endswith(".venv-rasa/bin/rasa")
    assert train[1:] == ["train", "--num-threads", "2"]


def test_changes_since_training_names_and_aliases(db_session) -> None:
    from services_catalog import repository as repo
    from services_catalog.schemas import ServicePatch

    training.mark_trained(db_session)
    assert training.changes_since_training(db_session) == []
    assert not training.is_stale(db_session)
    row = repo.list_services(db_session)[0]
    old_name = row.name
    repo.update_service(db_session, row.slug, ServicePatch(
        version=row.version, name=row.name + "改", aliases=[*row.aliases[1:], "新别名xyz"]),
        actor="test")
    repo.update_service(db_session, row.slug, ServicePatch(version=row.version, howto="x"),
                        actor="test")
    changes = training.changes_since_training(db_session)
    assert len(changes) == 1
    c = changes[0]
    assert c["slug"] == row.slug and c["kind"] == "changed"
    assert c["name_before"] == old_name and c["name"] == old_name + "改"
    assert "新别名xyz" in c["aliases_added"]
    assert training.is_stale(db_session)
    repo.set_active(db_session, row.slug, False, "test", None)
    assert training.changes_since_training(db_session)[0]["kind"] == "removed"


def test_cli_mark_trained(capsys) -> None:
    from services_catalog.__main__ import main

    assert main(["mark-trained"]) == 0
    assert "marked" in capsys.readouterr().out
    with session_scope() as session:
        assert training.trained_hash(session) == training.current_nlu_hash(session)
        assert training.changes_since_training(session) == []
