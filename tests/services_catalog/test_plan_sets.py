"""The plan-wide question sets (dev_plan to dev_plan39, heldout_plan) are sound:
unique ids, known categories, and every `expect` phrase copied from a task its part cites — a set
that asked for a phrase the plan never puts there would fail a correct answer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.services_catalog.test_truth import tasks

TESTS = Path(__file__).resolve().parents[1]
SETS = ["dev_plan", "dev_plan2", "dev_plan3", "dev_plan4", "dev_plan5", "dev_plan6", "dev_plan7",
        "dev_plan8", "dev_plan9", "dev_plan10", "dev_plan11", "dev_plan12", "dev_plan13",
        "dev_plan14", "dev_plan15", "dev_plan16", "dev_plan17", "dev_plan18", "dev_plan19",
        "dev_plan20", "dev_plan21", "dev_plan22", "dev_plan23", "dev_plan24",
        "dev_plan25", "dev_plan26", "dev_plan27", "dev_plan28", "dev_plan29",
        "dev_plan30", "dev_plan31", "dev_plan32", "dev_plan33", "dev_plan34", "dev_plan35",
        "dev_plan36", "dev_plan37", "dev_plan38", "dev_plan39",
        "heldout_plan"]
CATEGORIES = {"detail", "several", "life_event", "outside_catalog", "absent_fact", "other_region"}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def parts_of(name: str) -> list[tuple[str, dict]]:
    folder = TESTS / name
    single = yaml.safe_load((folder / "chat_single.yml").read_text(encoding="utf-8"))
    talks = yaml.safe_load((folder / "chat_multiturn.yml").read_text(encoding="utf-8"))
    out = [(item["id"], part) for item in single for part in item.get("parts", [])]
    out += [(talk["id"], part) for talk in talks for turn in talk["turns"]
            for part in turn["parts"]]
    return out


@pytest.mark.parametrize("name", SETS)
def test_ids_unique_and_categories_known(name: str) -> None:
    folder = TESTS / name
    single = yaml.safe_load((folder / "chat_single.yml").read_text(encoding="utf-8"))
    talks = yaml.safe_load((folder / "chat_multiturn.yml").read_text(encoding="utf-8"))
    ids = [i["id"] for i in single] + [t["id"] for t in talks]
    assert len(ids) == len(set(ids))
    assert {i["category"] for i in single} <= CATEGORIES  # dev_plan4 holds two of them


@pytest.mark.parametrize("name", SETS)
def test_every_expected_phrase_is_in_a_cited_task(name: str) -> None:
    plan = tasks()
    wrong = [(item, phrase) for item, part in parts_of(name) for phrase in part.get("expect", [])
             if not any(squash(phrase) in plan.get(n, "") for n in part["cite"])]
    assert wrong == []
