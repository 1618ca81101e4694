"""Which kind of question a wording asks (多久 → time limit, 要钱吗 → fee …), from its words alone.

The NLU learns the same from examples; these cues file the catalog's example questions for it
(nlu_export) and, at answer time, overrule it where a wording leaves no doubt: a message that
says 几天 and nothing of another question type asks how long, whatever else it mentions
("网上递交起诉状 几天能立案" is not a channel question).
"""

from __future__ import annotations

import re

from services_catalog.normalize import content_only, normalize, strip_filler

_DUE_DATE = re.compile(r"哪天|几号|什么时候能|啥时候能")
# Checked in this order; a wording matching two types shows none (but see _first_type).
QUESTION_CUES: dict[str, re.Pattern[str]] = {
    "ask_due_date": _DUE_DATE,
    "ask_time_limit": re.compile(r"多久|几天|多长时间|多少天|时限|几个工作日|多快|啥时候|什么时候"),
    "ask_fee": re.compile(r"钱|收费|费用|免费|交费|缴费|贵不贵"),
    "ask_materials": re.compile(r"材料|带啥|带什么|证件|资料|条件|准备啥|准备什么|要求"),
    "ask_department": re.compile(r"部门|找谁|谁管|电话|哪个单位|联系"),
    "ask_channel": re.compile(r"在哪|哪里|哪儿|去哪|网上|线上|手机上|窗口|现场|哪办"),
    "ask_howto": re.compile(r"怎么|咋|如何|流程|步骤|手续"),
    "ask_policy": re.compile(r"政策|规定|是啥|是什么|啥意思|什么意思|补贴|扶持"),
}
# Cues specific enough to overrule the NLU's question type, whatever else the message says:
# 网上/流程/怎么 are often only the setting of a question about time or money (网上递交起诉状
# 几天能立案, 怎么收费). 前几天 is a time, not a question; 乱收费 is a complaint.
DECISIVE: dict[str, re.Pattern[str]] = {
    "ask_due_date": _DUE_DATE,
    "ask_time_limit": re.compile(r"多久|(?<![前这那头])几天|多长时间|多少天|时限|几个工作日|多快"),
    "ask_fee": re.compile(r"(?<!乱)收费|收钱|要钱|花钱|多少钱|费用|免费|交费|缴费|贵不贵"
                          r"|收多少|费率"),
}
# What a bare follow-up may keep besides its cue: a verb or two (在哪领, 要带啥).
BARE_MAX_REST = 2
_PARTICLES = re.compile(r"[的了吗呢吧啊呀嘛么要是能可以还那这个]")


def _first_type(text: str, cues: dict[str, re.Pattern[str]]) -> str | None:
    text = normalize(text)
    found = [intent for intent, cue in cues.items() if cue.search(text)]
    if found[:1] == ["ask_due_date"]:
        return "ask_due_date"  # 什么时候能办完 also says 时候
    return found[0] if len(found) == 1 else None


def question_type(text: str) -> str | None:
    return _first_type(text, QUESTION_CUES)


def decisive_question_type(text: str) -> str | None:
    """The question type when the wording settles it: a due date, or exactly one of how long /
    how much."""
    return _first_type(text, DECISIVE)


def content_besides_cues(text: str) -> str:
    """What a question says besides its question words and particles (多久能批下来 → 批下来)."""
    rest = strip_filler(normalize(text))
    for cue in QUESTION_CUES.values():
        rest = cue.sub("", rest)
    return _PARTICLES.sub("", content_only(rest))


def is_bare_follow_up(text: str) -> bool:
    """A question with nothing but its cue (在哪领, 收费吗, 要带啥): it can only be about the
    service the conversation is on, whatever small-talk intent the NLU gave it."""
    if question_type(strip_filler(normalize(text))) is None:
        return False
    return len(content_besides_cues(text)) <= BARE_MAX_REST
