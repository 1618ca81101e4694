"""A pasted call transcript: speakers read from any label shape, the caller's words kept."""

from __future__ import annotations

import pytest

from bot.assist_transcript import caller_lines, is_transcript, turns


@pytest.mark.parametrize("text", [
    "坐席：您好，12345热线。\n来电人：接自来水要多久？",
    "[00:00:01] 坐席：您好，12345热线，请讲。\n[00:00:05] 来电人：接自来水要多久？",
    "【坐席】您好，12345政务服务热线。\n【来电人】接自来水要多久？",
    "座席（工号1023）：您好，12345热线。\n来电人（张先生）：接自来水要多久？",
    "A：您好，12345热线，请问有什么可以帮您？\nB：接自来水要多久？\nA：好的，请稍等。",
    "甲：您好，12345。\n乙：接自来水要多久？",
    "接线员: 您好，请讲\n市民王女士: 接自来水要多久？",
])
def test_the_callers_words_without_labels_or_the_agents_lines(text: str) -> None:
    assert is_transcript(text)
    assert caller_lines(text) == ["接自来水要多久？"]


def test_a_colon_in_the_callers_own_sentence_is_no_speaker() -> None:
    assert turns("我想问一下：开公司要多久") is None
    assert caller_lines("我想问一下：开公司要多久") == ["我想问一下：开公司要多久"]


def test_greetings_say_no_need_and_a_confirmed_agent_question_does() -> None:
    text = ("坐席：您好，12345热线。\n来电人：喂？喂，听得见吗？\n坐席：您是要申请接自来水是吗？\n"
            "来电人：对对对，就是这个，几天能通？")
    assert caller_lines(text) == ["您是要申请接自来水是吗？", "对对对，就是这个，几天能通？"]
    assert caller_lines("坐席：您好，12345热线。\n来电人：喂，你好。") == ["喂，你好。"]


def test_a_wrapped_line_stays_with_its_speaker() -> None:
    spoken = turns("客服：您好。\n市民：我们公司准备关了，\n营业执照和税务都要注销。")
    assert spoken is not None
    assert [t.speaker for t in spoken] == ["agent", "caller", "caller"]
