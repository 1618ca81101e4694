"""Which figure applies on a day, and what it rests on.

A time limit or fact may carry a scheduled `change` (a later decision with its effective date).
From that day on the change *is* the figure (`in_force` folds it in, its basis the decision);
before it the current figure is answered with "自…起调整为…" next to it (`upcoming`).
Every answer names its basis (`basis_text`): the plan's 第N条 or the decision and its date.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from services_catalog.plan import short_title
from services_catalog.schemas import Basis, Fact, ServiceOut, TimeLimit, cn_date, limit_words
from services_catalog.wording import render


def _limit_in_force(tl: TimeLimit, today: date) -> TimeLimit:
    c = tl.change
    if c is None or c.effective > today:
        return tl
    return tl.model_copy(update={"amount": c.amount, "unit": c.unit, "basis": c.basis,
                                 "change": None})


def _fact_in_force(fact: Fact, today: date) -> Fact:
    c = fact.change
    if c is None or c.effective > today:
        return fact
    return fact.model_copy(update={"text": c.text, "basis": c.basis, "change": None})


def in_force(service: ServiceOut, today: date) -> ServiceOut:
    """The record as it applies on `today`: every change whose day has come folded in."""
    if not any(f.change for f in (*service.time_limits, *service.fees, *service.materials,
                                  *service.notes)):
        return service
    return service.model_copy(update={
        "time_limits": [_limit_in_force(t, today) for t in service.time_limits],
        "fees": [_fact_in_force(f, today) for f in service.fees],
        "materials": [_fact_in_force(f, today) for f in service.materials],
        "notes": [_fact_in_force(f, today) for f in service.notes],
    })


def document_name(document: str) -> str:
    return document if "《" in document else f"《{document}》"


def decision_text(basis: Basis) -> str:
    when = f"（{cn_date(basis.date)}）" if basis.date else ""
    return f"{document_name(basis.document or '')}{when}"


def upcoming(figure: TimeLimit | Fact) -> str:
    """"（自2027年1月1日起调整为2个工作日，依据《…》）" for a change still to come, else ""."""
    c = figure.change
    if c is None:
        return ""
    new = limit_words(c.amount, c.unit) if isinstance(figure, TimeLimit) else c.text  # type: ignore[union-attr]
    return render("utter_note_upcoming_change", {
        "effective": cn_date(c.effective), "new": new, "document": document_name(c.document)})


def basis_text(figures: Sequence[TimeLimit | Fact], item: int) -> str:
    """What the answer's figures rest on: 《行动方案（2023—2025年）》第N条 and/or each later
    decision with its date; the plan alone when the answer states no figure of its own."""
    parts: list[str] = []
    if not figures or any(f.basis.kind == "plan" for f in figures):
        parts.append(f"{short_title()}第{item}条")
    for f in figures:
        if f.basis.kind == "decision":
            text = decision_text(f.basis)
            if text not in parts:
                parts.append(text)
    return "、".join(parts)
