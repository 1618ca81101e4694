"""Answer any question about a catalog service, with context, conditions and asking back."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.catalog_access import (
    CACHE,
    cards_shown,
    checklist_lead,
    checklist_shown,
    entity_values,
    handoff_card,
    question_summary,
    returned_to,
    send,
    today,
    typed_text,
    user_text,
)
from services_catalog.absent_facts import (
    absent_for,
    excluded_case,
    faster_than_limit,
    missing_answer,
    no_limit_quoted,
    other_kind,
    qualified_free,
    unconfirmed_claim,
    unexplained_term,
    unlisted,
    unlisted_materials,
    unstated_amount,
    unstated_specific,
    unstated_step,
    unstated_year,
)
from services_catalog.answers import (
    DETAIL_QUESTIONS,
    HOTLINE_SLUG,
    INTENT_QUESTION,
    NEEDS_LIMIT,
    ONLINE_WORDS,
    TIME_ASKED,
    Answer,
    asks_time,
    compose,
    detail_answer,
    detail_elsewhere,
    detect_condition,
    fee_elsewhere,
    limited_elsewhere,
    other_region_answer,
    over_capacity,
    personal_answer,
    quoting_answer,
    service_tasks,
    wants_detail,
)
from services_catalog.db import session_scope
from services_catalog.evidence import MIN_EVIDENCE, Evidence, bigrams, plan_words
from services_catalog.follow_ups import (
    asks_where_to_report,
    no_visit_answer,
    remote_answer,
    report_answer,
    report_first,
    report_switch,
    served_service,
    unit_switch,
)
from services_catalog.life_events import (
    LifeEvent,
    introduced_only,
    life_event_answer,
    life_event_asked,
    step_detail,
)
from services_catalog.normalize import normalize
from services_catalog.plan import task as plan_task
from services_catalog.question_cues import (
    OPENS_ANOTHER,
    asks_amount,
    asks_frequency,
    asks_nothing,
    asks_online,
    asks_who_handles,
    content_besides_cues,
    decisive_question_type,
    question_type,
    says_no_charge_asked,
    says_no_office_asked,
    states_who,
    without_non_charges,
)
from services_catalog.resolve import (
    JOINT_WORDS,
    SEARCH_MIN,
    SURE,
    Resolution,
    asks_the_same_unnamed,
    asks_together,
    case_in_checklist,
    related,
    resolve,
    tells_own_case,
)
from services_catalog.schemas import ServiceOut
from services_catalog.scope import other_region
from services_catalog.search import QUESTION_CUE
from services_catalog.several import questions_asked, services_asked, several_answer
from services_catalog.situation_lines import matter_buttons, related_to_answer, touches_more
from services_catalog.snapshot import CatalogSnapshot

MISSES_BEFORE_HANDOFF = 2  # the second unanswerable message in a row goes to the hotline
# What a how-long question about no service the catalog holds is told the plan does not state.
UNEVIDENCED_MISSING = "您问的这项业务的办理时限（它不在本助手收录的事项中）"


def candidate_buttons(slugs_names: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"title": name, "payload": f'/inform_service{{"service": "{slug}"}}'}
            for slug, name in slugs_names]


def asked_question(intent: str, text: str) -> str | None:
    """The question type: the wording where it settles it (几天, 多少钱), else the NLU's intent,
    else (a message taken from small talk, 在哪领) whatever question its wording shows.
    A due-date intent stays: 今天交的几天能办完 wants the date, which that answer includes."""
    if asks_frequency(text):
        return "policy"  # 多久查一次: how often a measure is done, which a clause says
    cue = None if intent == "ask_due_date" else decisive_question_type(text)
    if cue is None and intent not in INTENT_QUESTION and asks_who_handles(text):
        cue = "ask_department"  # 这事谁负责 filed as small talk or fallback
    if cue is None and intent == "ask_fee" and says_no_charge_asked(text):
        # 客户研发费用能加计扣除吗 / 钱能追回来吗: the NLU's fee guess rests on a money word that
        # asks no charge; what the words ask besides, else the plan's clauses (not the last
        # question carried over).
        return INTENT_QUESTION.get(question_type(without_non_charges(text)) or "") or "overview"
    asked = INTENT_QUESTION.get(cue or intent) or INTENT_QUESTION.get(question_type(text) or "")
    if cue is None and asked == "department" and says_no_office_asked(text):
        return "overview"  # 被各个部门上门检查好几次，能不能少查点: the offices are the case told
    return asked


# Card fields a short follow-up answer keeps: which service, the cited task, a computed date.
FIELD_KEYS = ("slug", "name", "citation", "condition", "due_date", "due_dates")


def shorten(answer: Answer, question: str) -> None:
    """A follow-up about a service whose card the conversation already shows: the asked field
    only. No second card; the 责任单位 tail names the lead unit (the card lists them all)."""
    if answer.card:
        answer.card = {"type": "field_answer", "question": question,
                       **{k: answer.card[k] for k in FIELD_KEYS if k in answer.card}}
    if answer.response != "utter_department":
        answer.variables["departments"] = answer.variables["lead_unit"]


def named_lead(snap: CatalogSnapshot, event: LifeEvent, text: str) -> str | None:
    """The service a life event's answer leaves as the conversation's: none (我想开个饭馆 asks
    about them all), unless the message names the checklist's lead itself (公司不干了想注销: 注销
    → 企业注销, so 能网上办吗 next asks about it)."""
    named = {h.slug for h in snap.index.mentions(text) if h.confidence >= SURE}
    return event.lead if event.lead in named else None


# A step read as well as the search's best, for a follow-up's loose word to stay on the checklist.
STEP_SHARE = 0.8


def step_of_checklist(found: Resolution, steps: list[str]) -> Resolution:
    """税务那边是不是还要另外跑一趟 after the checklist 注销退出: the loose word 税务 reads as 跨省
    税务迁移 first, but as well (STEP_SHARE) as 企业注销与税务注销, a step of the checklist just
    shown; the follow-up is about that step, not a service nobody mentioned."""
    if not steps or found.source != "search" or found.slug in steps:
        return found
    step = next((h for h in found.candidates
                 if h.slug in steps and h.confidence >= STEP_SHARE * found.confidence), None)
    if step is None:
        return found
    rest = [h for h in found.candidates if h.slug != step.slug]
    return replace(found, slug=step.slug, confidence=step.confidence, candidates=rest)


def detail_over_checklist(snap: CatalogSnapshot, tracker: Tracker, text: str,
                          previous_service: str | None, question: str) -> bool:
    """我们是一家小型建筑公司，…工程类的也是卡这个数吗: the checklist is read only from who the
    speaker is, and the message asks a detail a clause of the service it names answers (第21条
    400万元以下的工程): that answer, not the checklist. A message asking the procedures or how
    to go about it (我们是建筑公司，要办哪些手续) keeps the checklist (introduced_only)."""
    if not introduced_only(snap, text):
        return False
    found = resolve(snap, text, entity_values(tracker, "service"), previous_service)
    if found.slug is None or found.slug not in snap.services or found.affair is not None \
            or absent_for(text, True) is not None:
        return False
    service = snap.services[found.slug]
    if not wants_detail(service, question, text):
        return False
    detail = detail_answer(service, text)
    # The clause must be what the user reads: not overridden by "the amount is not stated".
    return detail is not None and unstated_amount(service, text, detail) is None


# 另外我们有送货的货车，四吨多，市区限行吗: a new matter opened (OPENS_ANOTHER) with its own
# yes-no question.
_YES_NO = re.compile(r"吗|(?:行|能|可以|限|要|用)不[?？]?$")


def opens_own_question(text: str) -> bool:
    """另外…限行吗 after 哪天能来人: the message opens another matter and asks a yes-no question of
    its own, so the previous turn's question (how long) is not carried over to it. 另外燃气呢
    asks nothing of its own and keeps it."""
    norm = normalize(text)
    return bool(OPENS_ANOTHER.search(norm) and _YES_NO.search(norm))


class ActionAnswerService(Action):
    def name(self) -> str:
        return "action_answer_service"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        return answer_service(dispatcher, tracker)


def answer_other_region(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[dict[str, Any]] | None:
    """A question about another region gets the scope reply (no 昌吉 figure, no buttons); None
    when the message names no other region."""
    region = other_region(user_text(tracker))
    if region is None:
        return None
    send(dispatcher, other_region_answer(region))
    return [SlotSet("misses", 0)]


# Words of a question open to anything the plan says (有啥服务, 怎么弄, 有什么规定).
OPEN_QUESTION = re.compile(r"啥|什么|哪些|怎么|怎样|如何|咋")


# Answers that never state an amount: 网上办理比例有多少 filed as a channel question wants the
# clause with the figure (第67条 95%以上), not the list of channels.
NO_AMOUNTS = ("channel", "department")


# What a follow-up says besides its question words to be telling a case (已经还了, 人数挺多):
# 好的 / 是的 say nothing.
CASE_MIN_CONTENT = 3
# At most this many characters besides cues: a bare switch (那用水呢, 那不动产登记那块呢).
BARE_SWITCH_CHARS = 7


# A service of another office the search reads the message as this well (of its best few) may
# answer a detail the found service's clauses leave unaddressed (detail_elsewhere's read_too).
READ_TOO_HITS = 5
READ_TOO_MIN = 0.5
_CLAUSE_END = re.compile(r"[，,。；;！!？?]")


def tells_then_asks(text: str) -> bool:
    """A situation told, then a question (有家公司拖欠工人工钱，还能来投项目吗): its words may name
    a service by the setting. A one-clause question (办电只拿营业执照就行吗) is about the service it
    names, not one its loose words also read as."""
    return sum(1 for piece in _CLAUSE_END.split(text) if piece.strip()) >= 2


def read_also(snap: CatalogSnapshot, text: str) -> list[str]:
    """The services of other offices the search also reads a told-then-asked message as, when
    its words name no one service outright: two or more share the top reading (拖欠工人工钱 names
    农民工工资保证金 and 劳动争议 alike; 还能来投项目吗 is 根治欠薪's 第95条). A message naming one
    service alone (政务大厅帮办代办都管哪些事, 汽修店要接电…拿营业执照) is about that one."""
    if not tells_then_asks(text):
        return []
    hits = snap.index.search(text, READ_TOO_HITS)
    if len(hits) < 2 or hits[1].confidence < hits[0].confidence:
        return []
    return [h.slug for h in hits if h.confidence >= READ_TOO_MIN]


# A fee question saying this much besides its cue names a part of the matter (公告要钱吗).
FEE_PART_MIN = 2


def answer_plan_clause(dispatcher: CollectingDispatcher, tracker: Tracker,
                       read_alike: bool = False, asked: bool = True) -> list[dict[str, Any]] | None:
    """A question no service reads, whose words a clause of the plan addresses strongly
    (有人堵店门口要保护费，我该怎么办 → 第146条 敲诈勒索): that clause under its service's name and
    第N条; None when no clause does. `read_alike`: only when the catalog search's best service
    is that clause's too (the NLU read the message loosely; search and clause agree). `asked`:
    only a message that asks something (a grievance told needs no question)."""
    text = user_text(tracker)
    if asked and not QUESTION_CUE.search(text):
        return None
    with session_scope() as session:
        snap = CACHE.get(session)
    anywhere = detail_elsewhere(None, snap.services.values(), text)
    if anywhere is None or not anywhere.card:
        return None
    if read_alike:
        hits = [h for h in snap.index.search(text, 1) if h.confidence >= SEARCH_MIN]
        if not hits or hits[0].slug != anywhere.card["slug"]:
            return None
    send(dispatcher, anywhere)
    return [SlotSet("service", anywhere.card["slug"]), SlotSet("condition", None),
            SlotSet("misses", 0)]


def online_elsewhere(service: ServiceOut, snap: CatalogSnapshot) -> Answer | None:
    """The clause of another service that says this service's matter is done online in the
    plan's words, 网上 with its head word (网上保全 of 财产保全, 第153条 新疆移动微法院…网上保全);
    None when no clause says so (税务Ukey: 企业开办's 全程网办 names another matter)."""
    said = f"网上{service.name[-2:]}"
    for other in snap.services.values():
        if other.slug == service.slug:
            continue
        for number in service_tasks(other):
            clause = next((c for c in plan_task(number).clauses if said in c.text), None)
            if clause is not None:
                return quoting_answer(other, [Evidence(clause, 1.0)], [other.name, *other.aliases],
                                      other.lead_unit or "")
    return None


# 网上/线上 and the word that follows it in a question (网上办, 网上能立案, 线上申请): the matter
# asked to be done online, after such helper words as 能/也/就.
_ONLINE_MATTER = re.compile(r"(?:网上|线上|在线(?!上))[能可也就都来去给以]*([\u4e00-\u9fff]{1,2})")

_DO = re.compile(r"^[弄搞整]")


def online_here(service: ServiceOut, text: str) -> Answer | None:
    """能不能在网上立案 / 公证不能网上办吧: a clause of the service's own tasks saying that very
    matter is done online (第142条 7日内完成网上立案审核, 第145条 …网上办证), rather than "the plan
    does not say where" or another task's channel. The clause must write 网上/线上 with the
    word the question puts after it (办 of 网上办证, not 网上“跨省通办”), the whole word before
    its first character; None when none does."""
    # 网上弄得成不 / 网上整: the colloquial verbs say 办; 办 (办理, 办吗) names no matter of its
    # own.
    asked = [_DO.sub("办", m.group(1)) for m in _ONLINE_MATTER.finditer(normalize(text))]
    asked = ["办" if word.startswith("办") else word for word in asked]
    clauses = [c for number in service_tasks(service) for c in plan_task(number).clauses]
    # Its first character alone (网上办 of 网上办理) is enough only where the service lists no
    # channel: a listed one (不动产登记 全程网办) answers a bare 网上能办吗 better.
    for n in (2, 1) if not service.channels else (2,):
        said = {f"{where}{word[:n]}" for word in asked if len(word) >= n
                for where in ("网上", "线上")}
        clause = next((c for c in clauses if any(s in c.text for s in said)), None)
        if clause is not None:
            return quoting_answer(service, [Evidence(clause, 1.0)],
                                  [service.name, *service.aliases])
    return None


# Where or through what a matter is done, in the plan's words: a window or hall, a platform or
# app, online or by network, or no visit at all (零上门).
_CHANNEL_SAID = re.compile(r"窗口|大厅|平台|APP|小程序|网上|线上|网络|在线|一网通办|上门")


# A channel question in its own words (在哪办, 用什么平台, 要跑供电所吗, 能在线开吗), not one
# carried over to a service named by a bare switch (那接自来水呢).
_WHERE_ASKED = re.compile(r"哪|窗口|大厅|平台|APP|小程序|网上|线上|在线|网络|跑|上门|现场")
# How many visits (只跑一趟, 跑几次): the plan's 最多跑一次, not where.
_VISIT_COUNT = re.compile(r"跑[一几两]?(?:趟|次|回)")
# The words a bare where-question says besides its cues (在哪办, 去哪里申请, 在哪个平台).
_BARE_WHERE = re.compile(r"办理?|申请|弄|搞|平台|窗口|里|去|在|到|呀|啊")
# Online named in a channel question (想在网上申请…用什么平台), yes/no or not.
_ONLINE_SAID = re.compile(r"网上|线上|在线")


def _channel_clauses(service: ServiceOut) -> list:
    return [c for number in service_tasks(service) for c in plan_task(number).clauses
            if _CHANNEL_SAID.search(c.text)]


def channel_in_clauses(service: ServiceOut, snap: CatalogSnapshot, text: str,
                       follow_up: bool = False) -> Answer | None:
    """在哪办 / 要跑供电所吗 / 债权人会议能在线开吗 of a service listing no channel: the clause of
    its own tasks that says where or through what it is done (第87条 综合服务窗口, 第42条 零上门,
    第141条 网络会议, 第79条 新疆公安网上办事大厅), the one sharing most of the message's words
    (and their plan words) when several do, not "the plan does not say where". With none of its
    own, a related service's clause saying where this service's matter (its name's head word:
    报装 of 用水报装) is done (第45条 在政务服务大厅设置报装窗口). None when no clause says so."""
    naming = [service.name, *service.aliases]
    said = text
    for name in sorted(naming, key=len, reverse=True):
        said = said.replace(name, " ")
    asked = bigrams(f"{said} {plan_words(said)}") - {g for n in naming for g in bigrams(n)}
    own = _channel_clauses(service)
    if own:
        best = max(own, key=lambda c: len(asked & bigrams(c.text)))
        # 能在政务大厅办吗 names a place no clause of the service writes: not stated. A bare
        # 在哪办 / 在哪个平台 takes the clause that says where.
        if not asked & bigrams(best.text) and _BARE_WHERE.sub("", content_besides_cues(said)):
            return None
        return quoting_answer(service, [Evidence(best, 1.0)], naming)
    head = service.name[-2:]
    for other in snap.services.values():
        if other.slug == service.slug or not related(snap, other.slug, service.slug):
            continue
        clause = next((c for c in _channel_clauses(other) if head in c.text), None)
        if clause is not None:  # said of the matter of both: answered as this service's
            return quoting_answer(service, [Evidence(clause, 1.0)],
                                  [service.name, *service.aliases])
    # Only a follow-up (在哪对接 after 首贷续贷) takes a related service's clause for the word
    # asked: a question naming its service (拖欠账款在哪投诉) asks where that one is done, and a
    # common verb (投诉) in another service's channel clause does not answer it.
    return asked_word_channel(service, snap, said) if follow_up else None


# A word a where-question asks besides its cues (对接 of 在哪对接) is this long.
ASKED_WORD_MIN = 2


def asked_word_channel(service: ServiceOut, snap: CatalogSnapshot, said: str) -> Answer | None:
    """在哪对接 after 首贷与无还本续贷, whose clauses say nowhere: the channel clause of a related
    service that writes the very word asked (第38条 “信易贷”平台…通过线上对接), under that
    service's name and 第N条. None when the question asks no word of its own, or no related
    service's channel clause, or more than one, writes it."""
    word = _BARE_WHERE.sub("", content_besides_cues(said))
    if len(word) < ASKED_WORD_MIN:
        return None
    found = [(other, c) for other in snap.services.values()
             if other.slug != service.slug and related(snap, other.slug, service.slug)
             for c in _channel_clauses(other) if word in normalize(c.text)]
    if len({c.text for _, c in found}) != 1:
        return None
    other, clause = found[0]
    return quoting_answer(other, [Evidence(clause, 1.0)], [other.name, *other.aliases],
                          other.lead_unit or "")


def unplaced_clause(snap: CatalogSnapshot, found: Resolution, text: str) -> Answer | None:
    """The clause answering a question no service was sure for: a clause of a close candidate
    that addresses it (its own evidence bar), else one of any service that does so strongly."""
    for hit in found.candidates:
        own = detail_answer(snap.services[hit.slug], text)
        if own is not None and own.card:
            return own
    return detail_elsewhere(None, snap.services.values(), text)


def tells_situation(text: str) -> bool:
    """有工人说要去法院告我们欠薪 / 对方说愿意写保证慢慢还: a follow-up that tells what happened and
    asks nothing. No field of the last question (a fee) answers it; a clause on it does."""
    return (not QUESTION_CUE.search(normalize(text))
            and len(content_besides_cues(text)) > BARE_SWITCH_CHARS)


def states_another_case(stays: bool, intent: str, text: str, condition: str | None) -> bool:
    """我们是高压用户 / 我们已经把钱都还了 / 那种空壳公司呢 after an answer, asking nothing of
    its own: a case the service's time-limit variants do not name. The clause of its tasks about
    that case answers it (第42条 高压用户报装“三省”, 第169条 积极履行义务的…3日内删除), not the
    last question again (when no clause addresses it, the last question is answered)."""
    return (stays and condition is None
            and (states_who(text) or len(content_besides_cues(text)) >= CASE_MIN_CONTENT)
            and (asked_question(intent, text) is None or asks_nothing(text)
                 or words_ask_no_field(text)))


def words_ask_no_field(text: str) -> bool:
    """那限制高消费呢，法院会不会乱限: its words settle no question type; only the NLU's intent
    (or the last question) would make it a how-long question."""
    return decisive_question_type(text) is None and question_type(text) is None


def carries_limit_too(service: ServiceOut, question: str, intent: str, text: str) -> bool:
    """A bare 那X呢 (no question of its own) carrying a question other than how long, to a
    service the plan gives a time limit."""
    return (question not in NEEDS_LIMIT and bool(service.time_limits)
            and asked_question(intent, text) is None and words_ask_no_field(text)
            and len(content_besides_cues(text)) <= BARE_SWITCH_CHARS)


def answer_service(
    dispatcher: CollectingDispatcher, tracker: Tracker, names_service: bool = False
) -> list[dict[str, Any]]:
    """The answer, then (for a situation told at length) the other matters it touches that the
    answer lacks, read from the situation memory (services_catalog/situations.py)."""
    before = len(dispatcher.messages)
    events = _answer_service(dispatcher, tracker, names_service)
    add_extra_matters(dispatcher, user_text(tracker), dispatcher.messages[before:])
    add_report_channel(dispatcher, tracker, events)
    return events


def add_report_channel(dispatcher: CollectingDispatcher, tracker: Tracker,
                       events: list[dict[str, Any]]) -> None:
    """去哪反映 after 拖欠中小企业账款, answered of that service ("the plan names no channel"):
    the plan's channel for reports beside it, the 12345 hotline's clauses (第77条 “接诉即办”),
    when neither that service nor a related one takes reports itself (report_switch)."""
    previous = tracker.get_slot("service") or checklist_lead(tracker)
    answered = next((e.get("value") for e in events
                     if e.get("event") == "slot" and e.get("name") == "service"), None)
    text = user_text(tracker)
    # cheap: no catalog snapshot for a same-service turn that asks nothing of where to report
    if previous is None or answered != previous or not asks_where_to_report(text):
        return
    with session_scope() as session:
        snap = CACHE.get(session)
    if report_switch(snap, previous, text) is None:
        return
    send(dispatcher, replace(report_answer(snap.services[HOTLINE_SLUG]), card=None, buttons=[]))


def add_extra_matters(dispatcher: CollectingDispatcher, text: str,
                      sent: list[dict[str, Any]]) -> None:
    """我们厂要扩建，还想招一批工人，听说有补贴: the matters (第N条) the situations most like it
    touch, as a bubble of their own; nothing for a single-fact question or a handoff."""
    if not sent or not touches_more(text):  # cheap: no catalog snapshot for a one-clause question
        return
    with session_scope() as session:
        snap = CACHE.get(session)
    extra = related_to_answer(snap, text, sent)
    if extra is not None:
        dispatcher.utter_message(text=extra[0], json_message=extra[1],
                                 buttons=matter_buttons(extra[1]) or None)


def named_by_nlu(snap: CatalogSnapshot, tracker: Tracker, intent: str, text: str,
                 previous: str | None) -> bool:
    """Whether the NLU's inform_service is taken as naming a service: not for a …呢 follow-up
    naming none (能查的呢 after “吉速办”小程序 reads loosely as 双随机抽查)."""
    return intent == "inform_service" and (
        bool(entity_values(tracker, "service"))
        or not asks_the_same_unnamed(snap, text, previous))


def _answer_service(
    dispatcher: CollectingDispatcher, tracker: Tracker, names_service: bool = False
) -> list[dict[str, Any]]:
    """`names_service`: the message itself is about a service (a follow-up such as 那燃气呢, or a
    message the catalog claimed from small talk), so its best match beats the last service."""
    scoped = answer_other_region(dispatcher, tracker)
    if scoped is not None:
        return scoped
    intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
    text = user_text(tracker)
    previous_service = tracker.get_slot("service")
    previous_question = tracker.get_slot("question")
    question = (asked_question(intent, text)
                or (None if opens_own_question(text) else previous_question) or "overview")

    with session_scope() as session:
        snap = CACHE.get(session)
    # 说回配方被带走那个事，谁来查: back to an earlier matter, which the rest asks about; its
    # words (配方被带走) told that matter, they open no new one.
    back = returned_to(tracker)
    if back is not None and back in snap.services:
        previous_service = back
    else:
        back = None
    # 我们是做工程的 after 政府采购面向中小企业 tells a case of that service, not a situation.
    event = (None if back or tells_own_case(snap, previous_service, text)
             else life_event_asked(snap, text, previous_service))
    if event is not None and detail_over_checklist(snap, tracker, text, previous_service,
                                                   question):
        event = None
    reported = (report_first(snap, text, [*event.named, *(link.slug for link in
                                                          event.scenario.services)])
                if event is not None and previous_service is None and not back else None)
    if reported is not None:
        # 我是开饭馆的…遇到难处想打电话反映，该打哪个号码: where to report, not the trade's
        # checklist; the plan's channel for reports, the 12345 hotline (第77条). A matter told
        # with it and no trade (有部门收了不该收的费，去哪举报) is answered as that matter.
        send(dispatcher, report_answer(snap.services[reported]))
        return [SlotSet("service", reported), SlotSet("question", question),
                SlotSet("condition", None), SlotSet("misses", 0)]
    if event is not None and previous_service is None:
        # After a checklist the conversation is on all its services: a case told in words that
        # also name a situation (资金周转不开 → 申请贷款) is the matter of the step it belongs
        # to, not a new checklist.
        step = case_in_checklist(snap, checklist_shown(tracker), text)
        if step is not None:
            previous_service, event = step, None
    if event is None and previous_service is None:
        # After a checklist, a follow-up naming no service (多久能批下来) is about the service
        # the checklist was read for, not whatever its loose words find.
        previous_service = checklist_lead(tracker)
    if event is not None:
        # 我想开个饭馆，要办哪些手续: the checklist of its services, each with its time limit and
        # 第N条, and a button for each. No service is "the" one asked about afterwards.
        send(dispatcher, life_event_answer(snap, event))
        detail = step_detail(snap, event, text)
        if detail is not None:
            # 客户投政府采购的标，保证金怎么交: the detail asked, from the step's clause (第23条),
            # under the checklist; the checklist's card stays the answer's.
            send(dispatcher, replace(detail, card=None, buttons=[]))
        return [SlotSet("service", named_lead(snap, event, text)), SlotSet("question", question),
                SlotSet("condition", None), SlotSet("misses", 0)]
    several = None if back else services_asked(snap, text)
    if several:
        # 企业开办和用水报装分别要多久: one line each, with its figure and 第N条.
        asked = questions_asked(snap, text, several, question)
        send(dispatcher, several_answer(snap, several, question, asked, text))
        return [SlotSet("service", several[0]), SlotSet("question", question),
                SlotSet("condition", None), SlotSet("misses", 0)]
    # 那税务那边的失信名单呢 after 法院失信: the sibling service of the unit named.
    side = None if back else unit_switch(snap, previous_service, text)
    found = (Resolution(back, "context", 1.0) if back else
             Resolution(side, "mention", 1.0) if side else
             # the words as typed: a space between words keeps the search from reading a
             # bigram across two of them (贷款 给 我们)
             resolve(snap, typed_text(tracker), entity_values(tracker, "service"),
                     previous_service, names_service=names_service or named_by_nlu(
                         snap, tracker, intent, text, previous_service)))
    if not back:
        found = step_of_checklist(found, checklist_shown(tracker))
    affair = found.affair
    if affair is not None:
        # 结婚登记要带啥: a person's own affair; no card, 12345. The conversation's service stays
        # for what follows.
        send(dispatcher, personal_answer(affair))
        return [SlotSet("misses", 0)]
    missing = absent_for(text, found.slug is not None)
    if missing is not None:
        # A phone number, a name, a price …: the plan does not say; where to ask instead.
        plain = missing_answer(missing, found, snap.services, text)
        send(dispatcher, plain)
        return [SlotSet("service", (plain.card or {}).get("slug") or previous_service),
                SlotSet("question", question), SlotSet("misses", 0)]
    if found.source == "unevidenced":
        # 护照多久能办好: no service the catalog holds is named, and a guess would state some
        # other service's time limit. Say the plan does not give one, where to ask, and offer
        # the services the words may mean (if any).
        send(dispatcher, Answer(
            "utter_not_in_plan_general", {"missing": UNEVIDENCED_MISSING},
            {"type": "not_in_plan"},
            candidate_buttons([(h.slug, snap.services[h.slug].name) for h in found.candidates])))
        return [SlotSet("question", question), SlotSet("misses", 0)]
    if found.slug is None and QUESTION_CUE.search(text):
        # A question no service's names or examples read (or only loosely: candidates), whose
        # words a clause of the plan addresses: that clause, under its service's name and 第N条
        # (造假的人会坐牢吗 → 第155条 刑事惩戒), not "which of these did you mean".
        anywhere = unplaced_clause(snap, found, text)
        if anywhere is not None and anywhere.card:
            send(dispatcher, anywhere)
            return [SlotSet("service", anywhere.card["slug"]), SlotSet("question", question),
                    SlotSet("condition", None), SlotSet("misses", 0)]
    if found.slug is None:
        misses = int(tracker.get_slot("misses") or 0) + 1
        if misses >= MISSES_BEFORE_HANDOFF:
            summary = question_summary(tracker, skip_latest=False)
            dispatcher.utter_message(response="utter_handoff", summary=summary,
                                     json_message=handoff_card(tracker, summary,
                                                               "not_understood"))
            return [SlotSet("question", question), SlotSet("misses", 0)]
        if found.candidates:
            dispatcher.utter_message(
                response="utter_did_you_mean",
                buttons=candidate_buttons(
                    [(h.slug, snap.services[h.slug].name) for h in found.candidates]
                ),
                json_message={"type": "fallback"},
            )
        else:
            dispatcher.utter_message(response="utter_ask_service",
                                     json_message={"type": "fallback"})
        return [SlotSet("question", question), SlotSet("misses", misses)]

    service = snap.services[found.slug]
    switched = found.slug != previous_service
    if switched and asked_question(intent, text) is None and OPEN_QUESTION.search(text):
        # 项目要接高压电，有啥服务 after 用地审批多久 asks what the plan offers, not the last
        # question (多久) of the new service.
        question = "overview"
    # A condition named now (button or words) beats the one remembered for this service.
    known = {t.condition for t in service.time_limits if t.condition}
    stated = [c for c in entity_values(tracker, "condition") if c in known]
    remembered = None if switched or back else tracker.get_slot("condition")
    named = stated[0] if stated else detect_condition(service, text)
    condition = named or remembered
    if (named and found.source == "context" and question not in NEEDS_LIMIT
            and asked_question(intent, text) is None):
        # 我们是小微企业，功率100千瓦 after 用电报装收费吗: the condition picks a variant of the
        # time limit, which is what it changes; the fee answer again would ignore it.
        question = "time_limit"
    # A question about something besides the fields (谁能享受, 超过160千瓦呢): the clauses of the
    # service's tasks that address it, each with its 第N条; else the field's answer.
    # The conversation's service, by context or named again (限制高消费 is its alias).
    stays = found.source == "context" or (found.source == "mention" and not switched)
    # 能解除吗 after 财产保全, read by the search as that service again: still the conversation's.
    kept = previous_service is not None and not switched
    together = (stays or found.source == "joint") and asks_together(text)
    # A how-long question (its words ask it) about a service with no time limit: only a clause
    # with the plan's own date or span answers it; an NLU guess alone (法院会考虑疫情因素吗)
    # is a detail question like any other.
    when = question in TIME_ASKED and asks_time(text)
    # 回到刚才那个纠纷，能不能在县里就解决: what it asks of the earlier matter is in its clauses
    # (第27条 就地就近化解) when its words settle no field.
    back_to_detail = back is not None and words_ask_no_field(text) and not asks_who_handles(text)
    # 300千瓦…多久: the clause that says whom each day count covers (compose answers it so in
    # every path); no other clause stands in for it.
    over = over_capacity(service, question, text)
    # A button (/inform_condition{"condition": "非居民"}) has no words of a detail: the choice
    # picks the variant of the question asked (非居民 15个工作日), not a clause naming it.
    button = text.startswith("/")
    told = (previous_service is not None and named is None and back is None
            and tells_situation(text))
    if told and asked_question(intent, text) is None:
        question = "overview"  # not the last question's field, should no clause address it
    detailed = not (over or button) and (
        together or back_to_detail or told or wants_detail(service, question, text)
        or states_another_case(stays, intent, text, named)
        or (question in NO_AMOUNTS and asks_amount(text)))
    detail = (((together and detail_answer(service, text + JOINT_WORDS, when=when))
               or detail_answer(service, text, aliases_tell=stays or told or kept, when=when,
                                in_conversation=previous_service is not None))
              if detailed else None)
    if (detailed and detail is None and not when and found.source != "context"
            and not asks_together(text)):
        # 打官司法院能给确权吗: 打官司 names 涉企网上立案, whose clauses say nothing of 确权;
        # a service of the same chapter or court whose clause does (第150条) answers it. A
        # together-question (税务注销能一起办吗) is about the service named, not a third one.
        read_too = read_also(snap, text)
        detail = detail_elsewhere(service, snap.services.values(), text, read_too=read_too)
    if (detailed and detail is None and not when and found.source == "context"
            and question not in DETAIL_QUESTIONS and not told and not asks_together(text)
            and QUESTION_CUE.search(text)):
        # 那股权到底归谁，法院能给说清吗 after 涉企案件包容审慎司法, filed as a department question
        # its words do not ask (归谁 of the 股权, not who handles it): the service's clauses say
        # nothing of it, and the court's clause that does (第150条 依法明确产权归属) answers it
        # strongly (ELSEWHERE_EVIDENCE), not the field the NLU guessed.
        detail = detail_elsewhere(service, snap.services.values(), text)
    if (told and detail is None and found.source == "context"
            and not tells_own_case(snap, service.slug, text)):
        # 对方说愿意写保证慢慢还 after 新业态包容审慎监管: a new turn of events the conversation's
        # service holds no word of; a clause anywhere that addresses it strongly (第152条 信用承诺
        # …执行和解), not that service's overview again. 我们门店里还有台咖啡机 after 新业态食品
        # 经营备案 is a case of that service (咖啡机 is its word): its own answer stands.
        detail = detail_elsewhere(None, snap.services.values(), text)
    if detailed and detail is None and found.source == "context" and asks_online(text):
        # 晚上能在网上申请吗 after 住所登记承诺制, whose clauses say nothing of it: the chapter's
        # clause about applying online (第2条 “企业开办”全流程网办, 7×24小时“不打烊”). Not for a
        # service named now (完税证明能不能网上拿电子版): the question is about that one.
        detail = detail_elsewhere(service, snap.services.values(), f"{text} {ONLINE_WORDS}")
    if detail is None and question == "channel":
        # 要跑现场吗: the clause saying it is done online answers "no need to go".
        detail = no_visit_answer(service, text)
    if detail is None and found.source == "context":
        # 必须本人到场核身份吗 after 企业开办: the clause saying that very thing is done remotely
        # (第3条). Not for a first message, which may ask more besides (多久, 去现场签字吗).
        detail = remote_answer(service, text)
    if detail is None and question == "channel":
        # 不能网上办吧: a channel question naming the matter done online (online_here).
        detail = online_here(service, text)
    if (detail is None and question == "channel" and not service.channels
            and (asks_online(text) or _ONLINE_SAID.search(normalize(text)))):
        # 财产保全能网上申请吗: the plan says so under another service, in a clause naming this
        # one's matter (第153条 新疆移动微法院…网上保全), not "the plan does not say where".
        detail = online_elsewhere(service, snap)
    if (detail is None and question == "channel" and not service.channels
            and found.source == "context" and asks_online(text)):
        # 能在网上弄吗 after 税务Ukey, whose clauses name no channel: the chapter's clause about
        # applying online (第1、2条 全流程网办) answers it, not "the plan does not say where".
        detail = detail_elsewhere(service, snap.services.values(), f"{text} {ONLINE_WORDS}",
                                  least=MIN_EVIDENCE)
    if (detail is None and question == "channel" and not service.channels
            and _WHERE_ASKED.search(normalize(text)) and not _VISIT_COUNT.search(text)):
        detail = channel_in_clauses(service, snap, text, follow_up=found.source == "context")
    if (detail is None and question == "fee" and not service.fees
            and len(content_besides_cues(text)) >= FEE_PART_MIN):
        # 公告要钱吗 after 简易注销: the plan says what that part costs under another service
        # of the chapter (第4条 免费发布注销公告), where this one's fee lines say nothing.
        detail = fee_elsewhere(service, snap.services.values(), text)
    answer = detail or compose(service, question, condition=condition, text=text, today=today())
    answer = qualified_free(service, text, answer) or answer  # 补办: only 首次 is free
    if not together:  # 要跑几个窗口 asks how they combine, not an amount
        answer = unstated_amount(service, text, answer) or answer  # 补多少: not stated, ask here
    answer = unlisted(service, text, answer) or answer  # 清单上有哪些: not listed, ask here
    answer = unlisted_materials(service, question, text, answer) or answer  # 要交哪些材料
    answer = unstated_year(service, text, answer) or answer  # 2024年底: only 2023/2025 set
    answer = unstated_step(service, text, answer) or answer  # 立案后多久开庭: 7日 is the 审核
    answer = no_limit_quoted(service, text, answer) or answer  # 多少个工作日: no limit set
    answer = unexplained_term(service, text, answer) or answer  # “…模式”是啥意思: not explained
    answer = unstated_specific(service, text, answer) or answer  # 在哪儿, 一年几回, 几点
    answer = unconfirmed_claim(service, text, answer) or answer  # 听说利率3.2%对吗: not the plan's
    answer = excluded_case(service, text, answer) or answer  # 重大工程建设项目: 除…外
    answer = other_kind(service, text, answer) or answer  # 更正登记: only 一般、抵押 set
    answer = faster_than_limit(service, text, answer) or answer  # 能不能当天办完: not stated
    if found.source == "search" and found.candidates and not answer.needs_condition:
        # A best guess from free text: offer the close runners-up too.
        answer.buttons = candidate_buttons(
            [(h.slug, snap.services[h.slug].name) for h in found.candidates]
        ) + answer.buttons
    if service.slug in cards_shown(tracker) and not answer.needs_condition:
        shorten(answer, question)
    send(dispatcher, answer)
    # Only for a follow-up on the step (要几天, 我们是政府投资的): a message that names the step
    # itself (不算小型低风险，审批得多久) gets no other matter's days beside "no limit of its own".
    served = (served_service(snap, service)
              if detail is None and question in TIME_ASKED and found.source == "context"
              else None)
    served_case = detect_condition(served, text) if served is not None else None
    if served is not None and (when or served_case):
        # 要几天 after 住所登记承诺制: the time limit of the matter its clause says it serves
        # (…即可办理企业开办 → 企业开办 3个工作日, 第3条), beside "no limit of its own"; so does
        # 是政府投资项目 after 小型低风险项目审批 (工程建设项目审批's 政府投资 variant).
        limit = compose(served, "time_limit", condition=served_case, text=text, today=today())
        if not limit.needs_condition:
            send(dispatcher, replace(limit, card=None, buttons=[]))
    elif when and detail is None and not service.time_limits:
        # 多久能办完 after 帮办代办: no time limit of its own, and the chapter's commitment to
        # finish within a set time (第66条 建立限时办结机制) beside it.
        limited = limited_elsewhere(service, snap.services.values())
        if limited is not None:
            send(dispatcher, replace(limited, card=None, buttons=[]))
    if (switched and detail is None and not answer.needs_condition
            and carries_limit_too(service, question, intent, text)):
        # 那用水呢 after 用电报装要交钱吗: a bare switch asks of the new service as the
        # conversation asked of the last one, its time limit as well as the question carried.
        limit = compose(service, "time_limit", condition=condition, text=text, today=today())
        if not limit.needs_condition:
            send(dispatcher, replace(limit, card=None, buttons=[]))
    return [
        SlotSet("service", service.slug),
        SlotSet("question", question),
        # A condition named with a detail question (那新能源项目用地审批呢) still holds for
        # the next one (多久).
        SlotSet("condition", answer.condition or condition),
        SlotSet("misses", 0),
    ]
