"""Usage figures for /admin/analytics from chat_log, feedback and assist_copies.

Days are local days (CatalogSettings.timezone, Beijing time): rows are read for the period and
counted in Python, which keeps the SQL portable between SQLite and PostgreSQL.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import jieba
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from services_catalog.models import AssistCopy, ChatLog, Feedback, Service
from services_catalog.normalize import normalize, strip_filler
from services_catalog.search import STOP_WORDS
from services_catalog.transfer import csv_cell

MAX_DAYS = 366
SIMILARITY = 0.5
MAX_CLUSTER_TEXTS = 3000  # the most recent unanswered questions that get clustered
TOP_SERVICES = 10
TOP_CLUSTERS = 20
EXAMPLES = 5
NO_SERVICE = "(none)"
_CONTENT = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff]")
_NON_CONTENT = re.compile(r"[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff]+")


class DayRow(BaseModel):
    date: date
    messages: int = Field(description="用户消息数（对话） / chat messages")
    conversations: int = Field(description="会话数（不同 sender） / distinct senders")
    fallbacks: int = Field(description="未能回答 / fallback replies")
    fallback_rate: float | None
    assist_requests: int = Field(description="坐席辅助请求数 / agent-assist requests")
    assist_copies: int = Field(description="坐席复制话术次数 / scripts copied")
    handoffs: int = Field(default=0, description="转人工（12345）次数 / hand-offs to 12345")
    no_match: int = Field(default=0, description="坐席标记无匹配 / marked no match by agents")


class ServiceCount(BaseModel):
    slug: str
    name: str
    count: int


class Cluster(BaseModel):
    text: str = Field(description="代表问题 / representative question")
    count: int
    examples: list[str]


class ServiceRow(BaseModel):
    slug: str
    name: str
    asked: int = Field(description="对话中被问到的次数 / times answered in chat")
    satisfied: int
    unsatisfied: int
    satisfaction_rate: float | None = Field(description="好评率 / satisfied share")
    assist_suggested: int = Field(description="坐席辅助首选次数 / top suggestion in assist")
    assist_copies: int


class Totals(BaseModel):
    messages: int
    conversations: int
    fallbacks: int
    fallback_rate: float | None
    assist_requests: int
    assist_copies: int
    handoffs: int = 0
    no_match: int = 0
    copy_rate: float | None = Field(description="复制次数 / 坐席辅助请求数")
    satisfied: int
    unsatisfied: int
    satisfaction_rate: float | None


class Analytics(BaseModel):
    date_from: date = Field(serialization_alias="from")
    date_to: date = Field(serialization_alias="to")
    timezone: str
    totals: Totals
    days: list[DayRow]
    top_services: list[ServiceCount]
    unanswered: list[Cluster]
    satisfaction: list[ServiceRow] = Field(description="有好差评的事项 / services with ratings")
    services: list[ServiceRow] = Field(description="所有有数据的事项 / every service with data")


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _utc(dt: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything is stored in UTC.
    return dt.replace(tzinfo=timezone.utc) if dt.tzinfo is None else dt.astimezone(timezone.utc)


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    tz: ZoneInfo

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        lo = datetime.combine(self.start, time.min, self.tz).astimezone(timezone.utc)
        hi = datetime.combine(self.end + timedelta(days=1), time.min, self.tz)
        return lo, hi.astimezone(timezone.utc)

    def day(self, at: datetime) -> date:
        return _utc(at).astimezone(self.tz).date()

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]


# --- clustering of unanswered questions ---------------------------------------------------------


@dataclass(frozen=True)
class _Features:
    tokens: frozenset[str]
    bigrams: frozenset[str]


def _features(text: str) -> _Features:
    t = strip_filler(normalize(text))
    tokens = frozenset(w for w in jieba.lcut(t) if _CONTENT.search(w) and w not in STOP_WORDS)
    chars = _NON_CONTENT.sub("", t)
    bigrams = frozenset(chars[i:i + 2] for i in range(len(chars) - 1)) or frozenset([chars])
    return _Features(tokens, bigrams)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def similarity(a: str, b: str) -> float:
    """Jaccard over jieba content words or over character bigrams, whichever is higher: words
    match reorderings (营业执照怎么办 / 怎么办营业执照), bigrams survive jieba's odd cuts."""
    fa, fb = _features(a), _features(b)
    return max(_jaccard(fa.tokens, fb.tokens), _jaccard(fa.bigrams, fb.bigrams))


def cluster_questions(texts: list[str], threshold: float = SIMILARITY) -> list[Cluster]:
    """Greedy: most frequent question first; each joins the most similar existing cluster when
    similarity ≥ threshold, else starts its own."""
    counts = Counter(t.strip() for t in texts if t.strip())
    groups: list[tuple[_Features, list[tuple[str, int]]]] = []
    for text, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        f = _features(text)
        best, best_sim = None, threshold
        for i, (rep, _) in enumerate(groups):
            sim = max(_jaccard(f.tokens, rep.tokens), _jaccard(f.bigrams, rep.bigrams))
            if sim >= best_sim:
                best, best_sim = i, sim
        if best is None:
            groups.append((f, [(text, n)]))
        else:
            groups[best][1].append((text, n))
    clusters = [
        Cluster(text=members[0][0], count=sum(n for _, n in members),
                examples=[t for t, _ in members[:EXAMPLES]])
        for _, members in groups
    ]
    clusters.sort(key=lambda c: -c.count)
    return clusters


# --- figures -------------------------------------------------------------------------------------


def compute(session: Session, period: Period) -> Analytics:
    lo, hi = period.bounds
    names = dict(session.execute(select(Service.slug, Service.name)).tuples().all())
    per_day: dict[date, Counter[str]] = defaultdict(Counter)
    senders_per_day: dict[date, set[str]] = defaultdict(set)
    senders: set[str] = set()
    asked: Counter[str] = Counter()
    suggested: Counter[str] = Counter()

    chat_rows = session.execute(
        select(ChatLog.at, ChatLog.channel, ChatLog.sender, ChatLog.slug, ChatLog.fallback)
        .where(ChatLog.at >= lo, ChatLog.at < hi)
    ).tuples()
    for at, channel, sender, slug, fallback in chat_rows:
        day = period.day(at)
        if channel == "assist":
            per_day[day]["assist_requests"] += 1
            if slug:
                suggested[slug] += 1
            continue
        if channel == "nomatch":  # an agent's "无匹配": its text joins the unanswered below
            per_day[day]["no_match"] += 1
            continue
        per_day[day]["handoffs"] += int(channel == "handoff")
        per_day[day]["messages"] += 1
        per_day[day]["fallbacks"] += int(bool(fallback))
        senders_per_day[day].add(sender)
        senders.add(sender)
        if slug:
            asked[slug] += 1

    copies: Counter[str] = Counter()
    for at, slug in session.execute(
        select(AssistCopy.at, AssistCopy.slug).where(AssistCopy.at >= lo, AssistCopy.at < hi)
    ).tuples():
        per_day[period.day(at)]["assist_copies"] += 1
        copies[slug] += 1

    ratings: dict[str, Counter[str]] = defaultdict(Counter)
    for slug, rating in session.execute(
        select(Feedback.slug, Feedback.rating).where(Feedback.at >= lo, Feedback.at < hi)
    ).tuples():
        ratings[slug or NO_SERVICE][rating] += 1

    fallback_texts = list(session.scalars(
        select(ChatLog.text).where(ChatLog.at >= lo, ChatLog.at < hi, ChatLog.fallback.is_(True))
        .order_by(ChatLog.at.desc()).limit(MAX_CLUSTER_TEXTS)
    ))

    days = []
    for d in period.days():
        c = per_day.get(d, Counter())
        days.append(DayRow(
            date=d, messages=c["messages"], conversations=len(senders_per_day.get(d, ())),
            fallbacks=c["fallbacks"], fallback_rate=_rate(c["fallbacks"], c["messages"]),
            assist_requests=c["assist_requests"], assist_copies=c["assist_copies"],
            handoffs=c["handoffs"], no_match=c["no_match"],
        ))

    def name(slug: str) -> str:
        return names.get(slug, "未关联事项" if slug == NO_SERVICE else slug)

    service_rows = []
    for slug in sorted(set(asked) | set(ratings) | set(suggested) | set(copies)):
        good, bad = ratings[slug]["satisfied"], ratings[slug]["unsatisfied"]
        service_rows.append(ServiceRow(
            slug=slug, name=name(slug), asked=asked[slug], satisfied=good, unsatisfied=bad,
            satisfaction_rate=_rate(good, good + bad), assist_suggested=suggested[slug],
            assist_copies=copies[slug],
        ))
    service_rows.sort(key=lambda r: (-r.asked, -r.assist_suggested, r.slug))

    messages = sum(r.messages for r in days)
    fallbacks = sum(r.fallbacks for r in days)
    assist_requests = sum(r.assist_requests for r in days)
    n_copies = sum(copies.values())
    good = sum(c["satisfied"] for c in ratings.values())
    bad = sum(c["unsatisfied"] for c in ratings.values())
    return Analytics(
        date_from=period.start, date_to=period.end, timezone=str(period.tz),
        totals=Totals(
            messages=messages, conversations=len(senders), fallbacks=fallbacks,
            fallback_rate=_rate(fallbacks, messages), assist_requests=assist_requests,
            assist_copies=n_copies, handoffs=sum(r.handoffs for r in days),
            no_match=sum(r.no_match for r in days), copy_rate=_rate(n_copies, assist_requests),
            satisfied=good, unsatisfied=bad, satisfaction_rate=_rate(good, good + bad),
        ),
        days=days,
        top_services=[ServiceCount(slug=s, name=name(s), count=n)
                      for s, n in asked.most_common(TOP_SERVICES)],
        unanswered=cluster_questions(fallback_texts)[:TOP_CLUSTERS],
        satisfaction=[r for r in service_rows if r.satisfied + r.unsatisfied],
        services=service_rows,
    )


class _SafeWriter:
    """Every text cell through csv_cell: no cell a spreadsheet would run as a formula."""

    def __init__(self, writer: Any) -> None:
        self._writer = writer

    def writerow(self, row: list[Any]) -> None:
        self._writer.writerow([csv_cell(v) for v in row])


def to_csv(data: Analytics) -> str:
    """Both tables in one file, with a BOM so that Excel reads the Chinese correctly."""
    buf = io.StringIO()
    buf.write("\ufeff")
    w = _SafeWriter(csv.writer(buf))
    w.writerow([f"吉速问使用统计 {data.date_from} ~ {data.date_to} ({data.timezone})"])
    w.writerow([])
    w.writerow(["每日统计 / per day"])
    day_cols = list(DayRow.model_fields)
    w.writerow(day_cols)
    for d in data.days:
        w.writerow(["" if v is None else v for v in d.model_dump().values()])
    w.writerow([])
    w.writerow(["事项统计 / per service"])
    w.writerow(list(ServiceRow.model_fields))
    for s in data.services:
        w.writerow(["" if v is None else v for v in s.model_dump().values()])
    return buf.getvalue()
