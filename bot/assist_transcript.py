"""A pasted 12345 call transcript: who said which line, and what the caller's lines ask.

Agents paste transcripts in many shapes: 坐席：/来电人：, 【坐席】…, [00:01] 客服: …,
座席（工号1023）：, A：/B：, 甲：/乙：, 市民王女士：. The agent's lines name the hotline and its
formulas (您好，12345热线，请讲), not the caller's need; a label left in the text (来电人, 企业,
市民) is a word the search reads.
So every line is split into its speaker and its words, and the caller's words are what assist
reads — without the lines that only greet (喂？听得见吗？), which say no need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.clauses import clauses
from bot.spoken_script import MAX_QUESTIONS, is_greeting_only, questions_in
from services_catalog.normalize import normalize
from services_catalog.question_cues import QUESTION_CUE
from services_catalog.resolve import SURE
from services_catalog.several import questions_asked, services_asked
from services_catalog.snapshot import CatalogSnapshot

# Role words in a speaker label. The agent's side first: 客服 holds 客 as 客户 does.
AGENT_ROLE = re.compile(r"坐席|座席|客服|话务|接线|接听|受理员|工作人员|值班|热线|12345|专席|"
                        r"agent|operator|staff|hotline", re.I)
CALLER_ROLE = re.compile(r"来电|市民|群众|用户|企业|客户|顾客|诉求人|反映人|咨询人|先生|女士|"
                         r"师傅|老人|大爷|大妈|阿姨|caller|customer|citizen|user", re.I)
# What the hotline's side says: with labels that name no role (A/B, 甲/乙) its speaker is the agent.
AGENT_PHRASES = re.compile(r"12345|热线|请讲|您请说|有什么(?:可以)?(?:帮|需要)|为您服务|请稍等|"
                           r"还有(?:其他|别的)|感谢您的来电")
_TIME = r"[\[【(（]?\d{1,2}:\d{2}(?::\d{2})?[\]】)）]?"
# [00:01] 【坐席】 … / 坐席（工号1023）： … / A: … — a label of at most 10 characters.
LABEL = re.compile(
    r"^\s*(?:" + _TIME + r"\s*)?"
    r"(?:[\[【](?P<bracketed>[^\]】\s]{1,10})[\]】]\s*[:：]?"
    r"|(?P<plain>[^\s:：，。？！,.?!（）()\[\]【】]{1,10}?)\s*(?:[（(][^）)]{0,16}[）)])?\s*"
    r"(?:" + _TIME + r"\s*)?[:：])"
    r"\s*(?:" + _TIME + r"\s*)?")
# At most this many services asked in one call get a suggestion each (several.MAX_SERVICES).
MAX_ASKED = 4
# A label alone (甲/乙, A/B, a name) makes a transcript only when a few speakers take turns.
MAX_SPEAKERS = 3


@dataclass(frozen=True)
class Turn:
    speaker: str  # "agent" | "caller"
    text: str  # the words, without the label


def _label(line: str) -> tuple[str, str] | None:
    m = LABEL.match(line)
    if not m:
        return None
    return (m.group("bracketed") or m.group("plain")).strip(), line[m.end():].strip()


def _roles(labels: list[str], lines: dict[str, list[str]]) -> dict[str, str] | None:
    roles: dict[str, str] = {}
    for label in dict.fromkeys(labels):
        if AGENT_ROLE.search(label):
            roles[label] = "agent"
        elif CALLER_ROLE.search(label):
            roles[label] = "caller"
    unknown = [lb for lb in dict.fromkeys(labels) if lb not in roles]
    if not unknown:
        return roles
    if not roles and (len(unknown) > MAX_SPEAKERS or len(labels) < 2 or len(unknown) < 2):
        return None  # 我想问：开公司要多久 — a colon in a sentence, not a speaker
    if "agent" in roles.values():
        roles.update({lb: "caller" for lb in unknown})
    elif "caller" in roles.values():
        roles.update({lb: "agent" for lb in unknown})
    else:
        # A/B: the one who says the hotline's words is the agent; else the one who opens the call.
        said = {lb: sum(bool(AGENT_PHRASES.search(t)) for t in lines[lb]) for lb in unknown}
        agent = max(unknown, key=lambda lb: (said[lb], -unknown.index(lb)))
        roles.update({lb: "agent" if lb == agent else "caller" for lb in unknown})
    return roles


def turns(text: str) -> list[Turn] | None:
    """The transcript's turns, or None when the text is the caller's own words."""
    lines = [line for line in text.splitlines() if line.strip()]
    parsed = [_label(line) for line in lines]
    labels = [p[0] for p in parsed if p]
    if not labels:
        return None
    said: dict[str, list[str]] = {}
    for p in parsed:
        if p:
            said.setdefault(p[0], []).append(p[1])
    roles = _roles(labels, said)
    if roles is None:
        return None
    out: list[Turn] = []
    speaker = "caller"  # words before any label: the caller's (a pasted question)
    for line, p in zip(lines, parsed, strict=True):
        if p:
            speaker = roles[p[0]]
            words = p[1]
        else:
            words = line.strip()  # a wrapped line: the same speaker goes on
        if words:
            out.append(Turn(speaker, words))
    return out


def is_transcript(text: str) -> bool:
    return turns(text) is not None


# A caller's line that only confirms what the agent just asked (坐席：您是要申请接自来水是吗？
# 来电人：对对对，就是这个): the agent's question then states the caller's need.
CONFIRMS = re.compile(r"^(?:嗯|喂|啊|哦|，|,|\s)*(?:对(?!了)|是的|是是|没错|就是|嗯嗯)")
AGENT_ASKS = re.compile(r"[?？吗吧]\s*$")


def caller_lines(text: str) -> list[str]:
    """The lines that say what the caller needs: the caller's own (greetings alone left out)
    and an agent's question the caller confirms. A text that is no transcript: itself."""
    spoken = turns(text)
    if spoken is None:
        return [text]
    kept: list[str] = []
    greetings: list[str] = []
    for i, turn in enumerate(spoken):
        nxt = spoken[i + 1] if i + 1 < len(spoken) else None
        if turn.speaker == "agent":
            if (AGENT_ASKS.search(turn.text) and nxt is not None and nxt.speaker == "caller"
                    and CONFIRMS.match(nxt.text)):
                kept.append(turn.text)
        elif is_greeting_only(turn.text):
            greetings.append(turn.text)
        else:
            kept.append(turn.text)
    # Only greetings: they are what the caller said (nothing to suggest yet).
    return kept or greetings or [""]


def caller_text(text: str) -> str:
    return "\n".join(caller_lines(text))


@dataclass(frozen=True)
class Asked:
    """A service the caller asks about, with the questions its own words ask and those words."""
    slug: str
    questions: list[str]
    words: str


def _asks(line: str) -> bool:
    return bool(QUESTION_CUE.search(normalize(line)))


# A clause asking about the call itself (打你们这个电话是免费的吧？ 是12345吗？ 听得清吗？): small
# talk before the matter, no question about a service.
ABOUT_THE_CALL = re.compile(r"(?:这个|你们的?|打)(?:电话|热线)|12345|听得(?:见|清|到)|打通|信号")


def _asks_a_matter(line: str) -> bool:
    """Some clause of the line asks, and not about the call itself."""
    # each clause with the pauses after it: its ？ tells that it asks
    return any(_asks(c + p) and not ABOUT_THE_CALL.search(c + p) for c, p in clauses(line) if c)


def question_lines(lines: list[str]) -> list[str]:
    """The caller's lines that ask about their matter (the rest tell the story around it)."""
    return [line for line in lines if _asks(line) and _asks_a_matter(line)]


def asked_by_lines(snapshot: CatalogSnapshot, lines: list[str],
                   fallback: str | None) -> list[Asked]:
    """One entry per service the caller's question lines name (2 or more), in the order asked:
    接自来水要多久？… 还有燃气报装要交钱不？ → 用水报装 (time limit), 燃气报装 (fee). A question
    line that names no service (那要交钱吗？) asks about the service before it. [] when fewer
    than two services are asked: the whole text then decides, as for one sentence."""
    words: dict[str, list[str]] = {}
    asks: dict[str, list[str]] = {}

    def add(slug: str, said: str, questions: list[str]) -> None:
        words.setdefault(slug, []).append(said)
        own = asks.setdefault(slug, [])
        own += [q for q in questions if q not in own]

    current: str | None = None
    for line in lines:
        if not _asks(line):
            continue
        several = services_asked(snapshot, line)  # 开公司和接水分别要多久, in one line
        if several:
            for q in questions_asked(snapshot, line, several, fallback or "overview"):
                add(q.slug, q.clause or line, [q.question])
            current = several[-1]
            continue
        hits = snapshot.index.search(line, 1)
        if hits and hits[0].kind != "bm25" and hits[0].confidence >= SURE:
            current = hits[0].slug  # the line names its service (an alias, not free text)
        if current is not None:
            add(current, line, questions_in(line, fallback))
    if len(words) < 2:
        return []
    return [Asked(slug, asks[slug][:MAX_QUESTIONS], "\n".join(said))
            for slug, said in list(words.items())[:MAX_ASKED]]
