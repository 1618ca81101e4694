"""The inbox of missed questions and example questions in the catalog, through the admin API.

The chat log rows are written as /api/chat and /api/assist/nomatch write them (the in-process
gateway has no Rasa, so it never logs a fallback itself); everything after that goes through the
API. The real-stack version of the whole loop is tests/e2e/test_inbox_learning.py.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta
from pathlib import Path

import yaml
from sqlalchemy import select

from services_catalog import examples as store
from services_catalog.db import session_scope
from services_catalog.models import AuditEntry, ChatLog, ExampleQuestion, Feedback, utcnow
from tests.bot.test_admin_auth import auth, make_staff
from tests.bot.test_admin_services import ADMIN, editor_headers

SERVICE = "water-connection"


def log_rows(*rows: dict) -> list[int]:
    """Chat log rows as the gateway writes them; their ids."""
    with session_scope() as session:
        objs = [ChatLog(sender=r.get("sender", f"s-{uuid.uuid4().hex[:8]}"),
                        channel=r.get("channel", "chat"), text=r["text"],
                        reply=r.get("reply", ""), slug=r.get("slug"),
                        fallback=r.get("fallback", False), kind=r.get("kind"),
                        at=r.get("at", utcnow()))
                for r in rows]
        session.add_all(objs)
        session.flush()
        return [o.id for o in objs]


async def inbox(gateway, headers=ADMIN) -> dict:
    r = await gateway.get("/api/admin/inbox", headers=headers)
    assert r.status_code == 200, r.text
    return r.json()


def cluster_of(data: dict, text: str) -> dict | None:
    return next((c for c in data["clusters"]
                 if any(q["text"] == text for q in c["questions"])), None)


def example_rows(text: str) -> list[ExampleQuestion]:
    with session_scope() as session:
        return list(session.scalars(select(ExampleQuestion).where(ExampleQuestion.text == text)))


async def test_missed_questions_are_listed_clustered_newest_first(gateway) -> None:
    now = utcnow()
    fb1 = fb3 = "厂区新修的院子想把自来水管子引进来找哪"
    fb2 = "厂区新院子想把自来水管引进来找哪里"
    log_rows({"text": fb1, "fallback": True, "at": now - timedelta(minutes=30)},
             {"text": fb2, "fallback": True, "at": now - timedelta(minutes=20)},
             {"text": fb3, "fallback": True, "at": now - timedelta(minutes=10)},
             {"text": "火星上能开分公司吗", "kind": "out_of_scope", "at": now},
             {"text": "今天天气真好", "kind": "out_of_scope"},  # asks nothing: not listed
             {"text": "我要转人工客服", "channel": "handoff", "fallback": True},
             {"text": "来电人问厂区排污许可年检怎么约", "channel": "nomatch", "sender": "assist"},
             {"text": "今天天气真好啊朋友们"})  # answered normally: not listed
    # A 不满意 rating lists the question it rated (the last one answered with that service).
    sender = f"s-{uuid.uuid4().hex[:8]}"
    log_rows({"sender": sender, "text": "燃气开户要多久能通气", "slug": "gas-connection",
              "at": now - timedelta(minutes=5)})
    with session_scope() as session:
        session.add(Feedback(sender=sender, slug="gas-connection", rating="unsatisfied",
                             at=now - timedelta(minutes=4)))

    data = await inbox(gateway)
    texts = {q["text"] for c in data["clusters"] for q in c["questions"]}
    assert {fb1, fb2, "火星上能开分公司吗", "来电人问厂区排污许可年检怎么约",
            "燃气开户要多久能通气"} <= texts
    assert not texts & {"今天天气真好", "我要转人工客服", "今天天气真好啊朋友们"}
    water = cluster_of(data, fb1)
    assert water is not None and water == cluster_of(data, fb2)  # near-duplicates together
    assert water["count"] == 3 and water["kinds"] == {"fallback": 3}
    assert next(q for q in water["questions"] if q["text"] == fb1)["count"] == 2
    rated = cluster_of(data, "燃气开户要多久能通气")
    assert rated["kinds"] == {"unsatisfied": 1}
    assert rated["questions"][0]["answered_slug"] == "gas-connection"
    latest = [c["latest_at"] for c in data["clusters"]]
    assert latest == sorted(latest, reverse=True)


async def test_viewer_reads_but_cannot_act(gateway) -> None:
    [rid] = log_rows({"text": "观众只能看不能改这个问题吗", "fallback": True})
    viewer = auth(make_staff("viewer")[1])
    assert cluster_of(await inbox(gateway, viewer), "观众只能看不能改这个问题吗") is not None
    for path, body in (("/api/admin/inbox/assign", {"ids": [rid], "slug": SERVICE}),
                       ("/api/admin/inbox/out-of-scope", {"ids": [rid]}),
                       ("/api/admin/inbox/dismiss", {"ids": [rid]})):
        r = await gateway.post(path, json=body, headers=viewer)
        assert r.status_code == 403, r.text
        r = await gateway.post(path, json=body)
        assert r.status_code == 401
    agent = auth(make_staff("agent")[1])
    assert (await gateway.get("/api/admin/inbox", headers=agent)).status_code == 403
    assert (await gateway.get("/api/admin/inbox")).status_code == 401
    assert cluster_of(await inbox(gateway), "观众只能看不能改这个问题吗") is not None


async def test_assign_makes_examples_that_search_answers_at_once(gateway) -> None:
    q1, q2 = "车间要拉一根自来水总管进厂该找谁办", "车间要拉根自来水总管进厂找谁办"
    log_rows({"text": q1, "fallback": True}, {"text": q2, "fallback": True},
             {"text": q1, "fallback": True})
    editor = editor_headers()
    before = (await gateway.get("/api/admin/training", headers=ADMIN)).json()
    cluster = cluster_of(await inbox(gateway), q1)
    r = await gateway.post("/api/admin/inbox/assign", headers=editor,
                           json={"ids": cluster["ids"], "slug": SERVICE})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["handled"] == 3 and sorted(body["examples_added"]) == sorted([q1, q2])
    # They left the inbox, and are the service's example questions, source inbox.
    assert cluster_of(await inbox(gateway), q1) is None
    listed = (await gateway.get(f"/api/admin/services/{SERVICE}/examples", headers=ADMIN)).json()
    mine = {e["text"]: e for e in listed if e["text"] in (q1, q2)}
    assert set(mine) == {q1, q2} and {e["source"] for e in mine.values()} == {"inbox"}
    # Audited under the service's examples, and the inbox action itself.
    with session_scope() as session:
        rows = session.scalars(select(AuditEntry).where(
            AuditEntry.slug == f"examples:{SERVICE}").order_by(AuditEntry.id.desc())).first()
        assert sorted(rows.changes["examples_added"]["after"]) == sorted([q1, q2])
    # Search answers them now (the in-process gateway answers /api/chat from the catalog).
    chat = (await gateway.post("/api/chat", json={"sender": "inbox-1", "message": q1})).json()
    assert any(m.get("custom", {}).get("slug") == SERVICE for m in chat["messages"]), chat
    # The model is stale, and the change says which examples are new.
    after = (await gateway.get("/api/admin/training", headers=ADMIN)).json()
    assert after["stale"] and after["current_hash"] != before["current_hash"]
    change = next(c for c in after["changes"] if c["slug"] == SERVICE)
    assert {q1, q2} <= set(change["examples_added"])


async def test_out_of_scope_and_dismiss(gateway, tmp_path: Path) -> None:
    oos, dis = "你们能帮我查下明天彩票开什么号吗", "这个问题随便问问能忽略吗"
    [oid, did] = log_rows({"text": oos, "kind": "out_of_scope"}, {"text": dis, "fallback": True})
    editor = editor_headers()
    r = await gateway.post("/api/admin/inbox/out-of-scope", headers=editor, json={"ids": [oid]})
    assert r.status_code == 200 and r.json()["examples_added"] == [oos], r.text
    r = await gateway.post("/api/admin/inbox/dismiss", headers=editor, json={"ids": [did]})
    assert r.status_code == 200 and r.json()["examples_added"] == [], r.text
    data = await inbox(gateway)
    assert cluster_of(data, oos) is None and cluster_of(data, dis) is None
    assert [e.slug for e in example_rows(oos)] == [None] and example_rows(dis) == []
    # gen-nlu writes it as an out_of_scope example.
    from services_catalog.nlu_export import write_nlu
    from services_catalog.repository import list_services, to_out

    (tmp_path / "data" / "nlu").mkdir(parents=True)
    with session_scope() as session:
        write_nlu([to_out(s) for s in list_services(session)], tmp_path,
                  store.by_slug(session), store.out_of_scope(session))
    generated = yaml.safe_load((tmp_path / "data/nlu/generated/questions.yml").read_text())
    block = next(b for b in generated["nlu"] if b["intent"] == "out_of_scope")
    assert f"- {oos}" in block["examples"].splitlines()
    # Acting again on a handled question: 409, nothing changes.
    r = await gateway.post("/api/admin/inbox/dismiss", headers=editor, json={"ids": [oid]})
    assert r.status_code == 409 and "已被他人处理" in r.json()["detail"]


async def test_two_editors_assigning_one_cluster_one_wins_nothing_doubled(gateway) -> None:
    for n in range(4):
        texts = [f"第{n}轮院里想接根自来水总管进来怎么弄", f"第{n}轮院里想接根自来水总管进来咋弄"]
        ids = log_rows(*({"text": t, "fallback": True} for t in texts))
        start = utcnow()
        a, b = await asyncio.gather(
            gateway.post("/api/admin/inbox/assign", headers=editor_headers(),
                         json={"ids": ids, "slug": SERVICE}),
            gateway.post("/api/admin/inbox/assign", headers=editor_headers(),
                         json={"ids": ids, "slug": "gas-connection"}),
        )
        assert sorted([a.status_code, b.status_code]) == [200, 409], (a.text, b.text)
        winner = (a if a.status_code == 200 else b).json()
        for t in texts:
            rows = example_rows(t)
            assert len(rows) == 1 and rows[0].slug == winner["slug"]
        with session_scope() as session:
            actions = session.scalars(select(AuditEntry.slug).where(
                AuditEntry.at >= start, AuditEntry.slug.in_(
                    ["inbox", f"examples:{SERVICE}", "examples:gas-connection"]))).all()
        assert sorted(actions) == sorted(["inbox", f"examples:{winner['slug']}"]), actions


async def test_bad_input_is_4xx_and_never_echoed(gateway) -> None:
    editor = editor_headers()
    [rid] = log_rows({"text": "坏输入测试的问题是哪个", "fallback": True})
    secret = "<script>秘密输入xyz</script>"
    cases = [
        ("/api/admin/inbox/assign", {"ids": [], "slug": SERVICE}, 422),
        ("/api/admin/inbox/assign", {"ids": ["abc"], "slug": SERVICE}, 422),
        ("/api/admin/inbox/assign", {"ids": [0], "slug": SERVICE}, 422),
        ("/api/admin/inbox/assign", {"ids": [rid]}, 422),
        ("/api/admin/inbox/assign", {"ids": [rid], "slug": secret}, 404),
        ("/api/admin/inbox/dismiss", {"ids": [rid, 987654321]}, 404),
        (f"/api/admin/services/{SERVICE}/examples", {"text": secret}, 422),
        (f"/api/admin/services/{SERVICE}/examples", {"text": "问" * 201}, 422),
        (f"/api/admin/services/{SERVICE}/examples", {"text": "两行\n例句"}, 422),
        (f"/api/admin/services/{SERVICE}/examples", {"text": "   "}, 422),
        ("/api/admin/services/no-such-service/examples", {"text": "正常的例句吗"}, 404),
    ]
    for path, body, status in cases:
        r = await gateway.post(path, json=body, headers=editor)
        assert r.status_code == status, (path, body, r.text)
        assert "秘密输入" not in r.text and "script" not in r.text
    r = await gateway.get("/api/admin/inbox", params={"days": 0}, headers=ADMIN)
    assert r.status_code == 422
    for raw in (b"\xff\xfe", f"{secret}: [a".encode(), b"- just\n- a list\n",
                f"nope-{secret}: [问题]".encode(), f"{SERVICE}: ['[x](y){secret}']".encode()):
        r = await gateway.post("/api/admin/examples/import", content=raw, headers=editor)
        assert r.status_code == 422, r.text
        assert "秘密输入" not in r.text
    # Nothing of it was stored; the question is still in the inbox.
    assert cluster_of(await inbox(gateway), "坏输入测试的问题是哪个") is not None


async def test_examples_add_remove_with_version_and_import_export(gateway) -> None:
    editor = editor_headers()
    path = f"/api/admin/services/{SERVICE}/examples"
    r = await gateway.post(path, json={"text": "  新盖的厂房想通上自来水从哪下手  "},
                           headers=editor)
    assert r.status_code == 201, r.text
    added = r.json()
    assert added["text"] == "新盖的厂房想通上自来水从哪下手" and added["source"] == "staff"
    # The same text for another service: it belongs to this one (409, nothing moved).
    r = await gateway.post("/api/admin/services/gas-connection/examples",
                           json={"text": added["text"]}, headers=editor)
    assert r.status_code == 409 and SERVICE in r.json()["detail"]
    # Removing needs the version seen: a stale one is 409.
    r = await gateway.delete(f"/api/admin/examples/{added['id']}",
                             params={"version": added["version"] + 1}, headers=editor)
    assert r.status_code == 409
    r = await gateway.delete(f"/api/admin/examples/{added['id']}",
                             params={"version": added["version"]}, headers=editor)
    assert r.status_code == 200 and r.json()["active"] is False
    listed = (await gateway.get(path, headers=ADMIN)).json()
    assert added["text"] not in {e["text"] for e in listed}
    # Export, then import a file with one more: preview changes nothing, apply adds it.
    exported = await gateway.get("/api/admin/examples/export", headers=ADMIN)
    data = yaml.safe_load(exported.text)
    assert data[SERVICE] == [e["text"] for e in listed]
    data[SERVICE].append("厂里接自来水的单子在哪填")
    body = yaml.safe_dump(data, allow_unicode=True).encode()
    r = await gateway.post("/api/admin/examples/import", content=body, headers=editor)
    assert r.status_code == 200 and r.json()["added"] == {SERVICE: 1}, r.text
    assert r.json()["applied"] is False and example_rows("厂里接自来水的单子在哪填") == []
    r = await gateway.post("/api/admin/examples/import", params={"apply": "true"},
                           content=body, headers=editor)
    assert r.status_code == 200 and r.json()["applied"] is True
    [row] = example_rows("厂里接自来水的单子在哪填")
    assert (row.slug, row.source, row.active) == (SERVICE, "import", True)
    r = await gateway.post("/api/admin/examples/import", params={"apply": "true"},
                           content=body, headers=editor)
    assert r.json()["added"] == {} and r.json()["moved"] == {}


def test_seed_fills_the_table_once_and_keeps_removals(db_session) -> None:
    seeded = store.by_slug(db_session)
    assert sum(len(v) for v in seeded.values()) >= 2000
    row = db_session.scalar(select(ExampleQuestion).where(ExampleQuestion.source == "seed",
                                                          ExampleQuestion.active.is_(True)))
    store.remove(db_session, row.id, row.version, "t")
    assert store.seed(db_session) == 0  # the removed seed example does not come back
    assert not db_session.get(ExampleQuestion, row.id).active
