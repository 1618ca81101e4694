"""Whether the NLU model is behind the catalog, and the background retrain + hot swap."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from fastapi import HTTPException, Request
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from bot.retrain import AlreadyRunning, Retrainer
from bot.routers.admin.common import (
    R403,
    EditorDep,
    ErrorOut,
    SessionDep,
    ViewerDep,
    admin_router,
)
from bot.settings import get_settings
from services_catalog import training

router = admin_router()


class JobOut(BaseModel):
    state: Literal["idle", "running", "succeeded", "failed"]
    step: str = Field(description="queued | gen-nlu | train | load | mark | done")
    started_at: datetime | None
    finished_at: datetime | None
    actor: str | None
    model: str | None
    error: str | None
    log_tail: list[str]


class TrainingOut(BaseModel):
    stale: bool
    message: Literal["retrain needed", "up to date"]
    message_zh: str
    current_hash: str
    trained_hash: str | None
    changes: list[dict[str, Any]] = Field(
        description="自上次训练以来名称/别名有变化的事项 / services whose name or aliases changed")
    job: JobOut


def get_retrainer(request: Request) -> Retrainer:
    retrainer = getattr(request.app.state, "retrainer", None)
    if retrainer is None:
        retrainer = request.app.state.retrainer = Retrainer(get_settings())
    return retrainer


def _training_status(session: Session, retrainer: Retrainer) -> TrainingOut:
    # The job first: a retrain marks the model trained before it says "succeeded", so a job
    # read as finished is never paired with the hash from before its mark.
    job = JobOut(**retrainer.job.as_dict())
    current, trained = training.current_nlu_hash(session), training.trained_hash(session)
    stale = current != trained
    return TrainingOut(
        stale=stale,
        message="retrain needed" if stale else "up to date",
        message_zh="名称或别名已修改，需要重新训练" if stale else "模型已是最新",
        current_hash=current, trained_hash=trained,
        changes=training.changes_since_training(session) if stale else [],
        job=job,
    )


@router.get(
    "/training", response_model=TrainingOut, summary="模型训练状态 / training status",
    description="事项名称或别名改过之后，机器人的模型需要重新训练才能识别新说法；这里给出是否需要"
                "以及后台训练的进度。 / Whether the NLU model is behind the catalog, and the "
                "background retrain's progress.",
)
def training_status(staff: ViewerDep, session: SessionDep, request: Request) -> TrainingOut:
    return _training_status(session, get_retrainer(request))


@router.post(
    "/training", status_code=202, response_model=TrainingOut,
    responses={**R403, 409: {"model": ErrorOut, "description": "已有训练在进行 / running"}},
    summary="重新训练 / retrain",
    description="后台执行 gen-nlu 和 rasa train，再通过 Rasa HTTP API 逐个替换各副本的模型"
                "（不停机），最后标记为已训练。用 GET 查看进度。 / Starts a background retrain "
                "and a zero-downtime model swap on every Rasa replica; poll GET for progress.",
)
async def start_training(staff: EditorDep, session: SessionDep,
                         request: Request) -> TrainingOut:
    retrainer = get_retrainer(request)
    try:
        retrainer.start(staff.username)
    except AlreadyRunning as exc:
        raise HTTPException(409, f"已有训练在进行 / {exc}") from None
    return _training_status(session, retrainer)
