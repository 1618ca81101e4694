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
from dataclasses import dataclass
from functools import lru_cache

from services_catalog.normalize import content_only, normalize
from services_catalog.plan import Clause, tasks
from services_catalog.question_cues import QUESTION_CUES

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


def bigrams(text: str) -> set[str]:
    s = content_only(normalize(text))
    return {s[i:i + 2] for i in range(len(s) - 1)}


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


@dataclass(frozen=True)
class Evidence:
    clause: Clause
    score: float

    @property
    def task(self) -> int:
        return self.clause.task


def question_grams(text: str, naming: list[str]) -> set[str]:
    """The question's bigrams that could address a detail: not its question words, not the
    words naming the service."""
    rest = normalize(text)
    for cue in QUESTION_CUES.values():
        rest = cue.sub(" ", rest)
    rest = _ASKING.sub(" ", rest)
    grams: set[str] = set()
    for piece in rest.split():
        grams |= bigrams(piece)
    for name in naming:
        grams -= bigrams(name)
    return grams


# The plan's own words for what a business says in its words (后果 → 惩戒, 假冒 → 侵权): a
# question and the clause that answers it often share no character pair at all (材料有点小错误
# … 容错机制). Each is a general reading of the colloquial word, not of one question.
PLAN_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"后果|下场|惩罚|怎么处理|会怎样|咋处理"), "惩戒 限制"),
    (re.compile(r"错误|小错|出错|弄错|搞错|错了|失误|有误|写错|填错|小问题|有点问题|瑕疵|补救"),
     "容错"),
    (re.compile(r"一个个|挨个|逐个|各个部门|每个部门|跑一遍|跑好几|来回跑|多头跑|重复(?:交|提交|提供|填)"),
     "一次提交 不再重复 同步办理"),
    (re.compile(r"网上.{0,6}卖|网店|网购|淘宝|直播带货|线上.{0,6}卖"), "电商 线上"),
    (re.compile(r"假冒|假货|盗版|山寨|仿冒|冒牌"), "侵权"),
    (re.compile(r"专门审|专门的法庭|专门法庭|专门的审|专业审"), "审判 专业化"),
    (re.compile(r"一起办|一起弄|一块办|同时办|一并"), "同步办理"),
    (re.compile(r"网点|分店|门店|分支"), "经营场所"),
    (re.compile(r"不全|不齐|缺材料|少材料|差材料|缺(?:了)?(?:一份|一样|个)"), "不齐全 补正"),
    (re.compile(r"空壳|没人没钱|僵尸"), "三无 僵尸企业"),
    (re.compile(r"人数.{0,3}多|几十(?:个|号)?人|上百(?:个|号)?人|好多人|很多人|集体"),
     "重大事项"),
    (re.compile(r"信用.{0,4}(?:好|不错|良好)"), "信用好 风险低"),
    (re.compile(r"小毛病|轻微"), "轻微违法 免予处罚"),
    (re.compile(r"会咋样|会怎么样|咋处理"), "惩戒 限制"),
    # A target or a date asked (州里有什么目标, 有时间表吗, 啥时候能实现): the plan's 到20XX年底，
    # 争取/实现 ….
    (re.compile(r"目标|时间表|时间节点|啥时候|什么时候|哪年|几年内|进度"), "争取 实现 年底"),
    (re.compile(r"上报|汇报|报上去|报给"), "报告"),
    # What a business may not enter (哪些行业不让进, 什么不能投): the 负面清单 and 准入.
    (re.compile(r"不让进|不让做|不让投|不能进|不能投|不准|禁止|限制进入|哪些行业不"),
     "负面清单 准入 非禁即入"),
    (re.compile(r"官司"), "诉讼"),
    (re.compile(r"要债|讨债|催债|逼债|追债"), "催收债务"),
    (re.compile(r"堵门|堵厂|堵路|闹事|威胁|恐吓|砸"), "恶意阻碍生产 寻衅滋事 敲诈勒索"),
    (re.compile(r"确权|归谁|权属"), "明确产权归属"),
    (re.compile(r"限高|限消|限制消费"), "限制高消费"),
    (re.compile(r"到现场|去现场|现场开|不去现场|远程开|线上开|网上开|视频开"), "网络会议"),
    (re.compile(r"缓冲期?|宽限|缓一缓|缓期|给点时间"), "宽限期"),
    (re.compile(r"疫情因素|不可抗|客观原因|天灾|没法按时|无法按时|不能按时"), "不可抗力 情势变更"),
    (re.compile(r"撑不住|快倒闭|快不行|资不抵债|周转不过来|不想(?:直接)?破产"),
     "濒临破产 盘活 救治"),
    (re.compile(r"受影响|有影响|影响投标|影响招标|不让投标"), "惩戒 限制 准入"),
    # Charges complained of or checked (乱收费, 收费乱七八糟, 收的费用有没有人查): the plan's
    # 查处…违法违规收费 / 收取不合理费用 and 公开…价格, 接受社会监督.
    # Applying out of office hours (晚上能在网上申请吗): the plan's 7×24小时“不打烊”.
    (re.compile(r"晚上|夜里|半夜|下班后|周末|节假日"), "7×24小时 不打烊"),
    (re.compile(r"乱收|收费.{0,2}乱|乱七八糟|收的?(?:各种)?费.{0,8}(?:有没有人|谁)(?:查|管)"),
     "公开 价格 收费透明 接受社会监督 查处"),
    (re.compile(r"保护费|收黑钱|地痞|混混|黑社会|恶势力"), "敲诈勒索 欺行霸市 恶势力"),
    # Whether a complaint gets anywhere (投诉了能管用吗): the plan's 接诉即办.
    (re.compile(r"(?:投诉|反映|举报|12345).{0,8}(?:管用|有用|有效|起作用|能解决|有人管)"),
     "接诉即办"),
)
# A title clause is quoted with the best body clause of its task: the title says what the
# task does, the body how (简化新业态食品经营许可发放模式 → …仅销售预包装食品…实行备案制管理).
# Among body clauses the words naming the service break ties at this weight (they say which
# service, so they never decide whether a clause is quoted at all).
NAMING_WEIGHT = 0.3


def plan_words(text: str) -> str:
    """The plan's words for the colloquial words of `text` (PLAN_WORDS), space-separated."""
    norm = normalize(text)
    return " ".join(words for cue, words in PLAN_WORDS if cue.search(norm))


def relevant_clauses(items: list[int], text: str, naming: list[str],
                     also: str = "") -> list[Evidence]:
    """The one or two clauses of tasks `items` that best address `text` (best first), or []
    when none shares enough of its rarer words. `also`: words the question means without
    saying them (能网上办吗 → 网办, 全程网办), taken as they are."""
    by_task, idf = _clause_index()
    naming_grams: set[str] = set()
    for name in naming:
        naming_grams |= bigrams(name)
    asked = question_grams(text, []) if text else set()
    grams = asked - naming_grams
    # Words the question means in the plan's words; kept even when a name of the service holds
    # them (注销容错): the user said 小错误, a detail, not the service's name.
    meant = bigrams(also) | ({g for word in plan_words(text).split() for g in bigrams(word)}
                             if text else set())
    grams |= meant
    if not grams:
        return []
    named = asked & naming_grams
    scored = []
    for number in dict.fromkeys(items):
        for clause, clause_grams in by_task.get(number, []):
            if len(clause.quote) < MIN_CLAUSE_CHARS:
                continue
            shared = grams & clause_grams
            if len(shared) < MIN_SHARED and not shared & meant:
                continue  # one pair alone is as likely chance (外地本人 … 法人在其 → 人在)
            score = sum(idf.get(g, 0.0) for g in shared)
            if score > 0:
                # The service's own name said in the question and in the clause weighs a little:
                # 燃气报装是不是一站式服务 → 第46条 (燃气报装…一站式), not 第91条's 一站式 for
                # 水、电、气 接入 in general.
                score += NAMING_WEIGHT * sum(idf.get(g, 0.0) for g in named & clause_grams)
                scored.append(Evidence(clause, score))
    scored.sort(key=lambda e: -e.score)
    if not scored or scored[0].score < MIN_EVIDENCE:
        return []
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
            return found.get(clause.text, 0.0) + NAMING_WEIGHT * sum(
                idf.get(g, 0.0) for g in named & clause_grams)

        bodies = [r for r in rows[1:] if len(r[0].quote) >= MIN_CLAUSE_CHARS]
        if bodies:
            best = max(bodies, key=reads)  # the first of equals: max keeps the earliest
            chosen = [chosen[0], Evidence(best[0], found.get(best[0].text, 0.0))]
    return chosen


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
        score = sum(idf.get(g, 0.0) for g in left & clause_grams)
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
    sources = "".join(tasks()[n].text for n in cited if n in tasks())
    out = []
    for segment in _SEGMENT_END.split(text):
        extra: list[int] = []
        for m in FIGURE.finditer(segment):
            fig = re.sub(r"\s+", "", m.group(0))
            if fig in sources:
                continue
            number = task_of_figure(fig, preferred)
            if number is not None and number not in cited and number not in extra:
                extra.append(number)
        if extra:
            body = segment.rstrip("、；;。，,")
            tail = segment[len(body):]
            segment = body + "".join(f"（第{n}条）" for n in extra) + tail
        out.append(segment)
    return "".join(out)


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
