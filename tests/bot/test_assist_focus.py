"""What a caller sets aside (already asked, not meant, a route closed) is not what they ask."""

from __future__ import annotations

import pytest

from bot.assist_focus import focus_lines, without_set_aside
from bot.assist_transcript import question_lines


@pytest.mark.parametrize(("text", "rest"), [
    ("社保的事前天已经问过了，再问一下开饭馆要办什么证？", "再问一下开饭馆要办什么证？"),
    ("不是问营业执照，是问税务ukey多久能领", "是问税务ukey多久能领"),
    ("我们有欠税走不了容缺受理，那正常提交材料要几天？", "那正常提交材料要几天？"),
    ("用电的先不说，燃气报装要跑几趟", "燃气报装要跑几趟"),
])
def test_a_clause_setting_a_matter_aside_is_dropped(text: str, rest: str) -> None:
    assert without_set_aside(text) == rest


@pytest.mark.parametrize("text", [
    "营业执照一直办不了，怎么回事",  # the trouble is the matter
    "开公司要多久",
    "这不是很麻烦吗，开公司要多久",  # 不是很 is no "not this one"
    "我已经问过窗口了吗？",  # a clause that asks is kept
])
def test_what_sets_nothing_aside_is_kept(text: str) -> None:
    assert without_set_aside(text) == text


def test_only_set_aside_words_keep_the_lines() -> None:
    assert focus_lines(["这个我已经问过了"]) == ["这个我已经问过了"]
    assert focus_lines(["这个我已经问过了", "接水要几天？"]) == ["接水要几天？"]


def test_a_question_about_the_call_itself_is_small_talk() -> None:
    lines = ["你好，想先问下，打你们这个电话收费吗？", "我们厂想扩建，规划许可在哪办",
             "喂，听得见吗？"]
    assert question_lines(lines) == ["我们厂想扩建，规划许可在哪办"]
    assert question_lines(["我之前打过12345了，营业执照多久能拿到？"]) == [
        "我之前打过12345了，营业执照多久能拿到？"]
