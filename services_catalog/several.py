"""Several services in one message (企业开办和用水报装分别要多久): which, and one line for each.

Each line is the service's own answer in compact form — its figure and 第N条, from the catalog —
worded by the domain's utter_line_* responses, joined under utter_several.
"""

from __future__ import annotations

import re

from services_catalog.answers import (
    FEEDBACK_BUTTONS,
    INTENT_QUESTION,
    Answer,
    compose,
    detail_answer,
    wants_detail,
)
from services_catalog.normalize import content_only
from services_catalog.question_cues import (
    QUESTION_CUE,
    QUESTION_CUES,
    content_besides_cues,
    decisive_question_type,
)
from services_catalog.snapshot import CatalogSnapshot
from services_catalog.wording import render

MAX_SERVICES = 4
SURE = 0.8  # as resolve.SURE: a name, alias or pinyin match
# What may stand between two services asked together (用水、用电报装; 开公司和接水), or a word that
# says each is asked about (分别, 各要).
_JOINER = re.compile(r"^(?:和|跟|与|及|以及|、|,|，|还有|或者|或|加上|及其|同|以及还有)$")
_EACH = re.compile(r"分别|各自|各要|各需|各是|各多|各几|各有|都要多|都多|哪个快|哪个慢")
_MAY_JOIN = re.compile(r"[和跟与及、,，或同各?？;；\s]|还有|加上|分别")
# ... or each service asked in its own clause (企业开办要多久，用水报装呢; 开公司几天？接电几天？):
# between two names, a question and nothing else but these words and a pause.
_PAUSE = re.compile(r"[,，。?？!！;；\s]")
_GAP_WORDS = re.compile(r"[要得需是的了吗呢吧啊还那也又再办和跟与及、]|需要|办理|另外|以及|还有"
                        r"|时间|分别|各自")
# ... unless the question is whether they go together (买房交税和过户能在一个窗口办吗): that is one
# question, about the service that joins them.
_JOINTLY = re.compile(r"一起|一个窗口|同一个|一块|一并|一次|同时|合并|联办|一窗")
# The compact line of each full answer.
LINE = {
    "utter_time_limit": "utter_line_time_limit",
    "utter_overview": "utter_line_time_limit",
    "utter_due_date": "utter_line_time_limit",
    "utter_due_dates": "utter_line_time_limit",
    "utter_ask_condition": "utter_line_time_limit",
    "utter_no_time_limit": "utter_line_no_time_limit",
    "utter_overview_no_time_limit": "utter_line_no_time_limit",
    "utter_channel": "utter_line_channel",
    "utter_no_channel": "utter_line_no_channel",
    "utter_channel_online_yes": "utter_line_channel",
    "utter_channel_online_unstated": "utter_line_channel",
    "utter_fee": "utter_line_fee",
    "utter_fee_free": "utter_line_fee",
    "utter_fee_waived": "utter_line_fee",
    "utter_fee_unstated": "utter_line_fee",
    "utter_no_fee": "utter_line_no_fee",
    "utter_department": "utter_line_department",
    "utter_materials": "utter_line_materials",
    "utter_no_materials": "utter_line_no_materials",
    "utter_howto": "utter_line_policy",
    "utter_policy": "utter_line_policy",
    "utter_detail": "utter_line_detail",
}


def services_asked(snap: CatalogSnapshot, text: str) -> list[str]:
    """The services a message asks about together, in its order (2 to 4), else []."""
    if not _MAY_JOIN.search(text):
        return []  # most messages: no joiner, no 分别 — skip the second name match
    return _named_asked(snap, text) or [slug for slug, _ in _clauses_asked(snap, text)]


# Each question of a message in its own clause, every one naming its service in free words
# (网上立案审核几天，诉前调解最长多少天): each clause's best search hit, from this confidence.
_CLAUSE_SPLIT = re.compile(r"[,，。?？!！;；]+|\s+")
CLAUSE_MIN = 0.5
CLAUSE_MIN_CONTENT = 3


# A clause that plainly asks (几天, 多少钱, …吗), not one that tells (我们有好几个网点) or sets
# the scene (手机上那些不会弄).
_ASKS = re.compile(r"[吗呢么嘛]$")


def _asks(clause: str) -> bool:
    return bool(decisive_question_type(clause) or _ASKS.search(clause))


def _clauses_asked(snap: CatalogSnapshot, text: str) -> list[tuple[str, str]]:
    """(slug, clause) for each question clause when every one reads as a service and they are
    at least two different services; else []."""
    norm = snap.index.normalised(text)
    if _JOINTLY.search(norm):
        return []
    clauses = [c for c in _CLAUSE_SPLIT.split(norm) if _asks(c)
               and len(content_besides_cues(c)) >= CLAUSE_MIN_CONTENT]
    if not 2 <= len(clauses) <= MAX_SERVICES:
        return []
    found = []
    for clause in clauses:
        hits = snap.index.search(clause, 1)
        if not hits or hits[0].confidence < CLAUSE_MIN:
            return []
        found.append((hits[0].slug, clause))
    if len({slug for slug, _ in found}) < 2:
        return []
    return list({slug: (slug, clause) for slug, clause in reversed(found)}.values())[::-1]


def _named_asked(snap: CatalogSnapshot, text: str) -> list[str]:
    spans = [s for s in snap.index.named_spans(text) if s[3] >= SURE]
    if len(spans) < 2:
        return []
    chosen: list[tuple[str, int, int, float]] = []
    for span in spans:  # best first: a family's two services on one word keep one
        slug, start, end, _ = span
        if any(start < e and s < end for _, s, e, _ in chosen):
            continue
        chosen.append(span)
    if len(chosen) < 2:
        return []
    chosen.sort(key=lambda s: s[1])
    norm = snap.index.normalised(text)
    if _JOINTLY.search(norm):
        return []
    gaps = [norm[a[2]:b[1]] for a, b in zip(chosen, chosen[1:], strict=False)]
    together = all(_JOINER.match(gap.strip()) or _asked_in_turn(gap) for gap in gaps)
    if not together and not _EACH.search(norm):
        return []
    return [slug for slug, *_ in chosen][:MAX_SERVICES]


GAP_REST = 3  # 网上立案审核几天，诉前调解… : what the first question says besides its cue


def _asked_in_turn(gap: str) -> bool:
    """The gap between two names closes the first one's own question (要多久，)."""
    if not (_PAUSE.search(gap) and QUESTION_CUE.search(gap)):
        return False
    rest = gap
    for cue in QUESTION_CUES.values():
        rest = cue.sub("", rest)
    return len(content_only(_GAP_WORDS.sub("", rest))) <= GAP_REST


def questions_asked(snap: CatalogSnapshot, text: str, slugs: list[str],
                    question: str) -> list[tuple[str, str]]:
    """Each service's own question type and clause: the type its clause settles (企业开办要多久，
    用水报装收费吗 → time limit, fee), else the message's."""
    norm = snap.index.normalised(text)
    starts = {slug: start for slug, start, _, _ in snap.index.named_spans(text)}
    if any(slug not in starts for slug in slugs):  # asked in free words, clause by clause
        by_clause = dict(_clauses_asked(snap, text))
        if all(slug in by_clause for slug in slugs):
            return [(INTENT_QUESTION.get(decisive_question_type(by_clause[slug]) or "",
                                         question), by_clause[slug]) for slug in slugs]
    bounds = sorted((starts.get(slug, 0), slug) for slug in slugs)
    out = {}
    for i, (start, slug) in enumerate(bounds):
        end = bounds[i + 1][0] if i + 1 < len(bounds) else len(norm)
        cue = decisive_question_type(norm[start:end])
        out[slug] = (INTENT_QUESTION.get(cue or "", question), norm[start:end])
    return [out[slug] for slug in slugs]


def several_answer(snap: CatalogSnapshot, slugs: list[str], question: str,
                   asked: list[tuple[str, str]] | None = None) -> Answer:
    """One line per service, each with its own figure (every variant's) and 第N条;
    `asked`: each service's own question type and clause (questions_asked). A detail asked
    of a service gets the clause of its tasks that addresses it."""
    lines = []
    cards = []
    for i, slug in enumerate(slugs):
        service = snap.services[slug]
        own, clause = asked[i] if asked else (question, "")
        detail = (detail_answer(service, clause) if clause and wants_detail(service, own, clause)
                  else None)
        answer = detail or compose(service, own, list_variants=True)
        lines.append(render(LINE.get(answer.response, "utter_line_policy"), answer.variables))
        cards.append(answer.card or {})
    first = cards[0]
    card = {**first, "several": [{"slug": c.get("slug"), "name": c.get("name")} for c in cards]}
    return Answer("utter_several", {"lines": "\n".join(f"· {line}" for line in lines)}, card,
                  list(FEEDBACK_BUTTONS))
