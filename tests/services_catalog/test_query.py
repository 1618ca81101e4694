"""The `Query` value: a message read once (normalised, typos put right, tokenised, names
matched), and search reading it gives what search on the raw text gives."""

from __future__ import annotations

import pytest

from services_catalog.query import Query
from services_catalog.search import SearchIndex
from tests.services_catalog.test_search import DOCS


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(DOCS)


def test_query_is_the_message_read_once(index: SearchIndex) -> None:
    q = index.query("「開公司」要辦營页执照吗？", frozenset({"居民", "非居民"}))
    assert q.norm == index.normalised("「開公司」要辦營页执照吗？")
    assert "营业执照" in q.norm and "開" not in q.norm  # simplified, typo put right
    assert "".join(q.tokens) == q.norm
    assert "开公司" in q.tokens and "营业执照" in q.tokens  # catalog names are words
    assert q.asks
    assert q.conditions == frozenset()
    assert [hit.slug for _, hit in q.named] == ["company-setup"]


def test_query_states_its_question_type_and_conditions(index: SearchIndex) -> None:
    q = index.query("我们是非居民，燃气报装要多久", frozenset({"居民", "非居民"}))
    assert q.question == "ask_time_limit"
    assert q.conditions == {"居民", "非居民"}
    assert index.query("你好").named == ()


@pytest.mark.parametrize("text", [
    "开公司要几天", "注测公司", "我想办个电", "接电话没人接", "公司注销要登报吗",
    "想开个公司，房本还没下来。社保卡能补办吗？", "ＵＫＥＹ丢了", "今天天气不错",
])
def test_search_reads_a_query_as_it_reads_the_text(index: SearchIndex, text: str) -> None:
    q = index.query(text)
    assert index.search(q, 10) == index.search(text, 10)
    assert index.mentions(q) == index.mentions(text)
    assert index.named_spans(q) == index.named_spans(text)


def test_query_is_frozen(index: SearchIndex) -> None:
    q = index.query("开公司")
    with pytest.raises(AttributeError):
        q.norm = "x"  # type: ignore[misc]
    assert isinstance(q, Query)


def test_a_text_asked_again_is_ranked_once(index: SearchIndex) -> None:
    """resolve, several and life events search the same message several times in one turn: the
    index reads it into one Query, which keeps its rankings; a copy is returned each time."""
    text = "用水报装要多久"
    first = index.search(text, 5)
    query = index._read(text)
    assert query is index._read(text)
    assert query.rankings[(id(index), 5)] == first
    first.clear()  # a caller's list is its own
    assert index.search(text, 5)[0].slug == "water-connection"
    other = SearchIndex(DOCS[:3])
    assert other.search(query, 5) == other.search(text, 5)  # ranked by the index asked
