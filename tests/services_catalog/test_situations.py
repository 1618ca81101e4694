"""The situation memory (services_catalog/situations.py): its generated data file is the tuning
sets' life events and up to date; a single-fact question reads as no situation."""

from __future__ import annotations

import json

import numpy as np

from services_catalog import situations
from services_catalog.situations import DATA_FILE, TUNING_SETS, build, dump, is_situation, vote


def test_build_is_deterministic_and_the_data_file_up_to_date() -> None:
    text = dump(build())
    assert text == dump(build())
    assert DATA_FILE.read_text(encoding="utf-8") == text, \
        "run `python -m services_catalog.situations` and commit services_catalog/data/"


def test_memory_holds_only_tuning_sets_with_their_tasks() -> None:
    rows = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    assert {r["set"] for r in rows} == set(TUNING_SETS)
    assert not any(r["set"] == "dev_plan7" or r["set"].startswith("heldout") for r in rows)
    assert all(r["tasks"] and all(1 <= n <= 172 for n in r["tasks"]) for r in rows)


def test_single_fact_questions_are_no_situation() -> None:
    for text in ("企业开办要几天？", "用水报装需要什么材料", "不动产登记在哪个窗口办，要不要收费"):
        assert not is_situation(text)
        assert situations.matters(text) == []
    assert is_situation("我们厂要扩建，还想招一批工人，听说有补贴，"
                        "另外新厂房要接电，这些都要怎么办")


def test_vote_needs_enough_alike_neighbours_agreeing() -> None:
    sims = np.array([0.9, 0.8, 0.7, 0.3], np.float32)
    tasks = [(3, 42), (42,), (3,), (99,)]
    none = np.zeros(4, np.float32)
    # 42: 1.7 of 2.4 similarity from two neighbours; 3: 1.6 of 2.4; 99 is too far to vote.
    assert [n for n, _ in vote(sims, none, tasks, k=6, min_sim=0.45, lexical_weight=0.0,
                               min_share=0.5, min_voters=2)] == [42, 3]
    # One look-alike alone is no agreement.
    assert vote(sims[:1], none[:1], tasks[:1], k=6, min_sim=0.45, lexical_weight=0.0,
                min_share=0.5, min_voters=2) == []


def test_the_ngram_vote_counts_half_and_can_bring_a_task_the_encoder_misses() -> None:
    sims = np.array([0.9, 0.8, 0.2, 0.1], np.float32)
    lexical = np.array([0.1, 0.0, 0.6, 0.5], np.float32)
    tasks = [(3,), (3,), (124,), (124, 3)]
    got = dict(vote(sims, lexical, tasks, k=6, min_sim=0.45, k_lexical=6, lexical_weight=0.5,
                    min_share=0.4, min_voters=2))
    # 3: encoder 1.0, n-grams 0.6 of 1.2 → 0.75; 124: encoder 0, n-grams 1.1 of 1.2 → 0.46.
    assert set(got) == {3, 124}
    assert got[3] > got[124] > 0.4
    # With the n-grams' weight at 0, 124 has only the encoder's vote, none.
    assert [n for n, _ in vote(sims, lexical, tasks, lexical_weight=0.0, min_share=0.4)] == [3]


def test_a_candidate_is_a_matter_when_its_share_and_its_task_text_together_suffice() -> None:
    candidates = [(7, 0.3), (42, 0.45)]
    # 7's own text is much like the message, 42's not at all.
    assert situations.confirmed(candidates, {7: 0.2, 42: -0.1}, min_score=0.475) == [7]
    assert situations.confirmed(candidates, {}, min_score=0.475) == []


def test_the_task_bonus_favours_the_task_whose_words_the_message_uses() -> None:
    from services_catalog import plan
    from services_catalog.paraphrase import _query_vector

    text = "想在店里顺带卖化妆品，化妆品经营有什么监管要求，会不会被抽检，还要准备什么"
    bonus = situations.task_bonus(text, _query_vector(text))
    assert set(bonus) == set(plan.tasks())
    best = max(bonus, key=bonus.__getitem__)
    assert "化妆品" in plan.task(best).text


def test_a_situation_from_a_plan_only_set_brings_its_second_matter() -> None:
    # dev_plan12 l070 (in the memory since i16-life): small shareholders hurt by a listed
    # company's fraud ask whether they can sue together; the memory adds the other task.
    text = ("我们几个做生意的朋友买了一家上市公司的股票，后来那公司财务造假被罚，股价暴跌，"
            "我们亏了一两百万。我们这种小股东能不能一起告？有没有机构支持")
    assert {154, 155} <= set(situations.matters(text))
    assert len(situations.matters(text)) <= situations.MAX_EXTRA


def test_a_short_message_gets_one_answer_even_when_the_memory_holds_it() -> None:
    # Short life events are stored (they vote for long messages like them), but a short message
    # is read as a question, not a situation: a short gate gave foreign matters to many short
    # single-fact questions of the tuning sets and fixed 0-3 held-out items (changes/i16-life.md).
    for text in ("开火锅店要通燃气和自来水，各要几天？",
                 "贷款快到期了，银行能不还本续贷吗？有没有便宜点的"):
        assert any(s.text == text for s in situations.stored())
        assert not is_situation(text)
        assert situations.matters(text) == []
