"""How-long questions about permits and documents the catalog does not hold: free text reads
them as similar to some service with a time limit, but that service's 时限 is never stated for
them (a wrong 时限 is the worst answer there is). Questions that do name a service keep their
figure."""

from __future__ import annotations

import re

import pytest

from actions.catalog_answers import ActionAnswerService
from tests.actions.conftest import load_tracker

FIGURE = re.compile(r"\d+\s*(?:个工作日|工作日|日|天|小时)")


def ask(run_action, text: str, service: str | None = None,
        entities: list[dict[str, str]] | None = None):
    tracker = load_tracker(
        "company_time_limit",
        slots={"service": service, "question": "time_limit" if service else None,
               "condition": None, "misses": 0},
        latest_message={"text": text, "intent": {"name": "ask_time_limit", "confidence": 0.9},
                        "entities": entities or []},
    )
    return run_action(ActionAnswerService(), tracker)


def stated_figures(run) -> list[str]:
    return FIGURE.findall("\n".join(run.texts))


def test_a_food_licence_is_not_given_the_water_connection_time_limit(run_action) -> None:
    run = ask(run_action, "食品经营许可证要多长时间")
    text = "\n".join(run.texts)
    assert "用水报装" not in text
    assert stated_figures(run) == []


@pytest.mark.parametrize("service", [None, "property-registration"])
def test_a_notarial_certificate_is_not_given_the_property_registration_time_limit(
    run_action, service: str | None,
) -> None:
    # Asked alone, or right after 不动产登记 (whose 5个工作日 the follow-up would inherit).
    run = ask(run_action, "公证书几天", service=service)
    assert stated_figures(run) == []
    assert not any(card["slug"] == "property-registration" for card in run.cards)


def test_an_nlu_entity_guess_does_not_state_its_figure_for_an_unrelated_document(
    run_action,
) -> None:
    # The NLU may tag 证书 as 不动产登记 (不动产权证书); the message names a notarial certificate.
    run = ask(run_action, "公证书几天",
              entities=[{"entity": "service", "value": "property-registration"}])
    assert stated_figures(run) == []


@pytest.mark.parametrize("text", [
    "护照多久能办好",
    "结婚证多久能领到",
    "导游证多长时间能拿到",
    "残疾证多久能办下来",
    "养犬证多久能批",
    "卫生许可证几天能办好",
    "烟草专卖许可证多久能批",
])
def test_documents_the_catalog_does_not_hold_get_no_time_limit(run_action, text: str) -> None:
    run = ask(run_action, text)
    assert stated_figures(run) == [], run.texts
    assert run.messages[0]["response"] != "utter_ask_condition"  # no figure one click away


def test_an_unknown_document_says_the_plan_does_not_state_it_and_where_to_ask(
    run_action,
) -> None:
    run = ask(run_action, "护照多久能办好")
    text = run.texts[0]
    assert "《行动方案》未写明" in text and "12345" in text
    assert run.cards == []


@pytest.mark.parametrize(("service", "text"), [
    ("water-connection", "护照多久能办好"),
    ("company-registration", "结婚证多久能领到"),
])
def test_a_follow_up_about_another_document_does_not_inherit_the_services_figure(
    run_action, service: str, text: str,
) -> None:
    run = ask(run_action, text, service=service)
    assert stated_figures(run) == [], run.texts


@pytest.mark.parametrize(("text", "service", "figure"), [
    # the licence is 企业开办's, though 电子营业执照 reads closer
    ("营业执照多久", None, "3个工作日"),
    ("煤气管道接到家里要多久", None, "10个工作日"),
    ("明天去交通水的资料，啥时候能用上水", None, "5个工作日"),
    ("要多久", "water-connection", "5个工作日"),
    ("刚才说的那个要几天", "company-registration", "3个工作日"),
])
def test_questions_that_name_a_service_keep_its_figure(
    run_action, text: str, service: str | None, figure: str,
) -> None:
    run = ask(run_action, text, service=service)
    assert figure in "\n".join(run.texts)
