"""Validated shapes of catalog data: the seed file, imports, the admin API and the public API."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from services_catalog import clock
from services_catalog.text_rules import check_no_figure, check_phrase, check_text, phrase_key

Unit = Literal["工作日", "日", "小时"]
PLAN_TASKS = 172  # the plan has tasks 1..172
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,78}$")

# Limits on every text and list (the seed's largest: a 16-character name, 15 aliases of at most
# 7 characters, 15 departments, 35 keywords). Without them one 100k-character alias and 20k
# aliases made the next request take 125 s and the gateway 10 GB.
MAX_NAME = 100
MAX_PHRASE = 40
MAX_ALIASES = 60
MAX_LINE = 200
MAX_LIST = 40
MAX_KEYWORDS = 80


def _multiline(v: str) -> str:
    return check_text(v, multiline=True)


# Reading a stored row (repository.to_out passes context={"stored": True}) skips the character
# rules: a row written before they existed still loads (and shows in the admin), and the next
# edit of that service is refused until the offending text is fixed.
STORED = {"stored": True}


def _new_text(check: Callable[[str], str]) -> AfterValidator:
    def run(value: str, info: ValidationInfo) -> str:
        if info.context and info.context.get("stored"):
            return value
        return check(value)

    return AfterValidator(run)


Line = Annotated[str, Field(max_length=MAX_LINE), _new_text(check_text)]
LongText = Annotated[str, _new_text(_multiline)]
Phrase = Annotated[str, Field(max_length=MAX_PHRASE), _new_text(check_phrase)]
Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME), _new_text(check_phrase)]


def _slug(v: str) -> str:
    if not SLUG_RE.match(v):
        raise ValueError("slug 只能包含小写字母、数字和连字符 / lowercase letters, digits, hyphens")
    return v


Slug = Annotated[str, Field(min_length=2, max_length=80), AfterValidator(_slug)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _is_stored(info: ValidationInfo) -> bool:
    return bool(info.context and info.context.get("stored"))


def cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _not_after_today(value: dt.date | None, info: ValidationInfo) -> dt.date | None:
    """A decision's date: a document dated after today is a typing error."""
    if value is not None and not _is_stored(info) and value > clock.today():
        raise ValueError(f"文件日期不能晚于今天（{cn_date(clock.today())}） / "
                         "document date is in the future")
    return value


class Basis(_Strict):
    """What a figure rests on: the plan (its 第N条 is the figure's `item`), or a decision staff
    took later (文件名称 and its date)."""

    kind: Literal["plan", "decision"] = Field(
        default="plan", description="plan：《行动方案》第N条；decision：后续决定（文件）")
    document: Line | None = Field(default=None, validate_default=True, description="文件名称")
    date: dt.date | None = Field(default=None, validate_default=True, description="文件日期")

    @field_validator("document")
    @classmethod
    def _document(cls, v: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("kind") != "decision":
            return None  # the plan is the basis: no document of ours
        if not v:
            raise ValueError("依据为后续决定时须填写文件名称 / document name required")
        return v

    @field_validator("date")
    @classmethod
    def _date(cls, v: dt.date | None, info: ValidationInfo) -> dt.date | None:
        if info.data.get("kind") != "decision":
            return None
        if v is None:
            raise ValueError("依据为后续决定时须填写文件日期 / document date required")
        return _not_after_today(v, info)


class _Scheduled(_Strict):
    """A change decided now that applies from `effective` (answered from that day on; before
    it the current figure is answered, with "自…起调整为…")."""

    effective: dt.date = Field(description="生效日期（YYYY-MM-DD，按事项目录时区）")
    document: Line = Field(min_length=1, description="依据文件名称")
    date: dt.date = Field(description="文件日期")

    @field_validator("effective")
    @classmethod
    def _effective(cls, v: dt.date, info: ValidationInfo) -> dt.date:
        # A stored change whose day has come is folded into the figure when read
        # (effective.in_force), so only new input can be in the past.
        if not _is_stored(info) and v < clock.today():
            raise ValueError(f"生效日期不能早于今天（{cn_date(clock.today())}） / "
                             "effective date is in the past")
        return v

    @field_validator("date")
    @classmethod
    def _date(cls, v: dt.date, info: ValidationInfo) -> dt.date:
        return _not_after_today(v, info)  # type: ignore[return-value]

    @property
    def basis(self) -> Basis:
        return Basis.model_construct(kind="decision", document=self.document, date=self.date)


class LimitChange(_Scheduled):
    amount: int = Field(gt=0, le=365, description="调整后的时限数值")
    unit: Unit = Field(description="调整后的单位")


class FactChange(_Scheduled):
    text: LongText = Field(min_length=1, max_length=500, description="调整后的内容")


def limit_words(amount: int, unit: str) -> str:
    return f"{amount}个工作日" if unit == "工作日" else f"{amount}{unit}"


class TimeLimit(_Strict):
    amount: int = Field(gt=0, le=365, description="时限数值，必须大于0")
    unit: Unit = Field(description="单位：工作日、日或小时")
    condition: Annotated[str, _new_text(check_text)] | None = Field(default=None,
                                                                   max_length=60)
    keywords: list[Annotated[str, Field(max_length=MAX_PHRASE),
                             _new_text(check_text)]] = Field(default_factory=list,
                                                             max_length=MAX_KEYWORDS)
    item: int | None = Field(default=None, ge=1, le=PLAN_TASKS)
    # The capacity (kW) the figure covers, when the plan limits it (第42条: the 15 days are for
    # the 三零 users, 160kW及以下); a user who states more is not told that figure.
    max_kw: int | None = Field(default=None, gt=0)
    basis: Basis = Field(default_factory=Basis)
    change: LimitChange | None = None

    @property
    def text(self) -> str:
        return limit_words(self.amount, self.unit)


class Fact(_Strict):
    text: LongText = Field(min_length=1, max_length=500)
    item: int | None = Field(default=None, ge=1, le=PLAN_TASKS)
    max_kw: int | None = Field(default=None, gt=0)
    basis: Basis = Field(default_factory=Basis)
    change: FactChange | None = None


class Citation(_Strict):
    item: int = Field(ge=1, le=PLAN_TASKS, description="《行动方案》任务编号（第N条）")
    text: LongText = Field(min_length=1, max_length=2000)


def _clean_list(values: list[str]) -> list[str]:
    out: list[str] = []
    for v in values:
        v = v.strip()
        if v and v not in out:
            out.append(v)
    return out


def _clean_aliases(values: list[str]) -> list[str]:
    """Blank and repeated aliases dropped; 開公司 after 开公司 is a repeat (see phrase_key)."""
    out: list[str] = []
    keys: set[str] = set()
    for v in _clean_list(values):
        key = phrase_key(v)
        if key not in keys:
            keys.add(key)
            out.append(v)
    return out


class ServiceFields(_Strict):
    """Every editable field; used for the seed file, create and import."""

    name: Name = Field(description="事项名称不能为空")
    category: Line = Field(default="")
    lead_unit: Line = Field(default="")
    departments: list[Line] = Field(default_factory=list, max_length=MAX_LIST)
    aliases: list[Phrase] = Field(default_factory=list, max_length=MAX_ALIASES)
    time_limits: list[TimeLimit] = Field(default_factory=list, max_length=MAX_LIST)
    fees: list[Fact] = Field(default_factory=list, max_length=MAX_LIST)
    channels: list[Line] = Field(default_factory=list, max_length=MAX_LIST)
    materials: list[Fact] = Field(default_factory=list, max_length=MAX_LIST)
    notes: list[Fact] = Field(default_factory=list, max_length=MAX_LIST)
    howto: LongText = Field(default="", max_length=2000)
    citation: Citation
    items: list[Annotated[int, Field(ge=1, le=PLAN_TASKS)]] = Field(default_factory=list,
                                                                    max_length=MAX_LIST)

    @field_validator("departments", "channels")
    @classmethod
    def _strip(cls, v: list[str]) -> list[str]:
        return _clean_list(v)

    @field_validator("aliases")
    @classmethod
    def _aliases(cls, v: list[str]) -> list[str]:
        return _clean_aliases(v)


class ServiceIn(ServiceFields):
    slug: Slug


class ServicePatch(_Strict):
    """A partial edit; `version` must be the version the editor saw (optimistic concurrency)."""

    version: int = Field(ge=1)
    name: Name | None = None
    category: Line | None = None
    lead_unit: Line | None = None
    departments: list[Line] | None = Field(default=None, max_length=MAX_LIST)
    aliases: list[Phrase] | None = Field(default=None, max_length=MAX_ALIASES)
    time_limits: list[TimeLimit] | None = Field(default=None, max_length=MAX_LIST)
    fees: list[Fact] | None = Field(default=None, max_length=MAX_LIST)
    channels: list[Line] | None = Field(default=None, max_length=MAX_LIST)
    materials: list[Fact] | None = Field(default=None, max_length=MAX_LIST)
    notes: list[Fact] | None = Field(default=None, max_length=MAX_LIST)
    howto: LongText | None = Field(default=None, max_length=2000)
    citation: Citation | None = None
    items: list[Annotated[int, Field(ge=1, le=PLAN_TASKS)]] | None = Field(
        default=None, max_length=MAX_LIST)

    @field_validator("departments", "channels")
    @classmethod
    def _strip(cls, v: list[str] | None) -> list[str] | None:
        return None if v is None else _clean_list(v)

    @field_validator("aliases")
    @classmethod
    def _aliases(cls, v: list[str] | None) -> list[str] | None:
        return None if v is None else _clean_aliases(v)


class ServiceOut(ServiceIn):
    model_config = ConfigDict(extra="ignore")
    version: int
    active: bool = True


# Fields whose change alters what the NLU knows (jieba dictionary, synonyms, lookups).
NLU_FIELDS = ("name", "aliases")


# --- scenarios (life events) ----------------------------------------------------------------

MAX_SCENARIO_SERVICES = 12


def _no_figure(check: Callable[[str], str]) -> Callable[[str], str]:
    def run(value: str) -> str:
        return check_no_figure(check(value))

    return run


NoFigureLine = Annotated[str, Field(max_length=MAX_LINE), _new_text(_no_figure(check_text))]
NoFigureText = Annotated[str, Field(max_length=500), _new_text(_no_figure(_multiline))]


class ScenarioLink(_Strict):
    """One step of a scenario: an existing service, with an optional note (when, why)."""

    slug: str = Field(min_length=2, max_length=80, description="所关联事项的 slug")
    note: NoFigureLine = Field(default="", description="办理提示，不写具体数字")


class ScenarioFields(_Strict):
    name: Name = Field(description="场景名称不能为空")
    aliases: list[Phrase] = Field(default_factory=list, max_length=MAX_ALIASES,
                                  description="触发说法，例如 开饭馆、开餐馆")
    description: NoFigureText = Field(default="", description="简短说明，不写具体数字")
    services: list[ScenarioLink] = Field(min_length=1, max_length=MAX_SCENARIO_SERVICES,
                                         description="按办理顺序关联的事项")

    @field_validator("name")
    @classmethod
    def _name(cls, v: str, info: ValidationInfo) -> str:
        return v if info.context and info.context.get("stored") else check_no_figure(v)

    @field_validator("aliases")
    @classmethod
    def _aliases(cls, v: list[str], info: ValidationInfo) -> list[str]:
        if not (info.context and info.context.get("stored")):
            for alias in v:
                check_no_figure(alias)
        return _clean_aliases(v)

    @field_validator("services")
    @classmethod
    def _unique(cls, v: list[ScenarioLink]) -> list[ScenarioLink]:
        slugs = [link.slug for link in v]
        if len(set(slugs)) != len(slugs):
            raise ValueError("同一事项不能重复关联 / a service is linked twice")
        return v


class ScenarioIn(ScenarioFields):
    slug: Slug


class ScenarioPatch(_Strict):
    """A partial edit; `version` must be the version the editor saw (optimistic concurrency)."""

    version: int = Field(ge=1)
    name: Name | None = None
    aliases: list[Phrase] | None = Field(default=None, max_length=MAX_ALIASES)
    description: NoFigureText | None = None
    services: list[ScenarioLink] | None = Field(default=None, min_length=1,
                                                max_length=MAX_SCENARIO_SERVICES)


class ScenarioOut(ScenarioIn):
    model_config = ConfigDict(extra="ignore")
    version: int
