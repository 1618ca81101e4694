"""Validated shapes of catalog data: the seed file, imports, the admin API and the public API."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Unit = Literal["工作日", "日", "小时"]
PLAN_TASKS = 172  # the plan has tasks 1..172
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,78}$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class TimeLimit(_Strict):
    amount: int = Field(gt=0, le=365, description="时限数值，必须大于0")
    unit: Unit = Field(description="单位：工作日、日或小时")
    condition: str | None = Field(default=None, max_length=60)
    keywords: list[str] = Field(default_factory=list)
    item: int | None = Field(default=None, ge=1, le=PLAN_TASKS)

    @property
    def text(self) -> str:
        return f"{self.amount}个工作日" if self.unit == "工作日" else f"{self.amount}{self.unit}"


class Fact(_Strict):
    text: str = Field(min_length=1, max_length=500)
    item: int | None = Field(default=None, ge=1, le=PLAN_TASKS)
    max_kw: int | None = Field(default=None, gt=0)


class Citation(_Strict):
    item: int = Field(ge=1, le=PLAN_TASKS, description="《行动方案》任务编号（第N条）")
    text: str = Field(min_length=1, max_length=2000)


def _clean_list(values: list[str]) -> list[str]:
    out: list[str] = []
    for v in values:
        v = v.strip()
        if v and v not in out:
            out.append(v)
    return out


class ServiceFields(_Strict):
    """Every editable field; used for the seed file, create and import."""

    name: str = Field(min_length=1, max_length=200, description="事项名称不能为空")
    category: str = Field(default="", max_length=200)
    lead_unit: str = Field(default="", max_length=200)
    departments: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    time_limits: list[TimeLimit] = Field(default_factory=list)
    fees: list[Fact] = Field(default_factory=list)
    channels: list[str] = Field(default_factory=list)
    materials: list[Fact] = Field(default_factory=list)
    notes: list[Fact] = Field(default_factory=list)
    howto: str = Field(default="", max_length=2000)
    citation: Citation
    items: list[int] = Field(default_factory=list)

    @field_validator("departments", "aliases", "channels")
    @classmethod
    def _strip(cls, v: list[str]) -> list[str]:
        return _clean_list(v)


class ServiceIn(ServiceFields):
    slug: str = Field(min_length=2, max_length=80)

    @field_validator("slug")
    @classmethod
    def _slug(cls, v: str) -> str:
        if not SLUG_RE.match(v):
            raise ValueError(
                "slug 只能包含小写字母、数字和连字符 / lowercase letters, digits, hyphens"
            )
        return v


class ServicePatch(_Strict):
    """A partial edit; `version` must be the version the editor saw (optimistic concurrency)."""

    version: int = Field(ge=1)
    name: str | None = Field(default=None, min_length=1, max_length=200)
    category: str | None = Field(default=None, max_length=200)
    lead_unit: str | None = Field(default=None, max_length=200)
    departments: list[str] | None = None
    aliases: list[str] | None = None
    time_limits: list[TimeLimit] | None = None
    fees: list[Fact] | None = None
    channels: list[str] | None = None
    materials: list[Fact] | None = None
    notes: list[Fact] | None = None
    howto: str | None = Field(default=None, max_length=2000)
    citation: Citation | None = None
    items: list[int] | None = None

    @field_validator("departments", "aliases", "channels")
    @classmethod
    def _strip(cls, v: list[str] | None) -> list[str] | None:
        return None if v is None else _clean_list(v)


class ServiceOut(ServiceIn):
    model_config = ConfigDict(extra="ignore")
    version: int
    active: bool = True


# Fields whose change alters what the NLU knows (jieba dictionary, synonyms, lookups).
NLU_FIELDS = ("name", "aliases")
