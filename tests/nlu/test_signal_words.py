"""The regex features of data/nlu/signal_words.yml mark the polarity of a rating and the closing
turns (issue 17: cross-validation confused praise said with a negation, 一点都没错, with criticism,
and 没别的问题了 with 没解决). Checked on the patterns alone, as RegexFeaturizer applies them."""

from __future__ import annotations

import re

import pytest
import yaml

from bot.launcher import ROOT


def _patterns() -> dict[str, list[re.Pattern[str]]]:
    data = yaml.safe_load((ROOT / "data" / "nlu" / "signal_words.yml").read_text(encoding="utf-8"))
    return {
        item["regex"]: [re.compile(line[2:].strip())
                        for line in item["examples"].splitlines() if line.startswith("- ")]
        for item in data["nlu"] if "regex" in item
    }


PATTERNS = _patterns()


def fired(text: str) -> set[str]:
    return {name for name, pats in PATTERNS.items() if any(p.search(text) for p in pats)}


@pytest.mark.parametrize(("text", "want", "not_want"), [
    ("一点都没错", "feedback_positive", "feedback_negative"),
    ("回答得一点不含糊", "feedback_positive", "feedback_negative"),
    ("挑不出什么毛病", "feedback_positive", "feedback_negative"),
    ("讲得很到位", "feedback_positive", "feedback_negative"),
    ("答得不到位", "feedback_negative", "feedback_positive"),
    ("完全错了", "feedback_negative", "feedback_positive"),
    ("回答得太泛了", "feedback_negative", "feedback_positive"),
    ("没别的问题了", "goodbye_words", "feedback_negative"),
    ("暂时没啥要问的了", "goodbye_words", "feedback_negative"),
    ("有劳您了", "thanks_words", "feedback_positive"),
])
def test_a_wording_fires_its_own_signal_and_not_the_opposite(text: str, want: str,
                                                             not_want: str) -> None:
    got = fired(text)
    assert want in got and not_want not in got, got


def test_a_service_question_fires_no_closing_signal() -> None:
    for text in ("营业执照丢了怎么补办", "没有别的办法吗", "开公司要带什么材料"):
        assert not fired(text) & {"goodbye_words", "thanks_words"}, text


def test_the_polarity_and_closing_signals_are_defined() -> None:
    wanted = {"feedback_negative", "feedback_positive", "goodbye_words", "thanks_words"}
    assert wanted <= set(PATTERNS)
