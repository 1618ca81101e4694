"""Several services in one message (企业开办和用水报装分别要多久): which, and one line for each.

Each line is the service's own answer in compact form — its figure and 第N条, from the catalog,
or the clause of its tasks that addresses what was asked of it — worded by the domain's
utter_line_* responses, joined under utter_several.

A message is read clause by clause (split at pauses). A service is mentioned by its name, alias
or pinyin, or — in a piece of a clause between joiners (和, 跟, 还有 …) — in free words that the
search reads as one service (施工图联审和出租车上门查验各要多久). A mention counts when its clause
asks something, or when its clause only lists services and a later clause asks (临时号牌和上门查
验，各能享受啥). Two services named in one clause must be joined by a joiner (else one is only
the setting: 办营业执照需要交社保吗), unless the message says each (分别, 各, 都).
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from services_catalog.absent_facts import (
    LINE_ABSENT,
    absent_fact,
    absent_in_line,
    unstated_in_line,
)
from services_catalog.answers import (
    FEEDBACK_BUTTONS,
    INTENT_QUESTION,
    Answer,
    service_tasks,
)
from services_catalog.clause_needs import needs_told
from services_catalog.evidence import relevant_clauses
from services_catalog.normalize import PAUSES, content_only, normalize
from services_catalog.question_cues import (
    asks_online,
    content_besides_cues,
    decisive_question_type,
    question_type,
)
from services_catalog.search import Hit
from services_catalog.several_lines import line_answer, named_line, spoken_apart, task_line
from services_catalog.snapshot import CatalogSnapshot
from services_catalog.wording import render

MAX_SERVICES = 4
SURE = 0.8  # as resolve.SURE: a name, alias or pinyin match
# What may stand between two services asked together (用水、用电报装; 开公司和接水).
_JOINER = re.compile(r"^(?:和|跟|与|及|以及|、|,|，|还有|或者|或|加上|及其|同|以及还有)$")
# Where a clause is cut into the pieces that may each name a service in free words. Not 同 (合同),
# not 及 of 及时, 与 of 参与, 和 of 和解.
# Nor 跟/和/与 before the party one deals with (跟对方和解, 和他们协商, 与银行谈): "with them",
# not a second thing asked.
_PARTY = r"(?!对方|他们?|她们?|我们?|你们?|人家|别人|对手|甲方|乙方|银行|客户|房东|债主)"
_JOINER_SPLIT = re.compile(rf"以及|还有|加上|或者|(?<!参)与{_PARTY}|及(?!时)|和(?!解){_PARTY}"
                           rf"|跟{_PARTY}|、")
# A word that says each is asked about (分别, 各要, 两个问题, 三样).
_EACH = re.compile(r"分别|各自|各要|各需|各是|各多|各几|各有|各能|各去|各在|各[个项]|哪个快|哪个慢"
                   r"|[两三四几]个问题|[两三四]件事|[两三四]样|每件|每样|一共")
_MAY_JOIN = re.compile(r"[和跟与及、,，或同各?？;；\s]|还有|加上|分别")
_JOINER_LEAD = re.compile(r"^(?:以及|还有|加上|或者|[和跟与及、或])+")
# A clause of the normalised message: between pauses (… is ... there) or spaces.
_CLAUSE = re.compile(f"[^{PAUSES}\\s]+")
_LIST_PAUSE = re.compile(r"、")
# A question that opens with its verb asks on about the clause before it (会不会让我来回跑).
_NO_SUBJECT = re.compile(r"会不会|会(?!计)|能不能|能否|能|可不可以|可以|是不是|要不要|还[能会要]")
# What opens a question of a list without saying what it asks (另外, 一是, 二是).
_ORDINAL = re.compile(r"^(?:另外|还有|再有|其次|最后|[一二三四五六][是个]|第[一二三四五六]个?)")
# ... unless the question is whether they go together (买房交税和过户能在一个窗口办吗): that is one
# question, about the service that joins them.
_JOINTLY = re.compile(r"一起|一个窗口|同一个|一块|一并|一次|同时|合并|联办|一窗")
# What a clause that only lists services may hold besides them (临时号牌和上门查验的).
_LIST_WORDS = re.compile(r"以及|还有|加上|或者|[和跟与及、或的呢吧啊还有那]")
# 担保费多少, 费率几个点: an amount of a fee (question_cues' decisive fee cues need 收费/费用).
_FEE_AMOUNT = re.compile(r"费率?(?:是|又是|要|大概)?(?:多少|几)")
# A clause that plainly asks (几天, 多少钱, 咋办, …吗, 能网上申请不), not one that tells (我们有好几
# 个网点) or sets the scene (手机上那些不会弄).
# 谁 after a negated verb is anyone, not who (也没欠谁钱, 没找谁: a statement).
_ASKS = re.compile(r"[吗呢么嘛不没否]$|多少|能不能|可不可以|能否|是否|有没有|要不要|需不需要"
                   r"|啥|什么|如何|怎|咋|哪|(?<![没不].)谁|(.)不\1"  # 限不限行, 管不管, 谁来管
                   r"|(..)不\2"  # 支持不支持, 需要不需要
                   # 目标是几家, 要几个人: not 好几个, 十几家, 这几天 (a statement of many)
                   r"|(?<![好十了这那前头])几(?:个|家|项|名|位|种|类|条|次|户|天|年)")
_WHERE = re.compile(r"大厅|政务中心|政务服务中心")  # 都能在政务大厅办吗: where
# A piece in free words: the search's confidence from which it names a service — one named
# outright elsewhere in the message (高压用户有啥服务 after 居民办电几天), or a new one.
CLAUSE_MIN = 0.5
FREE_MIN = 0.6
RETRY_MIN = 0.4  # ... read again with the question it shares from this confidence alone
CLAUSE_MIN_CONTENT = 3  # ... and what it says besides question words
SHARED_WORD_GAP = 0.1  # ... within this confidence of the next on the same one word: unclear
CLEAR_LEAD = 1.2  # a free-words reading's BM25 lead over an as confident rival (or a word more)
GAP_REST = 3  # 网上立案审核几天，诉前调解… : what the first question says besides its cue


class Line(NamedTuple):
    """One line of the answer: the service, its question type, the words asking it, and those of
    them that name the service (劳动争议 of 劳动争议仲裁: 仲裁 is what is asked of it)."""
    slug: str
    question: str
    clause: str
    said: str = ""
    task: int = 0  # the task of its service its clause asks about, when the lines share one


class _Mention(NamedTuple):
    slug: str
    start: int
    end: int
    clause: int  # index of its clause
    named: bool  # by name, alias or pinyin (norm[start:end] is that name), not in free words
    part: bool = False  # a part of a told situation (clause_needs), norm[start:end] its words


def asks(clause: str) -> bool:
    """Asks in words that only a question has; 材料, 钱 or 网上 may as well tell (办执照材料少了
    一样, 也没欠谁钱)."""
    return bool(decisive_question_type(clause) or _ASKS.search(clause))


def clause_spans(norm: str) -> list[tuple[int, int]]:
    """The clauses between pauses; a 、 after a question parts questions too (惠企政策还要自己申请
    吗、材料不齐能先受理吗), not the services of a list (用水、用电报装要多久)."""
    out = []
    for m in _CLAUSE.finditer(norm):
        start = m.start()
        for cut in _LIST_PAUSE.finditer(norm, m.start(), m.end()):
            left, right = norm[start:cut.start()], norm[cut.end():m.end()]
            if (asks(left) and len(content_besides_cues(left)) >= CLAUSE_MIN_CONTENT
                    and len(content_besides_cues(right)) >= CLAUSE_MIN_CONTENT):
                out.append((start, cut.start()))
                start = cut.end()
        out.append((start, m.end()))
    return out


def _named(snap: CatalogSnapshot, text: str) -> list[tuple[str, int, int]]:
    """The services named outright (name, alias, pinyin), one span each, by position; a family's
    two services on one word keep the best."""
    chosen: list[tuple[str, int, int]] = []
    for slug, start, end, conf in snap.index.named_spans(text):  # best first
        if conf >= SURE and not any(start < e and s < end for _, s, e in chosen):
            chosen.append((slug, start, end))
    return sorted(chosen, key=lambda s: s[1])


def _free_pieces(norm: str, start: int, end: int,
                 named: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
    """The pieces of clause norm[start:end], between joiners, that no named span touches: where
    a service may be named in free words (施工图联审和出租车上门查验各要多久)."""
    cuts = [start, *(p for m in _JOINER_SPLIT.finditer(norm, start, end)
                     for p in (m.start(), m.end())), end]
    out = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=True):
        if a < b and not any(a < e and s < b for _, s, e in named):
            out.append((a, b))
    return out


def _mentions(snap: CatalogSnapshot, text: str) -> tuple[str, list[tuple[int, int]],
                                                         list[_Mention]]:
    norm = snap.index.normalised(text)
    named = _named(snap, text)
    clauses = clause_spans(norm)
    found: list[_Mention] = []
    for i, (start, end) in enumerate(clauses):
        inside = [n for n in named if start <= n[1] < end]
        if len(inside) == 1:
            inside = [_in_family(snap, norm[start:end], inside[0])]
        found += [_Mention(slug, s, e, i, True) for slug, s, e in inside]
        if not (inside or asks(norm[start:end])):
            continue  # neither names a service nor asks: the scene (知识产权被侵犯，…)
        found += _free_mentions(snap, norm, (start, end), i, inside, {n[0] for n in named})
    found.sort(key=lambda m: m.start)
    return norm, clauses, found


def _free_mentions(snap: CatalogSnapshot, norm: str, clause: tuple[int, int], i: int,
                   inside: list[tuple[str, int, int]], named: set[str]) -> list[_Mention]:
    """Services the clause names in free words. A piece again naming a service the message names
    outright (高压用户有啥服务 after 居民办电) is that service from CLAUSE_MIN; a new one needs
    FREE_MIN, one service clearly ahead of the next, and to be listed: joined to another service
    (施工图联审和出租车上门查验) or opening its clause with 还有. A follow-up in free words
    (…要备案吗？在哪个平台上弄) reads as some service too, but is not listed."""
    start, end = clause
    cands = []
    # Beside a service named outright, two characters may name another (执照变更和年报).
    least = CLAUSE_MIN_CONTENT - 1 if inside else CLAUSE_MIN_CONTENT
    for a, b in _free_pieces(norm, start, end, inside):
        if len(content_besides_cues(norm[a:b])) >= least:
            hits = snap.index.search(norm[a:b], 3)
            sure = bool(hits) and _sure(hits, named)
            if hits and not sure and _with_question(snap, norm, (a, b), clause, inside, named,
                                                    hits):
                sure = True
            if hits:
                cands.append((a, b, hits, sure))
    sure_pieces = [(a, b) for a, b, _, sure in cands if sure]
    starts = {s for _, s, _ in inside} | {a for a, _ in sure_pieces}
    ends = {e for _, _, e in inside} | {b for _, b in sure_pieces}
    joiners = [(m.start(), m.end()) for m in _JOINER_SPLIT.finditer(norm, start, end)]
    out = []
    for a, b, hits, sure in cands:
        top = hits[0]
        if top.slug in named:
            at = norm.find(top.matched, a, b) if top.kind in ("name", "alias") else -1
            if at >= 0:  # by another of its names (…和劳动用工备案能网上报吗): that name
                out.append(_Mention(top.slug, at, at + len(top.matched), i, True))
            elif top.confidence >= CLAUSE_MIN:
                out.append(_Mention(top.slug, a, b, i, False))
            continue
        if not sure:
            continue
        listed = any((je == a and (js in ends or js == start)) or (js == b and je in starts)
                     for js, je in joiners)
        if listed:
            out.append(_Mention(top.slug, a, b, i, False))
    return out


def _sure(hits: list[Hit], named: set[str], least: float = FREE_MIN) -> bool:
    """The search reads a piece as one new service: from `least`, ahead of every other service
    but those the message names outright (政府采购保证金 after 农民工工资保证金: a 保证金 too)."""
    top = hits[0]
    rivals = [h for h in hits[1:] if h.slug not in named]
    return top.confidence >= least and not (rivals and rivals[0].confidence >= top.confidence)


def _with_question(snap: CatalogSnapshot, norm: str, piece: tuple[int, int],
                   clause: tuple[int, int], inside: list[tuple[str, int, int]], named: set[str],
                   hits: list[Hit]) -> bool:
    """A piece read short of sure, read again with the question it shares (水气暖投装审批 of
    …和用水报装分别多少天; 政府采购保证金 of …，都能用保函代替吗): the words after the last
    service named in its clause, else the next clause when its own only lists. Sure when both
    readings rank the same service first, the second from CLAUSE_MIN — the question lifts the
    piece's service, never picks it."""
    a, b = piece
    start, end = clause
    after = [e for _, s, e in inside if s >= b]
    shared = ""
    if after:
        shared = norm[max(after):end]
    elif b == end and not asks(norm[start:end]):
        rest = _CLAUSE.search(norm, end)
        shared = rest.group(0) if rest and asks(rest.group(0)) else ""
    shared = _JOINER_LEAD.sub("", shared)
    if not shared or hits[0].confidence < RETRY_MIN:
        return False
    again = snap.index.search(norm[a:b] + shared, 3)
    return bool(again) and again[0].slug == hits[0].slug and _sure(again, named, CLAUSE_MIN)


# A speaker's label at the start of a line or sentence (坐席：, 来电人：).
_SPEAKER = re.compile(r"(?:^|[。?？!！，,\s])\w{1,4}[:：]", re.M)
_SENTENCE_END = re.compile(r"[。?？!！\n]")


def _each_clause_a_service(snap: CatalogSnapshot, norm: str, clauses: list[tuple[int, int]]
                           ) -> tuple[list[_Mention], bool]:
    """Each question of the message in a clause of its own, every one reading as a service
    (还完钱以后失信信息多久删，被冻结的无关账户多久解冻): a mention per clause, and whether they
    are one service's tasks apart (_tasks_apart, computed here once); [] unless there are 2 to 4
    such questions, about two services at least or one service's tasks apart, and nothing else
    asks."""
    asking = [i for i, (a, b) in enumerate(clauses) if _questions(norm[a:b])]
    if not 2 <= len(asking) <= MAX_SERVICES:
        return [], False
    named = frozenset(slug for slug, _, _ in _named(snap, norm))
    found = []
    for i in asking:
        mention = _clause_reading(snap, norm, clauses[i], i, named=named)
        if mention is None:
            return [], False
        found.append(mention)
    if len({m.slug for m in found}) >= 2:
        return found, False
    apart = _tasks_apart(snap, norm, found)
    return (found, True) if apart else ([], False)


def _tasks_apart(snap: CatalogSnapshot, norm: str, found: list[_Mention]) -> bool:
    """One service asked in clauses of their own, each about another of its tasks (县乡村物流
    体系建成啥样 → 第60条，村里啥时候通快递 → 第61条): a line for each. The clause of its
    tasks that best addresses each question must lie in a task no other question points at."""
    if len(found) < 2 or len({m.slug for m in found}) != 1:
        return False
    if len(service_tasks(snap.services[found[0].slug])) < 2:
        return False
    seen = [_task_of(snap, norm, m) for m in found]
    return 0 not in seen and len(set(seen)) == len(seen)


def _task_of(snap: CatalogSnapshot, norm: str, m: _Mention) -> int:
    """The task of m's service whose clause best addresses m's words (its names count: 围标串标
    is what 第18条 speaks of), else 0."""
    evidence = relevant_clauses(service_tasks(snap.services[m.slug]), norm[m.start:m.end], [])
    return evidence[0].task if evidence else 0


# A measure with no thing of its own (有上限吗, 比例是多少): of the thing the clause before names.
_MEASURE_ONLY = re.compile(r"(?:有|是|那|那个|这个|它的?)*(?:上限|下限|比例|标准|限额|额度|费用"
                           r"|金额|数额)(?:是|有)?")


def _questions(words: str) -> bool:
    """A clause that asks, and about something besides the question (not 要多久 alone), with a
    subject of its own: 会不会让我来回跑 after 起诉材料不全会咋样 asks on about the same thing,
    and so does 有上限吗 after 展位费能报销多少."""
    content = content_besides_cues(words)
    return (asks(words) and len(content) >= CLAUSE_MIN_CONTENT
            and not _NO_SUBJECT.match(words) and not _MEASURE_ONLY.fullmatch(content))


def _clause_reading(snap: CatalogSnapshot, norm: str, clause: tuple[int, int], i: int,
                    least: float = CLAUSE_MIN, named: frozenset[str] = frozenset()
                    ) -> _Mention | None:
    """The service a clause reads as on its own: one named outright, else the search's pick in
    free words from `least` — on two words of it below FREE_MIN (公司 开办), never on one (事项:
    能查多少事项 is about the service before it) — ahead of the next; None when it reads as none."""
    return _reading_of(_clause_hits(snap, norm, clause, 2), clause, i, least, named)


def _clause_hits(snap: CatalogSnapshot, norm: str, clause: tuple[int, int],
                 limit: int) -> list[Hit]:
    """The search's first `limit` hits on a clause's words, without its ordinal (一是, 另外)."""
    a, b = clause
    return snap.index.search(_ORDINAL.sub("", norm[a:b]), limit)


def _reading_of(hits: list[Hit], clause: tuple[int, int], i: int, least: float,
                named: frozenset[str]) -> _Mention | None:
    """_clause_reading from the clause's first two hits."""
    a, b = clause
    if not hits:
        return None
    top = hits[0]
    if top.kind == "bm25":
        terms = len(top.matched.split())
        if top.confidence < least or (top.confidence < FREE_MIN and terms < 2):
            return None
        if (terms < 2 and len(hits) > 1 and hits[1].matched == top.matched
                and top.confidence - hits[1].confidence < SHARED_WORD_GAP):
            # one word two services share, read about as surely for each (保证 of 怎么保证公正:
            # 保全保证金 0.61, 投标保证金 0.57) names neither; 税务 of 税务关系迁过来 reads
            # 跨省税务迁移 0.73, 涉税专属服务 0.56: clearly the first
            return None
        if (len(hits) > 1 and hits[1].confidence >= top.confidence
                and hits[1].score * CLEAR_LEAD > top.score
                and len(hits[1].matched.split()) >= terms):
            # two services read about as surely (有没有绿色通道): the one the message names
            # elsewhere (…办个公证…), else not this clause's to pick
            if hits[1].slug not in named:
                return None
            top = hits[1]
    elif top.confidence < SURE or (
            len(hits) > 1 and hits[1].kind != "bm25" and hits[1].confidence >= top.confidence
            and hits[1].matched != top.matched and len(hits[1].matched) >= len(top.matched)):
        return None  # two named by different words (起诉的材料不全…): which one is asked is unclear
    return _Mention(top.slug, a, b, i, False)


# A question that says nothing of its own besides how long or how much in all (前后大概几天能办完,
# 一共要多久): it asks of what the clause before it named.
_OF_ALL = re.compile(r"前后|大概|大约|大致|一共|总共|全部|整个|全程"
                     r"|办完|办下来|办好|办成|下来|多少|都")


def _asks_of_before(norm: str, clauses: list[tuple[int, int]], i: int, named: set[int]) -> bool:
    """Clause i asks (_questions) right after clause i - 1, which names a service (`named`), in
    the same sentence, and says nothing of its own besides the whole of it (_OF_ALL): it asks
    that service's figure (营业执照、社保、医保登记能不能一起提交，前后大概几天能办完)."""
    if not 0 < i < len(clauses) or i - 1 not in named:
        return False
    a, b = clauses[i]
    return (_questions(norm[a:b]) and not _SENTENCE_END.search(norm[clauses[i - 1][1]:a])
            and not _OF_ALL.sub("", content_besides_cues(norm[a:b])))


def _more_questions(snap: CatalogSnapshot, norm: str, clauses: list[tuple[int, int]],
                    lines: list[_Mention]) -> list[_Mention]:
    """Lines found, plus a line for each clause that asks on its own about yet another service
    (一是公司开办几天，二是用水报装多久 … : 公司开办 named in free words, unjoined)."""
    have = {m.clause for m in lines}
    slugs = {m.slug for m in lines}
    more = []
    for i, (a, b) in enumerate(clauses):
        if i in have or not _questions(norm[a:b]) or _asks_of_before(norm, clauses, i, have):
            continue
        mention = _clause_reading(snap, norm, (a, b), i, FREE_MIN, frozenset(slugs))
        if mention is not None and mention.slug not in slugs:
            more.append(mention)
            slugs.add(mention.slug)
    return sorted([*lines, *more], key=lambda m: m.start)[:MAX_SERVICES]


def _in_family(snap: CatalogSnapshot, clause: str,
               span: tuple[str, int, int]) -> tuple[str, int, int]:
    """A word two services share (公证) means the one the rest of its clause reads as (公证能跨省
    网上办吗 → 公证事项跨省通办): the search's pick when it names a service as surely."""
    hits = snap.index.search(clause, 2)
    if (hits and hits[0].slug != span[0] and hits[0].kind != "bm25"
            and any(h.slug == span[0] and h.confidence <= hits[0].confidence for h in hits)):
        return hits[0].slug, span[1], span[2]
    return span


def _only_lists(norm: str, clause: tuple[int, int], mentions: list[_Mention]) -> bool:
    """The clause holds its services and joiners only (机动车临时号牌和上门查验)."""
    rest = norm[clause[0]:clause[1]]
    for m in sorted(mentions, key=lambda m: -m.start):
        rest = rest[:m.start - clause[0]] + rest[m.end - clause[0]:]
    return len(content_only(_LIST_WORDS.sub("", rest))) <= 1


def _asked_later(norm: str, clauses: list[tuple[int, int]], asking: list[bool],
                 by_clause: dict[int, list[_Mention]], i: int) -> bool:
    """Clause i names services without asking; a later clause asks of them: the next question
    comes right after it and names no service of its own (开公司要几天？办完还要领ukey，收费不),
    or clause i only lists
    services (临时号牌和上门查验，各能享受啥), or the message says each (还要装燃气，各要多少天)."""
    later = [j for j in range(i + 1, len(clauses)) if asking[j]]
    if not later or _SENTENCE_END.search(norm[clauses[i][1]:clauses[later[0]][0]]):
        return False  # asked in the same sentence, not after a full stop (坐席：您好，12345。…)
    return ((later[0] == i + 1 and later[0] not in by_clause)
            or _only_lists(norm, clauses[i], by_clause[i])
            or bool(_EACH.search(norm[clauses[later[0]][0]:clauses[later[0]][1]])))


def _joined(gap: str) -> bool:
    return bool(_JOINER.match(gap.strip()))


def _parallel(x: _Mention, y: _Mention) -> bool:
    """Two short names back to back, alike in length, list (接水接气接暖气); unlike ones make a
    phrase (起诉材料没带全)."""
    return x.end == y.start and x.end - x.start == y.end - y.start <= 3


class _Asked(NamedTuple):
    """The mentions asked about, and what questions_asked reads them with: whether they are one
    service's tasks apart, the normalised message and its clauses."""
    lines: list[_Mention]
    apart: bool = False
    norm: str = ""
    clauses: list[tuple[int, int]] = []


def _lines_asked(snap: CatalogSnapshot, text: str) -> _Asked:
    """The mentions asked about, one per line, in the message's order (two services at least),
    else no lines."""
    if not _MAY_JOIN.search(text) and not _PART_BREAK.search(text):
        return _Asked([])  # most messages: one sentence, no joiner, no pause — skip the searches
    if "\n" in text or len(_SPEAKER.findall(text)) >= 2:
        # a call's transcript (坐席：… 来电人：…) tells a story; assist reads it whole. One label
        # alone (来电人：开公司和接水分别要多久) is the caller's question.
        return _Asked([])
    norm, clauses, mentions = _mentions(snap, text)
    lines = _lines_of(snap, norm, clauses, mentions)
    if lines:
        return _Asked(_more_questions(snap, norm, clauses, lines), False, norm, clauses)
    # Else each question in a clause of its own, read alone (…几天出意见？竣工以后…能不能一起验).
    each, apart = _each_clause_a_service(snap, norm, clauses)
    lines = _lines_of(snap, norm, clauses, each, apart)
    if lines:
        return _Asked(lines, apart, norm, clauses)
    # Else a situation told with a need in each of its parts (…要去公安备案？…消防验收也得过吧).
    return _Asked(_needs(snap, norm, clauses), False, norm, clauses)


# Where a message with no joiner or pause still parts into sentences (…要去公安备案。消防验收也
# 得过吧): a sentence's end with words after it, not the one that closes it (营业执照怎么办。).
# A line break is a pause (\s) already.
_PART_BREAK = re.compile(r"[。｡!！]\W*\w")
NEAR = 3  # the search's first hits of a part: the services near its reading


def _needs(snap: CatalogSnapshot, norm: str, clauses: list[tuple[int, int]]) -> list[_Mention]:
    """The parts of a told situation that each ask a need of another service (clause_needs)."""
    def read(span: tuple[int, int], least: float) -> tuple[str, frozenset[str]] | None:
        # One search serves both: the ranking does not depend on the limit, only its cut.
        hits = _clause_hits(snap, norm, span, NEAR)
        mention = _reading_of(hits[:2], span, 0, least, frozenset())
        if mention is None:
            return None
        return mention.slug, frozenset(h.slug for h in hits) - {mention.slug}

    def clause_at(end: int) -> int:
        return next((i for i, (a, b) in enumerate(clauses) if a < end <= b), len(clauses) - 1)

    return [_Mention(p.slug, p.start, p.end, clause_at(p.end), False, part=True)
            for p in needs_told(norm, read)]


def _lines_of(snap: CatalogSnapshot, norm: str, clauses: list[tuple[int, int]],
              mentions: list[_Mention], apart: bool = False) -> list[_Mention]:
    """`apart`: the mentions are clauses asking about one service's different tasks."""
    if apart:
        return mentions[:MAX_SERVICES]
    if (len({m.slug for m in mentions}) < 2
            and not any(_two_names(snap, norm, mentions, m) for m in mentions)):
        return []
    # A clause asking only how long or how much in all, read in free words as a service of its
    # own (前后大概几天能办完 → “一件事一次办”), asks of the service named just before it.
    mentions = [m for m in mentions if m.named or not _asks_of_before(
        norm, clauses, m.clause, {x.clause for x in mentions if x.clause != m.clause})]
    each = bool(_EACH.search(norm))
    asking = [asks(norm[a:b]) for a, b in clauses]
    by_clause: dict[int, list[_Mention]] = {}
    for m in mentions:
        by_clause.setdefault(m.clause, []).append(m)
    counted: list[_Mention] = []
    for i, group in sorted(by_clause.items()):
        a, b = clauses[i]
        if not (asking[i] or _asked_later(norm, clauses, asking, by_clause, i)):
            continue  # the scene (我开了公司，想问社保怎么交), not a question
        if len({m.slug for m in group}) > 1:
            if _JOINTLY.search(norm[a:b]):
                return []  # 买房交税和过户能在一个窗口办吗: one question about both together
            pairs = zip(group, group[1:], strict=False)
            if not each and not all(_joined(norm[x.end:y.start]) or _parallel(x, y)
                                    for x, y in pairs):
                # 办营业执照需要交社保吗: 营业执照 is the setting; 起诉材料没带全: one thing
                return []
        counted += group
    lines: list[_Mention] = []
    for m in counted:
        earlier = [x for x in lines if x.slug == m.slug]
        # The same service again in a clause of its own with a question of its own (居民办电几天，
        # 高压用户有啥服务): a line for each question; else once.
        if earlier and not (all(x.clause != m.clause and asking[x.clause] for x in earlier)
                            and asking[m.clause]
                            and _own_type(norm[clauses[m.clause][0]:clauses[m.clause][1]])
                            not in {_own_type(norm[clauses[x.clause][0]:clauses[x.clause][1]])
                                    for x in earlier}) and not _two_names(snap, norm, earlier, m):
            continue
        lines.append(m)
    if len({(m.slug, norm[m.start:m.end] if _two_names(snap, norm, lines, m) else "")
            for m in lines}) < 2:
        return []
    return lines[:MAX_SERVICES]


def _two_names(snap: CatalogSnapshot, norm: str, earlier: list[_Mention], m: _Mention) -> bool:
    """Two of one service's names listed as two things that the plan speaks of in clauses of
    their own (经济性裁员备案和劳动用工备案, 第28条): each is asked about. Not two that one
    clause holds together (网上立案、网上保全: 第153条 推广…网上立案、网上保全等功能)."""
    service = snap.services[m.slug]
    names = {service.name, *service.aliases}
    word = norm[m.start:m.end]
    return word in names and any(
        x.slug == m.slug and x.clause == m.clause and x.end <= m.start
        and _joined(norm[x.end:m.start]) and norm[x.start:x.end] in names
        and word not in norm[x.start:x.end] and norm[x.start:x.end] not in word
        and spoken_apart(service, norm[x.start:x.end], word)
        for x in earlier)


def _own_type(words: str) -> str | None:
    """The question type the words settle: how long, how much, a fee's amount, online or not,
    else whatever question they show (在哪, 怎么办, 什么规定); None when they ask none."""
    cue = decisive_question_type(words)
    if cue:
        return INTENT_QUESTION.get(cue)
    if _FEE_AMOUNT.search(words):
        return "fee"
    if asks_online(words) or _WHERE.search(words):
        return "channel"
    return INTENT_QUESTION.get(question_type(words) or "")


# How the things named link up (仲裁和法院、调解之间有没有衔接, 部门之间怎么联动): one question,
# which the clause joining them answers (第170条 仲裁、调解、诉讼等解纷机制紧密衔接) — not a
# line for each thing named.
_LINKED = re.compile(r"衔接|联动|(?:之间|相互|互相)\w{0,6}?(?:对接|配合|打通|互通|关系)")


def services_asked(snap: CatalogSnapshot, text: str) -> list[str]:
    """The services a message asks about together, in its order (2 to 4), else []."""
    if _LINKED.search(normalize(text)):
        return []
    return list(dict.fromkeys(m.slug for m in _lines_asked(snap, text).lines))


def _later_asks(norm: str, clauses: list[tuple[int, int]], i: int,
                lines: list[_Mention]) -> list[tuple[str, str]]:
    """(question type, clause) for each type the asking clauses right after a clause that only
    names services settle, in order (自来水和燃气都还没接，要跑好几个地方吗，大概多久能通 →
    time_limit of 大概多久能通): up to a clause that names a service of its own or asks nothing."""
    named = {x.clause for x in lines if x.named}
    kinds: dict[str, str] = {}
    for k in range(i + 1, len(clauses)):
        x, y = clauses[k]
        if k in named or not asks(norm[x:y]):
            break
        kind = _own_type(norm[x:y])
        if kind and kind not in kinds:
            kinds[kind] = norm[x:y]
    return list(kinds.items())


def questions_asked(snap: CatalogSnapshot, text: str, slugs: list[str],
                    question: str) -> list[Line]:
    """A line for each question asked (a service asked two things in two clauses gets two):
    its service, the question type its own words settle (企业开办要多久，用水报装收费吗 → time
    limit, fee) else the clause's shared question (用电报装跟燃气报装都能在大厅办吗) else the
    message's, and those words."""
    asked = _lines_asked(snap, text)
    lines = [m for m in asked.lines if m.slug in slugs]
    if not lines:
        return [Line(slug, question, "") for slug in slugs]
    norm, clauses = asked.norm, asked.clauses
    if all(m.part for m in lines):  # a told situation's parts: each part's own words
        return [Line(m.slug, _own_type(norm[m.start:m.end]) or "overview", norm[m.start:m.end])
                for m in lines]
    # One service, each question about another task: known when the lines are the clauses read
    # apart (all of them: one service, within slugs); else read here.
    if asked.apart or _tasks_apart(snap, norm, lines):
        return [Line(m.slug, _own_type(norm[m.start:m.end]) or "overview", norm[m.start:m.end],
                     task=_task_of(snap, norm, m)) for m in lines]
    out = []
    for m in lines:
        a, b = clauses[m.clause]
        same = [x for x in lines if x.clause == m.clause]
        start = max([x.end for x in same if x.end <= m.start], default=a)
        end = min([x.start for x in same if x.start > m.start], default=b)
        # Its own piece, between the joiners that part it from its neighbours (劳动争议仲裁 of
        # 劳动争议仲裁跟法院诉前调解: 法院 is the next one's).
        if start > a:
            cut = _JOINER_SPLIT.search(norm, start, m.start)
            start = cut.end() if cut else start
        if end < b:
            cuts = list(_JOINER_SPLIT.finditer(norm, m.end, end))
            end = cuts[-1].start() if cuts else end
        words = norm[start:end]  # its own words: 居民办电几天, 用水报装
        piece = norm[m.start:m.end]
        said = piece if m.named or not asks(piece) else ""
        # The name says which service, not what is asked (研发费用能抵税不).
        asking = norm[start:m.start] + norm[m.end:end] if m.named else words
        if not _own_type(asking):  # the clause's shared question (…和燃气报装分别多少天)
            rest = norm[max(x.end for x in same):b]
            words, asking = words + rest, asking + rest
        if not _own_type(asking) and not asks(norm[a:b]):
            # a clause that only names services: the questions after it (…，各能享受啥), each
            # of them (…，在哪办，多久能办完: two lines per service)
            kinds = _later_asks(norm, clauses, m.clause, lines)
            if len(kinds) > 1:
                out.extend(Line(m.slug, kind, words + later, said) for kind, later in kinds)
                continue
            later = kinds[0][1] if kinds else next(
                (norm[x:y] for x, y in clauses[m.clause + 1:] if asks(norm[x:y])), "")
            words, asking = words + later, asking + later
        # Words that ask without settling a type (高压用户有啥服务) ask what the plan says.
        fallback = "overview" if asks(asking) else question
        out.append(Line(m.slug, _own_type(asking) or fallback, words, said))
        after = m.clause + 1
        if (m.end == max(x.end for x in same)
                and after not in {x.clause for x in lines}
                and _asks_of_before(norm, clauses, after, {x.clause for x in lines})):
            # …能不能一起提交，前后大概几天能办完: the figure asked after it, a line of its own
            # when it asks another thing than the clause did.
            more = norm[clauses[after][0]:clauses[after][1]]
            kind = _own_type(more)
            if kind and kind != out[-1].question:
                out.append(Line(m.slug, kind, more, said))
    return out


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
    "utter_line_not_in_plan": "utter_line_not_in_plan",  # absent_in_line's, already a line
}


def _line_text(answer: Answer, question: str) -> str:
    response = answer.response
    if response == "utter_overview_no_time_limit" and question != "time_limit":
        response = "utter_policy"  # asked what, not how long: what the plan says of it
    return render(LINE.get(response, "utter_line_policy"), answer.variables)


def several_answer(snap: CatalogSnapshot, slugs: list[str], question: str,
                   asked: list[Line] | None = None, message: str = "") -> Answer:
    """One line per question asked (`asked`, from questions_asked; else one per service of
    `slugs`, for `question`), each with its own figure (every variant's) and 第N条, or the
    clause of its tasks that addresses what was asked of it."""
    lines = []
    cards = []
    said: dict[str, str] = {}
    absent: str | None = None
    for line in asked or [Line(slug, question, "") for slug in slugs]:
        # 自来水一吨多少钱？天然气呢: a unit price, which the plan states for neither; a line
        # asking nothing of its own (天然气呢) asks what the line before it asked.
        absent = absent_fact(line.clause) or (absent if not _own_type(line.clause) else None)
        if absent in LINE_ABSENT:
            answer = absent_in_line(snap.services[line.slug], absent)
            lines.append(_line_text(answer, line.question))
            cards.append(answer.card or {})
            continue
        service = snap.services[line.slug]
        answer = None
        if line.said and said.get(line.slug, line.said) not in ("", line.said):
            # The service's second name (劳动用工备案 after 经济性裁员备案): the plan's words on it.
            answer = named_line(service, line.said)
        said.setdefault(line.slug, line.said)
        answer = answer or line_answer(service, line.question, line.clause, line.said, message)
        text = _line_text(answer, line.question)
        if line.task:
            # the service's answer speaks of another of its tasks, or of another clause of this
            # one (燃气价格在哪能看到: not the 报装窗口 of 第45条 but its 公开燃气价格): the
            # clause of this task that the question's words point at
            specific = task_line(service, line.task, line.clause)
            clause = (specific.card or {}).get("citation", {}).get("text", "") if specific else ""
            if specific is not None and (f"第{line.task}条" not in text
                                         or clause[:12] not in text):
                answer = specific
                text = _line_text(answer, line.question)
        # 一年安排多少钱 of a line whose clause states no such figure: it says so.
        answer = unstated_in_line(service, line.clause, answer)
        lines.append(_line_text(answer, line.question))
        cards.append(answer.card or {})
    return Answer("utter_several", {"lines": "\n".join(f"· {line}" for line in lines)},
                  several_card(cards), list(FEEDBACK_BUTTONS))


def several_card(cards: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    """The card of an answer in several lines: the first line's card, with `fields` over it,
    and the services the lines speak of, each once, in their order."""
    listed = list(dict.fromkeys((c.get("slug"), c.get("name")) for c in cards))
    return {**cards[0], **fields,
            "several": [{"slug": slug, "name": name} for slug, name in listed]}
