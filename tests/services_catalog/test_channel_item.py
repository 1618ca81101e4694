"""A channel answer cites the task that states the service's channels, found once per record."""

from __future__ import annotations

import pytest

from services_catalog.answers import _channel_item, channel_item, compose
from services_catalog.snapshot import build_snapshot
from services_catalog.wording import render


@pytest.fixture(scope="module")
def snap():
    from services_catalog.db import get_sessionmaker

    with get_sessionmaker()() as session:
        return build_snapshot(session)


def test_channel_answer_cites_where_the_channels_are_said(snap) -> None:
    gas = snap.services["gas-connection"]
    answer = compose(gas, "channel")
    assert "第45条" in render(answer.response, answer.variables)  # not the time limit's 第46条


def test_found_once_per_record(snap) -> None:
    gas = snap.services["gas-connection"]
    _channel_item.cache_clear()
    first = channel_item(gas)
    assert first == 45
    assert [channel_item(s) for s in snap.services.values()].count(45) >= 1
    hits = _channel_item.cache_info().hits
    assert channel_item(gas) == first and _channel_item.cache_info().hits == hits + 1
    # an edited record is read anew: without channels there is nothing to cite
    assert channel_item(gas.model_copy(update={"channels": []})) is None
