"""Issue 20's done-when: staff teach the bot a question it missed, through the inbox.

On a real stack (Rasa, action server, gateway) with its own catalog and its own copy of the Rasa
project: the admin retrain trains into that copy's models/, never into the repository's (the
stack's Rasa loads the model from there too).

1. A question the bot misses goes to /api/chat (the NLU calls it out of scope; search finds no
   service): it appears in GET /api/admin/inbox.
2. An editor assigns it to 企业开办: the same question asked again is answered with that service
   at once (search reads the catalog's example questions), before any retrain.
3. The model is marked stale, the change naming the new example; POST /api/admin/training
   retrains and hot-swaps the model; the NLU now labels the question with the intent its wording
   shows (ask_time_limit) instead of out_of_scope.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.launcher import ROOT, Stack
from services_catalog.nlu_export import export_type
from tests.conftest import _free_ports, _log_tail
from tests.e2e.stacks import ADMIN_TOKEN, require_model, stack_env

pytestmark = pytest.mark.e2e

# Found by asking the stack (never taken from an evaluation set): the NLU files it under
# out_of_scope (0.53) and search finds no service, so the bot answers with its out-of-scope reply.
QUESTION = "弹棉花的小作坊几天能弄下来"
SERVICE = "company-registration"
TRAIN_TIMEOUT_S = 2400


def _copy_project(dest: Path) -> None:
    """What `rasa train` reads: config, domain, the hand-written data (gen-nlu adds the rest
    from the catalog), and the current model for the stack to start with."""
    dest.mkdir(parents=True)
    for name in ("config.yml", "domain.yml"):
        shutil.copy(ROOT / name, dest / name)
    shutil.copytree(ROOT / "data", dest / "data", ignore=shutil.ignore_patterns("generated"))
    (dest / "models").mkdir()
    newest = max((ROOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    shutil.copy(newest, dest / "models" / newest.name)


def _cli(db: str, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "services_catalog", *args], cwd=ROOT, check=True,
                   env={**os.environ, "DATABASE_URL": db, "PYTHONPATH": str(ROOT)},
                   capture_output=True, timeout=600)


@pytest.fixture(scope="module")
def learning_stack() -> Iterator[tuple[Stack, Path]]:
    require_model()
    tmp = Path(tempfile.mkdtemp(prefix="jisuwen-inbox-"))
    db = f"sqlite:///{tmp / 'catalog.db'}"
    _cli(db, "prepare")
    # The copied model was trained on the seed catalog, which this one is: say so, as
    # `make train` does, so that "stale" below is the assignment's doing.
    _cli(db, "mark-trained")
    project = tmp / "project"
    _copy_project(project)
    rasa_port, actions_port, gateway_port = _free_ports(3)
    stack = Stack(rasa_port, actions_port, gateway_port, model=str(project / "models"),
                  log_dir=tmp / "log",
                  env=stack_env(DATABASE_URL=db, TRACKER_DB=str(tmp / "tracker.db"),
                                RASA_PROJECT_DIR=str(project)))
    stack.start()
    try:
        stack.wait_healthy(timeout=300)
    except (RuntimeError, TimeoutError) as exc:
        logs = _log_tail(stack.log_dir)
        stack.stop()
        pytest.fail(f"the stack did not become healthy: {exc}\n{logs}", pytrace=False)
    yield stack, project
    stack.stop()
    shutil.rmtree(tmp, ignore_errors=True)


def _parse(stack: Stack, text: str) -> dict:
    r = httpx.post(f"{stack.rasa_urls[0]}/model/parse", params={"token": stack.env["RASA_TOKEN"]},
                   json={"text": text}, timeout=60)
    r.raise_for_status()
    return r.json()["intent"]


def _ask(client: httpx.Client, sender: str, text: str = QUESTION) -> list[dict]:
    """Rasa's answer. On a loaded machine a first message can outlast the gateway's Rasa
    timeout and be answered in degraded mode from the catalog: asked again (new conversation)."""
    for attempt in range(4):
        r = client.post("/api/chat", json={"sender": f"{sender}-{attempt}", "message": text})
        assert r.status_code == 200, r.text
        if not r.json().get("degraded"):
            return r.json()["messages"]
    raise AssertionError(f"Rasa did not answer in time: {r.json()}")


def _staff(client: httpx.Client, role: str) -> dict[str, str]:
    admin = {"Authorization": f"Bearer {os.environ.get('CATALOG_ADMIN_TOKEN', ADMIN_TOKEN)}"}
    name, password = f"inbox-{role}", "correct-horse-battery-9"
    r = client.post("/api/admin/staff", headers=admin,
                    json={"username": name, "password": password, "role": role})
    assert r.status_code == 201, r.text
    r = client.post("/api/admin/login", json={"username": name, "password": password})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def test_a_missed_question_is_learnt_through_the_inbox(learning_stack) -> None:
    stack, project = learning_stack
    repo_models = {p.name: p.stat().st_mtime for p in (ROOT / "models").glob("*.tar.gz")}
    intent = export_type(QUESTION)
    assert intent == "ask_time_limit"
    with httpx.Client(base_url=stack.gateway_url, timeout=60) as client:
        editor, viewer = _staff(client, "editor"), _staff(client, "viewer")
        _ask(client, "warm-up", "你好")
        training = client.get("/api/admin/training", headers=viewer).json()
        assert training["stale"] is False, training["changes"][:3]

        # 1. Missed: no service card, and the NLU does not see the question it is.
        before = _parse(stack, QUESTION)
        assert before["name"] != intent, before
        missed = _ask(client, "inbox-e2e-1")
        assert not any(m.get("custom", {}).get("slug") for m in missed), missed
        inbox = client.get("/api/admin/inbox", headers=viewer).json()
        listed = [q for c in inbox["clusters"] for q in c["questions"] if q["text"] == QUESTION]
        assert listed, (missed, inbox)
        question = listed[0]

        # 2. Assigned: answered with the service at once.
        r = client.post("/api/admin/inbox/assign", headers=editor,
                        json={"ids": question["ids"], "slug": SERVICE})
        assert r.status_code == 200, r.text
        assert r.json()["examples_added"] == [QUESTION]
        answered = _ask(client, "inbox-e2e-2")
        assert any(m.get("custom", {}).get("slug") == SERVICE for m in answered), answered
        assert "3个工作日" in " ".join(m.get("text", "") for m in answered)
        inbox = client.get("/api/admin/inbox", headers=viewer).json()
        assert not any(q["text"] == QUESTION for c in inbox["clusters"] for q in c["questions"])

        # 3. Stale, naming the example; the retrain teaches it to the NLU.
        training = client.get("/api/admin/training", headers=viewer).json()
        assert training["stale"] is True
        change = next(c for c in training["changes"] if c["slug"] == SERVICE)
        assert change["examples_added"] == [QUESTION]
        assert _parse(stack, QUESTION)["name"] == before["name"]  # nothing retrained yet
        r = client.post("/api/admin/training", headers=editor)
        assert r.status_code == 202, r.text
        deadline = time.monotonic() + TRAIN_TIMEOUT_S
        while (job := client.get("/api/admin/training", headers=viewer).json()["job"])[
                "state"] == "running":
            assert time.monotonic() < deadline, job["log_tail"][-5:]
            time.sleep(5)
        assert job["state"] == "succeeded", (job["error"], job["log_tail"][-10:])
        assert client.get("/api/admin/training", headers=viewer).json()["stale"] is False
        after = _parse(stack, QUESTION)
        assert after["name"] == intent, after
        assert any(m.get("custom", {}).get("slug") == SERVICE
                   for m in _ask(client, "inbox-e2e-3"))

    # The model went into the stack's project, never into the repository's models/.
    assert (project / "models" / job["model"]).exists()
    assert {p.name: p.stat().st_mtime for p in (ROOT / "models").glob("*.tar.gz")} == repo_models
    generated = (project / "data" / "nlu" / "generated" / "questions.yml").read_text("utf-8")
    assert re.sub(r"\[([^\]]+)\]\(service\)", r"\1", generated).count(f"- {QUESTION}\n") == 1
