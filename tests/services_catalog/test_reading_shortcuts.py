"""The shortcuts that make a turn cheaper read exactly what the full work reads.

- evidence._relevant visits, across many tasks, only the clauses sharing a word pair with the
  question (evidence._holders); scanning every clause must choose the same clauses.
- TypoCorrector extends a window's readings only while they can still become a common word's,
  and remembers windows; the full product of readings must correct the same way.
"""

from __future__ import annotations

import pytest

from services_catalog import evidence
from services_catalog.plan import tasks
from services_catalog.search import typos
from services_catalog.search.common import new_tokenizer
from services_catalog.search.pinyin import MAX_READING_COMBOS, fold, readings, typo_plausible

QUESTIONS = (
    "公司被冻结的账户跟案子没关系，能解封吗",
    "燃气报装要交钱吗",
    "我们想把厂房抵押贷款，办不动产登记要多久",
    "招了三个人，社保能网上一起办吗",
    "投标保证金最多交多少",
    "执法的一来就说按最高的罚，合理吗",
    "专利能拿去银行质押贷款吗",
)


@pytest.mark.parametrize("question", QUESTIONS)
def test_whole_plan_reading_is_the_same_without_the_word_index(
        monkeypatch: pytest.MonkeyPatch, question: str) -> None:
    items = list(tasks())
    evidence._relevant.cache_clear()
    near = evidence.relevant_clauses(items, question, [])
    monkeypatch.setattr(evidence, "NEAR_FROM_TASKS", 10_000)  # scan every clause
    evidence._relevant.cache_clear()
    scanned = evidence.relevant_clauses(items, question, [])
    evidence._relevant.cache_clear()
    assert near, question  # the check reads something: the plan answers each of these
    assert [(e.task, e.clause.text, round(e.score, 9)) for e in near] == \
        [(e.task, e.clause.text, round(e.score, 9)) for e in scanned]


def _full_product(corrector: typos.TypoCorrector, window: str) -> str | None:
    """The lookup as it was before the prefix pruning: every combination of readings."""
    partial: set[tuple[str, ...]] = {()}
    for ch in window:
        partial = {(*p, r) for p in partial for r in readings(ch)}
        if not partial or len(partial) > MAX_READING_COMBOS:
            return None
    for key in partial:
        word = corrector._common.get(key)
        if word and typo_plausible(window, word, fuzzy=False):
            return word
    if len(window) >= typos.FUZZY_MIN_LEN:
        for key in partial:
            word = corrector._common_fuzzy.get(tuple(fold(s) for s in key))
            if word and typo_plausible(window, word, fuzzy=True):
                return word
    return None


@pytest.mark.parametrize("window", [
    "营页执照", "营业执造", "执招", "报状", "注消", "社宝", "快地", "合做社", "审皮", "燃起",
    "营业执照", "包装", "我们", "可以不", "出租车公", "建设保障", "用点", "公基金", "不动残",
])
def test_pruned_reading_lookup_matches_the_full_product(window: str) -> None:
    corrector = typos.TypoCorrector(new_tokenizer())
    assert corrector._common_word(window) == _full_product(corrector, window)
    assert corrector._common_word(window) == _full_product(corrector, window)  # remembered


def test_a_mistyped_common_word_is_put_right_twice_in_a_row() -> None:
    corrector = typos.TypoCorrector(new_tokenizer())
    assert corrector.correct("营页执照多久能办") == "营业执照多久能办"
    assert corrector.correct("营页执照多久能办") == "营业执照多久能办"
