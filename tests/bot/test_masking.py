"""Personal data is masked before it is stored, logged or sent to Rasa, in the formats people
type; chat logs are deleted after the retention period."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.masking import mask_personal
from services_catalog.__main__ import main as catalog_cli
from services_catalog.db import session_scope
from services_catalog.models import AssistCopy, ChatLog, utcnow

pytestmark = pytest.mark.usefixtures("as_agent")


PHONE = "13812345678"
# (as typed, the digits that must not survive)
FORMATS = [
    ("13812345678", PHONE),
    ("138-1234-5678", PHONE),
    ("138 1234 5678", PHONE),
    ("１３８１２３４５６７８", PHONE),
    ("１３８－１２３４－５６７８", PHONE),
    ("+86 138 1234 5678", PHONE),
    ("+86-13812345678", PHONE),
    ("008613812345678", PHONE),
    ("138\u200b1234\u200b5678", PHONE),
    ("138.1234.5678", PHONE),
    ("652301199001011234", "199001011"),
    ("65230119900101123X", "199001011"),
    ("652301900101123", "90010"),
    ("6222 0212 3456 7890 123", "62220212345678"),
    ("6222021234567890", "622202123456"),
]


def _digits(text: str) -> str:
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isdigit())


@pytest.mark.parametrize(("typed", "secret"), FORMATS)
def test_every_format_is_masked(typed: str, secret: str) -> None:
    masked = mask_personal(f"我的号码是{typed}，开公司要多久")
    assert secret not in _digits(masked), masked
    assert masked.endswith("，开公司要多久")


def test_email_keeps_only_its_domain() -> None:
    assert mask_personal("邮箱zhang.san@example.com有事联系") == "邮箱***@example.com有事联系"


@pytest.mark.parametrize("text", ["开公司要3个工作日", "2024-01-01 去办", "注册资本100000元",
                                  "12345热线", "电话 138 1234 5678 2个工作日就行"])
def test_ordinary_numbers_survive(text: str) -> None:
    masked = mask_personal(text)
    for keep in ("3个工作日", "2024-01-01", "100000", "12345热线", "2个工作日"):
        if keep in text:
            assert keep in masked


@pytest.mark.parametrize(("typed", "secret"), FORMATS[:10])
async def test_chat_stores_no_phone_number(gateway, db_session, typed: str, secret: str) -> None:
    sender = f"mask-{uuid.uuid4().hex[:8]}"
    r = await gateway.post("/api/chat", json={"sender": sender,
                                              "message": f"我电话{typed}，开公司要多久"})
    assert r.status_code == 200
    row = db_session.scalar(select(ChatLog).where(ChatLog.sender == sender))
    assert secret not in _digits(row.text) and secret not in _digits(row.reply)


async def test_assist_and_copy_store_no_phone_number(gateway, db_session) -> None:
    text = f"来电人：我电话138 1234 5678，想开公司 {uuid.uuid4().hex[:6]}"
    r = await gateway.post("/api/assist", json={"text": text})
    assert r.status_code == 200
    r = await gateway.post("/api/assist/copy", json={"slug": "company-registration", "rank": 1,
                                                     "query": text})
    assert r.status_code == 201
    logged = db_session.scalars(select(ChatLog.text).where(ChatLog.channel == "assist")).all()
    copied = db_session.scalars(select(AssistCopy.query)).all()
    assert not [t for t in [*logged, *copied] if PHONE in _digits(t)]


def test_purge_deletes_chat_logs_older_than_the_retention(monkeypatch, capsys) -> None:
    tag = uuid.uuid4().hex[:8]
    with session_scope() as session:
        for days in (400, 200, 10):
            session.add(ChatLog(sender=f"ret-{tag}-{days}", text="旧消息",
                                at=utcnow() - timedelta(days=days)))
            session.add(AssistCopy(slug="company-registration", rank=1, query=f"ret-{tag}-{days}",
                                   at=utcnow() - timedelta(days=days)))
    monkeypatch.setenv("CHAT_LOG_RETENTION_DAYS", "180")
    from services_catalog.config import get_catalog_settings

    get_catalog_settings.cache_clear()
    try:
        assert catalog_cli(["purge-chat-logs"]) == 0
    finally:
        get_catalog_settings.cache_clear()
    assert "180 days" in capsys.readouterr().out
    with session_scope() as session:
        left = session.scalars(select(ChatLog.sender).where(ChatLog.sender.like(f"ret-{tag}-%")))
        copies = session.scalars(select(AssistCopy.query).where(
            AssistCopy.query.like(f"ret-{tag}-%")))
        assert sorted(left) == [f"ret-{tag}-10"] and sorted(copies) == [f"ret-{tag}-10"]
    assert catalog_cli(["purge-chat-logs", "--days", "5"]) == 0
    with session_scope() as session:
        assert session.scalar(select(ChatLog).where(ChatLog.sender == f"ret-{tag}-10")) is None
