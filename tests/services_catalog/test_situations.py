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
    # 42: 1.7 of 2.4 similarity from two neighbours; 3: 1.6 of 2.4; 99 is too far to vote.
    assert [n for n, _ in vote(sims, tasks, k=6, min_sim=0.45, min_share=0.5, min_voters=2)] \
        == [42, 3]
    # One look-alike alone is no agreement.
    assert vote(sims[:1], tasks[:1], k=6, min_sim=0.45, min_share=0.5, min_voters=2) == []
