"""The plan (《行动方案》) as evidence: its 172 tasks, each with its area, 责任单位 and clauses.

Parsed from the copy shipped in the repo (services_catalog/data/plan.txt, the seed's bytes
unchanged), once per process. Every clause keeps the verbatim slice of the file it came from
(`raw`; the source has page breaks inside sentences) and the text to quote (`text`: the same
without whitespace). Answers quote `clauses(n)` with 第n条; tests check figures against `task(n)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from services_catalog.config import PLAN_FILE

TASK_COUNT = 172
_BODY_START = "二、主要任务"
_BODY_END = "三、保障措施"
_TASK_START = re.compile(r"(?m)^[ \t]*(\d{1,3})[ \t]*[.．]")
# (一) 提高开办企业便利度（牵头单位：州市场监督管理局）, with full- or half-width brackets.
_AREA = re.compile(
    r"(?m)^[#\s]*[（(]([一二三四五六七八九十]+)[）)]\s*(.+?)\s*[（(]牵头单位[:：](.+?)[）)]\s*$")
_UNITS = re.compile(r"[（(]\s*责\s*任\s*单\s*位\s*[:：]([\s\S]+?)[）)]\s*$")
_CLAUSE_END = re.compile(r"[。；;]")
_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Without whitespace: page breaks split the plan's sentences (and spaced figures: 5 个)."""
    return _SPACE.sub("", text)


@dataclass(frozen=True)
class Clause:
    task: int
    raw: str  # the verbatim slice of plan.txt
    text: str  # raw without whitespace, ending with its 。 or ；

    @cached_property  # read for every clause a question is scored against
    def quote(self) -> str:
        return self.text.rstrip("。；;")


@dataclass(frozen=True)
class Area:
    number: str  # 一 … 十八
    title: str
    lead: str  # 牵头单位


@dataclass(frozen=True)
class Task:
    number: int
    area: Area
    units: str  # 责任单位, as written
    clauses: tuple[Clause, ...]  # the first is the task's title sentence

    @property
    def title(self) -> str:
        return self.clauses[0].quote

    @property
    def text(self) -> str:
        """The task's clauses without whitespace (责任单位 not included)."""
        return "".join(c.text for c in self.clauses)


def _clauses(number: int, raw: str) -> tuple[Clause, ...]:
    out = []
    pos = 0
    for m in _CLAUSE_END.finditer(raw):
        piece = raw[pos:m.end()].strip()
        if squash(piece).strip("。；;"):
            out.append(Clause(number, piece, squash(piece)))
        pos = m.end()
    tail = raw[pos:].strip()
    if squash(tail):
        out.append(Clause(number, tail, squash(tail)))
    return tuple(out)


def parse(text: str) -> dict[int, Task]:
    body_start = text.index(_BODY_START)
    body_end = text.rfind("\n", 0, text.index(_BODY_END, body_start))  # its heading line
    areas = [(body_start + m.start(), body_start + m.end(),
              Area(m.group(1), squash(m.group(2)), squash(m.group(3))))
             for m in _AREA.finditer(text[body_start:body_end])]
    starts = []
    expected = 1
    for m in _TASK_START.finditer(text, body_start, body_end):
        if int(m.group(1)) == expected:  # the running sequence; other numbers are stray
            starts.append((expected, m.start(), m.end()))
            expected += 1
    tasks: dict[int, Task] = {}
    for i, (number, start, after_number) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else body_end
        # An area heading between two tasks ends the first.
        end = min([a_start for a_start, _, _ in areas if start < a_start < end] or [end])
        area = [a for a_start, _, a in areas if a_start < start][-1]
        raw = text[after_number:end]
        units = ""
        m = _UNITS.search(raw)
        if m:
            units = squash(m.group(1))
            raw = raw[:m.start()]
        tasks[number] = Task(number, area, units, _clauses(number, raw))
    return tasks


@lru_cache
def tasks(path: Path = PLAN_FILE) -> dict[int, Task]:
    return parse(path.read_text(encoding="utf-8"))


def task(n: int) -> Task:
    """Task 第n条 of the plan; KeyError for a number the plan does not have."""
    return tasks()[n]


def clauses(n: int) -> list[str]:
    """The clauses of task 第n条 as quoted in answers (whitespace removed, final 。 kept)."""
    return [c.text for c in task(n).clauses]


_PERIOD = re.compile(r"(?m)^#\s*\S*行动方案[（(](\d{4}\s*[—–-]+\s*\d{4}年)[）)]\s*$")


@lru_cache
def short_title(path: Path = PLAN_FILE) -> str:
    """《行动方案（2023—2025年）》: the plan named with its period, as every answer's basis."""
    m = _PERIOD.search(path.read_text(encoding="utf-8"))
    return f"《行动方案（{squash(m.group(1))}）》" if m else "《行动方案》"
