"""What a caller sets aside: the matter already asked, the one they do not mean, the route closed.

Callers say what they do *not* ask about as readily as what they do: 孩子上学的事我已经问过了，
我现在问的是另外一个：…燃气报装; 不是开公司，是注销; 我们还有债务没清，走不了简易的……那普通
注销. The search reads every clause alike, so the matter set aside (named first, often by its
alias) outranks the one asked. A clause that sets a matter aside and asks nothing is dropped —
when the rest of the caller's words still name a service (else the set-aside clause is all
there is to go on, and it stays).
"""

from __future__ import annotations

import re

from bot.clauses import clauses
from services_catalog.normalize import normalize
from services_catalog.question_cues import QUESTION_CUE

# Words that set the clause's matter aside: already asked (问过了), not meant (不是这个, 先不说),
# a route closed to the caller (走不了简易的 / 用不上容缺).
SET_ASIDE = re.compile(
    r"(?:问过|咨询过|打听过|问完了|问清楚了|问明白了)"
    r"|^(?:我|我们|俺)?(?:说的|问的|要问的|要办的|想问的)?不是(?!很|太|特别|说)"
    r"|不问了?$|先不(?:说|问|管|提)|(?:这个|那个)?(?:不说了|另说|放一边)"
    r"|走不了|用不上|够不上")


def _sets_aside(clause: str) -> bool:
    norm = normalize(clause).strip()
    return bool(norm) and bool(SET_ASIDE.search(norm)) and not QUESTION_CUE.search(norm)


def without_set_aside(line: str) -> str:
    """The line without its clauses that set a matter aside and ask nothing."""
    kept = "".join(clause + pause for clause, pause in clauses(line) if not _sets_aside(clause))
    return kept.strip("，,；;：: ")


def focus_lines(lines: list[str]) -> list[str]:
    """The caller's lines without what they set aside; the lines themselves when nothing is."""
    focused = [rest for rest in (without_set_aside(line) for line in lines) if rest]
    return focused or lines
