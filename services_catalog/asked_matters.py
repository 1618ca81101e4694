"""Matters a message asks in a clause of its own, read against every clause of the plan.

A short message often asks two things of two matters (开个烧烤店要办哪些手续？晚上能办吗;
冷库…产权到底归谁？能不能快点立案): the answer settles on one service, and the other question
is dropped. The situation memory (situations.py) gates short messages out, and a question
clause such as 晚上能办吗 names no service the catalog search reads surely. The plan's own
clauses do address it, in rare words both share (晚上 → 第2条 延时错时、不打烊).

So each clause of a message of several clauses that asks (several.asks) is read against every
task's clauses (evidence.relevant_clauses), and a task whose clause it shares rare words with
strongly (ASKED_EVIDENCE) is a matter it touches. Only a clause that asks: a clause that tells
the scene (来回跑了三趟, 资金周转不过来) reads strongly as some clause too, but it is the case
of the question, not another question.

Kept beside an answer (beside_answer) only within the plan areas the answer cites, and only
when the answer's own tasks do not address the clause already: the plan's words for a worry
(来回跑 → 一次提交、不再重复; 查封 → 查封、扣押、冻结、解除) are one task's wording of a
commitment that a question about another area's matter means of that matter (法院会不会让我来回
跑 is not 企业开办's 第1条; 房子有没有被查封 is a 不动产 lookup, not 第164条's unfreezing).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from services_catalog import plan
from services_catalog.evidence import (
    PLAN_WORDS,
    THESAURUS,
    Evidence,
    pairs,
    plan_words,
    relevant_clauses,
    thesaurus_words,
)
from services_catalog.normalize import normalize
from services_catalog.question_cues import OPENS_ANOTHER, content_besides_cues
from services_catalog.resolve import asks_together
from services_catalog.search.common import new_tokenizer
from services_catalog.search.typos import TypoCorrector
from services_catalog.several import asks, clause_spans

# The IDF weight of the rare words a question clause and a plan clause share, for the clause to
# be a matter of its own. relevant_clauses' bar (6) is a detail's of a service already chosen;
# over all 172 tasks at once, chance pairs (来回, 查封) need a bar three times that.
ASKED_EVIDENCE = 20.0
# ... or this much, when the clause holds the plan's own terms for what the question says in its
# words (plan_words.yml: 开庭…能在网上参加吗 → 在线庭审, 第153条), as many characters of them at
# least: a reading the plan-words table states, not a chance pair (a two-character term alone,
# 惩戒 of 怎么处理, is too general to say which task).
TERM_EVIDENCE = 10.0
TERM_CHARS = 4
MIN_CLAUSES = 2  # a one-clause question is the answer's own: nothing else asked
SHOWN_SHARE = 0.5  # of a clause's two-character words in a reply, for the clause to be in it
# The areas an answer cites for a term question of another area to join it: an answer spanning
# chapters already (a checklist, several services). Not a count of tasks: a one-chapter checklist
# (参加政府采购) would take 去现场 → 第141条's 破产会议 for a bidder's question.
MIXED_AREAS = 2
OWN_SHARE = 2  # the answer's own tasks read a term question this share as well: theirs
QUOTE_MAX = 76  # characters of a long clause quoted around the words asked (besides "……")
_COMMA = re.compile(r"[，,；;]")
_ASIDE = re.compile(r"（[^（）]{12,}）")  # a bracketed aside of a clause, as long as a clause


class Asked(NamedTuple):
    task: int  # 第N条
    quote: str  # the clause of it the question reads as (第2条's 不打烊 for 晚上能办吗)
    words: str  # the question clause
    termed: bool = False  # read through the plan's terms for its words (TERM_EVIDENCE)
    # The plan-words readings (their terms) of the question that the clause read holds in full,
    # whatever its score: a reading the table states (_stated).
    stated: tuple[str, ...] = ()
    # Read in the plan's own terms for its words, TERM_CHARS of them or more and all of them in the
    # clause (娃娃上学 → 随迁子女 义务教育, 第55条), TERM_EVIDENCE at least: the plan-words table
    # says what its words mean, the reading is no chance pair.
    told_by_terms: bool = False
    score: float = 0.0
    # The question opens another matter (另外…, 还有…: _NEXT_PART), after the message asked of one.
    another: bool = False
    # Read through the thesaurus (plan_thesaurus.yml), the table and the plan's words alone
    # reading nothing of the clause (_reading).
    thesaurus: bool = False


# The readings of the plan's words for a question clause: the plan-words table, and, for a clause
# the table and the plan's own words read as no matter, the thesaurus written from the plan alone
# (plan_thesaurus.yml) as well. Only the asked matters read the thesaurus: not the service
# search, the detail reading or an answer's own clauses (unquoted_own).
TERM_TABLE = (*PLAN_WORDS, *THESAURUS)


def _table(thesaurus: bool) -> tuple[tuple[re.Pattern[str], str], ...]:
    return TERM_TABLE if thesaurus else PLAN_WORDS


def terms_for(words: str, thesaurus: bool = True) -> str:
    """The plan's words for a question clause `words`: plan_words, then with `thesaurus`
    thesaurus_words too (周末能不能去窗口办 → 不打烊 自助终端, 第2条, from the thesaurus)."""
    return " ".join(t for t in (plan_words(words), thesaurus and thesaurus_words(words)) if t)


def clauses_read(tasks: list[int], words: str, thesaurus: bool = False) -> list[Evidence]:
    """relevant_clauses of `tasks` for a question clause; with `thesaurus` the thesaurus's words
    for it are meant as well (`also`): the table's own relevant_clauses reads itself."""
    return relevant_clauses(tasks, words, [], also=thesaurus_words(words) if thesaurus else "")


# Asked twice a turn (touches_more, then beside_answer) and again by the gateway's degraded answer:
# read once per message, keyed on its normalised text (the plan is the same for every snapshot).
ASKED_CACHE = 256


def asked_matters(text: str) -> tuple[Asked, ...]:
    """The tasks the message's question clauses each read as strongly, in its order. Common words
    typed by sound (注消 for 注销, voice input) are put right first, as search does, so that the
    plan words read them (注销…简单 → 简易注销)."""
    return _asked_in(typo_corrector().correct(normalize(text)))


@lru_cache(maxsize=1)
def typo_corrector() -> TypoCorrector:
    return TypoCorrector(new_tokenizer())


# A clause that asks with next to nothing of its own (能在网上参加吗, 这合理吗) asks about what its
# sentence said before it (开庭我们法务在外地出差，能在网上参加吗): read with it. A clause closed by
# a question mark asks, whatever its words (听说执照现在可以不用纸质的了？).
# A clause that asks without a question word, in terse speech: a negated guess to be set right
# (我们在外地不能线上参加吧, 手机上弄不成吧) or hearsay to be confirmed (听说还要拿验资证明).
_DOUBTS = re.compile(r"[不没][^，,。]{0,8}吧$|^听说")
SHORT_ASK = 4  # characters a question clause says besides its question words, at least, alone
_ENDS = "。？?！!；;"
# A clause typed without its question mark that asks to have a guess confirmed (执照不用跑城里办吧,
# 能网上交吧): 吧 after what it supposes (不用, 能, 可以 …) asks, as 吗 would.
_CONFIRMS = re.compile(r"(?:不用|不必|不要|不需要|用不着|没有?|能|可以|行)[^，,。?？]{0,8}吧$")


# Where a sentence typed without stops (voice input: 想在乡下开个分店 政府支持不支持 还有分店的
# 许可要改点信息 去哪办) goes on to another question: at a clause opening with a word that adds
# another matter, after a question already asked. A short question is read with the clauses of its
# own part, not with the question before it. Not before any question (办u盾,还有开电子票,收不收钱
# asks of both), nor after one without such a word (商标注册去哪咨询,昌吉有窗口吗: of the same).
_NEXT_PART = re.compile(r"^(?:然后|另外|此外|再一个|再就是|再有|其次|顺便|最后"
                        # 还有 of another matter, not of a way still open (还有路子吗)
                        r"|还有(?!(?:别的|其他|其它|啥|什么|没有|路子|办法|出路|机会|希望|救)))")


def _questions(norm: str) -> list[str]:
    """The message's questions: each clause that asks, a short one with the clauses of its
    sentence before it."""
    return [words for words, _ in _questions_told(norm)]


def _questions_told(norm: str) -> list[tuple[str, str]]:
    """The message's questions (_questions), each with the clause just before it in its part
    when that one tells rather than asks (想给他们搞个培训 before 政府有没有补贴), else ""."""
    return [(words, told[-1] if told else "") for words, told in _questions_telling(norm)]


TOLD_CLAUSES = 2  # telling clauses just before a question that its retry reads with it, at most


def _questions_before(norm: str, words: str) -> bool:
    """A clause before `words` in the message asks."""
    at = norm.find(words)
    return at > 0 and any(clause_asks(norm, a, b) for a, b in clause_spans(norm) if b <= at)


def _questions_telling(norm: str) -> list[tuple[str, tuple[str, ...]]]:
    """The message's questions, each with the clauses just before it in its part that tell
    rather than ask (TOLD_CLAUSES at most, in order; 想注销掉 也没啥欠账 before 有没有简单点的
    办法)."""
    clauses = clause_spans(norm)
    if len(clauses) < MIN_CLAUSES:
        return []
    out: list[tuple[str, tuple[str, ...]]] = []
    start = 0  # where the part of the sentence that the clause at hand is in begins
    asked = False  # a clause of that part asked already
    told: list[str] = []  # the clauses before, of the same part, asking nothing, since a question
    for a, b in clauses:
        words = norm[a:b]
        if (a and norm[a - 1] in _ENDS) or (asked and _NEXT_PART.match(words)):
            start, asked, told = a, False, []
        if not clause_asks(norm, a, b):
            told.append(words)
            continue
        asked = True
        before, told = tuple(told[-TOLD_CLAUSES:]), []
        if start < a and len(content_besides_cues(words)) < SHORT_ASK:
            words, before = norm[start:b], ()
        out.append((words, before))
    return out


# A clause that adds a want or plan of the speaker's to what the message said before (另外新员工合同
# 想电脑上签, 我们还打算在网上签劳动合同, 还想在乌鲁木齐弄一个孵化的地方): a second matter they
# want seen to, stated without a question form. The additive word (另外, 还, 也 …) makes it a second
# one: a want alone (我们做新材料的，想跟大学合作搞个研发中心) is the message's own matter, the one
# the answer is about.
_ADDS = re.compile(r"^(?:我们?|咱们?|俺们?|公司|厂里|店里)?(?:其实)?"
                   r"(?:另外|还有|此外|顺便|顺带|同时|也|还|再)")
_WANT = re.compile(r"想|打算|准备|希望|计划|考虑")


def _wishes(norm: str) -> list[str]:
    """The message's clauses that add a want (_ADDS, _WANT) to a clause before them, or open
    with 另外, none asking: not one followed by a question in its sentence, which tells that
    question's case (另外想跟高校合作搞个研发中心，再问问有没有科技保险 asks of the insurance)."""
    clauses = clause_spans(norm)
    if len(clauses) < MIN_CLAUSES:
        return []
    out = []
    for i, (a, b) in enumerate(clauses):
        words = norm[a:b]
        # (另外… adds a want even opening a turn)
        if not ((i or OPENS_ANOTHER.match(words)) and _ADDS.match(words)
                and _WANT.search(words)):
            continue
        rest = [(c, d) for c, d in clauses[i:] if not any(e in _ENDS for e in norm[a:c])]
        if not any(clause_asks(norm, c, d) for c, d in rest):
            out.append(words)
    return out


# 啥 / 什么 after a negation tells there is none (也没啥欠账, 没什么问题): no question word.
_NONE_OF = re.compile(r"(?<!有)(?:没有?|不)(?:啥|什么)")  # not 有没有啥 (asks)


# A question of the situation told as a whole (政府在这方面有什么支持, 上述方面有何政策): it asks
# of each thing the message told before it.
_OF_THE_SITUATION = re.compile(r"(?:这方面|这些方面|上述|以上|这几个方面|这几方面|这些事|这几件事)"
                               r"[^，,。？?]{0,8}(?:支持|政策|扶持|帮助|帮扶|优惠|补贴|办法|规定)"
                               # 这两件事报警后能追回来吗
                               r"|(?:这两件事|这两个事|这两样事|这几件事|这些事)"
                               # 这种咋办 / 这事该怎么办, the whole clause: what to do about all
                               # that was told (堵门…不让车进…案子拖着不立 这种咋办)
                               # ... or by the business that is to act (企业该怎么办, 公司该咋办);
                               # not 我该咋办, of one's own plight as a whole (周转不过来…堵厂门)
                               r"|^(?:这种|这个|这样|这|那|(?:企业|公司|厂里|店里|单位)(?=该|应该|应当|要))"
                               r"(?:情况|事情?|种事|样子)?(?:该|应该|应当|要|我们?)?"
                               r"(?:咋办|怎么办|咋整|咋弄|怎么处理|咋处理)[啊呀呢吗]?$")


def _situation_told(norm: str) -> list[str]:
    """The clauses told, asking nothing, before a question of the situation as a whole
    (_OF_THE_SITUATION: 在网上把本地特产卖到中亚和俄罗斯 … 请问政府在这方面有什么支持): each is a
    matter asked, read only where the plan-words table states its reading (_asked_in)."""
    clauses = clause_spans(norm)
    if len(clauses) < MIN_CLAUSES:
        return []
    for i, (a, b) in enumerate(clauses):
        if clause_asks(norm, a, b) and _OF_THE_SITUATION.search(norm[a:b]):
            return [norm[c:d] for c, d in clauses[:i] if not clause_asks(norm, c, d)]
    return []


# A need stated (新买了几十辆车要查验, 员工得办居住证): 要 / 得 / 需要 before what is to be done.
_NEED = re.compile(r"(?:要|得|需要|必须)(?!不|求|是|么)[\u4e00-\u9fff]{2}")


def _need_before_next(norm: str, clauses: list[tuple[int, int]], i: int) -> bool:
    """Clause i states a need (_NEED), asks nothing, and the next clause opens another matter
    (还有就是, 另外 …: _NEXT_PART) with no question between: the message lists it as one of its
    matters (我们是公交公司 新买了几十辆车要查验 还有就是…乱罚款的 这个有人管没)."""
    a, b = clauses[i]
    if i + 1 >= len(clauses) or clause_asks(norm, a, b) or not _NEED.search(norm[a:b]):
        return False
    c, d = clauses[i + 1]
    return bool(_NEXT_PART.match(norm[c:d])) and not any(e in _ENDS for e in norm[b:c])


def _last_part_told(norm: str, clauses: list[tuple[int, int]]) -> list[str]:
    """The clauses of the message's last part, when it opens another matter after a question
    (还有…: _NEXT_PART) and asks nothing itself: a wrong told as the last of the message's matters
    (…是不是真的 还有我们用的罐装气老是供不上 给燃气公司投诉了半个月没人理), read only where
    the plan-words table states its reading, or strongly (投诉…没人理 → 投诉协同处理, 第44条)."""
    for i in range(len(clauses) - 1, 0, -1):
        a, b = clauses[i]
        if not _NEXT_PART.match(norm[a:b]):
            continue
        rest = clauses[i:]
        if (any(e in _ENDS for e in norm[a:clauses[-1][1]])
                or any(clause_asks(norm, c, d) for c, d in rest)
                or not any(clause_asks(norm, c, d) for c, d in clauses[:i])):
            return []
        return [norm[c:d] for c, d in rest]
    return []


# Another thing that happened, told after the question (…这算犯罪吗能立案吗？他走的时候还把客户名单
# 带去了对手公司): 还 / 也 / 又 adds it to the wrong asked about.
_ALSO = re.compile(r"还(?!没|不|是|有没有|能|可以|要|得|需要)|也|又|另外|同时")


def _told_after(norm: str, clauses: list[tuple[int, int]]) -> list[str]:
    """The clauses of the message's last sentence, when a question closed the one before it
    (？) and it asks nothing but adds another thing that happened (_ALSO): a further wrong told,
    read only where the plan-words table states its reading (客户名单带去 → 商业秘密, 第134条)."""
    ends = [i for i, ch in enumerate(norm.rstrip("。！!")) if ch in "？?"]
    if not ends or len(clauses) < MIN_CLAUSES:
        return []
    rest = [(a, b) for a, b in clauses if a > ends[-1]]
    if (not rest or len(rest) == len(clauses)
            or any(clause_asks(norm, a, b) for a, b in rest)
            or not _ALSO.search(told := norm[rest[0][0]:rest[-1][1]])
            # a want or a need (之后还想拿它去抵押, 新店也要单独报装) is a plan, not a wrong; a
            # want is _wishes' to read
            or _WANT.search(told) or _NEED.search(told)):
        return []
    return [norm[a:b] for a, b in rest]


def _last_want(norm: str, clauses: list[tuple[int, int]]) -> list[str]:
    """The message's last clause when it states a want of the speaker's (_WANT) after a
    question, asking nothing (…是直接去法院还是有啥别的路子 我想就在县里解决别跑远了): how the
    speaker wants the matter settled, read only where the plan-words table states its reading
    (在县里解决 → 就地就近化解, 第27条)."""
    if len(clauses) < MIN_CLAUSES:
        return []
    a, b = clauses[-1]
    words = norm[a:b]
    if (not re.match(r"^(?:我们?|咱们?|俺们?)?(?:就|还是|最好)?(?:想|希望|打算)", words)
            or clause_asks(norm, a, b)
            or not any(clause_asks(norm, c, d) for c, d in clauses[:-1])):
        return []
    return [words]


def clause_asks(norm: str, a: int, b: int) -> bool:
    words = _NONE_OF.sub("", norm[a:b])
    return bool(asks(words) or norm[b:b + 1] in ("?", "？") or _CONFIRMS.search(words)
                or _DOUBTS.search(words))


@lru_cache(maxsize=ASKED_CACHE)
def _asked_in(norm: str) -> tuple[Asked, ...]:
    """Each question clause's reading, in the message's order. Two clauses may read as one task
    (配送能不能送到村里 / 办证是不是还得跑到县城去 → 第69条 基层): each is kept, for beside_answer
    weighs each clause on its own (the first one's words are another task's of the answer)."""
    every = list(plan.tasks())
    found: list[Asked] = []
    wishes = _wishes(norm)
    situation = [w for w in _situation_told(norm) if w not in wishes]
    clauses = clause_spans(norm)
    if len(clauses) < MIN_CLAUSES:
        clauses = []
    situation += [norm[a:b] for i, (a, b) in enumerate(clauses)
                  if _need_before_next(norm, clauses, i) and norm[a:b] not in situation]
    last_told = [w for w in _last_part_told(norm, clauses) if w not in situation]
    situation += [w for w in _last_want(norm, clauses)
                  if w not in situation and w not in last_told and w not in wishes]
    situation += last_told
    situation += [w for w in _told_after(norm, clauses) if w not in situation]
    for asked, tells in [*_questions_telling(norm), *((w, ()) for w in wishes),
                         *((w, ()) for w in situation)]:
        by_thesaurus = False
        read, words = _reading(every, asked, tells, situation, last_told, False)
        if read is None and _thesaurus_reads(asked, tells):
            # Nothing of the clause read in the table's and the plan's words: the thesaurus's.
            by_thesaurus = True
            read, words = _reading(every, asked, tells, situation, last_told, True)
        if read is None:
            continue
        taken = {f.task for f in found}
        if read[0][0].task in taken and any(f.words in words for f in found if f.words != words):
            # A short question read with its whole part (…会不会直接抓人 … 能不能和解) that reads
            # as a question before it already did asks something else: the next task, where the
            # plan-words table states its reading (和解 → 刑事和解, 第162条).
            other = _read([n for n in every if n not in taken], words, by_thesaurus)
            if other is not None and other[2]:
                read = other
        evidence, termed, stated = read
        task = evidence[0].task
        title = plan.task(task).title
        # A title read first comes with the body that reads best with it: quote the body.
        quote = next((e.clause.quote for e in evidence
                      if e.task == task and e.clause.quote != title), "")
        strong = evidence[0].score >= ASKED_EVIDENCE
        found.append(Asked(task, quote, words, termed and not strong, stated, termed,
                           evidence[0].score, bool(found or _questions_before(norm, asked))
                           and bool(_NEXT_PART.match(asked)), by_thesaurus))
    return tuple(found)


def _thesaurus_reads(asked: str, tells: tuple[str, ...]) -> bool:
    """Whether the thesaurus has words for a question clause, alone or joined with the clauses it
    tells before it, as _reading joins them: without any, a reading through it is the first
    reading again (a second search of every task for nothing)."""
    joined = (f"{' '.join(tells[-n:])};{asked}" for n in range(1, len(tells) + 1))
    return any(thesaurus_words(words) for words in (asked, *joined))


def _reading(every: list[int], asked: str, tells: tuple[str, ...], situation: list[str],
             last_told: list[str], thesaurus: bool,
             ) -> tuple[tuple[list[Evidence], bool, tuple[str, ...]] | None, str]:
    """A question clause's reading (_read) and the words read (`asked`, or joined with the clauses
    it tells before it), the thesaurus read too with `thesaurus`."""
    words = asked
    read = _read(every, words, thesaurus)
    if read is not None and words in situation and not read[2] and not (
            words in last_told and read[0][0].score >= ASKED_EVIDENCE):
        # A clause of the story or a need stated (_situation_told, _need_before_next): only a
        # reading the table states — or, of another matter told last (_last_part_told), a
        # strong one (给燃气公司投诉了半个月没人理 → 第44条 供水、燃气 用户投诉).
        read = None
    # A question that names its matter only in the clause before (研发花了不少钱 税上
    # 有没有优惠, 搞个培训 政府有没有补贴): read with it, for a reading the plan-words table
    # states of the two (研发…优惠 → 加计扣除), not a chance pair of the scene's words.
    # Only a reading of a cue that spans the two: one the scene says alone is the scene's
    # matter, which the answer is about (每个点都要单独办执照吗 after 我们有好几个网点).
    # Joined as two statements (;): a cue that reads within one clause's reach only
    # (村里…办 → 基层 延伸) does not join the scene's place to the question's verb. The clause
    # just before first, then the two before (想注销掉 也没啥欠账 有没有简单点的办法).
    for n in range(1, len(tells) + 1):
        if read is not None:
            break
        told = " ".join(tells[-n:])
        words = f"{told};{asked}"
        # And the question's own words meet the clause read (补贴 of 培训补贴, 工人 of 务工
        # 人员): the scene names the matter, the question still asks of it.
        read = _read(every, words, thesaurus)
        if read is not None and read[2] and (_recourse_only(asked) or _echoes(told, asked)):
            # 出纳把公款挪去自己用了，能立案追究吗 / 上门堵着要账…这种有人管不: a question
            # of recourse only (who deals with it, can one sue) asks of the wrong told just
            # before it, which the plan-words table reads (挪 → 挪用资金 职务侵占).
            break
        if read is not None and not (set(read[2]) & _spanning(told, words, thesaurus)
                                     and (pairs(normalize(asked)) & pairs(
                                         normalize(read[0][0].clause.text))
                                          or _reaches(told, words, set(read[2]), thesaurus))):
            read = None
    return read, words


# A question asking only for recourse against a wrong told before it (这种有人管不, 有什么说法,
# 能立案追究吗, 这个能告吗): what is left of it besides these words and the question words is a
# pronoun or nothing.
_RECOURSE = re.compile(r"有没有人管|有人管|谁来管|谁管|管不管|有什么说法|有啥说法|讨个?说法"
                       r"|有没有人查|有人查|谁来查|谁查|查不查"
                       r"|立案|追究|算不算犯罪|算犯罪|犯罪|能告|告得|可以告|能不能告|告他|告对方|报警|报案|违法|犯法|帮不帮|能不能帮|帮帮忙"
                       # money lost, asked back (这钱还能追回来不)
                       r"|追回来|追得回来|追回|追得回|挽回")
_RECOURSE_REST = re.compile(r"^(?:这种|这个|这些|这样|那种|那个|这|那|种|个|些|的|事"
                            r"|情况|行为|不|没|法院|政府|公安|警察|部门|有关部门|相关部门|钱|款|笔|损失"
                            r"|他们|她们|人家|到底|究竟)*$")


def _recourse_only(question: str) -> bool:
    """The question asks for recourse (_RECOURSE) and says nothing else of its own."""
    if not _RECOURSE.search(question):
        return False
    rest = content_besides_cues(_RECOURSE.sub("", question))
    return bool(_RECOURSE_REST.match(rest))


# What a question asks the detail of, besides its own words (具体咋限制的: 具体).
_DETAIL_OF = re.compile(r"具体|到底|究竟|是|的|了|都|又|还|一般|通常")
ECHO_CHARS = 2  # the question's own words, at least, that the told clause says again (_echoes)


def _echoes(told: str, question: str) -> bool:
    """The question says nothing of its own but a word of the clause told just before it
    (欠工人钱被限制了 … 具体咋限制的): it asks how that told thing is done, and is read with it
    where the plan-words table states the reading (拖欠农民工工资 → 联合惩戒, 第95条)."""
    rest = _DETAIL_OF.sub("", content_besides_cues(question))
    return len(rest) >= ECHO_CHARS and rest in told


REACH_CHARS = 2  # the question's own words a spanning cue takes in, at least (_reaches)
# ... naming a way or a benefit, not a matter of its own (办执照 after 不会弄电脑手机: no
# 一照办电)
_WAY_OR_BENEFIT = re.compile(r"优惠|简单|简便|简化|省事|快捷|办法|法子|路子|补贴|扶持|减免|一次"
                             r"|抵扣|扣除|回老家|回原籍|跑")


def _reaches(told: str, words: str, readings: set[str], thesaurus: bool = False) -> bool:
    """A cue of `readings` spanning the scene and the question takes in REACH_CHARS or more of
    the question's own words besides its question words (研发花了不少钱;税上有没有啥优惠 → 优惠,
    想注销掉;有没有简单点的办法 → 简单): the question asks the way or the benefit of the scene's
    matter, in the table's words for it, though it shares no word with the clause read."""
    cut = len(told) + 1
    for cue, terms in _table(thesaurus):
        if terms not in readings:
            continue
        for m in cue.finditer(words):
            took = content_besides_cues(words[cut:m.end()])
            if m.start() < cut < m.end() and len(took) >= REACH_CHARS and _WAY_OR_BENEFIT.search(
                    took):
                return True
    return False


def _spanning(told: str, words: str, thesaurus: bool = False) -> set[str]:
    """The plan-words readings (their terms) whose cue `words` hits but its first clause `told`
    and the rest of it do not, each alone."""
    rest = normalize(words[len(told) + 1:])
    return {terms for cue, terms in _table(thesaurus)
            if cue.search(normalize(words)) and not cue.search(normalize(told))
            and not cue.search(rest)}


def _read(every: list[int], words: str, thesaurus: bool = False,
          ) -> tuple[list[Evidence], bool, tuple[str, ...]] | None:
    """The clauses `words` read as, best first, when the best is strong enough to be a matter
    asked (ASKED_EVIDENCE, or TERM_EVIDENCE through the plan's terms), with whether it holds the
    plan's terms for them (_in_plan_terms) and the table's readings it states (_stated). With
    `thesaurus`, the thesaurus's words and readings count as the table's (税盘要花钱吗: nothing in
    the table, the thesaurus's 税务Ukey 电子发票免费 → 第4条)."""
    evidence = clauses_read(every, words, thesaurus)
    if not evidence:
        return None
    if not (_in_plan_terms(words, evidence[0], thesaurus)
            or _stated(words, evidence[0].clause.text, thesaurus)):
        # A clause a little behind that holds a reading the table states in full (营业执照
        # 办下来得几天 → 企业开办时限, 第3条) is read before a chance pair of rarer words (第8条's
        # 新业态市场主体 for 营业执照).
        stated_first = [e for e in evidence[1:] if e.score >= TERM_EVIDENCE
                        and _stated(words, e.clause.text, thesaurus)]
        evidence = [*stated_first, *(e for e in evidence if e not in stated_first)]
    if not (_in_plan_terms(words, evidence[0], thesaurus)
            or _stated(words, evidence[0].clause.text, thesaurus)):
        # ... and within the task read, its clause that states the reading (12345反映问题 他们
        # 管不管 → 第77条's 接诉即办, not its 12345 与 110 对接 that the rarer words share).
        top = evidence[0]
        stating = next((c for c in plan.task(top.task).clauses
                        if c.text != top.clause.text and len(c.quote) >= TERM_CHARS
                        and _stated(words, c.text, thesaurus)), None)
        if stating is not None:
            evidence = [Evidence(stating, top.score), *evidence]
    termed = _in_plan_terms(words, evidence[0], thesaurus)
    stated = _stated(words, evidence[0].clause.text, thesaurus)
    if evidence[0].score < ASKED_EVIDENCE and not (
            (termed or stated) and evidence[0].score >= TERM_EVIDENCE):
        return None
    return evidence, termed, stated


def _stated(words: str, clause: str, thesaurus: bool = False) -> tuple[str, ...]:
    """The readings of the plan-words table that `words` hit with all their terms, TERM_CHARS or
    more, in `clause` (慢慢还 → 分期履行 延期履行 in 第166条, whatever another reading of
    the same words adds), and none of them in the words already: a word the plan uses as well
    (查封 of a house) is no reading of the plan's, only the plan's word for something else (第164
    条's unfreezing). None for a together-question (_in_plan_terms)."""
    if asks_together(words):
        return ()
    norm = normalize(words)
    return tuple(terms for cue, terms in _table(thesaurus)
                 if cue.search(norm) and sum(map(len, terms.split())) >= TERM_CHARS
                 and all(t in clause and t not in norm for t in terms.split()))


def _in_plan_terms(words: str, evidence: Evidence, thesaurus: bool = False) -> bool:
    """The clause read holds the plan's terms for the question's words, TERM_CHARS or more, and
    all of them (开庭能不能网上开 means 在线庭审 as well as 网络会议: 第141条's creditors'
    meetings hold only the second). Not a together-question (能在一个平台一起办吗 → 同步办理): it
    asks how the matters it names are combined, which is theirs to say, not 第1条's 企业开办."""
    terms = list(dict.fromkeys(terms_for(words, thesaurus).split()))
    text = evidence.clause.text
    return (sum(map(len, terms)) >= TERM_CHARS and all(t in text for t in terms)
            and not asks_together(words))


@lru_cache(maxsize=256)
def asking_clauses(text: str) -> tuple[str, ...]:
    """The questions, of a message of MIN_CLAUSES clauses or more (normalised): each asking
    clause, a short one with its sentence before it (_questions)."""
    return tuple(_questions(normalize(text)))


def unquoted_own(text: str, cited: set[int], reply: str) -> dict[int, str]:
    """Clauses of the answer's own tasks that a question clause reads as and the reply leaves
    out (task → clause): 口岸收费有没有公示？查验设备升级了吗 answered with 第102条's fee clause
    still owes its 查验设施设备信息化建设 clause. The tasks are already the answer's, so a
    detail's bar (relevant_clauses' own) is enough; a task's title says nothing of the detail."""
    own = sorted(n for n in cited if n in plan.tasks())
    shown = pairs(normalize(reply))
    found: dict[int, str] = {}
    for words in asking_clauses(text) if own else ():
        evidence = relevant_clauses(own, words, [])
        if not evidence:
            continue
        best = evidence[0]
        quote = best.clause.quote
        if best.task in found or quote == plan.task(best.task).title:
            continue
        # 燃气报装要几天 answered 承诺时限10个工作日: the words it shares with the clause are in
        # the reply, which speaks of what it asked. A long clause quoted cut short (its first 80
        # characters) holds most of its words but not those asked further on: by those words.
        # The plan's words for what it asks count as asked (不用纸质的 → 无纸化): the reply
        # naming 营业执照 does not yet say 无纸化登记.
        asked = f"{words} {plan_words(words)}"
        shared = pairs(asked) & pairs(normalize(quote))
        if shared <= shown if shared else _shown(quote, shown):
            continue
        found[best.task] = around(quote, asked)
    return found


def around(quote: str, words: str) -> str:
    """A clause too long to quote whole, cut to the run of its comma parts that starts at the
    part sharing most two-character words with the question `words` (……自行招用保安员等单位网上
    备案 for 自己招的保安员要不要备案, not the clause's opening on the platform)."""
    if len(quote) <= QUOTE_MAX:
        return quote
    asked = pairs(normalize(words))
    bounds, start = [], 0
    for m in [*_COMMA.finditer(quote), None]:
        end = m.start() if m else len(quote)
        bounds.append((start, end))
        start = m.end() if m else len(quote)
    first = max(range(len(bounds)),
                key=lambda i: (len(asked & pairs(normalize(quote[slice(*bounds[i])]))), -i))
    last = first
    while last + 1 < len(bounds) and bounds[last + 1][1] - bounds[first][0] <= QUOTE_MAX:
        last += 1
    cut = quote[bounds[first][0]:bounds[last][1]][:QUOTE_MAX]
    if cut.count("（") != cut.count("）") or cut.count("(") != cut.count(")"):
        # Cut inside brackets: a long aside (第89条's definition of 小型低风险) left out as
        # "（……）" so the clause's statement after it (一站式办理…施工许可证) fits; else as before.
        plain = _ASIDE.sub("（……）", quote)
        return around(plain, words) if plain != quote else quote
    return ("……" if first else "") + cut + ("……" if bounds[last][1] < len(quote) else "")


def _shown(quote: str, shown: set[str]) -> bool:
    """The reply holds most of the clause's two-character words (quoted, or stated in its own
    words: 承诺时限10个工作日 for 燃气报装压缩至10个工作日内 is not, so it is quoted too)."""
    words = pairs(normalize(quote))
    return bool(words) and len(words & shown) >= SHOWN_SHARE * len(words)


def beside_answer(text: str, cited: set[int],
                  answered: Callable[[str], bool] = lambda _: False) -> dict[int, str]:
    """The asked matters to add to an answer citing `cited` (task → clause to quote): in an area
    the answer cites, about a question its own tasks leave unaddressed; in any area, a reading
    the plan-words table states in full (Asked.stated) whose terms the answer's tasks never say
    (_terms_in); or, beside an answer spanning chapters, a question read strongly in the plan's
    terms for its words (_term_question). Not for a question clause the answer settles already
    (`answered`: an absent fact it says the plan does not state)."""
    areas = {plan.task(n).area.number for n in cited if n in plan.tasks()}
    own = sorted(n for n in cited if n in plan.tasks())
    out: dict[int, str] = {}
    # A question clause a task of the answer's own areas states (_stated_in_area) is read there
    # too, beside (not instead of) the plan-wide reading of another area's task: both are the
    # plan's words for it (慢慢还 → 第152条's 执行和解 and 第169条's 信用宽限期).
    near = _stated_in_area(text, cited, areas, answered)
    for a in asked_matters(text):
        if a.task in cited or a.task in out or answered(a.words):
            continue
        if ((a.stated and not _terms_in(own, a))
                or (plan.task(a.task).area.number in areas
                    and not clauses_read(own, a.words, a.thesaurus))
                or (len(areas) >= MIXED_AREAS and _term_question(a, own))
                # 另外…社保医保那些登记是不是还得…再跑一遍 after a question of another matter:
                # the speaker says it is another, so its strong reading stands in any area.
                or (a.another and a.score >= ASKED_EVIDENCE
                    and not clauses_read(own, a.words, a.thesaurus))):
            # Cut around the plan's terms for its words too (没有房本 → 住所产权证明 … 承诺住所).
            out[a.task] = around(a.quote, f"{a.words} {terms_for(a.words, a.thesaurus)}")
    for task, quote, _ in near:
        out.setdefault(task, quote)
    return out


def _stated_in_area(text: str, cited: set[int], areas: set[str],
                    answered: Callable[[str], bool]) -> list[tuple[int, str, str]]:
    """A question clause whose plan-words reading a task of an area the answer cites states in
    full, the answer's own tasks of that area saying none of it: a worry word
    read as a commitment of the plan's means it of the matter at hand. 要跑好几个地方吗 beside
    用水 and 燃气报装 (第46条) is their 报装窗口 一窗受理 (第45条), not 企业开办's 一次提交 (第1条)
    that the same words read strongest over the whole plan. Each (task, clause to quote, the
    question clause)."""
    out: list[tuple[int, str, str]] = []
    if not areas:
        return out
    own = [n for n in cited if n in plan.tasks()]
    # The question clauses as written, and as asked_matters reads them (typos put right).
    for words in dict.fromkeys([*asking_clauses(text), *(a.words for a in asked_matters(text))]):
        if answered(words) or any(_stated(words, c.text) for n in own
                                  for c in plan.task(n).clauses):
            # 开饭馆…是不是得跑好几个部门 beside 企业开办's 第1条 (一次提交、不再重复): the
            # answer states a reading of it already, of the matter as a whole.
            continue
        near = [n for n in plan.tasks() if plan.task(n).area.number in areas and n not in cited]
        evidence = relevant_clauses(near, words, []) if near else []
        best = evidence[0] if evidence else None
        if best is None or best.score < TERM_EVIDENCE:
            continue
        stated = _stated(words, best.clause.text)
        area = plan.task(best.task).area.number
        mine = [n for n in cited if n in plan.tasks() and plan.task(n).area.number == area]
        if not stated or _terms_in(mine, Asked(best.task, "", words, stated=stated)):
            continue
        out.append((best.task, around(best.clause.quote, f"{words} {terms_for(words, False)}"),
                    words))
    return out


def _terms_in(tasks: list[int], asked: Asked) -> bool:
    """A clause of `tasks` holds a term of a plan-words reading of `asked` (plan_words.yml): the
    answer's own tasks address it already (快速冻结 for 账户能冻住吗).

    A reading through those terms (电那块拿执照就行吗 → 一照办电, 第41条; 对引进的人有没有奖励 →
    人才发展专项资金, 第52条) is one the table states, not a chance pair of rare words, so it is
    kept beside an answer in another plan area (an answer on 第91条 市政接入 or 第78条 户口),
    and beside the answer's own tasks when none of them says those terms (第3条 企业开办 for
    有没有打包办的 → 第15条 一件事一次办)."""
    # Each reading the table states of it, addressed: 网上有人用我们的名字卖东西 reads 电商 线上
    # as well as 知识产权 侵权, and 第137条's 商标侵权纠纷 咨询 window says nothing of the first
    # (第136条 电商领域 stays beside it).
    return all(any(t in clause.text for t in terms.split()
                   for n in tasks for clause in plan.task(n).clauses)
               for terms in asked.stated)


def _term_question(a: Asked, own: list[int]) -> bool:
    """A question clause read in the plan's terms for its words (told_by_terms): another matter
    asked, in any area, unless the answer's own tasks read it half as well (车子往外运有铁路没
    beside an 汽车厂 checklist → 第61条 专用线; a terse question often asks of a matter of
    another chapter than the scene's). Only beside an answer already spanning chapters (a
    checklist, several services): beside a one-matter answer the area guard stays, for a worry
    word is that matter's (房子有没有被查封 is a 不动产 lookup, not 第164条's unfreezing)."""
    if not a.told_by_terms or a.score < ASKED_EVIDENCE:
        # A weak term reading stays in its area: 去现场 → 网络会议 is 第141条's 破产会议 only
        # of a meeting (是不是得本人拿着标书去现场 asks of bidding).
        return False
    mine = clauses_read(own, a.words, a.thesaurus)
    return not mine or mine[0].score * OWN_SHARE <= a.score
