"""Answers straight from the catalog, rendered with the domain's wording: used for agent assist
and when Rasa is down (degraded mode)."""

from __future__ import annotations

from datetime import date
from typing import Any

from services_catalog import clock
from services_catalog.answers import INTENT_QUESTION, compose, due_for_limit
from services_catalog.effective import basis_text
from services_catalog.schemas import ServiceOut
from services_catalog.wording import render


def today() -> date:
    return clock.today()  # the catalog's timezone; CATALOG_TODAY in tests


def question_for(intent: str | None) -> str:
    return INTENT_QUESTION.get(intent or "", "overview")


def script(service: ServiceOut, question: str, text: str) -> tuple[str, dict[str, Any]]:
    """A ready-to-read answer listing every variant's figure, and the service card."""
    answer = compose(service, question, text=text, today=today(), list_variants=True)
    return render(answer.response, answer.variables), answer.card or {}


def due_dates(service: ServiceOut, condition: str | None = None) -> list[dict[str, Any]]:
    limits = [t for t in service.time_limits if condition is None or t.condition in
              (None, condition)]
    return [due_for_limit(t, today()) for t in limits]


def card_basis(service: ServiceOut, card: dict[str, Any]) -> str:
    """依据 of an agent's card: the plan's 第N条 (with its period) and every later decision a
    figure the card shows rests on — the console shows all of its time limits and fees, whatever
    the question, so the basis covers them all (the widget's card covers the figures it states)."""
    item = int((card.get("citation") or {}).get("item") or service.citation.item)
    return basis_text([*service.time_limits, *service.fees], item)
