"""The thesaurus written from the plan alone (services_catalog/data/plan_thesaurus.yml) is read
only by the further matters a question asks (asked_matters), and only for a question clause the
plan-words table and the plan's own words read as nothing: 税盘要花钱吗 shares no word with the
plan, the thesaurus says 税盘 is 税务Ukey, and 第4条 (首次申领税务Ukey…免费) is then asked."""

from __future__ import annotations

from actions.catalog_answers import ActionAnswerService
from services_catalog.asked_matters import asked_matters, asking_clauses
from services_catalog.evidence import bigrams, plan_words, relevant_clauses, thesaurus_words
from tests.actions.conftest import question_tracker, uncited_figures

TEXT = "想开个小卖部，要办什么证？税盘要花钱吗"


def test_a_clause_sharing_no_word_with_the_plan_gets_the_thesaurus_term() -> None:
    clause = asking_clauses(TEXT)[-1]
    assert plan_words(clause) == ""  # the table reads nothing of it
    assert "税务Ukey" in thesaurus_words(clause)
    read = {a.task: a for a in asked_matters(TEXT)}
    assert 4 in read and read[4].thesaurus
    assert "税务Ukey" in read[4].quote
    assert not bigrams(clause) & bigrams(read[4].quote)  # no word shared: the thesaurus's reading


def test_the_reply_adds_the_matter_the_thesaurus_reads(run_action) -> None:
    # The answer is 企业开办's time limit; 税盘要钱不 follows in the related-matters bubble.
    text = "企业开办要几天？税盘要钱不"
    run = run_action(ActionAnswerService(), question_tracker(text, "ask_time_limit"))
    bubble = "\n".join(m.get("text") or "" for m in run.messages
                       if (m.get("custom") or {}).get("type") == "related_matters")
    assert "第4条" in bubble and "税务Ukey" in bubble
    assert uncited_figures(bubble) == []


def test_the_thesaurus_is_no_other_reading() -> None:
    # plan_words (the service search, the detail reading) never reads the thesaurus ...
    assert plan_words("税盘要花钱吗") == ""
    assert relevant_clauses([4], "税盘要花钱吗", []) == []
    # ... and a clause the table reads keeps the table's reading (一照办电, 第41条), whatever
    # task the thesaurus's words for it would read first (第42条's 三零).
    assert "三零" in thesaurus_words("拿执照接电要花钱吗")
    read = asked_matters("开个汽修铺，80千瓦，拿执照接电要花钱吗？")
    assert [(a.task, a.thesaurus) for a in read][:1] == [(41, False)]


def test_a_clause_the_thesaurus_has_no_words_for_is_not_read_twice(monkeypatch) -> None:
    # Read through the thesaurus only when it has words for the clause: otherwise the second
    # reading is the first again, a search of every task for nothing.
    import services_catalog.asked_matters as am

    passes: list[bool] = []
    real = am._read

    def counting(every, words, thesaurus=False):  # noqa: ANN001, ANN202
        passes.append(thesaurus)
        return real(every, words, thesaurus)

    monkeypatch.setattr(am, "_read", counting)
    text = "开饭店要几天？隔壁那个呢"
    assert not any(thesaurus_words(c) for c in asking_clauses(text))
    asked_matters(text)
    assert passes and not any(passes)
    passes.clear()
    asked_matters("开个小卖部要几天？税盘收费不")  # 税盘: the thesaurus has words, so it is read
    assert any(passes)
