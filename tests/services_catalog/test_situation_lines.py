"""The tasks an answer already cites, read from its messages (situation_lines.cited_in)."""

from __future__ import annotations

from services_catalog.situation_lines import cited_in


def test_cited_tasks_are_read_from_texts_variables_and_card_items() -> None:
    messages = [
        {"text": "企业开办：1个工作日（第1条）", "buttons": [{"title": "满意", "payload": "/x"}]},
        {"response": "utter_detail", "item": "140", "quotes": "…（第140条）；…（第141条）"},
        {"custom": {"type": "service_card", "citation": {"item": 12, "text": "…"},
                    "steps": [{"slug": "a", "item": 46}, {"slug": "b", "item": None}]}},
    ]
    assert cited_in(messages) == {1, 140, 141, 12, 46}


def test_numbers_that_are_no_citation_are_not_read() -> None:
    # a figure, a count or an "item" that is only text: no task cited
    assert cited_in([{"text": "5个工作日", "count": 3, "item": "7", "flag": True}]) == set()
