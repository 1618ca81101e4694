"""The plan's clauses as evidence for a question: which one or two of a service's cited tasks'
clauses address what was asked, and which task a figure in an answer comes from.

A detail question (企业开办要提交住所证明吗, 用电报装超过160千瓦怎么办) is answered by quoting
the clauses of the service's tasks that share the most of its rarer words: character bigrams,
weighted by how few of the plan's clauses contain them (IDF), so 住所 counts and 办理 hardly
does. Bigrams of the service's own name and aliases say which service, not which detail, and
do not count. Everything is built once per process from services_catalog/plan.py.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from services_catalog.normalize import content_only, normalize, unspaced
from services_catalog.plan import Clause, tasks
from services_catalog.question_cues import (
    BOUND_SIDE,
    QUESTION_CUES,
    decisive_question_type,
    negated_cases,
    without_negated,
)

DATA = Path(__file__).parent / "data"

# A clause is quoted from this much evidence (the summed IDF of the question's bigrams it
# contains); below it the question shares only common words with the service's tasks.
MIN_EVIDENCE = 6.0
# A second clause is quoted when it reads at least this well relative to the first.
SECOND_RATIO = 0.7
MAX_CLAUSES = 2
# A clause shares at least this many of the question's pairs, unless one is a word the question
# means in the plan's words (PLAN_WORDS, `also`).
MIN_SHARED = 2
MIN_CLAUSE_CHARS = 8  # 责任单位 fragments and headings are no answer
# Words that only make the question a question; removed before the bigrams are taken.
_ASKING = re.compile(r"请问|我想|想问|咨询|一下|我们|你们|咱们|俺们|我|您|你|俺|这个|那个|有关"
                     r"|的话|是不是|是否|能不能|可不可以|可以|能否|需不需要|需要|要不要"
                     r"|有没有|怎么样|怎么|如何|什么|啥|哪些|哪个|多少|会不会|吗|呢|吧|啊")
# A figure a business would act on: a duration, an amount, a percentage, a size.
FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:个工作日|个自然日|工作日|小时|天|日|个月|年|万元|元|%|％"
                    r"|千瓦|平方米)")


def pairs(s: str) -> set[str]:
    """The two-character pieces of `s` as it is."""
    return {s[i:i + 2] for i in range(len(s) - 1)}


def bigrams(text: str) -> set[str]:
    """The pairs of `text`'s characters that say something (normalised, no punctuation)."""
    return pairs(content_only(normalize(text)))


@lru_cache
def _clause_index() -> tuple[dict[int, list[tuple[Clause, frozenset[str]]]], dict[str, float]]:
    by_task: dict[int, list[tuple[Clause, frozenset[str]]]] = {}
    df: Counter[str] = Counter()
    count = 0
    for number, task in tasks().items():
        rows = []
        for clause in task.clauses:
            grams = frozenset(bigrams(clause.text))
            rows.append((clause, grams))
            df.update(grams)
            count += 1
        by_task[number] = rows
    idf = {g: math.log(count / n) for g, n in df.items()}
    return by_task, idf


@lru_cache
def _holders() -> dict[str, frozenset[int]]:
    """A word pair → the ids of the clauses holding it."""
    holding: dict[str, set[int]] = {}
    for rows in _clause_index()[0].values():
        for clause, grams in rows:
            for gram in grams:
                holding.setdefault(gram, set()).add(id(clause))
    return {gram: frozenset(ids) for gram, ids in holding.items()}


# From this many tasks a reading visits only the clauses sharing a pair with the question (the
# asked matters read a clause against all 172 tasks, ≈ 1,000 clauses); fewer are scanned.
NEAR_FROM_TASKS = 20


@dataclass(frozen=True)
class Evidence:
    clause: Clause
    score: float

    @property
    def task(self) -> int:
        return self.clause.task


_A_NOT_A = re.compile(r"([\u4e00-\u9fff])不(?=\1)")


def question_grams(text: str, naming: list[str]) -> set[str]:
    """The question's bigrams that could address a detail: not its question words, not the
    words naming the service."""
    # 限不限行 asks whether 限行: its 不限 is the question's form, no word of the plan's (不限行).
    rest = _A_NOT_A.sub(r"\1", normalize(text))
    for cue in QUESTION_CUES.values():
        rest = cue.sub(" ", rest)
    rest = _ASKING.sub(" ", rest)
    grams: set[str] = set()
    for piece in rest.split():
        grams |= bigrams(piece)
    for name in naming:
        grams -= bigrams(name)
    return grams


# The plan's own words for what a business says in its words (后果 → 惩戒): data, one row per
# colloquial reading, in data/plan_words.yml.
PLAN_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(row["cue"]), row["plan"])
    for row in yaml.safe_load((DATA / "plan_words.yml").read_text(encoding="utf-8")))
# A title clause is quoted with the best body clause of its task: the title says what the
# task does, the body how (简化新业态食品经营许可发放模式 → …仅销售预包装食品…实行备案制管理).
# Among body clauses the words naming the service break ties at this weight (they say which
# service, so they never decide whether a clause is quoted at all).
NAMING_WEIGHT = 0.3


# A thesaurus of the same shape, written from the plan alone (data/plan_thesaurus.yml): read only
# by the further matters a question asks (services_catalog/asked_matters.py), never by the
# service search, the detail reading or the answer's own clauses (plan_words above).
THESAURUS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(row["cue"]), row["plan"])
    for row in yaml.safe_load((DATA / "plan_thesaurus.yml").read_text(encoding="utf-8")))


def _table_words(table: tuple[tuple[re.Pattern[str], str], ...], text: str) -> str:
    norm = normalize(unspaced(text))
    return " ".join(words for cue, words in table if cue.search(norm))


# Read several times a turn (the search, the detail reading, the asked matters): each text once
# while it is in use. Bounded.
TABLE_CACHE = 256


@lru_cache(maxsize=TABLE_CACHE)
def plan_words(text: str) -> str:
    """The plan's words for the colloquial words of `text` (PLAN_WORDS), space-separated. A
    learner's spaces between words (材料 有 一点 错) are read as typed unspaced."""
    return _table_words(PLAN_WORDS, text)


@lru_cache(maxsize=TABLE_CACHE)
def thesaurus_words(text: str) -> str:
    """The thesaurus's plan words for `text` (THESAURUS), space-separated, as plan_words reads
    its table: 半夜能办吗 → 不打烊 自助终端 (第2条)."""
    return _table_words(THESAURUS, text)


def read_as_plan(text: str, words: list[str]) -> bool:
    """Whether every one of `words` (a search hit's matched words) lies inside a stretch of
    `text` that a plan-words cue reads (投标…投诉 of 我们投标时…可以投诉吗): the plan's reading
    then covers what the hit was read from. False when a word lies outside (户口 of 户口要迁过来
    beside 引进的人…奖励) or there is none."""
    norm = normalize(unspaced(text))
    spans = [m.span() for cue, _ in PLAN_WORDS for m in cue.finditer(norm)]
    if not words or not spans:
        return False

    def inside(word: str) -> bool:
        start = norm.find(word)
        while start >= 0:
            if any(a <= start and start + len(word) <= b for a, b in spans):
                return True
            start = norm.find(word, start + 1)
        return False

    return all(inside(normalize(w)) for w in words)


# How many of what (能办多少事项, 要几个公证员, 入驻多少家): the clause that states a figure of that
# thing (15个事项, 三名以上公证员, 18家以上) answers it, however few other words it shares.
_HOW_MANY = re.compile(r"(?:多少|几)(?P<unit>个|家|项|名|位|种|类|条|吨|户)?"
                       r"(?P<noun>(?![以之]|小时|[月天日年周]|工作|自然|星期)[\u4e00-\u9fff]{2})?")
_NUMBER = r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十两百千]+)\s*"
COUNT_EVIDENCE = MIN_EVIDENCE / 2
# A sum of money asked as a bound or an amount of the matter (not what a service costs), and the
# figure of a clause that states one.
_MONEY_BOUND = re.compile(r"金额|额度|数额|上限|下限|多少万|几万|几千万"
                          rf"|(?:多少|几)(?:钱|万元?|万块)(?:{BOUND_SIDE})")
_MONEY_SUM = re.compile(r"\d+(?:\.\d+)?\s*(?:万元|亿元|元|万|亿)")


# A size the question tells of its case (4吨的厢式货车): a clause bounding that size (对4.5吨以下
# 货车…) says which side the case falls on, however few other words it shares.
_SIZE_TOLD = re.compile(r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十两]+)\s*"
                        r"(?P<unit>吨|平方米|亩|立方米)")


def _counted(text: str) -> re.Pattern[str] | None:
    """A figure of the thing a how-many question counts (多少事项 → 15个事项), or None."""
    norm = normalize(text)
    if decisive_question_type(norm) in ("ask_due_date", "ask_time_limit"):
        return None  # 多少个工作日 asks how long: the time limit answers it, not a count
    if _MONEY_BOUND.search(norm):  # 金额上限, 多少钱以下: the clause with the sum (200万元以下)
        return _MONEY_SUM
    size = _SIZE_TOLD.search(norm)
    if size:  # 4吨的货车: the clause with a bound of tons (4.5吨以下)
        return re.compile(rf"{_NUMBER}{size.group('unit')}(?:{BOUND_SIDE}|及以[下上])")
    found = _HOW_MANY.search(norm)
    if not found or not (found.group("noun") or found.group("unit")):
        return None
    noun, unit = found.group("noun") or "", found.group("unit") or ""
    if noun:  # 三名以上公证员, 15个事项: the figure a measure word or two before the noun
        return re.compile(rf"{_NUMBER}[^\d，。；、]{{0,4}}?{noun}")
    return None if unit == "个" else re.compile(rf"{_NUMBER}{unit}")


def _weight(grams: set[str] | frozenset[str], idf: dict[str, float]) -> float:
    """The summed IDF of `grams`, the same whatever order the set iterates in (PYTHONHASHSEED):
    a plain sum over a set rounds differently per process, and two clauses tied on the same
    words would then order differently from one process to the next. fsum rounds exactly once;
    equal scores then keep the order of the tasks asked and of the clauses in each task."""
    return math.fsum(idf.get(g, 0.0) for g in grams)


# A turn asks the same clauses of the same tasks more than once (the related matters read each
# question clause against the whole plan, then against the answer's tasks; the gateway's degraded
# answer and agent assist read the message again): each distinct question is read once while it
# is in use. The plan is built once per process, so the arguments are the whole key. Bounded.
RELEVANT_CACHE = 1024


def relevant_clauses(items: list[int], text: str, naming: list[str],
                     also: str = "", only: re.Pattern[str] | None = None) -> list[Evidence]:
    """The one or two clauses of tasks `items` that best address `text` (best first), or []
    when none shares enough of its rarer words. `also`: words the question means without
    saying them (能网上办吗 → 网办, 全程网办), taken as they are. `only`: clauses it matches
    are read, no other (a question a clause of some kind answers: a target by a year)."""
    return list(_relevant(tuple(items), text, tuple(naming), also, only))


@lru_cache(maxsize=RELEVANT_CACHE)
def _relevant(items: tuple[int, ...], text: str, naming: tuple[str, ...],
              also: str, only: re.Pattern[str] | None = None) -> tuple[Evidence, ...]:
    by_task, idf = _clause_index()
    naming_grams: set[str] = set()
    for name in naming:
        naming_grams |= bigrams(name)
    denied = [normalize(case) for case in negated_cases(text)]
    text = without_negated(text) if denied else text
    asked = question_grams(text, []) if text else set()
    grams = asked - naming_grams
    # Words the question means in the plan's words; kept even when a name of the service holds
    # them (注销容错): the user said 小错误, a detail, not the service's name.
    meant = bigrams(also) | ({g for word in plan_words(text).split() for g in bigrams(word)}
                             if text else set())
    grams |= meant
    if not grams:
        return ()
    named = asked & naming_grams
    counted = _counted(text) if text else None
    # A clause sharing no pair cannot score, unless a count the question states does (counted).
    near: set[int] | None = None
    if counted is None and len(items) >= NEAR_FROM_TASKS:
        holders = _holders()
        near = set().union(*(holders.get(g, ()) for g in grams))
    scored = []
    for number in dict.fromkeys(items):
        for clause, clause_grams in by_task.get(number, []):
            if near is not None and id(clause) not in near:
                continue
            if (len(clause.quote) < MIN_CLAUSE_CHARS or _denied_here(denied, clause.text)
                    or (only is not None and not only.search(clause.text))):
                continue
            shared = grams & clause_grams
            counts = bool(counted and counted.search(clause.text))
            if len(shared) < MIN_SHARED and not shared & meant and not counts:
                continue  # one pair alone is as likely chance (外地本人 … 法人在其 → 人在)
            score = _weight(shared, idf) + (COUNT_EVIDENCE if counts else 0.0)
            if score > 0:
                # The service's own name said in the question and in the clause weighs a little:
                # 燃气报装是不是一站式服务 → 第46条 (燃气报装…一站式), not 第91条's 一站式 for
                # 水、电、气 接入 in general.
                score += NAMING_WEIGHT * _weight(named & clause_grams, idf)
                scored.append(Evidence(clause, score))
    scored.sort(key=lambda e: -e.score)
    if not scored or scored[0].score < MIN_EVIDENCE:
        return ()
    chosen = [scored[0]]
    for e in scored[1:]:
        if len(chosen) == MAX_CLAUSES or e.score < SECOND_RATIO * scored[0].score:
            break
        if e.clause.text != chosen[0].clause.text:
            chosen.append(e)
    if len(chosen) == 1:
        chosen += _other_part(chosen[0], by_task[chosen[0].task], grams - meant, idf)
    rows = by_task[chosen[0].task]
    if chosen[0].clause is rows[0][0] and len(rows) > 1:
        # A title alone: quote the body that reads best with it, in place of a second clause
        # from elsewhere; the service's own words said in the question break ties.
        found = {e.clause.text: e.score for e in scored if e.task == chosen[0].task}

        def reads(row: tuple[Clause, frozenset[str]]) -> float:
            clause, clause_grams = row
            return found.get(clause.text, 0.0) + NAMING_WEIGHT * _weight(named & clause_grams, idf)

        bodies = [r for r in rows[1:] if len(r[0].quote) >= MIN_CLAUSE_CHARS]
        if bodies:
            best = max(bodies, key=reads)  # the first of equals: max keeps the earliest
            chosen = [chosen[0], Evidence(best[0], found.get(best[0].text, 0.0))]
    return tuple(chosen)


def _denied_here(denied: list[str], clause: str) -> bool:
    """A clause about a case the user says they are not (不是新能源那种: the 新能源…项目 clause),
    unless the clause itself excludes it (不涉及危险化学品 agrees with 不是危险化学品的)."""
    if not denied:
        return False  # most questions deny nothing: no clause normalised per turn
    norm = normalize(clause)
    return any(case in norm and not re.search(f"[不非无]{re.escape(case)}", norm)
               for case in denied)


# A clause that addresses a part of the question the first one does not (列失信限高？能不能
# 和解: 第152条's 限制高消费 clause, then its 执行和解 one) is quoted second from this much
# evidence of its own: the asked words of that part, which the first clause does not hold.
OTHER_PART_EVIDENCE = 0.5 * MIN_EVIDENCE


def _other_part(first: Evidence, rows: list[tuple[Clause, frozenset[str]]], asked: set[str],
                idf: dict[str, float]) -> list[Evidence]:
    """The clause of the first one's task that holds the most of the asked words the first one
    does not, if they weigh OTHER_PART_EVIDENCE (the title clause is no part)."""
    left = asked - bigrams(first.clause.text)
    best: Evidence | None = None
    for clause, clause_grams in rows[1:]:
        if clause.text == first.clause.text or len(clause.quote) < MIN_CLAUSE_CHARS:
            continue
        score = _weight(left & clause_grams, idf)
        if score >= OTHER_PART_EVIDENCE and (best is None or score > best.score):
            best = Evidence(clause, score)
    return [best] if best else []


def task_of_figure(figure: str, preferred: list[int]) -> int | None:
    """The task whose text states `figure` (7×24小时 → 第2条): one of `preferred` (the service's
    cited tasks) if any states it, else the first task of the plan that does."""
    want = re.sub(r"\s+", "", figure)
    for number in preferred:
        task = tasks().get(number)
        if task and want in task.text:
            return number
    for number, task in tasks().items():
        if want in task.text:
            return number
    return None


_SEGMENT_END = re.compile(r"(?<=[、；;。，,])")


# effective.upcoming's note: （自2027年1月1日起调整为2个工作日，依据《…》）.
CHANGE_NOTE = re.compile(r"（自\d{4}年\d{1,2}月\d{1,2}日起调整为[^（）]*?）")


def cite_stray_figures(text: str, cited: set[int], preferred: list[int]) -> str:
    """`text` with （第N条） after each segment stating a figure that none of the `cited` tasks
    states, N being the task that does: a quoted figure carries the number of its task."""
    if not FIGURE.search(text):
        return text
    if CHANGE_NOTE.search(text):
        # A scheduled change's figure rests on its decision, named in the note: never a task's.
        pieces = CHANGE_NOTE.split(text)
        notes = CHANGE_NOTE.findall(text)
        out = cite_stray_figures(pieces[0], cited, preferred)
        for note, piece in zip(notes, pieces[1:], strict=True):
            out += note + cite_stray_figures(piece, cited, preferred)
        return out
    return _cite_segments(
        text, cited, lambda segment: [re.sub(r"\s+", "", m.group(0))
                                      for m in FIGURE.finditer(segment)],
        lambda figure: task_of_figure(figure, preferred))


def _cite_segments(text: str, cited: set[int], marks: Callable[[str], list[str]],
                   task_of: Callable[[str], int | None]) -> str:
    """`text` with （第N条） after each segment holding a mark (a figure, a quoted term) that none
    of the `cited` tasks states, N being the task `task_of` finds for it."""
    sources = "".join(tasks()[n].text for n in cited if n in tasks())
    out = []
    for segment in _SEGMENT_END.split(text):
        extra: list[int] = []
        for mark in marks(segment):
            if mark in sources:
                continue
            number = task_of(mark)
            if number is not None and number not in cited and number not in extra:
                extra.append(number)
        if extra:
            body = segment.rstrip("、；;。，,")
            tail = segment[len(body):]
            segment = body + "".join(f"（第{n}条）" for n in extra) + tail
        out.append(segment)
    return "".join(out)


# A term the plan puts in quotation marks (“一窗受理”, “一站式”): it names one task's measure.
_QUOTED_TERM = re.compile(r"“([^“”]{2,12})”")
_CITES = re.compile(r"第\d+条")  # a segment already citing a task keeps its own


def cite_stray_terms(text: str, cited: set[int], own: list[int]) -> str:
    """`text` with （第N条） after each segment naming a quoted term (“一窗受理”) that none of the
    `cited` tasks states and one of the service's own tasks `own` does: the howto of 燃气报装 cites
    第46条 (10个工作日), its “一窗受理” is 第45条's. A segment already citing a task is left."""
    if "“" not in text:
        return text
    return _cite_segments(
        text, cited, lambda segment: [] if _CITES.search(segment) else [
            m.group(1) for m in _QUOTED_TERM.finditer(segment)],
        lambda term: next((n for n in own if n in tasks() and term in tasks()[n].text), None))


_PIECE_END = re.compile(r"(?<=[，,；;。])")


def figure_quote(number: int, figure: str) -> str:
    """The shortest piece of task `number` (between commas) that states `figure`, verbatim:
    5个工作日 of 第46条 → 用水报装压缩至5个工作日内. "" when the task does not state it."""
    task = tasks().get(number)
    if task is None:
        return ""
    want = re.compile(r"(?<![\d.])" + re.escape(re.sub(r"\s+", "", figure)))  # 5 ≠ 15
    pieces = [p.rstrip("，,；;。") for p in _PIECE_END.split(task.text)]
    found = [p for p in pieces if want.search(p)]
    return min(found, key=len) if found else ""


_PIECE = re.compile(r"(?<=[，,])")


def focused_quote(quote: str, naming: list[str]) -> str:
    """A clause that lists one figure per service (用水报装压缩至5个工作日内,燃气报装压缩至10个
    工作日内) quoted for one of them keeps that service's figure only: the other figures are true
    of another service and would read as this one's. Other clauses are quoted whole."""
    pieces = _PIECE.split(quote)
    with_figure = [p for p in pieces if FIGURE.search(p)]
    named = {p for p in with_figure if any(n and n in p for n in naming)}
    if len(with_figure) < 2 or not named:
        return quote
    kept = [p for p in pieces if p in named or not FIGURE.search(p)]
    return "".join(kept).rstrip("，,")
