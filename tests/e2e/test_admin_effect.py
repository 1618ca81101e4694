"""A staff edit is what the very next /api/chat and /api/assist answer says.

No retrain, no restart."""

from __future__ import annotations

import os

import httpx
import pytest

pytestmark = pytest.mark.e2e


def test_changed_time_limit_is_answered_at_once_and_restored(live_stack) -> None:
    base = live_stack.gateway_url
    auth = {"Authorization": f"Bearer {os.environ['CATALOG_ADMIN_TOKEN']}"}
    with httpx.Client(base_url=base, timeout=30) as client:
        record = client.get("/api/admin/services/water-connection", headers=auth).json()
        original = record["time_limits"]
        changed = [{**original[0], "amount": 4}]
        r = client.patch("/api/admin/services/water-connection", headers=auth,
                         json={"version": record["version"], "time_limits": changed})
        assert r.status_code == 200, r.text
        try:
            chat = client.post("/api/chat", json={"sender": "admin-effect-1",
                                                  "message": "用水报装要多久"}).json()
            text = " ".join(m.get("text", "") for m in chat["messages"])
            assert "4个工作日" in text and "5个工作日" not in text
            top = client.post("/api/assist", json={"text": "接自来水要几天"}, headers=auth).json()
            assert "4个工作日" in top["suggestions"][0]["answer"]
            audit = client.get("/api/admin/audit", params={"slug": "water-connection"},
                               headers=auth).json()
            latest = audit[0] if isinstance(audit, list) else audit["entries"][0]
            assert latest["changes"]["time_limits"]["after"][0]["amount"] == 4
        finally:
            current = client.get("/api/admin/services/water-connection", headers=auth).json()
            r = client.patch("/api/admin/services/water-connection", headers=auth,
                             json={"version": current["version"], "time_limits": original})
            assert r.status_code == 200, r.text
        chat = client.post("/api/chat", json={"sender": "admin-effect-2",
                                              "message": "用水报装要多久"}).json()
        assert "5个工作日" in " ".join(m.get("text", "") for m in chat["messages"])
