"""Small talk, fallback, out-of-scope, hand-off to the 12345 hotline, and 好差评 feedback.

A message the catalog recognises as being about a service is answered as a service question
whatever non-service intent the NLU gave it ("你好，开公司要几天" is a question, not a greeting;
"纳税信用咋恢复" is not out of scope): see resolve.claims_message for the bars.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.catalog_access import (
    CACHE,
    checklist_lead,
    handoff_card,
    question_summary,
    send,
    user_text,
)
from actions.catalog_answers import (
    MISSES_BEFORE_HANDOFF,
    add_extra_matters,
    answer_other_region,
    answer_plan_clause,
    answer_service,
    candidate_buttons,
)
from services_catalog.absent_facts import may_be_absent
from services_catalog.answers import detail_elsewhere
from services_catalog.db import session_scope
from services_catalog.follow_ups import asks_what_else, what_else_answer
from services_catalog.grievance import grievance_answer
from services_catalog.life_events import life_event_asked
from services_catalog.models import Feedback
from services_catalog.normalize import is_noise
from services_catalog.question_cues import (
    DETAIL_MAX_CONTENT,
    asks_bare_amount,
    asks_detail,
    content_besides_cues,
    is_bare_follow_up,
    states_condition,
    states_who,
    voices_grievance,
)
from services_catalog.resolve import (
    SEARCH_MIN,
    addressed_here,
    claims_message,
    due_date_asked_here,
    states_amount_here,
)
from services_catalog.scope import other_region
from services_catalog.search import QUESTION_CUE
from services_catalog.snapshot import CatalogSnapshot

SMALL_TALK = {
    "greet": "utter_greet",
    "goodbye": "utter_goodbye",
    "thanks": "utter_thanks",
    "bot_challenge": "utter_iamabot",
    "what_can_you_do": "utter_what_can_you_do",
    "out_of_scope": "utter_out_of_scope",
}

# A greeting or a thank-you naming a place (谢谢，我去乌鲁木齐看看) asks nothing about it, unless
# it asks something (你好，喀什开饭馆要多久).
GREETINGS = frozenset(("greet", "goodbye", "thanks"))

# What a request for a person names: a person, the hotline, a phone, the machine it is tired of.
# A message naming none of them (俺想接电) is no such request, whatever intent the NLU gave it.
ASKS_FOR_A_PERSON = re.compile(r"人|客服|坐席|12345|热线|电话|回电|机器|機器")


def intent_of(tracker: Tracker) -> str:
    return (tracker.latest_message.get("intent") or {}).get("name") or ""


def follows_up(tracker: Tracker) -> bool:
    """在哪领 / 收费吗, a stated condition (我们是非居民用户) or a detail (那要是超过160千瓦呢)
    after an answer is about that service, whatever small-talk, out-of-scope or fallback intent
    the NLU gave such a short message."""
    previous = tracker.get_slot("service") or checklist_lead(tracker)
    if not previous:
        return False
    text = user_text(tracker)
    if is_bare_follow_up(text) or asks_detail(text) or asks_by_not_unplaced(tracker, text):
        return True
    with session_scope() as session:
        snap = CACHE.get(session)
    if (states_condition(text, snap.condition_words) or states_amount_here(snap, previous, text)
            or due_date_asked_here(snap, previous, text)):
        return True
    return previous in snap.services and short_follow_up(snap, previous, text, intent_of(tracker))


# …不 at the end asks yes or no in north-western speech (还得一样一样报不, 网上弄得成不 = …吗),
# which the NLU may file as a rating (不满意); 我不 / 也不 / 都不 end a statement.
ASKS_BY_NOT = re.compile(r"[\u4e00-\u9fff]{2}(?<![我也都就还并决绝])不[？?]?$")


def asks_by_not(text: str) -> bool:
    return bool(ASKS_BY_NOT.search(text.strip()))


# Intents the NLU gives a follow-up it cannot place; other intents (thanks, a rating) are taken
# as follow-ups on these grounds only when the message asks something.
UNPLACED = frozenset(("out_of_scope", "nlu_fallback"))
RATINGS = frozenset(("feedback_satisfied", "feedback_unsatisfied"))
# A statement of one's case says this much (卖现做咖啡的): 好的 / 挺好的 / 是的 say nothing.
CASE_MIN_CONTENT = 3


def short_follow_up(snap: CatalogSnapshot, previous: str, text: str, intent: str) -> bool:
    """A short message after an answer that can only be about that service: who the caller is
    (我们是高压用户, 卖现做咖啡的呢), an amount (多大面积算, 最多交多少), or words a clause of the
    service's tasks addresses (价格公开吗 after 燃气报装: 第45条 公开燃气价格)."""
    if intent not in UNPLACED and not QUESTION_CUE.search(text) and not asks_by_not(text):
        return False
    if len(content_besides_cues(text)) > DETAIL_MAX_CONTENT or is_noise(text):
        return False
    if (states_who(text) and len(content_besides_cues(text)) >= CASE_MIN_CONTENT) or (
            asks_bare_amount(text)):
        return True
    return addressed_here(snap, previous, text)


# Below this confidence the NLU's rating or out-of-scope reading of a …不 question is a guess
# (能少存点不 0.46, 政府还给贴点不 0.57); 帮我订个机票行不 is out of scope at 0.85.
UNSURE_NLU = 0.7


def asks_by_not_unplaced(tracker: Tracker, text: str) -> bool:
    """政府还给贴点不 after 政府性融资担保, 能少存点不 after 农民工工资保证金: a short yes-or-no
    question in north-western speech, which the NLU took, unsure, for a rating or for out of
    scope. It asks of the service at hand, whose answer reads what it asks (第33条 费率进行补助,
    第32条 依法依规减免); a rating never asks."""
    intent = tracker.latest_message.get("intent") or {}
    return (asks_by_not(text) and (intent.get("name") in UNPLACED | RATINGS)
            and float(intent.get("confidence") or 0.0) < UNSURE_NLU
            and len(content_besides_cues(text)) <= DETAIL_MAX_CONTENT)


# …呢 at the end asks of one thing what was asked of another (能查的呢 after 能办几个事): a rating
# (挺好用的, 满意) states, it never asks.
ASKS_THE_SAME_OF = re.compile(r"呢[？?。！!～~]*$")


def asks_the_same_of(tracker: Tracker) -> bool:
    """A …呢 message after an answer, which the NLU may take for a rating (能查的呢 ~ 挺好用的)."""
    context = tracker.get_slot("service") or checklist_lead(tracker)
    return bool(context) and bool(ASKS_THE_SAME_OF.search(user_text(tracker)))


def about_a_life_event(tracker: Tracker) -> bool:
    """我想开个饭馆 / 你好，开超市要办啥手续: a life event, whatever intent the NLU gave it."""
    with session_scope() as session:
        snap = CACHE.get(session)
    return life_event_asked(snap, user_text(tracker), tracker.get_slot("service")) is not None


def about_a_service(tracker: Tracker) -> bool:
    with session_scope() as session:
        snap = CACHE.get(session)
    return claims_message(snap, user_text(tracker), intent_of(tracker))


class ActionSmallTalk(Action):
    """Greetings, thanks, 'what can you do', out of scope: unless a service is named."""

    def name(self) -> str:
        return "action_small_talk"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if intent_of(tracker) not in GREETINGS or QUESTION_CUE.search(user_text(tracker)):
            scoped = answer_other_region(dispatcher, tracker)
            if scoped is not None:
                return scoped
            if may_be_absent(user_text(tracker)):  # 局长叫什么: not in the plan, ask here
                return answer_service(dispatcher, tracker)
        if about_a_life_event(tracker):
            return answer_service(dispatcher, tracker)
        offered = answer_what_else(dispatcher, tracker)
        if offered is not None:
            return offered
        if follows_up(tracker):
            return answer_service(dispatcher, tracker)
        if about_a_service(tracker):
            return answer_service(dispatcher, tracker, names_service=True)
        if intent_of(tracker) == "goodbye" and QUESTION_CUE.search(user_text(tracker)):
            # 以后会更多吗 read as a goodbye: a message that asks something is never answered
            # with 再见 — of the conversation's service when there is one, else as a question
            # the NLU could not place.
            if tracker.get_slot("service"):
                return answer_service(dispatcher, tracker)
            return await ActionFallback().run(dispatcher, tracker, domain)
        intent = intent_of(tracker)
        if intent == "out_of_scope" and QUESTION_CUE.search(user_text(tracker)):
            # 被人冒用了怎么办 after 商标业务受理窗口: a question in the conversation that a
            # clause of a neighbouring service addresses strongly (第134条 维权援助).
            nearby = answer_next_door(dispatcher, tracker)
            if nearby is not None:
                return nearby
        misses = int(tracker.get_slot("misses") or 0)
        if is_noise(user_text(tracker)) or (intent == "out_of_scope" and misses):
            # Noise is a miss, and so is an out-of-scope message right after one.
            return count_miss(dispatcher, tracker)
        custom = {"type": "out_of_scope"} if intent == "out_of_scope" else None
        dispatcher.utter_message(response=SMALL_TALK.get(intent, "utter_what_can_you_do"),
                                 json_message=custom)
        return []


class ActionFallback(Action):
    def name(self) -> str:
        return "action_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        scoped = answer_other_region(dispatcher, tracker)
        if scoped is not None:
            return scoped
        if (follows_up(tracker) or asks_the_same_of(tracker)
                or may_be_absent(user_text(tracker)) or about_a_life_event(tracker)):
            return answer_service(dispatcher, tracker)
        if about_a_service(tracker):
            return answer_service(dispatcher, tracker, names_service=True)
        # 有几个人堵在厂门口要交保护费: the search and a clause of the plan read it as the same
        # service (打击…敲诈勒索 第146条), however loosely the NLU did.
        # 附近的人天天来堵门…案子拖着不立 这种咋办: the clause answers the first wrong told; the
        # other asks of the story (another wrong, another question) follow as they do after a
        # service's answer (add_extra_matters).
        before = len(dispatcher.messages)
        clause = answer_plan_clause(dispatcher, tracker, read_alike=True)
        if clause is not None:
            add_extra_matters(dispatcher, user_text(tracker), dispatcher.messages[before:])
            return clause
        nearby = answer_next_door(dispatcher, tracker)
        if nearby is not None:
            return nearby
        # 要许可的事有公开的单子吗: a question the NLU and the search cannot place, whose words
        # a clause of the plan addresses strongly (第68条 行政许可事项清单…公布), at the same
        # evidence bar as elsewhere: that clause, not "您是想问下面哪一项？".
        anywhere = answer_plan_clause(dispatcher, tracker)
        if anywhere is not None:
            add_extra_matters(dispatcher, user_text(tracker), dispatcher.messages[before:])
            return anywhere
        return count_miss(dispatcher, tracker)


def answer_what_else(dispatcher: CollectingDispatcher,
                     tracker: Tracker) -> list[dict[str, Any]] | None:
    """还能咨询啥 after 商标业务受理窗口, which the NLU reads as "what can you do": what the
    conversation's service offers, in its clause (第137条 …商标侵权纠纷等咨询服务), not the bot's
    own capabilities. None outside a conversation or when no clause of it answers."""
    previous = tracker.get_slot("service") or checklist_lead(tracker)
    if not previous or not asks_what_else(user_text(tracker)):
        return None  # most small talk: no catalog read
    with session_scope() as session:
        snap = CACHE.get(session)
    if previous not in snap.services:
        return None
    offered = what_else_answer(snap.services[previous], user_text(tracker))
    if offered is None:
        return None
    send(dispatcher, offered)
    return [SlotSet("service", previous), SlotSet("misses", 0)]


def answer_next_door(dispatcher: CollectingDispatcher,
                     tracker: Tracker) -> list[dict[str, Any]] | None:
    """还有人天天上门堵着要债 after 电信诈骗: a new trouble told, no question, which the NLU cannot
    place and no service's names read; a clause of a service of the conversation's chapter or
    lead unit addresses it strongly (第146条 非法催收债务). That clause, under its service's name
    and 第N条; None outside a conversation or when no such clause does."""
    previous = tracker.get_slot("service")
    with session_scope() as session:
        snap = CACHE.get(session)
    if not previous or previous not in snap.services:
        return None
    nearby = detail_elsewhere(snap.services[previous], snap.services.values(), user_text(tracker))
    if nearby is None or not nearby.card:
        return None
    send(dispatcher, nearby)
    return [SlotSet("service", nearby.card["slug"]), SlotSet("condition", None),
            SlotSet("misses", 0)]


def count_miss(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
    """Not understood: offer candidates (or ask again); the second miss in a row → 12345."""
    misses = int(tracker.get_slot("misses") or 0) + 1
    if misses >= MISSES_BEFORE_HANDOFF:
        summary = question_summary(tracker, skip_latest=False)
        dispatcher.utter_message(response="utter_handoff", summary=summary,
                                 json_message=handoff_card(tracker, summary,
                                                           "not_understood"))
        return [SlotSet("misses", 0)]
    with session_scope() as session:
        snap = CACHE.get(session)
    hits = [h for h in snap.index.search(user_text(tracker), 3) if h.confidence >= SEARCH_MIN]
    if hits:
        dispatcher.utter_message(
            response="utter_did_you_mean",
            buttons=candidate_buttons([(h.slug, snap.services[h.slug].name) for h in hits]),
            json_message={"type": "fallback"},
        )
    else:
        dispatcher.utter_message(response="utter_not_understood",
                                 json_message={"type": "fallback"})
    return [SlotSet("misses", misses)]


class ActionHandoff(Action):
    """A request for a human, or a complaint: the 12345 hotline with a one-line summary.

    A complaint about a named service also gets that service's card (who is responsible)."""

    def name(self) -> str:
        return "action_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        text = user_text(tracker)
        if intent_of(tracker) == "complaint" and tells_the_case(tracker):
            followed = answer_case(dispatcher, tracker)
            if followed is not None:
                return followed
        if intent_of(tracker) == "complaint" and QUESTION_CUE.search(text) and may_be_absent(text):
            # 大厅几点上班，中午休不休息 / 调解员有几个人: a question for a fact the plan does not
            # hold, read as a grievance. It gets "not stated, ask here" (12345 included); a
            # grievance voiced with it is acknowledged first.
            if voices_grievance(text):
                summary = question_summary(tracker, skip_latest=False)
                dispatcher.utter_message(response="utter_complaint", summary=summary,
                                         json_message=handoff_card(tracker, summary))
            return answer_service(dispatcher, tracker)
        if intent_of(tracker) == "complaint":
            summary = question_summary(tracker, skip_latest=False)
            dispatcher.utter_message(response="utter_complaint", summary=summary,
                                     json_message=handoff_card(tracker, summary))
            if about_a_life_event(tracker):
                # 客户欠货款一直不给 / 检查太多了: a situation the plan addresses, told as a
                # grievance. 12345 stays offered; the answer is what the plan commits to (the
                # scenario's services), not one service nor no content.
                return answer_service(dispatcher, tracker)
            # 钱就是不给 / 账户也冻了 / 还让交了个开口费: what the plan commits to on it, one or
            # two matters each with its clause and 第N条. A message voicing no grievance (钱已经
            # 全还了) whose service the catalog reads gets that service's answer, which reads what
            # is asked of it, unless it touches two matters.
            named = about_a_service(tracker)
            alone = not named or voices_grievance(user_text(tracker))
            # The hotline offered above is no answer of the plan's: the commitments answered
            # after it are followed by the other matters the message asks or tells (…账户也被封了
            # …对方还要保全 → 第160条), as a service's answer is (add_extra_matters).
            before = len(dispatcher.messages)
            commitments = answer_grievance(dispatcher, tracker, 1 if alone else 2)
            if commitments is not None:
                add_extra_matters(dispatcher, text, dispatcher.messages[before:])
                return commitments
            if named:
                return answer_service(dispatcher, tracker, names_service=True)
            # 有人堵店门口要保护费，我该怎么办: wrongdoing of a third party, which no service
            # names but a clause of the plan commits to act on; 12345 stays offered.
            # 有人天天来厂门口堵着，不让我们拉货 asks nothing, yet the trouble told is what the
            # clause acts on (第146条 恶意阻碍生产).
            clause = answer_plan_clause(dispatcher, tracker, asked=False)
            if clause is not None:
                add_extra_matters(dispatcher, text, dispatcher.messages[before:])
                return clause
        elif ((QUESTION_CUE.search(text) or not ASKS_FOR_A_PERSON.search(text))
              and (about_a_service(tracker) or may_be_absent(text))):
            # 企业有困难能打12345吗 / 市长热线号码多少 ask about a service (the hotline), and
            # 俺想接电 names a service and no person: neither asks for a person. 税务局电话多少
            # asks for a number the plan does not give: not stated, and 12345.
            return answer_service(dispatcher, tracker, names_service=True)
        else:
            summary = question_summary(tracker, skip_latest=True)
            dispatcher.utter_message(response="utter_handoff", summary=summary,
                                     json_message=handoff_card(tracker, summary))
        return [SlotSet("misses", 0)]


def answer_grievance(dispatcher: CollectingDispatcher, tracker: Tracker,
                     least: int = 1) -> list[dict[str, Any]] | None:
    """The plan's commitments on the grievance told, or None when it addresses fewer than
    `least` matters (窗口态度差: none) or the message asks about another region."""
    text = user_text(tracker)
    if other_region(text) is not None:
        return None
    with session_scope() as session:
        snap = CACHE.get(session)
    answer = grievance_answer(snap, text, least)
    if answer is None or not answer.card:
        return None
    send(dispatcher, answer)
    return [SlotSet("service", answer.card["slug"]), SlotSet("condition", None),
            SlotSet("misses", 0)]


def tells_the_case(tracker: Tracker) -> bool:
    """A message the NLU filed as a complaint, within a conversation, that voices no grievance:
    我们已经把钱都还了 after 失信被执行人, 要是工资拖欠了会咋样 after 农民工工资保证金. It tells or
    asks something about the case the conversation is on; 12345 answers none of it."""
    in_conversation = bool(tracker.get_slot("service") or tracker.get_slot("question"))
    return in_conversation and not voices_grievance(user_text(tracker))


def answer_case(dispatcher: CollectingDispatcher,
                tracker: Tracker) -> list[dict[str, Any]] | None:
    """The service answer for such a message: the conversation's service when it follows up on
    it, the service or life event it names otherwise; None when it is about nothing we hold."""
    follows = follows_up(tracker) or about_a_life_event(tracker)
    if not follows and about_a_service(tracker):
        return answer_service(dispatcher, tracker, names_service=True)
    if follows or tracker.get_slot("service"):
        return answer_service(dispatcher, tracker)
    return None


class ActionRecordFeedback(Action):
    def name(self) -> str:
        return "action_record_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if follows_up(tracker) or asks_the_same_of(tracker):
            return answer_service(dispatcher, tracker)
        if about_a_service(tracker):
            return answer_service(dispatcher, tracker, names_service=True)
        rating = "satisfied" if intent_of(tracker) == "feedback_satisfied" else "unsatisfied"
        slug = tracker.get_slot("service")
        with session_scope() as session:
            # One rating per conversation and service: repeating it does not count twice.
            rated = session.scalar(select(Feedback.id).where(
                Feedback.sender == tracker.sender_id,
                Feedback.slug.is_(None) if slug is None else Feedback.slug == slug).limit(1))
            if rated is None:
                session.add(Feedback(sender=tracker.sender_id, slug=slug, rating=rating))
        dispatcher.utter_message(
            response="utter_feedback_thanks" if rating == "satisfied" else "utter_feedback_sorry",
            json_message={"type": "feedback", "rating": rating},
        )
        return []
