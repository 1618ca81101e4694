"""Follow-ups of a conversation, fifth round (i17-turns5): a department answer cites the task
whose 责任单位 names the unit it lists first, not the service's first task. Wordings are new."""

from __future__ import annotations

from typing import Any

from actions.catalog_answers import ActionAnswerService
from services_catalog.answers import compose, naming_task
from services_catalog.plan import task
from tests.actions.conftest import load_tracker, uncited_figures


def _department_reply(snap: Any, slug: str) -> tuple[str, Any]:
    service = snap.services[slug]
    answer = compose(service, "department", text="这个归谁管")
    return answer.variables["basis"], service


def test_department_answer_cites_the_task_naming_its_first_unit(snap: Any) -> None:
    basis, service = _department_reply(snap, "gas-connection")
    first = service.departments[0]
    assert first == "州市场监督管理局"
    assert "第45条" in basis and "第46条" not in basis
    assert first in task(45).units


def test_department_answer_keeps_its_own_task_when_that_names_the_unit(snap: Any) -> None:
    for service in snap.services.values():
        listed = [d for d in service.departments if not d.startswith("各县市")]
        if listed and listed[0].removeprefix("州") in task(service.citation.item).units:
            assert naming_task(service) == service.citation.item


def test_other_answers_keep_the_service_task(snap: Any) -> None:
    service = snap.services["gas-connection"]
    answer = compose(service, "time_limit", text="燃气多久能接通")
    assert "第46条" in answer.variables["basis"]


def test_rendered_department_reply_names_the_clause_of_its_units(run_action: Any) -> None:
    tracker = load_tracker(
        "company_time_limit", sender_id="t20-dept", events=[],
        slots={"service": "gas-connection", "question": "overview", "condition": None,
               "misses": 0},
        latest_message={"text": "这事归哪个单位管", "entities": [],
                        "intent": {"name": "ask_department", "confidence": 0.9}})
    run = run_action(ActionAnswerService(), tracker)
    reply = "\n".join(t for t in run.texts if t)
    assert not uncited_figures(reply)
    assert "州市场监督管理局" in reply and "第45条" in reply
