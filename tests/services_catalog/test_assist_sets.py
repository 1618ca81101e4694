"""The agent-assist question sets (dev, dev3, dev4, heldout) name only services the catalog holds:
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
