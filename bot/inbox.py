"""The inbox of missed questions (待学习问题): what the bot did not answer well, for staff to teach.

Read from the chat log (texts are masked when logged, bot/masking.py):
- fallback: the bot did not understand (a did-you-mean or "not understood" reply), and a
  hand-off to 12345 after misses — not a request for a person or a complaint;
- out_of_scope: the out-of-scope reply to a message that asked something (a question cue);
- unsatisfied: the question a 不满意 rating was about (the conversation's last question answered
  with the rated service before the rating);
- nomatch: an agent marked the assist suggestions "无匹配" (/api/assist/nomatch).

Near-duplicates are clustered (jieba content words or character bigrams, Jaccard ≥ 0.5, as the
analytics' unanswered questions), newest first. Staff act on a cluster or one question: assign it
to a service (its texts become example questions of the service: search answers them at once,
the NLU after the next retrain), mark it out of scope (out_of_scope NLU examples) or dismiss it.
A handled question is a row of inbox_handled, whose key is the chat_log row: of two editors
handling the same question at once the database lets one succeed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.analytics import SIMILARITY, _Features, _features, _jaccard, _utc
from services_catalog import examples as example_store
from services_catalog import repository as repo
from services_catalog.models import AuditEntry, ChatLog, Feedback, InboxHandled, Service, utcnow
from services_catalog.nlu_export import COMPLAINT
from services_catalog.question_cues import QUESTION_CUE
from services_catalog.text_rules import phrase_key

MAX_ROWS = 3000  # the most recent unhandled questions read
MAX_RATINGS = 500
# A hand-off the user asked for (a person, the hotline) is no missed question.
ASKS_FOR_A_PERSON = re.compile(r"人工|客服|坐席|真人|转人|找人|12345|热线|电话")
Kind = Literal["fallback", "out_of_scope", "unsatisfied", "nomatch"]
Action = Literal["assign", "out_of_scope", "dismiss"]


class InboxQuestion(BaseModel):
    text: str = Field(description="问题（已脱敏） / the question, masked")
    count: int = Field(description="被问到的次数 / times asked")
    ids: list[int] = Field(description="对应的记录，处理时提交 / the records; send them to act")
    latest_at: datetime
    kinds: dict[str, int] = Field(description="fallback | out_of_scope | unsatisfied | nomatch")
    answered_slug: str | None = Field(default=None,
                                      description="不满意时机器人回答的事项 / the rated service")


class InboxCluster(BaseModel):
    text: str = Field(description="代表问题 / the most asked question")
    count: int = Field(description="相似问题合计次数 / times asked, all questions")
    latest_at: datetime
    kinds: dict[str, int]
    ids: list[int] = Field(description="整组的记录 / every record of the cluster")
    questions: list[InboxQuestion]


class InboxOut(BaseModel):
    days: int
    total: int = Field(description="待处理的提问次数 / unhandled questions (times asked)")
    clusters: list[InboxCluster]


class ActOut(BaseModel):
    action: Action
    slug: str | None
    handled: int = Field(description="处理的记录数 / records handled")
    examples_added: list[str] = Field(description="新增为例句 / became example questions")
    examples_moved: list[str] = Field(description="原属其他事项，已改属 / moved from another")
    skipped: int = Field(description="不能作为例句（过长或含特殊字符） / refused as examples")


@dataclass
class _Item:
    id: int
    at: datetime
    text: str
    kind: Kind
    slug: str | None = None


@dataclass
class _Question:
    text: str
    items: list[_Item] = field(default_factory=list)

    @property
    def latest(self) -> datetime:
        return max(i.at for i in self.items)


def _missed(channel: str, fallback: bool, kind: str | None, text: str) -> Kind | None:
    if channel == "nomatch":
        return "nomatch"
    if channel == "handoff":
        if ASKS_FOR_A_PERSON.search(text) or COMPLAINT.search(text):
            return None
        return "fallback"
    if channel != "chat":
        return None
    if fallback:
        return "fallback"
    if kind == "out_of_scope" and QUESTION_CUE.search(text):
        return "out_of_scope"
    return None


def collect(session: Session, since: datetime) -> list[_Item]:
    """The unhandled inbox questions since `since`, newest first."""
    handled = select(InboxHandled.chat_log_id)
    rows = session.execute(
        select(ChatLog.id, ChatLog.at, ChatLog.channel, ChatLog.fallback, ChatLog.kind,
               ChatLog.text)
        .where(ChatLog.at >= since, ChatLog.id.not_in(handled),
               (ChatLog.channel.in_(("nomatch", "handoff")))
               | ((ChatLog.channel == "chat")
                  & (ChatLog.fallback.is_(True) | (ChatLog.kind == "out_of_scope"))))
        .order_by(ChatLog.at.desc(), ChatLog.id.desc()).limit(MAX_ROWS)
    ).tuples()
    items: dict[int, _Item] = {}
    for id_, at, channel, fallback, kind, text in rows:
        missed = _missed(channel, bool(fallback), kind, text or "")
        if missed and (text or "").strip():
            items[id_] = _Item(id_, _utc(at), text.strip(), missed)
    ratings = session.execute(
        select(Feedback.sender, Feedback.slug, Feedback.at)
        .where(Feedback.at >= since, Feedback.rating == "unsatisfied", Feedback.slug.is_not(None))
        .order_by(Feedback.at.desc()).limit(MAX_RATINGS)
    ).tuples()
    for sender, slug, at in ratings:
        row = session.execute(
            select(ChatLog.id, ChatLog.at, ChatLog.text)
            .where(ChatLog.sender == sender, ChatLog.channel == "chat", ChatLog.slug == slug,
                   ChatLog.at <= at, ChatLog.id.not_in(handled))
            .order_by(ChatLog.at.desc()).limit(1)
        ).first()
        if row is not None and row[0] not in items and (row[2] or "").strip():
            items[row[0]] = _Item(row[0], _utc(row[1]), row[2].strip(), "unsatisfied", slug)
    return sorted(items.values(), key=lambda i: (i.at, i.id), reverse=True)


def cluster(items: list[_Item]) -> list[InboxCluster]:
    """One question per normalised text; near-duplicate questions in one cluster (the most
    asked first joins nothing; each next one joins the most similar cluster at ≥ SIMILARITY).
    Newest cluster first."""
    questions: dict[str, _Question] = {}
    for item in items:
        questions.setdefault(phrase_key(item.text), _Question(item.text)).items.append(item)
    groups: list[tuple[_Features, list[_Question]]] = []
    for q in sorted(questions.values(), key=lambda q: (-len(q.items), -q.latest.timestamp())):
        f = _features(q.text)
        best, best_sim = None, SIMILARITY
        for i, (rep, _) in enumerate(groups):
            sim = max(_jaccard(f.tokens, rep.tokens), _jaccard(f.bigrams, rep.bigrams))
            if sim >= best_sim:
                best, best_sim = i, sim
        if best is None:
            groups.append((f, [q]))
        else:
            groups[best][1].append(q)
    out = []
    for _, members in groups:
        listed = [_question_out(q) for q in members]
        kinds: Counter[str] = Counter()
        for q in listed:
            kinds.update(q.kinds)
        out.append(InboxCluster(
            text=listed[0].text, count=sum(q.count for q in listed),
            latest_at=max(q.latest_at for q in listed), kinds=dict(kinds),
            ids=sorted(i for q in listed for i in q.ids), questions=listed))
    out.sort(key=lambda c: c.latest_at, reverse=True)
    return out


def _question_out(q: _Question) -> InboxQuestion:
    rated = next((i.slug for i in q.items if i.kind == "unsatisfied"), None)
    return InboxQuestion(text=q.text, count=len(q.items), ids=sorted(i.id for i in q.items),
                         latest_at=q.latest, kinds=dict(Counter(i.kind for i in q.items)),
                         answered_slug=rated)


def inbox(session: Session, days: int) -> InboxOut:
    items = collect(session, utcnow() - timedelta(days=days))
    return InboxOut(days=days, total=len(items), clusters=cluster(items))


def act(session: Session, ids: list[int], action: Action, slug: str | None,
        actor: str) -> ActOut:
    """Handle inbox questions (the caller commits). NotFound for an unknown record or service,
    Conflict when any of them is handled already — then nothing is changed."""
    ids = sorted(set(ids))
    if action == "assign":
        if not slug:
            raise repo.CatalogError("请选择事项 / choose a service")
        repo.get_service(session, slug)
    else:
        slug = None
    rows = session.execute(select(ChatLog.id, ChatLog.text, ChatLog.channel)
                           .where(ChatLog.id.in_(ids))).tuples().all()
    if len(rows) != len(ids) or any(ch not in ("chat", "handoff", "nomatch")
                                    for _, _, ch in rows):
        raise repo.NotFound("部分问题不存在或已过保存期 / some questions were not found")
    taken = session.scalar(select(InboxHandled.chat_log_id)
                           .where(InboxHandled.chat_log_id.in_(ids)).limit(1))
    if taken is not None:
        raise _handled_already()
    now = utcnow()
    session.add_all(InboxHandled(chat_log_id=i, action=action, slug=slug, actor=actor, at=now)
                    for i in ids)
    try:
        session.flush()  # the first write: of two editors at once, the database lets one in
    except IntegrityError as exc:
        raise _handled_already() from exc
    added: list[str] = []
    moved: dict[str | None, list[str]] = {}
    skipped = 0
    if action != "dismiss":
        texts = list({phrase_key(t): t.strip() for _, t, _ in rows if t and t.strip()}.values())
        for text in texts:
            try:
                result = example_store.add(session, slug, text, source="inbox", actor=actor,
                                           audited=False)
            except ValueError:
                skipped += 1
                continue
            if result.outcome == "unchanged":
                continue
            added.append(result.row.text)
            if result.moved_from is not None:
                moved.setdefault(result.moved_from, []).append(result.row.text)
        for before, texts_moved in moved.items():
            example_store.audit(session, before, actor, removed=texts_moved)
        example_store.audit(session, slug, actor, added=added, source="inbox")
    session.add(AuditEntry(slug="inbox", action=action, actor=actor, version=0, changes={
        "questions": {"before": None, "after": len(ids)},
        **({"slug": {"before": None, "after": slug}} if slug else {}),
    }))
    session.flush()
    return ActOut(action=action, slug=slug, handled=len(ids), examples_added=added,
                  examples_moved=[t for ts in moved.values() for t in ts], skipped=skipped)


def _handled_already() -> repo.Conflict:
    return repo.Conflict("这些问题已被他人处理，请刷新 / already handled by someone else")


def service_names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(Service.slug, Service.name)).tuples().all())
