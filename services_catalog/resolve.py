"""Which service a message is about: entity, then a name/alias in the text, then the conversation's
last service, then free-text search (asking back when the best candidates are close)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from services_catalog.answers import (
    DATE_RE,
    RELATIVE_DAYS,
    court_items,
    court_task,
    detect_condition,
    goes_to_court,
    service_tasks,
)
from services_catalog.evidence import (
    MIN_EVIDENCE,
    pairs,
    plan_words,
    read_as_plan,
    relevant_clauses,
)
from services_catalog.follow_ups import done_online
from services_catalog.normalize import content_only, normalize, strip_filler
from services_catalog.personal import personal_matter
from services_catalog.plan import clauses
from services_catalog.question_cues import (
    DETAIL_MAX_CONTENT,
    asks_bare_amount,
    asks_detail,
    asks_nothing,
    asks_online,
    asks_who_handles,
    content_besides_cues,
    decisive_question_type,
    detail_rest,
    drop_also,
    is_bare_follow_up,
    question_type,
    states_condition,
    states_who,
)
from services_catalog.search import QUESTION_CUE, Hit
from services_catalog.search.common import crosses, spans_of
from services_catalog.search.lexical import BM25_MAX_CONF
from services_catalog.snapshot import CatalogSnapshot

SURE = 0.8  # a name, alias or pinyin match
SEARCH_MIN = 0.35  # below this a BM25 hit is noise
# From here a best guess is answered, with close runners-up offered as buttons. On the second
# dev set (tests/dev/chat_single.yml) search's top hit at 0.4–0.5 was right 35 times in 46;
# asking back instead cost those 35 answers.
SEARCH_SURE = 0.4
SEARCH_MARGIN = 0.15
# A follow-up leaves the conversation's service when its words read this well as another
# service's, and this much better than as the current one's: "那我要是雇了俩人 劳动合同能在网上签吗"
# after 灵活就业参保 is about 电子劳动合同; "在哪办" or "我明天去申请 哪天能通" stay.
SEARCH_SWITCH = 0.45
SWITCH_MARGIN = 0.15
# ... and when it says enough besides its question words to read as anything: "多久能批下来"
# after 失业金咋领 leaves 批下来, which free text reads as 建设项目用地审批.
SWITCH_MIN_CONTENT = 4

# When the NLU files a message under a non-service intent but the catalog recognises a service
# in it, the catalog wins from these confidences on. On the dev set (never trained on) the NLU
# gave 97 of 431 service questions such an intent; from 0.6 the catalog answered 79 of them
# rightly, 3 wrongly, and claimed 1 of 40 small-talk lines. Greetings, thanks and goodbyes only
# give way to a service named outright; feedback needs more ("不满意" is close to 供水燃气投诉).
# A message the NLU could not place at all (nlu_fallback) takes a best guess from 0.45: on the
# second dev set that answered 1 more question rightly and claimed no small talk. A hand-off
# request that asks something (找律师要钱吗) is a service question from 0.65, above every
# hand-off training example that asks (有工作人员在吗 reaches 0.61).
CLAIM_MIN = {
    "out_of_scope": 0.6, "bot_challenge": 0.6, "what_can_you_do": 0.6, "nlu_fallback": 0.45,
    "complaint": 0.6, "feedback_satisfied": 0.7, "feedback_unsatisfied": 0.7,
    "human_handoff": 0.65,
}

CLAIM_MIN_CONTENT = 2  # characters besides question words and particles

# Intents whose messages are short by nature: a long question filed under one is misfiled.
RATINGS_AND_GREETINGS = frozenset((
    "feedback_satisfied", "feedback_unsatisfied", "greet", "goodbye", "thanks",
))
LONG_QUESTION = 10  # characters of content


def _asks_at_length(text: str) -> bool:
    return len(content_only(text)) >= LONG_QUESTION and bool(QUESTION_CUE.search(text))


@dataclass
class Resolution:
    slug: str | None
    # entity | mention | context | search | joint | ambiguous | unevidenced | personal | none
    source: str
    confidence: float = 0.0
    # ambiguous: the candidates to ask about; search: close runners-up to offer as well;
    # unevidenced (a how-long question naming no service the catalog holds): those it may mean
    candidates: list[Hit] = field(default_factory=list)
    # personal: the person's own affair asked about (结婚登记), for personal_answer
    affair: str | None = None


def claims_message(snap: CatalogSnapshot, text: str, intent: str) -> bool:
    """Whether the catalog should answer a message the NLU filed under `intent` (small talk,
    out of scope, fallback, complaint, feedback) as a question about a service."""
    if text.startswith("/"):  # a button payload is never a service question
        return False
    hits = snap.index.search(text, 1)
    top = hits[0].confidence if hits else 0.0
    if top >= SURE:  # a name or alias (always ranks above free-text hits, which stay below)
        return True
    if len(content_besides_cues(text)) < CLAIM_MIN_CONTENT:
        # 好的 / 嗯 / 行吧 say nothing that could name a service, whatever free text matches
        # (好的 reads 0.49 as 双随机、一公开 through its example questions).
        return False
    floor = CLAIM_MIN.get(intent)
    if intent in RATINGS_AND_GREETINGS and _asks_at_length(text):
        # "还差一个证明没开下来 能先受理吗" is no rating and no goodbye, whatever the NLU says:
        # a long question is taken like any service question.
        floor = SEARCH_SURE
    if floor is None:
        return False
    # Out-of-scope requests are mostly commands (帮我叫个出租车); a service question asks.
    if intent == "out_of_scope" and not QUESTION_CUE.search(text):
        # … but a plight the plan's reading names a service for outright (逼我们买他们的沙子 →
        # 强迫交易) is that service's matter, asked or not.
        return reading_names(snap, text) is not None
    if top < floor:
        # 160千瓦以下的小企业零上门零审批是真的吗: free text reads it only loosely, but one
        # service's clauses (用电报装, 第42条) say what it asks, far better than the rest's.
        weak = [h for h in snap.index.search(text, RIVALS) if h.confidence >= SEARCH_MIN]
        return clause_evidenced(snap, weak, text) is not None
    return True


# A follow-up's free-text candidates are read with the conversation in mind: a service related
# to the conversation's one (same chapter of the plan, or a task both cite) is preferred to an
# unrelated one this close above it (有专人帮忙吗 after 办税: 涉税专属服务 0.6 before 帮办代办
# 0.79), and is switched to on less (请律师要钱吗 after 根治欠薪: 劳动人事争议与法律援助).
RELATED_MARGIN = 0.2
RELATED_MIN_CONTENT = 3


def related(snap: CatalogSnapshot, a: str, b: str) -> bool:
    first, second = snap.services[a], snap.services[b]
    return first.category == second.category or bool(
        set(service_tasks(first)) & set(service_tasks(second)))


def _words_held(snap: CatalogSnapshot, slug: str, text: str) -> set[str]:
    plan = _plan_words(snap, slug)
    return {w for w in snap.index.content_words(text) if snap.index.holds(slug, w) or w in plan}


def tells_own_case(snap: CatalogSnapshot, previous: str | None, text: str) -> bool:
    """我们是做工程的 after 政府采购面向中小企业: who the caller is, in a word the conversation's
    service's own clauses or descriptions hold (第21条 …400万元以下的工程): a case of that
    service (its variant), not a new situation to list every service of. So is a statement
    asking nothing whose words a clause of that service addresses (我们只是资金一时周转困难
    after 涉疫企业纠纷化解: 第166条 资金暂时流动困难…分期履行), though its words also name a
    life event (贷款周转)."""
    if not previous or previous not in snap.services:
        return False
    if states_who(text):
        return bool(_words_held(snap, previous, text))
    return asks_nothing(text) and addressed_here(snap, previous, text)


def case_in_checklist(snap: CatalogSnapshot, steps: list[str], text: str) -> str | None:
    """我们只是资金一时周转困难 after the checklist 企业被诉或涉案: the case told is one step's
    own (第166条 资金暂时流动困难…分期履行, of 涉疫企业纠纷化解), the step whose clauses address
    it best; None when none tells its case."""
    text = drop_also(text)  # 我们同时还要搞个…: not 用电报装's 同时规划
    told = [(evidence_score(snap, slug, text), slug) for slug in steps
            if slug in snap.services and tells_own_case(snap, slug, text)]
    return max(told)[1] if told else None


def _weight(snap: CatalogSnapshot, text: str, words: set[str]) -> float:
    weights = snap.index.content_words(text)
    return sum(weights.get(w, 0.0) for w in words)


def reads_no_further(snap: CatalogSnapshot, previous: str, text: str, hits: list[Hit]) -> bool:
    """A follow-up naming no service, whose best free-text guess is another service: that guess
    is no reason to leave the conversation's service when the words of the message it holds
    weigh no more than those the conversation's service holds (人均能领多少 after 培训补贴: an
    embedding's reading of 投标保证金 holds none of its words; 会派人来核查吗 after 连锁门店
    许可变更, whose clause says 现场核查, though 派人来 reads as another service), and none of
    its clauses addresses the message better. 另外 / 换个事 open another matter and are left
    to the search."""
    if not hits or hits[0].slug == previous or opens_new_matter(text):
        return False
    top = hits[0].slug
    here, there = _words_held(snap, previous, text), _words_held(snap, top, text)
    if evidence_score(snap, top, text) > evidence_score(snap, previous, text):
        return False
    if not there:
        return True  # no word of the message is the guess's own
    gained = _weight(snap, text, there - here) - _weight(snap, text, here - there)
    # A tie (a word both hold, 受理) stays only on a word of the conversation's service's name
    # (备案 of …食品经营备案): a shared generic word leaves the search's strong reading alone.
    return gained < 0 or (gained == 0 and any(
        w in snap.titles[previous] for w in here & there))


def own_words_only(snap: CatalogSnapshot, previous: str, text: str, hits: list[Hit]) -> bool:
    """保证金交不起 after 财产保全: every word of the message the best free-text guess holds, the
    conversation's service holds too (保证金, 第160条 提交保证金困难的), and more of them or one
    of its clauses addresses the message: the word is that service's own thing (its 保证金),
    not another's (投标保证金)."""
    if not hits or hits[0].slug == previous:
        return False
    here = _words_held(snap, previous, text)
    there = _words_held(snap, hits[0].slug, text)
    if not here or not there <= here:
        return False
    # 有补助吗 after 政府性融资担保 (第33条 费率进行补助): a single word both hold, with nothing
    # else said, is a follow-up on the service at hand; a free-text reading is no naming.
    single = len(snap.index.content_words(text)) == 1
    return there < here or single or bool(evidence_score(snap, previous, text))


# X的Y: what follows 的 (up to this many characters on: 起诉的材料没带齐) is X's.
OWNER_GAP = 3


def owner_named(snap: CatalogSnapshot, text: str, mentions: list[Hit]) -> Hit | None:
    """起诉的材料没带齐: of several services named, the one whose word owns the best-ranked
    one's (X的Y: the materials of 起诉, not 容缺受理 on its own), when X's clauses address the
    message (第142条 起诉材料不齐全的，一次性全面告知); None otherwise."""
    if len(mentions) < 2:
        return None
    spans = {slug: (start, end) for slug, start, end, _ in snap.index.named_spans(text)}
    norm = snap.index.query(text).norm
    first = spans.get(mentions[0].slug)
    for hit in mentions[1:]:
        owner = spans.get(hit.slug)
        if first is None or owner is None or norm[owner[1]:owner[1] + 1] != "的":
            continue
        if (0 < first[0] - owner[1] <= OWNER_GAP
                and evidence_score(snap, hit.slug, text) >= MIN_EVIDENCE):
            return hit
    return None


def related_first(snap: CatalogSnapshot, hits: list[Hit], previous: str,
                  text: str) -> list[Hit]:
    """Of a follow-up's close free-text candidates, one related to the conversation's service
    first (it takes the top candidate's confidence), if it holds every word of the message the
    top one does: 专利能贷款吗 after 商标 stays 知识产权质押融资, since 知识产权服务机构 says
    nothing of 贷款."""
    if not hits or hits[0].kind != "bm25" or hits[0].slug == previous or related(
            snap, hits[0].slug, previous):
        return hits
    top = hits[0]
    for hit in hits[1:3]:
        if (hit.slug != previous and hit.confidence >= SEARCH_SURE
                and top.confidence - hit.confidence <= RELATED_MARGIN
                and related(snap, hit.slug, previous)
                and _words_held(snap, top.slug, text) <= _words_held(snap, hit.slug, text)
                and evidence_score(snap, hit.slug, text) >= evidence_score(snap, top.slug, text)):
            # … and its clauses address the message as well: 要是工资拖欠了会咋样 after
            # 农民工工资保证金 is 根治欠薪's 第95条 (拖欠农民工工资…限制), though 劳动人事争议
            # (related) holds 工资 and 拖欠 in its description too.
            promoted = Hit(hit.slug, hit.score, top.confidence, hit.kind, hit.matched)
            return [promoted, *(h for h in hits if h.slug != hit.slug)]
    return hits


def _case_elsewhere(snap: CatalogSnapshot, previous: str, text: str) -> Hit | None:
    """我们是小微企业，有照顾吗 after 投标保证金 asks what the plan does for its case: when the
    conversation's service's clauses say nothing of it and a related service's do (政府采购面向
    中小企业, 第21条), that service. A case stated without a question (我们是非居民用户) stays."""
    if not QUESTION_CUE.search(text):
        return None
    here = evidence_score(snap, previous, text)
    for hit in snap.index.search(text, 4):
        if (hit.slug != previous and hit.confidence >= SEARCH_SURE
                and related(snap, hit.slug, previous)
                and evidence_score(snap, hit.slug, text) > here):
            return hit
    return None


# A follow-up supposing a case (要是…, 如果…, 万一…): it may be another service's matter.
_SUPPOSES = re.compile(r"^(?:那|那么)?(?:如果|要是|假如|万一)")
# A follow-up supposing nothing goes next door only on this much evidence (summed IDF), the bar
# a clause of another service is quoted on (answers.ELSEWHERE_EVIDENCE).
NEXT_DOOR_STRONG = 12.0
# … or on this much when the search would switch to a service none of whose clauses address it.
NEXT_DOOR_FAIR = 8.0
_OUT_OF_HOURS = re.compile(r"晚上|夜里|半夜|周末|节假日|双休|下班")


def _addressed_next_door(snap: CatalogSnapshot, previous: str, text: str) -> str | None:
    """A follow-up none of the conversation's service's clauses addresses, which a clause of a
    related service (same chapter, or a task both cite) does: 要是有点小毛病被查出来呢 after
    “双随机、一公开” is 轻微违法免罚清单 (第130条 轻微违法行为免予处罚), though free text reads
    it as nothing in particular. The best-addressed such service, or None."""
    if (len(content_besides_cues(text)) < RELATED_MIN_CONTENT
            or evidence_score(snap, previous, text)):
        return None  # 必须在同一个县吗 asks the service at hand (一照多址)
    supposes = bool(_SUPPOSES.search(normalize(text)))
    scores = {slug: evidence_score(snap, slug, text) for slug in snap.services
              if slug != previous and related(snap, slug, previous)}
    best = max(scores, key=lambda slug: scores[slug], default=None)
    if best is None or scores[best] <= 0:
        return None
    if supposes:
        return best
    # 办的时候还要自己跑银行开证明吗 after 不动产登记信息查询, supposing nothing: a related
    # service's clause must address it strongly (第110条 信息共享与核验), and no clause of the
    # service the search would switch to may address it strongly, its own names counted (开证明
    # reads as 电子完税证明, whose 第107条 says nothing of it; 营业执照有电子版吗 after 企业年报
    # reads as 电子营业执照 and 分店食品证要改信息 as 连锁食品经营许可变更, whose clauses do).
    # When or how one applies (晚上也能在网上办吗) is asked of the conversation's service,
    # whichever chapter's clause then answers it.
    if scores[best] < NEXT_DOOR_FAIR or asks_online(text) or _OUT_OF_HOURS.search(text):
        return None
    taken = next((h.slug for h in snap.index.search(text, RIVALS)
                  if h.slug != previous and h.confidence >= SEARCH_MIN), None)
    if scores[best] < NEXT_DOOR_STRONG:
        # 收不合理的钱谁管 after 供水燃气投诉: a question a related service's clause addresses
        # fairly (第45条 收取不合理费用, 燃气报装), which the search would switch to a service
        # read on its words alone, none of its clauses addressing the message (涉企违规收费查处).
        # A statement (对方说愿意写保证慢慢还) is left to the search.
        top = next((h for h in snap.index.search(text, RIVALS) if h.slug != previous), None)
        asks = QUESTION_CUE.search(text) or asks_who_handles(text)
        return (best if asks and top is not None and top.slug != best
                and top.confidence >= SEARCH_SWITCH and not _read_whole(snap, top.slug, text)
                else None)
    return (best if taken in (None, best) or _read_whole(snap, taken, text) < NEXT_DOOR_STRONG
            else None)


def _read_whole(snap: CatalogSnapshot, slug: str, text: str) -> float:
    """How well service `slug`'s clauses address the message, its own names counted: a rival
    the message names (营业执照有电子版吗 → 电子营业执照) reads as that service."""
    found = relevant_clauses(service_tasks(snap.services[slug]), text, [])
    return found[0].score if found else 0.0


def _combined_next_door(snap: CatalogSnapshot, previous: str, text: str,
                       mentions: list[Hit]) -> bool:
    """税务注销能一起办吗 after 简易注销: the service named (企业注销与税务注销) is related, and
    its clauses say how the two combine (第13条 纳入“一网通办”) where the conversation's
    service's say nothing of it."""
    if not mentions or mentions[0].slug == previous or not related(
            snap, mentions[0].slug, previous):
        return False
    joint = text + JOINT_WORDS
    return not evidence_score(snap, previous, joint) and bool(
        evidence_score(snap, mentions[0].slug, joint))


def _joined_next_door(snap: CatalogSnapshot, previous: str, text: str) -> Hit | None:
    """完工以后验收能一起办吗 after 施工图联合审查: a together-question naming no service, whose
    words the conversation's service's clauses do not address and whose word (验收) it holds
    nowhere, while a related service holds it and the search reads the message plainly as that
    one (not by embedding alone): whether that matter is done jointly (竣工联合验收, 第92条).
    None otherwise (跟交税能一起办吗 after 不动产登记 stays: 第111条 并行办理 addresses it)."""
    if evidence_score(snap, previous, text):
        return None
    here = _words_held(snap, previous, text)
    for hit in snap.index.search(text, RIVALS):
        if hit.slug == previous:
            return None
        if (hit.confidence >= SEARCH_SWITCH and not hit.matched.startswith("≈")
                and related(snap, hit.slug, previous)
                and _words_held(snap, hit.slug, text) - here):
            return hit
    return None


def _alias_addressed_here(snap: CatalogSnapshot, previous: str, text: str, mention: Hit) -> bool:
    """Whether a follow-up naming an unrelated service only by a generic alias (not its name) is
    still the conversation's service's: one of its clauses addresses the message. (A related
    one's alias, 那新能源项目用地审批呢 after 不动产登记, names the service meant.)"""
    other = snap.services[mention.slug]
    norm = normalize(text)
    if (mention.kind != "alias" or normalize(other.name) in norm
            or related(snap, mention.slug, previous)):
        return False
    if online_asked_here(snap, previous, text):
        # 手机上能办不 after 灵活就业人员参保: 手机上能办 is an alias of the mini-program, but the
        # message asks only whether the matter at hand is done on the phone, which its own
        # clause says (第31条 …在移动端联合办理).
        return True
    return len(content_besides_cues(text)) <= DETAIL_MAX_CONTENT and addressed_here(
        snap, previous, text)


# Words of when or how one applies, which any service's procedure has (晚上能在网上申请吗 after
# 企业开办): they say nothing of which service is meant, so they do not count as content.
_PROCEDURE_WORDS = re.compile(r"晚上|夜里|半夜|周末|节假日|假期|下班后?"
                              r"|申请|提交|办理|递交|申清|申报")


# 还有… / 另外… / 换个事 / 再问个: what follows is another matter than the one at hand.
_NEW_MATTER = re.compile(r"^(?:那|哦|对了|嗯)?[，,]?(?:还有|另外|换个|再问|还想问|顺便问)")


# Words an online question says of going there rather than of any service (不想跑大厅).
_GOING_WORDS = re.compile(r"不想|不用|不愿|跑|去|到|大厅|窗口|现场|办|弄|申请|提交")


def online_asked_here(snap: CatalogSnapshot, previous: str, text: str) -> bool:
    """能不能网上办，不想跑大厅 after 不动产登记: whether the matter at hand is done online,
    saying nothing else, asked of a service whose own clause says it is (第112条 “全程网办”).
    Its words read loosely as 在线诉讼; they ask of the service at hand."""
    if not asks_online(text):
        return False
    rest = _GOING_WORDS.sub("", re.sub(_ONLINE_WORD, "", content_besides_cues(text)))
    return len(rest) < SWITCH_MIN_CONTENT and done_online(snap.services[previous])


def opens_new_matter(text: str) -> bool:
    return bool(_NEW_MATTER.search(normalize(text)))


# A start the message gives (今天, 明天, 12月3日): the day a due date is counted from.
_START_GIVEN = re.compile("|".join((DATE_RE.pattern, *RELATIVE_DAYS)))


def due_date_asked_here(snap: CatalogSnapshot, previous: str, text: str) -> bool:
    """今天开始调，最晚哪天结束 after 诉前调解 (30日), 今天还清的话，哪天能删掉 after 信用修复
    (3日内): a date asked from a start the message gives, short and opening no other matter, after a
    service with a time limit asks that service's due date. Its verbs (调, 删掉) name nothing
    the NLU or the search can place on their own."""
    return (previous in snap.services and bool(snap.services[previous].time_limits)
            and decisive_question_type(text) == "ask_due_date"
            and bool(_START_GIVEN.search(normalize(text))) and not opens_new_matter(text)
            and len(content_besides_cues(text)) <= DETAIL_MAX_CONTENT)


# 执行这边有什么机制 / 仲裁那块呢: a matter named as the side of things asked about next.
_TOPIC = re.compile(r"(?:^|[，,。；;]|那|那么)([\u4e00-\u9fff]{2,4}?)(?:这边|那边|这块|那块|方面)")


def topic_named(snap: CatalogSnapshot, previous: str, text: str) -> str | None:
    """执行这边有什么机制 after 拖欠中小企业账款: the matter put first as the side asked about
    (执行) is in the name of one service only (胜诉权益兑现（执行）), not the conversation's:
    that one, though free text reads the short message too weakly to switch."""
    found = _TOPIC.search(normalize(text))
    if found is None:
        return None
    word = found.group(1)
    if any(word in name for name in snap.names[previous]):
        return None
    named = [slug for slug, title in snap.titles.items() if word in title]
    return named[0] if len(named) == 1 else None


def switches(hits: list[Hit], previous: str | None, text: str,
             snap: CatalogSnapshot | None = None) -> bool:
    if not hits or hits[0].slug == previous:
        return False
    least = (RELATED_MIN_CONTENT if snap is not None and previous in snap.services
             and related(snap, hits[0].slug, previous) else SWITCH_MIN_CONTENT)
    if len(_PROCEDURE_WORDS.sub("", content_besides_cues(text))) < least:
        return False
    if decisive_question_type(text) == "ask_due_date" and not opens_new_matter(text):
        # "今天提交哪天能办完" asks the date of the service at hand; its words (提交, 办完) read
        # like the example questions of 一件事一次办, but a new service would be named. One
        # opening on 还有 / 另外 (还有村里收快递的事，啥时候能通) says it asks of another matter.
        return False
    current = next((h.confidence for h in hits if h.slug == previous), 0.0)
    return hits[0].confidence >= SEARCH_SWITCH and hits[0].confidence - current >= SWITCH_MARGIN


TIME_QUESTIONS = ("ask_time_limit", "ask_due_date")
# How far below the best free-text guess (one without a time limit) a service with one may lie
# and still be meant by a how-long question: 营业执照多长时间 reads 0.19 closer to 电子营业执照
# with m3e; with USE, 营业执照几天能下来 puts 企业开办 fourth, 0.22 below 电子营业执照 and 一照多址
# (neither has a time limit). With m3e 0.2 answered 2 more dev questions rightly, 0 fewer.
PROMISED_MARGIN = 0.25
PROMISED_LOOKAHEAD = 4  # how many of the best guesses are looked at

def _plan_words(snap: CatalogSnapshot, slug: str) -> str:
    """The text of the plan's tasks service `slug` cites, as the search reads text."""
    from services_catalog.plan import tasks  # noqa: PLC0415 (the plan is read once, lazily)

    plan = tasks()
    return snap.index.normalised(
        " ".join(plan[n].text for n in service_tasks(snap.services[slug]) if n in plan))


# Words this close in rarity to the message's rarest one count as its rarest too (a word held
# by one service more is not: 办好 in 卫生许可证几天能办好 is in 用水报装's examples).
RAREST_SLACK = 0.05


def evidenced(snap: CatalogSnapshot, slug: str, text: str, hits: list[Hit]) -> bool:
    """Whether the message itself says something of service `slug`: a name or alias, a word its
    description holds (the search's lexical match), or else its rarest word is one the service's
    examples, description or cited clauses hold. Free text alone can read a message as similar
    to a service it does not concern: 食品经营许可证要多长时间 reads 0.27 like 用水报装's examples
    and 护照多久能办好 like 用电报装's, though neither service says 食品 or 护照 anywhere; a
    message with no content word at all (新开的店要装电) holds nothing to contradict."""
    hit = next((h for h in hits if h.slug == slug), None)
    if hit is not None and hit.kind != "bm25":
        return True
    if hit is not None and not hit.matched.startswith("≈") and any(
            len(term) > 1 for term in hit.matched.split()):
        return True
    words = snap.index.content_words(text)
    if not words:
        return True
    rarest = max(words.values())
    plan = _plan_words(snap, slug)
    return any(snap.index.holds(slug, word) or word in plan
               for word, weight in words.items() if weight >= rarest - RAREST_SLACK)


# A word naming a document or permit: 护照, 结婚证, 公证书, 烟草专卖许可证, 户口本, 社保卡.
_DOCUMENT = re.compile(r"(?:证|照|证书|许可|证明|执照|本|卡|牌)$")


def asks_about_another_thing(snap: CatalogSnapshot, previous: str, text: str) -> bool:
    """A how-long follow-up that names a document no service of the catalog mentions anywhere
    (护照, 结婚证), nor the conversation's service's cited clauses: it is not about that
    service, whatever context it comes in. Other unknown words (刚才, 俺们, 那口子) say
    nothing of which service is meant."""
    if not asks_how_long(text):
        return False
    plan = _plan_words(snap, previous)
    return any(_DOCUMENT.search(word) and word not in plan
               for word in snap.index.unheard(text))


def promised_first(snap: CatalogSnapshot, hits: list[Hit], text: str) -> list[Hit]:
    """A how-long question read from free text: of close candidates, the service the plan gives
    a time limit. 营业执照多久 reads as 电子营业执照 and 一照多址 (no time limit) about as well as
    企业开办 (3个工作日): the caller wants the licence, i.e. 企业开办. Only a service the message
    says something of (`evidenced`) is put first: 食品经营许可证要多长时间 reads 0.55 like
    用水报装's examples, which say nothing of 食品 or 许可证."""
    if not hits or hits[0].kind != "bm25" or snap.services[hits[0].slug].time_limits:
        return hits
    if not asks_how_long(text):
        return hits
    top = hits[0]
    for hit in hits[1:PROMISED_LOOKAHEAD]:
        if (top.confidence - hit.confidence < PROMISED_MARGIN
                and snap.services[hit.slug].time_limits and evidenced(snap, hit.slug, text, hits)
                and not _reads_less(hit, top)):
            promoted = Hit(hit.slug, hit.score, top.confidence, hit.kind, hit.matched)
            return [promoted, *(h for h in hits if h.slug != hit.slug)]
    return hits


def _reads_less(hit: Hit, top: Hit) -> bool:
    """Whether `hit` matched only some of the words `top` matched: 技术合同认定登记多久 reads
    as 研发费用加计扣除 by 技术、合同、认定、登记 and as 不动产登记 by 登记 alone; the shared
    generic word is no evidence that the caller means the service with a time limit."""
    words, top_words = hit.matched.split(), top.matched.split()
    if hit.kind != "bm25" or any("≈" in w for w in (*words, *top_words)):
        return False
    # characters, not tokens: 营业 执照 reads 营业执照 as fully as the compound does
    chars, top_chars = set("".join(words)), set("".join(top_words))
    return bool(chars) and chars < top_chars


def promised_elsewhere(snap: CatalogSnapshot, previous: str, text: str) -> Hit | None:
    """A how-long follow-up that names a thing (营业执照多久下来 after 新业态食品经营备案) while
    the conversation's service has no time limit of its own: the caller asks how long the thing
    named takes, so a close free-text guess that the message evidences and the plan gives a time
    limit (企业开办, 3个工作日) is meant. A bare 要多久 names nothing and stays."""
    if snap.services[previous].time_limits or not asks_how_long(text) or is_bare_follow_up(text):
        return None
    hits = [h for h in snap.index.search(text, PROMISED_LOOKAHEAD + 1)
            if h.confidence >= SEARCH_MIN and h.slug != previous]
    if not hits:
        return None
    best = hits[0].confidence
    own = _name_words(snap, previous)
    return next((h for h in hits if best - h.confidence < PROMISED_MARGIN
                 and snap.services[h.slug].time_limits
                 and _names_here(snap, h.slug, text, own)), None)


def _name_words(snap: CatalogSnapshot, slug: str) -> str:
    service = snap.services[slug]
    return normalize(" ".join((service.name, *service.aliases)))


def _names_here(snap: CatalogSnapshot, slug: str, text: str, own: str) -> bool:
    """Whether a content word of the message (营业执照, 执照) is in service `slug`'s name or
    aliases (办营业执照) and not in `own` (the conversation's service's): the message names it."""
    names = _name_words(snap, slug)
    return any(len(word) > 1 and word in names and word not in own
               for word in snap.index.content_words(text))


# A span of days told, not asked (拖了好几天不来, 前几天交的): no how-long question by itself.
_DAYS_TOLD = re.compile(r"[前这那头好]几天")


def asks_how_long(text: str) -> bool:
    asked = _DAYS_TOLD.sub("", text)
    return (decisive_question_type(asked) or question_type(asked)) in TIME_QUESTIONS


def states_a_figure_unevidenced(snap: CatalogSnapshot, slug: str, text: str,
                                hits: list[Hit]) -> bool:
    """A how-long question whose answer would state service `slug`'s time limit though the
    message says nothing of that service: a wrong guess would state a wrong 时限, the worst
    answer there is, so the caller is asked which service instead."""
    return (bool(snap.services[slug].time_limits) and asks_how_long(text)
            and not evidenced(snap, slug, text, hits))


def evidence_score(snap: CatalogSnapshot, slug: str, text: str,
                   also_naming: tuple[str, ...] = ()) -> float:
    """How well the plan's clauses of service `slug` address the message's words (0 when no
    clause shares enough of its rarer words). The words naming the service, and those naming
    `also_naming`, do not count: they say which service, not which detail."""
    service = snap.services[slug]
    found = relevant_clauses(service_tasks(service), text,
                             [service.name, *service.aliases, *also_naming])
    return found[0].score if found else 0.0


# How many of the best free-text guesses a follow-up's words are weighed against.
RIVALS = 3


def addressed_here(snap: CatalogSnapshot, previous: str, text: str) -> bool:
    """Whether a follow-up's words are the conversation's service's own: a clause of its tasks
    addresses them (价格公开吗 after 燃气报装: 第45条 公开燃气价格; 还有别的担保方式吗 after
    财产保全: 第160条 保全保险等担保方式), at least as well as any close free-text rival's,
    once a rival's name said in the message is set aside (那燃气呢 after 用水报装 names
    燃气报装, though 第46条 mentions 燃气 as well)."""
    rivals = [h.slug for h in snap.index.search(text, RIVALS + 1)
              if h.slug != previous and h.confidence >= SEARCH_MIN][:RIVALS]
    norm = normalize(text)
    naming = tuple(n for slug in rivals
                   for n in (snap.services[slug].name, *snap.services[slug].aliases)
                   if normalize(n) in norm)
    here = evidence_score(snap, previous, text, naming)
    if not here:
        return False
    own = (snap.services[previous].name, *snap.services[previous].aliases)
    return all(evidence_score(snap, slug, text, own) <= here for slug in rivals)


# An amount with its unit (150万, 三百五十万, 八十千瓦, 4吨, 两千五百平): the unit's family, as the
# plan writes it (200万元, 160kW, 4.5吨, 3000平方米).
_STATED_AMOUNT = re.compile(r"[\d一二两三四五六七八九十百千]+(?:\.\d+)?\s*"
                            r"(万元|万|千瓦|kw|千伏安|吨|平方米|平米|平)")
_UNIT_FAMILY = {"万": "万元", "万元": "万元", "千瓦": "kw", "kw": "kw", "千伏安": "千伏安",
                "吨": "吨", "平方米": "平方米", "平米": "平方米", "平": "平方米"}


def states_amount_here(snap: CatalogSnapshot, previous: str, text: str) -> bool:
    """这个单子150万左右，算货物 after 政府采购面向中小企业: an amount told in a unit the
    conversation's service's tasks set thresholds in (200万元以下) is that service's case, however
    the NLU filed the message."""
    units = {_UNIT_FAMILY[m.group(1)] for m in _STATED_AMOUNT.finditer(normalize(text))}
    if not units or previous not in snap.services:
        return False
    plan_text = normalize("".join(c for n in service_tasks(snap.services[previous])
                                  for c in clauses(n)))
    return any(unit in plan_text for unit in units)


# 能跟营业执照一起办吗 / 税务注销能同时办吗: whether another thing is handled with this one.
# Not a helper doing it along with one (有没有人帮着一起办手续, 陪着一起办): that asks for 帮办代办.
_TOGETHER = re.compile(r"(?<!帮着)(?<!帮忙)(?<!陪着)(?<!带着)(?<!帮我)(?<!跟着)"
                       r"(?:一起|一块儿?|一并|同时|顺便|顺带|合并)(?:办|申请|弄|交|提交|受理)"
                       r"|一个窗口|一窗|跑几个(?:窗口|地方|部门)|几个窗口"
                       # … or whether the other needs a queue of its own (还要另外排队吗).
                       # Not 单独办 / 分开跑: 每个网点都得单独办吗 asks of each branch.
                       r"|(?:另外|单独|重新|分开)(?:再)?排(?:个)?队")
# The plan's words for handling things together (并联办理, 一窗受理、并行办理, 多证合一, 同步办理,
# 纳入“一网通办”, 一站式): a together-question is read with them, so the clause that says how
# the two are combined answers it, whatever word the caller used for the other thing.
JOINT_WORDS = " 同时 并行 并联 一并 合一 同步 一窗 一网通办 一站式"


def asks_together(text: str) -> bool:
    return bool(_TOGETHER.search(normalize(text)))


OFFICE_FACTS = ("person", "phone", "address", "hours", "web")


def asks_about_the_office(text: str) -> bool:
    # Imported here: absent_facts builds on Resolution.
    from services_catalog.absent_facts import absent_fact

    return absent_fact(text) in OFFICE_FACTS


def _inside_condition(snap: CatalogSnapshot, text: str, phrase: str) -> bool:
    """Whether a name/alias matched in `text` is only part of a stated condition word."""
    norm = normalize(text)
    return any(phrase in word and word in norm for word in snap.condition_words)


OUTREAD_MIN_CONTENT = 4  # characters besides question words (投诉燃气公司有用: 8)


def _outread_entity(snap: CatalogSnapshot, text: str, entity: str) -> Hit | None:
    """A service the message reads as far better than the one its entity names, when the
    entity's word does not name that service outright: 投诉燃气公司有用吗 tags 燃气 as 燃气报装,
    but reads as 供水燃气投诉 (0.79 against 0.54). None when the entity stands (a button payload
    always does)."""
    if text.startswith("/") or len(content_besides_cues(text)) < OUTREAD_MIN_CONTENT:
        return None  # 要钱吗 reads as nothing but a question: nothing to out-read the entity
    hits = snap.index.search(text, 5)
    if not hits or hits[0].slug == entity or hits[0].confidence < SEARCH_SWITCH:
        return None
    own = next((h.confidence for h in hits if h.slug == entity), 0.0)
    return hits[0] if hits[0].confidence - own >= SWITCH_MARGIN else None


_ASKS_THE_SAME_OF = re.compile(r"呢[？?。！!～~]*$")


def asks_the_same_unnamed(snap: CatalogSnapshot, text: str, previous: str | None) -> bool:
    """能查的呢 after 能办几个事, 应届毕业生呢 after 招聘平台: a …呢 follow-up whose words name no
    service outright, and which free text reads as another only by embedding (能查的 ≈ 双随机
    抽查) or hardly better than as the conversation's (毕业生: 培训补贴 0.53, 招聘 0.52). Filed by
    the NLU as naming a service (inform_service), it still asks the same of the conversation's
    matter, leaving it only on the search's clear lead (`switches`). 那年报呢 after 电子营业执照
    reads plainly and far better as 企业年报: it names that one."""
    if previous is None or not _ASKS_THE_SAME_OF.search(text) or any(
            h.confidence >= SURE for h in snap.index.mentions(text)):
        return False
    hits = [h for h in snap.index.search(text, 5) if h.confidence >= SEARCH_MIN]
    if not hits or hits[0].slug == previous or hits[0].matched.startswith("≈"):
        return True
    current = next((h.confidence for h in hits if h.slug == previous), 0.0)
    return hits[0].confidence - current < SWITCH_MARGIN


def _own_words(snap: CatalogSnapshot, slug: str) -> str:
    service = snap.services[slug]
    return _plan_words(snap, slug) + " ".join(
        snap.index.normalised(n) for n in (service.name, *service.aliases))


def _qualified_switch(snap: CatalogSnapshot, previous: str, text: str) -> Hit | None:
    """那税务的失信名单呢 after 失信被执行人信用修复: the current service's own word (失信名单)
    with a qualifier (税务) that neither its names nor its clauses say, asked the same way (…呢):
    the service of that kind the qualifier names (纳税信用修复), when free text reads it well."""
    if not _ASKS_THE_SAME_OF.search(text):
        return None
    own = _own_words(snap, previous)
    extra = [w for w in snap.index.content_words(text) if w not in own]
    if not extra:
        return None
    for hit in snap.index.search(text, 5):
        if (hit.slug != previous and hit.confidence >= SEARCH_SWITCH
                and all(w in _own_words(snap, hit.slug) for w in extra)):
            return hit
    return None


# Close free-text candidates too weak to answer, that the plan's clauses tell apart: 160千瓦以下
# 的小企业零上门零审批是真的吗 reads 0.39 as 政府采购面向中小企业 and as 用电报装, but only
# 用电报装's clause (第42条) says 零上门、零审批 (evidence 45 against 11). The one whose clauses
# address the message this many times better than every other close one's is answered (with
# the others as buttons) instead of asking back. A confident best guess is not overruled: the
# words that name a service (预付款) do not count as its evidence.
CLAUSE_LEAD = 2.5


def clause_evidenced(snap: CatalogSnapshot, hits: list[Hit], text: str) -> Hit | None:
    """Of weak, close free-text candidates, the one the plan's clauses single out (see above),
    with the confidence of an answerable guess; None when none stands out."""
    if len(hits) < 2 or hits[0].kind != "bm25" or hits[0].confidence >= SEARCH_SURE:
        return None
    close = [h for h in hits[:RIVALS] if hits[0].confidence - h.confidence < SEARCH_MARGIN]
    if len(close) < 2:
        return None
    scores = {h.slug: evidence_score(snap, h.slug, text) for h in close}
    best = max(close, key=lambda h: scores[h.slug])
    others = max(v for slug, v in scores.items() if slug != best.slug)
    if scores[best.slug] < MIN_EVIDENCE or scores[best.slug] < CLAUSE_LEAD * others:
        return None
    return Hit(best.slug, best.score, SEARCH_SURE, best.kind, best.matched)


_ONLINE_WORD = r"网上|线上|在线|网络|移动|手机|掌上|一网通办|电子化"


def online_next_door(snap: CatalogSnapshot, text: str, named: Hit) -> str | None:
    """手机上能申请保全吗: whether the thing named can be done online, while its service's
    clauses say nothing of doing anything online (财产保全, 第160条) and another service's clause
    names it done online (第153条 网上立案、网上保全): that service. None otherwise."""
    word = re.sub(r"^(?:申请|办理|提交|办)", "", normalize(named.matched))  # 申请保全 → 保全
    if len(word) < 2 or not asks_online(text):
        return None
    online = re.compile(_ONLINE_WORD)
    if any(online.search(c) for n in service_tasks(snap.services[named.slug]) for c in clauses(n)):
        return None
    # the thing itself, or its last word (财产保全 → 网上保全)
    said = re.compile(rf"(?:{_ONLINE_WORD})(?:申请|办理|提交)?"
                      rf"(?:{re.escape(word)}|{re.escape(word[-2:])})")
    found = [slug for slug, service in snap.services.items() if slug != named.slug
             and any(said.search(normalize(c)) for n in service_tasks(service) for c in clauses(n))]
    return found[0] if len(found) == 1 else None


def plan_named(snap: CatalogSnapshot, hits: list[Hit], text: str) -> Hit | None:
    """招标文件的资格条件不合理，可以投诉吗: no service named, and the best free-text guess
    (电子招标投标) has no clause that addresses the words, while the plan's words for them
    (plan_words.yml: 投标…投诉 → 质疑投诉) are the very name or alias of a close candidate
    (政府采购质疑投诉) whose clauses do: that candidate. None otherwise."""
    if len(hits) < 2 or hits[0].kind != "bm25":
        return None
    named = {normalize(term) for term in plan_words(text).split()}
    if not named or evidence_score(snap, hits[0].slug, text):
        return None
    if not read_as_plan(text, hits[0].matched.split()):
        return None  # the guess read a matter of its own (户口 beside 引进的人…奖励)
    for hit in hits[1:RIVALS]:
        if (named & snap.names[hit.slug]
                and evidence_score(snap, hit.slug, text) >= MIN_EVIDENCE):
            return Hit(hit.slug, hit.score, max(hit.confidence, SEARCH_SURE), hit.kind,
                       hit.matched)
    return None


# A plan-words term names a service outright from this length (好差评, 强迫交易).
READ_ALIAS_MIN = 3
# … over free text that reads the message below this (打分 of 给执法的打分: 逐利执法 0.55). Read
# well (研发花的钱能多扣吗: 研发费用加计扣除 0.79; 老板欠我工资: 劳动争议 0.74), free text stands.
READ_OVER = 0.6


def reading_names(snap: CatalogSnapshot, text: str) -> str | None:
    """The one service whose name or alias is a term of the plan's reading of the message
    (plan_words.yml) that the message does not say itself: 给执法的打分在哪打 → 好差评 (政务服务
    “好差评”), 逼我们买他们的沙子 → 强迫交易 (打击损害企业利益违法犯罪). None when the reading
    names no service, or several."""
    norm = normalize(text)
    terms = {t for t in (normalize(w) for w in plan_words(text).split())
             if len(t) >= READ_ALIAS_MIN and t not in norm}
    named = {slug for term in terms for slug in snap.named_by.get(term, ())}
    return next(iter(named)) if len(named) == 1 else None


def reading_named(snap: CatalogSnapshot, hits: list[Hit], text: str) -> Hit | None:
    """给执法的打分在哪打: free text reads only loosely (执法 → 逐利性执法查处), while the plan's
    reading of the message names a service outright (reading_names: 好差评): that service."""
    if hits and (hits[0].kind != "bm25" or hits[0].confidence >= READ_OVER):
        return None
    if hits and not read_as_plan(text, hits[0].matched.split()):
        return None  # the guess read a matter of its own (户口 beside 引进的人…奖励)
    slug = reading_names(snap, text)
    if slug is None or (hits and slug == hits[0].slug):
        return None
    hit = next((h for h in hits if h.slug == slug), None)
    return Hit(slug, hit.score if hit else 0.0, SEARCH_SURE, "bm25", hit.matched if hit else "")


def clause_first(snap: CatalogSnapshot, hits: list[Hit], text: str) -> list[Hit]:
    promoted = (clause_evidenced(snap, hits, text) or plan_named(snap, hits, text)
                or reading_named(snap, hits, text) or year_target(snap, hits, text))
    if promoted is None:
        return hits
    return [promoted, *(h for h in hits if h.slug != promoted.slug)]


# A target asked by a year of the plan (2023年底网上能办的比例要达到多少): the figure is the one a
# clause sets for that year.
_PLAN_YEAR = re.compile(r"(202[345])年")
_TARGET_ASKED = re.compile(r"多少|几成|百分之几|达到|达没达到")
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:[%％]|个|家|项|万|亿|户|人)")
TARGET_LEAD = 4  # more of the question's two-character pieces in the rival's year clause


def year_target(snap: CatalogSnapshot, hits: list[Hit], text: str) -> Hit | None:
    """Of close free-text candidates, the one whose clause for the year asked, with a figure,
    shares clearly more of the question's words than any clause for that year of the first:
    依申请的事项2023年底网上办理比例 is 第67条's 2023年底网上办理比例达95%, not 第129条's 2023年底
    清偿率. None when the year names no clause, or no rival stands out."""
    norm = normalize(text)
    year = _PLAN_YEAR.search(norm)
    if len(hits) < 2 or hits[0].kind != "bm25" or year is None or not _TARGET_ASKED.search(norm):
        return None
    asked = pairs(content_only(norm).replace(year.group(0), ""))

    def best(slug: str) -> int:
        return max((len(asked & pairs(normalize(c).replace(year.group(0), "")))
                    for n in service_tasks(snap.services[slug]) for c in clauses(n)
                    if year.group(0) in c and _FIGURE.search(c)), default=0)

    close = [h for h in hits[:RIVALS] if hits[0].confidence - h.confidence < SEARCH_MARGIN]
    if len(close) < 2:
        return None
    first = best(close[0].slug)
    rival = max(close[1:], key=lambda h: best(h.slug))
    if best(rival.slug) < first + TARGET_LEAD:
        return None
    return Hit(rival.slug, rival.score, max(rival.confidence, SEARCH_SURE), rival.kind,
               rival.matched)


def kin_read(snap: CatalogSnapshot, text: str, named: str) -> str | None:
    """公司不干了要注销，有没有简单的那种: the message names 企业注销 (an alias), and the plan's
    words for what it says of it (plan_words.yml: 注销…简单 → 简易注销) are the very name of a
    related service (same chapter, or a task both cite): that service is the one asked about.
    None when no reading names one, or the message names it already."""
    norm = snap.index.correct_typos(normalize(text))  # 注消 said for 注销
    # A variant of the same matter: the related service's name shares a word with the named
    # one's (简易注销 / 企业注销与税务注销), not a neighbouring matter (根治欠薪 beside 劳动争议).
    own = snap.titles[named]
    names = {title: slug for slug, title in snap.titles.items()
             if slug != named and pairs(title) & pairs(own) and related(snap, slug, named)}
    for term in plan_words(norm).split():
        slug = names.get(normalize(term))
        if slug is not None and normalize(term) not in norm:
            return slug
    return None


def plan_reading_named(snap: CatalogSnapshot, text: str, mention: Hit) -> str | None:
    """那要是有拖欠工资记录呢 after 农民工工资保证金: 拖欠工资 is an alias of 劳动人事争议, but the
    plan's words for what the message says (plan_words.yml: 拖欠…记录 → 拖欠农民工工资 联合惩戒
    市场准入) name another service (根治欠薪, whose alias 拖欠农民工工资 is), whose clause
    addresses the message far better (第95条 …拖欠农民工工资账款企业在市场准入方面依法依规予以
    限制): that service. Only for a mention by alias (a service's own name stands) and a
    reading of READ_NAME_MIN characters or more, and None
    when the reading names no other service, or several, or its clauses do not stand out."""
    if mention.kind != "alias":
        return None
    norm = normalize(text)
    # … and a fuller name of what the alias said (拖欠工资 → 拖欠农民工工资), not another matter
    # (医疗器械 … 查得严 → 重点监管对象).
    said = set(normalize(mention.matched).replace(" ", ""))
    terms = {t for t in (normalize(w) for w in plan_words(text).split())
             if len(t) >= READ_NAME_MIN and said and said <= set(t)}
    named = {slug for term in terms if term not in norm
             for slug in snap.named_by.get(term, ()) if slug != mention.slug}
    if len(named) != 1:
        return None
    slug = next(iter(named))
    score = evidence_score(snap, slug, text)
    if score < READ_ELSEWHERE_MIN or score < CLAUSE_LEAD * evidence_score(snap, mention.slug, text):
        return None
    return slug


# A plan-words term names a service only at this length (拖欠农民工工资): a short one (清欠 of
# 老赖, 医疗器械) is a word of the matter read, not the name of the service meant.
READ_NAME_MIN = 5
# The evidence (summed IDF) a service named only by the plan's reading of a message needs: that
# of a clause of another service quoted for a detail (answers.ELSEWHERE_EVIDENCE).
READ_ELSEWHERE_MIN = 12.0


def clause_of_both(snap: CatalogSnapshot, mentions: list[Hit]) -> Hit | None:
    """企业开办那个一件事一次办，有没有个清单: two services named, and a task of the one named
    second holds the other's name (第15条 “一件事一次办”企业开办集成服务清单) while none of the
    first's holds its: the matter asked is that clause's, of the second service. None when the
    first one's tasks name the second as well, or one service is named."""
    first = mentions[0]
    second = next((h for h in mentions[1:] if h.slug != first.slug), None)
    if second is None or first.kind == "pinyin" or second.kind == "pinyin":
        return None
    one, other = normalize(first.matched), normalize(second.matched)
    if not one or not other or one in other or other in one:
        return None  # one phrase read as two services' (起诉): nothing named twice

    def says(slug: str, phrase: str) -> bool:
        words = normalize(phrase)
        return any(words in normalize(plan_task_text(n))
                   for n in service_tasks(snap.services[slug]))

    if says(second.slug, first.matched) and not says(first.slug, second.matched):
        return second
    return None


def plan_task_text(number: int) -> str:
    from services_catalog.plan import tasks  # noqa: PLC0415 (the plan is read once, lazily)

    found = tasks().get(number)
    return found.text if found else ""


COMPOUND_MIN = 2  # characters of each part of a compound name (税务 + 注销)


def _told_as_kind(norm: str, head: str) -> bool:
    """The message opens on `head` or says it as a kind (税务的…, 那税务呢): which one of the
    matter, not a word in passing (我们企业能网上办吗)."""
    bare = norm[1:] if norm.startswith("那") else norm
    return bare.startswith(head) and (bare[len(head):len(head) + 1] in ("的", "呢", "那", "")
                                      or bare[len(head):].startswith("这"))


def kin_compound(snap: CatalogSnapshot, previous: str, text: str) -> str | None:
    """税务的还要单独跑吗 after 简易注销: the message's word (税务) and the matter of the
    conversation's service's name (注销) make the name or alias of a related service (税务注销, of
    企业注销与税务注销): the follow-up asks of that neighbouring matter. None when the message says
    the compound itself (the search reads that) or nothing of the kind."""
    norm = normalize(text)
    own = snap.titles[previous]
    for slug, service in snap.services.items():
        if slug == previous or not related(snap, slug, previous):
            continue
        for name in (service.name, *service.aliases):
            whole = normalize(name)
            if whole in norm:
                continue
            for cut in range(COMPOUND_MIN, len(whole) - COMPOUND_MIN + 1):
                head, tail = whole[:cut], whole[cut:]
                if tail in own and head not in own and _told_as_kind(norm, head):
                    return slug
                if (head in own and tail not in own and tail in norm
                        and len(content_besides_cues(text)) <= len(tail) + COMPOUND_SLACK):
                    # 要登报吗 after 简易注销: the matter (注销) and the message's only word
                    # (登报) make 注销登报, an alias of 注销公告 (第4条 免费发布注销公告).
                    return slug
    return None


COMPOUND_SLACK = 2  # characters a short follow-up may say besides the compound's other part (用…不)


def joint_service(snap: CatalogSnapshot, text: str, mentions: list[Hit]) -> Hit | None:
    """交易、交税、登记是不是一个窗口就能办完, asked first: of the services the message names or
    reads as, the one whose clauses say how these things are handled together (不动产登记, 第111条
    一窗受理、并行办理), not the one 交税 names."""
    candidates = [*mentions, *(h for h in snap.index.search(text, 5)
                               if h.confidence >= SEARCH_MIN)]
    scores = {h.slug: evidence_score(snap, h.slug, text + JOINT_WORDS) for h in candidates}
    if not scores:
        return None
    # 企业注销和税务注销能一起办吗: a service the message names outright whose clauses say how
    # they are combined (第13条 纳入“一网通办”) is the one asked about; a loosely read one
    # (企业开办's 第1条 同步办理) answers only when no named one's clauses do.
    named = [h for h in candidates if h.confidence >= SURE and scores[h.slug] >= MIN_EVIDENCE]
    best = max(named or candidates, key=lambda h: scores[h.slug])
    return best if scores[best.slug] >= MIN_EVIDENCE else None


# 有个交税的问题搞不明白 想找人问问: 交税 names the subject, but what is asked for is a person to
# ask about it, which is the subject's own help service where its part of the plan has one
# (涉税专属服务: 税务咨询, 一对一). A help service says so in its names.
_WANTS_SOMEONE = re.compile(r"找(?:个)?人(?:问|咨询|帮|指导)|找谁问|请教"
                            r"|有(?:没有)?人(?:能|可以)?(?:帮|指导|解答|能问)|专人|一对一")
_HELPS = re.compile(r"咨询|专属|帮办|代办|一对一")
# 政府能不能有人帮着跑 / 有没有人帮着办: someone to run the formalities for the business, not
# someone to ask: the plan's 帮办代办 (第75条), whatever chapter the formalities belong to — a
# chapter's consulting service (建筑师负责制's 全过程咨询) is hired advice, not that.
_WANTS_DONE = re.compile(r"帮(?:着|忙|我们|我)?(?:跑|办(?!理)|代办)|代(?:跑|办)|跑腿")
_DOES_IT = re.compile(r"帮办|代办")


def help_service(snap: CatalogSnapshot, subject: str, text: str) -> str | None:
    norm = normalize(text)
    if not _WANTS_SOMEONE.search(norm):
        return None
    if _WANTS_DONE.search(norm):
        return next((slug for slug, service in snap.services.items()
                     if slug != subject and _DOES_IT.search(service.name)), None)
    category = snap.services[subject].category
    return next((slug for slug, service in snap.services.items()
                 if slug != subject and service.category == category
                 and _HELPS.search(" ".join((service.name, *service.aliases)))), None)


# The message's first clause when it asks the same of a thing (天然气呢？…).
_FIRST_ASKED_OF = re.compile(r"^[^,，。?？!！;；]*?呢(?=[,，。?？!！;；]|$)")


def asked_the_same_first(snap: CatalogSnapshot, text: str, mentions: list[Hit]) -> list[Hit]:
    """天然气呢？燃气公司那边老说排不上: the service named in the opening X呢 is the one asked
    about; what follows is the caller's comment on it, whatever else its words name."""
    if len(mentions) < 2:
        return mentions
    opening = _FIRST_ASKED_OF.match(snap.index.query(text).norm)
    if opening is None:
        return mentions
    inside = {slug for slug, start, _, conf in snap.index.named_spans(text)
              if conf >= SURE and start < opening.end()}
    if len(inside) != 1:
        return mentions
    return sorted(mentions, key=lambda h: h.slug not in inside)


_CLAUSE_CUT = re.compile(r"[,，。.?？!！;；:：\s]+")
# 管这个吗 / 这种情况谁管: the asking clause refers back to what was told before it.
_BACK_REFERENCE = re.compile(r"这个|这种|这事|这些|这样的?(?:事|情况|做法)|此类|此事")


def asked_clause_first(snap: CatalogSnapshot, text: str, mentions: list[Hit]) -> list[Hit]:
    """有的招标公告门槛设得很奇怪，明显排斥外地企业，有什么机制管这个吗: two services named equally
    surely in clauses of their own, the asking clause naming neither (管这个): the one the message
    opens with is its topic (招标公告 → 第20条); what follows comments on it, however long its
    alias."""
    if len(mentions) < 2 or mentions[0].confidence != mentions[1].confidence:
        return mentions
    norm = snap.index.query(text).norm
    tied = {h.slug for h in mentions if h.confidence == mentions[0].confidence}
    spans = {slug: (start, end) for slug, start, end, conf in snap.index.named_spans(text)
             if slug in tied and conf == mentions[0].confidence}
    if len(spans) != 2 or len(tied) != 2:
        return mentions
    cuts = [m.end() for m in _CLAUSE_CUT.finditer(norm)]

    def clause(pos: int) -> int:
        return sum(c <= pos for c in cuts)

    (a, (a0, a1)), (b, (b0, b1)) = sorted(spans.items(), key=lambda kv: kv[1][0])
    if a1 > b0 or clause(a0) == clause(b0) or clause(a1 - 1) != clause(a0):
        return mentions  # overlapping, or one clause naming both
    pieces = _CLAUSE_CUT.split(norm)
    asking = [i for i, p in enumerate(pieces) if QUESTION_CUE.search(p)]
    if (len(asking) != 1 or asking[0] in (clause(a0), clause(b0))
            or asking[0] < clause(b0) or not _BACK_REFERENCE.search(pieces[asking[0]])):
        return mentions  # not one asking clause that names neither, referring back to them
    first = a
    return sorted(mentions, key=lambda h: h.slug != first)


# How many times better a loosely named service's clauses must address the message than those
# of the service a generic alias names, to be the one meant.
LOOSE_OVER_ALIAS = 2.0


def _overlaps(norm: str, a: str, b: str) -> bool:
    """Whether phrases `a` and `b` share characters where they occur in `norm`."""
    i, j = norm.find(a), norm.find(b)
    if i < 0 or j < 0:
        return a in b or b in a
    return i < j + len(b) and j < i + len(a)


def loosely_named_first(snap: CatalogSnapshot, text: str, mentions: list[Hit]) -> list[Hit]:
    """燃气公司乱收费呢: 乱收费 is a generic alias (涉企违规收费查处), 燃气 names 燃气报装 only
    loosely; when the loosely named service's clauses address the message far better (第45条
    查处…收取不合理费用 of 燃气), it is the one asked about. A service named outright, or an
    alias that addresses the message as well, keeps its place."""
    if len(mentions) != 1 or mentions[0].kind != "alias":
        return mentions
    top = evidence_score(snap, mentions[0].slug, text)
    norm = snap.index.query(text).norm
    for hit in snap.index.mentions(text):
        if (hit.confidence >= SURE or hit.slug == mentions[0].slug
                or hit.kind not in ("name", "alias")
                or _overlaps(norm, hit.matched, mentions[0].matched)):
            continue  # 公证 inside 学历公证, 接水 across 水电气: part of the same name
        score = evidence_score(snap, hit.slug, text)
        if score >= MIN_EVIDENCE and score >= LOOSE_OVER_ALIAS * top:
            return [Hit(hit.slug, hit.score, SURE, hit.kind, hit.matched), *mentions]
    return mentions


def kin_first(snap: CatalogSnapshot, mentions: list[Hit], previous: str,
              text: str) -> list[Hit]:
    """仲裁呢 after 诉前调解: 仲裁 is an alias of 商事仲裁 and of 劳动人事争议 alike; of services
    named by the same words equally surely, the one nearest the conversation's service comes
    first: that service itself when the message says little else (能找仲裁吗 after 劳动人事
    争议; 自来水公司拖着不装，投诉找谁 after 用水报装 says more), then one sharing a clause of
    the plan with it (after 根治欠薪, 劳动人事争议 shares 第167条; 商事仲裁 only the chapter),
    then one of its chapter, else one led by the same unit."""
    if len(mentions) < 2:
        return mentions
    top = mentions[0]
    tied = [h for h in mentions
            if h.confidence == top.confidence and h.matched == top.matched]
    if len(tied) < 2:
        return mentions
    lead = snap.services[previous].lead_unit

    own = set(service_tasks(snap.services[previous]))
    bare = len(content_besides_cues(text).replace(normalize(top.matched), "")) < SWITCH_MIN_CONTENT

    def distance(hit: Hit) -> int:
        if hit.slug == previous:
            return 0 if bare else 2
        if own & set(service_tasks(snap.services[hit.slug])):
            return 1
        if related(snap, hit.slug, previous):
            return 2
        return 3 if snap.services[hit.slug].lead_unit == lead else 4

    return sorted(tied, key=distance) + [h for h in mentions if h not in tied]


def outread_shared_alias(snap: CatalogSnapshot, previous: str, text: str,
                         mentions: list[Hit]) -> Hit | None:
    """要是打官司，法院会支持吗 after 政府招商承诺: 打官司 is an alias of 诉前调解 and of 涉企网上
    立案 alike, neither near the conversation's service, so the word alone picks neither; free
    text reading the whole message at its ceiling as a service that holds the word too (招商引资
    合同纠纷: 官司 打官司 法院 支持) is the one meant."""
    tied = [h for h in mentions
            if h.confidence == mentions[0].confidence and h.matched == mentions[0].matched]
    if len({h.slug for h in tied}) < 2 or any(
            h.kind != "alias" or h.slug == previous or related(snap, h.slug, previous)
            for h in tied):
        return None
    named = {h.slug for h in tied}
    top = next((h for h in snap.index.search(text, len(named) + 1) if h.slug not in named), None)
    if (top is None or top.kind != "bm25" or top.confidence < BM25_MAX_CONF
            or normalize(tied[0].matched) not in top.matched.split()):
        return None
    return top


def umbrella_named(snap: CatalogSnapshot, mentions: list[Hit]) -> Hit | None:
    """扩建接水接气，对方要收开口费接入费: of three or more services named equally surely, one
    whose clauses every other one also cites (市政公用接入, 第91条, cited by 用水报装 and 燃气报装)
    is what a question naming several of them at once asks about: the matter they share."""
    tied = [h for h in mentions if h.confidence == mentions[0].confidence] if mentions else []
    if len({h.slug for h in tied}) < 3:
        return None
    for hit in tied:
        own = set(service_tasks(snap.services[hit.slug]))
        if own and all(own <= set(service_tasks(snap.services[h.slug]))
                       for h in tied if h.slug != hit.slug):
            return hit
    return None


def _read_surely(snap: CatalogSnapshot, text: str) -> bool:
    """Whether free text reads the message at the search's ceiling (BM25_MAX_CONF)."""
    hits = snap.index.search(text, 1)
    return bool(hits) and hits[0].confidence >= BM25_MAX_CONF


def _cuts_through(snap: CatalogSnapshot, text: str, value: str) -> bool:
    """Whether an entity value the NLU tagged is found in the message only cutting through a
    word of it (用电 in 用电子的 cuts 电子), the way a mention of it would be demoted. A value
    the NLU mapped to a service's slug is looked for by that service's name and aliases
    (营业执照能用电子的吗: 用电, an alias of 用电报装, only inside 电子)."""
    norm = normalize(text)
    names = snap.names.get(value) or {normalize(value)}
    found = [(m.start(), len(word)) for word in names if word
             for m in re.finditer(re.escape(word), norm)]
    if not found:
        return False
    spans = spans_of(tuple(snap.index.cut(norm)))
    # A word holding the whole value (燃气 of 燃气公司) is a compound of it, not a cut.
    return all(crosses(start, start + size, spans)
               and not any(a <= start and start + size <= b for a, b in spans)
               for start, size in found)


# The words that name going to court, not a step of it (立案, 调解, 保全, 执行 name a step).
_COURT_GENERIC = frozenset({"打官司", "官司", "起诉", "告公司", "诉讼", "法院"})
# A matter's subject, as the court's task would write it: this many characters of its name.
_SUBJECT_SPAN = 4


def _subject_spans(name: str) -> set[str]:
    norm = normalize(name)
    return {norm[i:i + _SUBJECT_SPAN] for i in range(len(norm) - _SUBJECT_SPAN + 1)}


def court_of_the_matter(snap: CatalogSnapshot, previous: str, text: str,
                        mentions: list[Hit]) -> str | None:
    """要是打官司呢 after 商业秘密保护与知识产权维权援助, 告了赢了对方还是不给呢 after 拖欠中小企业
    账款: going to court in the matter at hand is that matter's court task — the one the
    conversation's service cites itself (第161条 高效办理拖欠中小微企业账款案件), or one a court's
    service holds whose text names the matter's subject (知识产权 → 第133条 知识产权专业化审判,
    中小企业 → 第151条 中小企业司法保护) — not the generic court steps 打官司 or 起诉 name
    (涉企网上立案, 诉前调解, 执行). The best-addressed of them, the conversation's own first on
    a tie; None when the message names a step or another matter, or the matter has no court
    task."""
    if not goes_to_court(text) or "法院" in snap.services[previous].lead_unit:
        return None
    if any(normalize(h.matched) not in _COURT_GENERIC and h.slug != previous for h in mentions):
        return None  # 网上立案怎么弄, 仲裁和打官司能连起来吗: a step or matter named
    subject = _subject_spans(snap.services[previous].name)
    own = court_items(snap.services[previous])
    candidates = [previous] if own else []
    for slug, service in snap.services.items():
        if slug == previous:
            continue
        if any(court_task(n) and any(w in normalize(plan_task_text(n)) for w in subject)
               for n in service_tasks(service)):
            candidates.append(slug)
    if not candidates:
        return None
    scores = {slug: evidence_score(snap, slug, text) for slug in candidates}
    best = max(candidates, key=lambda slug: scores[slug])  # the first on a tie: previous
    if scores[best] == 0 and best != previous and len(candidates) > 1:
        return None  # several courts' tasks name the subject and none addresses the message
    return best


def resolve(
    snap: CatalogSnapshot,
    text: str,
    entity_values: list[str] | None = None,
    previous: str | None = None,
    names_service: bool = False,
) -> Resolution:
    """`names_service`: the user is naming a service (a follow-up such as 那燃气呢), so a confident
    search hit beats the conversation's last service."""
    mentions = loosely_named_first(snap, text, asked_the_same_first(
        snap, text, [h for h in snap.index.mentions(text) if h.confidence >= SURE]))
    if not (previous and previous in snap.services):
        mentions = asked_clause_first(snap, text, mentions)
    if previous and previous in snap.services:
        mentions = kin_first(snap, mentions, previous, text)
    entities: list[str] = []
    for value in entity_values or []:
        # _cuts_through first: it is cheap and mostly False, _read_surely is a search
        if _cuts_through(snap, text, value) and (
                value not in snap.services if previous else _read_surely(snap, text)):
            # An entity value found only across a word of the message names nothing. On a first
            # message, where it is the NLU's only naming (a slug, looked for by the service's
            # aliases), it is set aside for a free-text reading at the search's ceiling
            # (营业执照能用电子的吗: 用电 cuts 电子; 电子营业执照 0.79), not for a loose one
            # (我们新建厂区要接高压电: 建厂 cuts 新建|厂区, 用电报装 0.59). In a conversation a
            # slug stands (接入费 of 接入费用 after 燃气报装: 市政接入, dev_plan32 c007).
            continue
        if value in snap.services:
            entities.append(value)
        else:
            hits = snap.index.mentions(value)
            if hits and hits[0].confidence >= SURE:
                entities.append(hits[0].slug)
    # Several services named ("政府采购投标保证金"): the text ranking (longest match) decides;
    # an entity alone (e.g. a button payload carrying a slug) is taken as it is.
    in_context = bool(previous and previous in snap.services)
    affair = None if mentions else personal_matter(text)
    if affair is not None:
        # 身份证丢了咋补办 / 结婚登记要带啥: a person's own affair, which no service of the plan
        # covers, however close free text reads it to one (驾驶证 → 公证事项跨省通办).
        return Resolution(None, "personal", affair=affair)
    if in_context and states_condition(text, snap.condition_words) and not any(
            not _inside_condition(snap, text, h.matched) for h in mentions):
        case = _case_elsewhere(snap, previous or "", text)
        if case is not None:
            return Resolution(case.slug, "search", case.confidence)
        # "我们是非居民用户" after 燃气报装: a condition, for the service at hand (its variant if
        # it has one); 非居民 reads as 用电报装, but a condition alone never switches service.
        return Resolution(previous, "context", 1.0)
    if not in_context and not mentions and not entities and is_bare_follow_up(text):
        # "要准备啥材料" with no service before it: its words match some service's example
        # questions, but only the user knows which service they mean, so ask.
        return Resolution(None, "none")
    joined = (_joined_next_door(snap, previous or "", text)
              if in_context and not mentions and not entities and asks_together(text) else None)
    if joined is not None:
        # 完工以后验收能一起办吗 after 施工图联合审查: whether 验收 is done jointly, a related
        # service's matter (联合验收, 第92条), not the drawings' joint review again.
        return Resolution(joined.slug, "joint", max(joined.confidence, SEARCH_SURE))
    if in_context and asks_together(text) and len(mentions) <= 1 and not _combined_next_door(
            snap, previous or "", text, mentions):
        # 跟交税能一起办吗 after 不动产登记 asks how the conversation's service combines with
        # 交税 (第111条 一窗受理、并行办理), not about 办税 on its own.
        return Resolution(previous, "context", 1.0)
    if not in_context and asks_together(text):
        joint = joint_service(snap, text, mentions)
        if joint is not None:
            return Resolution(joint.slug, "joint", max(joint.confidence, SEARCH_SURE))
    court = (court_of_the_matter(snap, previous or "", text, mentions)
             if in_context and all(e == previous or "法院" in snap.services[e].lead_unit
                                   for e in entities) else None)
    if court is not None:
        return Resolution(court, "context" if court == previous else "search",
                          1.0 if court == previous else SEARCH_SURE)
    outread = (outread_shared_alias(snap, previous or "", text, mentions)
               if in_context and not entities and len(mentions) > 1 else None)
    if outread is not None:
        return Resolution(outread.slug, "search", outread.confidence)
    if in_context and mentions and mentions[0].slug != previous and _alias_addressed_here(
            snap, previous or "", text, mentions[0]):
        # 材料不全咋办 after 涉企网上立案: 材料不全 is 容缺受理's alias, but 第142条 (起诉材料
        # 不齐全的，一次性全面告知) of the conversation's service answers it.
        return Resolution(previous, "context", 1.0)
    if (in_context and not mentions and not entities
            and asks_about_another_thing(snap, previous or "", text)):
        # 护照多久能办好 after 用水报装 asks about a passport, not about 用水报装: stating its
        # time limit would answer a question nobody asked with a figure that is not the one.
        in_context = False
    promised = (promised_elsewhere(snap, previous, text)
                if in_context and previous and not entities else None)
    if promised is not None:
        return Resolution(promised.slug, "search", max(promised.confidence, SEARCH_SURE))
    if in_context and not mentions:
        if is_bare_follow_up(text):
            return Resolution(previous, "context", 1.0)  # 找哪个部门: nothing to switch to
        if not entities and (online_asked_here(snap, previous or "", text)
                             or due_date_asked_here(snap, previous or "", text)):
            return Resolution(previous, "context", 1.0)
        analogue = snap.index.analogue(previous, strip_filler(normalize(text)))  # 那电呢
        if analogue:
            return Resolution(analogue, "mention", SURE)
        if (not names_service and not entities and asks_detail(text)
                and len(detail_rest(text)) < SWITCH_MIN_CONTENT):
            # "被驳回了怎么办" after 企业开办 asks about 企业开办, though 驳回 reads closer to
            # 清吊 (吊销): besides its detail words it says nothing that could name a service.
            return Resolution(previous, "context", 1.0)
        if detect_condition(snap.services[previous], text):
            # "一般社会投资的" after a question about 工程建设项目审批 answers its question back,
            # even though 小型低风险项目 reads closer in free text.
            return Resolution(previous, "context", 1.0)
        if not entities and asks_bare_amount(text):
            # 能封多少 after 解除与案件无关财产的查封冻结: its clauses say nothing of an amount,
            # a related service's do (第160条 禁止超范围超标的保全, 财产保全).
            elsewhere = _addressed_next_door(snap, previous or "", text)
            if elsewhere is not None:
                return Resolution(elsewhere, "search", SEARCH_SURE)
            # "最多交多少" after 投标保证金, "多大面积算" after 小型低风险项目: an amount of the
            # service at hand; 最多交 alone names no other service.
            return Resolution(previous, "context", 1.0)
        if not entities and addressed_here(snap, previous, text):
            return Resolution(previous, "context", 1.0)
        compound = None if entities else kin_compound(snap, previous or "", text)
        if compound is not None:
            return Resolution(compound, "search", SEARCH_SURE)
        elsewhere = None if entities else _addressed_next_door(snap, previous or "", text)
        if elsewhere is not None:
            return Resolution(elsewhere, "search", SEARCH_SURE)
        if not entities and asks_about_the_office(text):
            # "那你们负责人是谁" after 燃气报装: a person, phone, address or hours of the office
            # at hand (the plan holds none; its lead unit is where to ask), though 负责 reads
            # as 建筑师负责制 in free text.
            return Resolution(previous, "context", 1.0)
    if in_context and mentions and mentions[0].slug == previous:
        qualified = _qualified_switch(snap, previous or "", text)
        if qualified is not None:
            return Resolution(qualified.slug, "search", qualified.confidence)
    if mentions and not in_context:
        owner = owner_named(snap, text, mentions)
        if owner is not None:
            return Resolution(owner.slug, "mention", owner.confidence)
        online = online_next_door(snap, text, mentions[0])
        if online is not None:
            return Resolution(online, "mention", mentions[0].confidence)
    if mentions:
        umbrella = umbrella_named(snap, mentions)
        if umbrella is not None:
            return Resolution(umbrella.slug, "mention", umbrella.confidence)
        both = clause_of_both(snap, mentions)
        if both is not None:
            return Resolution(both.slug, "mention", both.confidence)
        kin = kin_read(snap, text, mentions[0].slug)
        if kin is not None:
            return Resolution(kin, "mention", mentions[0].confidence)
        meant = plan_reading_named(snap, text, mentions[0]) if in_context else None
        if meant is not None:
            return Resolution(meant, "mention", mentions[0].confidence)
        helper = help_service(snap, mentions[0].slug, text)
        if helper is not None:
            return Resolution(helper, "mention", SURE)  # its subject is named
        return Resolution(mentions[0].slug, "mention", mentions[0].confidence)
    if entities:
        outread = _outread_entity(snap, text, entities[0])
        if outread is not None:
            return Resolution(outread.slug, "search", outread.confidence)
        if not states_a_figure_unevidenced(snap, entities[0], text, snap.index.search(text, 10)):
            return Resolution(entities[0], "entity", 1.0)
        # The NLU's entity is a guess as well: 公证书几天 tagged as 不动产登记 (不动产权证书)
        # would state 不动产登记's time limit for a notarial certificate.
    hits = promised_first(
        snap, [h for h in snap.index.search(text, 5) if h.confidence >= SEARCH_MIN], text)
    if in_context and previous:
        hits = related_first(snap, hits, previous, text)
    top = hits[0] if hits else None
    if (in_context and previous and not names_service and not mentions and not entities
            and reads_no_further(snap, previous, text, hits)):
        return Resolution(previous, "context", 1.0)
    topic = (topic_named(snap, previous, text)
             if in_context and previous and not mentions and not entities else None)
    if topic is not None:
        return Resolution(topic, "search", SEARCH_SURE)
    if in_context and not names_service and not switches(hits, previous, text, snap):
        return Resolution(previous, "context", 1.0)
    if (in_context and names_service and not entities
            and own_words_only(snap, previous or "", text, hits)):
        # 保证金交不起, filed by the NLU as naming a service: the word it names is the
        # conversation's service's own (保全保证金), so nothing new is named.
        return Resolution(previous, "context", 1.0)
    hits = clause_first(snap, hits, text)
    top = hits[0] if hits else None
    if top and top.confidence >= SEARCH_SURE and states_a_figure_unevidenced(
            snap, top.slug, text, hits):
        return Resolution(None, "unevidenced", top.confidence,
                          [h for h in hits if evidenced(snap, h.slug, text, hits)][:3])
    if top and top.confidence >= SEARCH_SURE:
        close = [h for h in hits[1:3] if top.confidence - h.confidence < SEARCH_MARGIN]
        return Resolution(top.slug, "search", top.confidence, close)
    if in_context:
        return Resolution(previous, "context", 1.0)
    if top is None:
        return Resolution(None, "none")
    return Resolution(None, "ambiguous", top.confidence, hits[:3])

