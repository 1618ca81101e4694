"""The inbox of missed questions (待学习问题): /api/admin/inbox… (the logic: bot/inbox.py).

Viewers read; editors assign a cluster or a question to a service, mark it out of scope or
dismiss it. An assigned question is answered by search at once and marks the model stale.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from bot import inbox
from bot.analytics import MAX_DAYS
from bot.routers.admin.common import (
    R403,
    EditorDep,
    ErrorOut,
    SessionDep,
    ViewerDep,
    admin_router,
)
from services_catalog import repository as repo

R_ACT: dict[int | str, dict[str, Any]] = {
    **R403,
    404: {"model": ErrorOut, "description": "问题或事项不存在 / record or service not found"},
    409: {"model": ErrorOut, "description": "已被他人处理，未做任何更改 / already handled"},
}

router = admin_router()

Ids = Annotated[list[Annotated[int, Field(ge=1)]], Field(min_length=1, max_length=inbox.MAX_ROWS)]


class IdsIn(BaseModel):
    ids: Ids = Field(description="要处理的记录（整组用 cluster.ids，单个问题用 question.ids）")


class AssignIn(IdsIn):
    slug: str = Field(min_length=1, max_length=80, description="归入的事项 / the service")


@router.get(
    "/inbox", response_model=inbox.InboxOut, responses=R403, summary="待学习问题 / inbox",
    description="机器人没能回答好的问题：未听懂（含未听懂后转人工）、超出范围但在提问、被评"
                "「不满意」的回答、坐席标记的「无匹配」。相似问题归为一组，最新的在前，附次数；"
                "文字已脱敏。已处理的不再列出。 / Missed and poorly answered questions, "
                "clustered, newest first, masked; handled ones leave the list.",
)
def list_inbox(staff: ViewerDep, session: SessionDep,
               days: int = Query(default=30, ge=1, le=MAX_DAYS,
                                 description="最近多少天（默认30）")) -> inbox.InboxOut:
    return inbox.inbox(session, days)


def _act(session: Session, ids: list[int], action: inbox.Action, slug: str | None,
         actor: str) -> inbox.ActOut:
    try:
        out = inbox.act(session, ids, action, slug, actor)
    except repo.CatalogError:
        session.rollback()  # nothing of a refused action is kept
        raise
    session.commit()
    return out


@router.post(
    "/inbox/assign", response_model=inbox.ActOut, responses=R_ACT,
    summary="归入事项 / assign to a service",
    description="这些问题成为该事项的例句（审计），搜索立即生效，模型标记为需要重新训练；"
                "重新训练后 NLU 也能识别。 / The questions become example questions of the "
                "service (audited): search answers them at once, the model is marked stale.",
)
def assign(body: AssignIn, staff: EditorDep, session: SessionDep) -> inbox.ActOut:
    return _act(session, body.ids, "assign", body.slug, staff.username)


@router.post(
    "/inbox/out-of-scope", response_model=inbox.ActOut, responses=R_ACT,
    summary="标为超出范围 / mark out of scope",
    description="这些问题成为「超出范围」的训练例句（下次训练生效）。 / The questions become "
                "out_of_scope NLU examples (from the next retrain).",
)
def out_of_scope(body: IdsIn, staff: EditorDep, session: SessionDep) -> inbox.ActOut:
    return _act(session, body.ids, "out_of_scope", None, staff.username)


@router.post(
    "/inbox/dismiss", response_model=inbox.ActOut, responses=R_ACT, summary="忽略 / dismiss",
    description="从待学习列表中移除，不做其他更改。 / Remove from the inbox, nothing else.",
)
def dismiss(body: IdsIn, staff: EditorDep, session: SessionDep) -> inbox.ActOut:
    return _act(session, body.ids, "dismiss", None, staff.username)
