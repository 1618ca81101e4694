"""Which short follow-ups can only be about the conversation's service, from their words."""

from __future__ import annotations

import pytest

from services_catalog.question_cues import asks_bare_amount, states_who


@pytest.mark.parametrize(("text", "bare"), [
    ("最多交多少", True), ("多大面积算", True), ("能查询几个", True),
    ("工程建设项目审批的面积上限是多少", False),
    ("要多久", False), ("多少钱", False),  # a time limit or a fee, not an amount
])
def test_a_bare_amount_says_nothing_besides_its_amount(text: str, bare: bool) -> None:
    assert asks_bare_amount(text) is bare


@pytest.mark.parametrize(("text", "case"), [
    ("我们是高压用户", True), ("我们是小微企业", True), ("卖现做咖啡的呢", True),
    ("在哪办", False), ("那燃气呢", False),
])
def test_stating_ones_case(text: str, case: bool) -> None:
    assert states_who(text) is case
