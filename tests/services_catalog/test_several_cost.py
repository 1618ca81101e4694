"""What reading several services in one message costs: each span searched once, a one-service
reading of tasks apart settled once, and a one-sentence message with no joiner not searched."""

from __future__ import annotations

import pytest

from services_catalog import several
from services_catalog.search.index import SearchIndex
from services_catalog.several import questions_asked, services_asked
from services_catalog.snapshot import build_snapshot


@pytest.fixture(scope="module")
def snap():
    from services_catalog.db import get_sessionmaker

    with get_sessionmaker()() as session:
        return build_snapshot(session)


@pytest.fixture
def searched(monkeypatch) -> list[str]:
    """Every text the several-services reading asks the index to search."""
    texts: list[str] = []
    search = SearchIndex.search

    def counting(self, text, limit=5):  # type: ignore[no-untyped-def]
        texts.append(text if isinstance(text, str) else text.norm)
        return search(self, text, limit)

    monkeypatch.setattr(SearchIndex, "search", counting)
    return texts


def test_each_part_of_a_told_situation_searched_once(snap, searched: list[str]) -> None:
    text = "我们在玛纳斯有个物流园。另外员工的劳动合同能不能网上签？还有货车进城限行怎么办"
    assert services_asked(snap, text) == ["e-labor-contract", "truck-access"]
    part = "员工的劳动合同能不能网上签"
    assert searched.count(part) == 1  # not once to read it, again for its rivals


def test_tasks_apart_settled_once(snap, monkeypatch) -> None:
    calls = []
    apart = several._tasks_apart

    def counting(*args):  # type: ignore[no-untyped-def]
        calls.append(args)
        return apart(*args)

    monkeypatch.setattr(several, "_tasks_apart", counting)
    text = "县乡村物流配送体系要建成啥样，村里啥时候能通快递"
    slugs = services_asked(snap, text)
    assert len(slugs) == 1 and len(calls) == 1
    lines = questions_asked(snap, text, slugs, "overview")
    assert [line.task for line in lines] == [60, 61]
    assert len(calls) == 2  # questions_asked reads the lines once, and knows they are apart


@pytest.mark.parametrize("text", ["营业执照怎么办理。", "公司注销要多久！", "用水报装多少钱"])
def test_one_sentence_with_no_joiner_is_not_searched(snap, searched: list[str],
                                                     text: str) -> None:
    assert services_asked(snap, text) == []
    assert searched == []  # the stop closing it parts nothing


def test_sentences_without_a_comma_are_read(snap, searched: list[str]) -> None:
    services_asked(snap, "我们开了个饭馆。燃气报装要几天")
    assert searched  # two sentences may each ask about a service
