"""One clause splitter for the assist readers: what a clause sets aside and whether it asks."""

from __future__ import annotations

from bot.assist_focus import without_set_aside
from bot.assist_transcript import question_lines
from bot.clauses import clauses


def test_clauses_keep_their_pauses() -> None:
    assert clauses("燃气报装的先不说，用水报装要几天？") == [
        ("燃气报装的先不说", "，"), ("用水报装要几天", "？"), ("", "")]
    assert clauses("，开公司") == [("", "，"), ("开公司", "")]
    assert "".join(c + p for c, p in clauses("我问的是另外一个：燃气报装…要几天")) == \
        "我问的是另外一个：燃气报装…要几天"


def test_both_readers_cut_at_a_colon() -> None:
    # the set-aside clause before the colon goes; the call's small talk before it does not hide
    # the question after it
    assert without_set_aside("用电的问过了：燃气报装要跑几趟") == "燃气报装要跑几趟"
    assert question_lines(["打你们这个电话：燃气报装要跑几趟？"]) == [
        "打你们这个电话：燃气报装要跑几趟？"]
    assert question_lines(["打你们这个电话是免费的吧？"]) == []
