"""The agent-assist sets (dev, dev3, dev4, heldout) and the service-format chat sets (dev, dev3,
dev5, dev6, dev7, heldout) name only services the catalog holds:
an item expecting a slug that does not exist could never be answered right."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

TESTS = Path(__file__).resolve().parents[1]
CATALOG = TESTS.parent / "services_catalog" / "data" / "services.yml"


def slugs() -> set[str]:
    data = yaml.safe_load(CATALOG.read_text(encoding="utf-8"))
    return {s["slug"] for s in data["services"]}


@pytest.mark.parametrize("name", ["dev", "dev3", "dev4", "heldout"])
def test_every_expected_service_is_in_the_catalog(name: str) -> None:
    data = yaml.safe_load((TESTS / name / "assist.yml").read_text(encoding="utf-8"))
    items = data["utterances"] + data["transcripts"]
    said = [item["service"] for item in items]
    wanted = {s for one in said for s in (one if isinstance(one, list) else [one])}
    assert items and wanted - slugs() == set()


@pytest.mark.parametrize("name", ["dev", "dev3", "dev5", "dev6", "dev7", "heldout"])
def test_every_chat_turn_names_a_catalog_service(name: str) -> None:
    """The service-format chat sets (tests.e2e.evaluate): every single item and every turn
    expects a catalog slug or null (no card)."""
    single = yaml.safe_load((TESTS / name / "chat_single.yml").read_text(encoding="utf-8"))
    convs = yaml.safe_load((TESTS / name / "chat_multiturn.yml").read_text(encoding="utf-8"))
    items = [*single, *(t for c in convs for t in c["turns"])]
    said = [item["service"] for item in items if item.get("service")]
    wanted = {s for one in said for s in (one if isinstance(one, list) else [one])}
    assert items and all("service" in item for item in items)
    assert wanted - slugs() == set()
