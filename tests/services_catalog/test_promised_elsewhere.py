"""A how-long follow-up naming a thing while the conversation's service has no time limit of
its own asks how long the thing named takes (i15-turns7). Wordings are new, not the sets'."""

from __future__ import annotations

import pytest

from services_catalog.resolve import resolve
from services_catalog.snapshot import CatalogSnapshot, build_snapshot


@pytest.fixture(scope="module")
def snap() -> CatalogSnapshot:
    from services_catalog.db import get_sessionmaker

    with get_sessionmaker()() as session:
        return build_snapshot(session)


@pytest.mark.parametrize(("previous", "text", "meant"), [
    ("new-format-food-filing", "营业执照几天能拿到", "company-registration"),
    ("medical-institution-registration", "营业执照大概多长时间能下来", "company-registration"),
    # nothing named, or only the conversation's own words: it stays
    ("new-format-food-filing", "大概要多久", "new-format-food-filing"),
    ("medical-institution-registration", "执业登记一般多长时间",
     "medical-institution-registration"),
])
def test_how_long_of_the_thing_named(snap: CatalogSnapshot, previous: str, text: str,
                                     meant: str) -> None:
    assert resolve(snap, text, previous=previous).slug == meant


def test_a_service_with_its_own_time_limit_stays(snap: CatalogSnapshot) -> None:
    # 用水报装 has its own time limit: the rule is not for it
    assert resolve(snap, "用水报装要几天", previous="water-connection").slug == "water-connection"
