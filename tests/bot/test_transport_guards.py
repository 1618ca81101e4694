"""Request bodies are bounded by the bytes received (chunked too); malformed import files are
422; CSV exports hold no formulas; pages other than the widget cannot be framed; /docs works
offline (Swagger UI from the gateway itself)."""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.bot.test_admin_services import ADMIN, create, new_service


async def _chunks(total: int, size: int = 64 * 1024):  # type: ignore[no-untyped-def]
    sent = 0
    while sent < total:
        n = min(size, total - sent)
        sent += n
        yield b" " * n


@pytest.mark.parametrize("path", ["/api/chat", "/api/assist", "/api/admin/import"])
async def test_a_chunked_body_over_the_limit_is_413(gateway, path: str) -> None:
    r = await gateway.post(path, content=_chunks(3_000_000),
                           headers={**ADMIN, "content-type": "application/json"})
    assert "content-length" not in r.request.headers  # really chunked
    assert r.status_code == 413, r.text


async def test_a_declared_length_over_the_limit_is_413(gateway) -> None:
    r = await gateway.post("/api/chat", content=b"{" + b" " * 1_100_000 + b"}",
                           headers={"content-type": "application/json"})
    assert r.status_code == 413


async def test_a_chunked_body_under_the_limit_still_works(gateway) -> None:
    body = '{"sender": "chunk-1", "message": "开公司要多久"}'.encode()

    async def gen():  # type: ignore[no-untyped-def]
        for i in range(0, len(body), 7):
            yield body[i:i + 7]

    r = await gateway.post("/api/chat", content=gen(),
                           headers={"content-type": "application/json"})
    assert r.status_code == 200 and r.json()["degraded"] is True


DEEP = b"services:\n  - " + b"[" * 5000 + b"]" * 5000 + b"\n"
BOMB = (b"a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n"
        b"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        b"services: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n")
CSV_HEAD = b"slug,name,category,lead_unit,howto,departments,aliases,time_limits,fees,channels," \
           b"materials,notes,citation,items\n"


@pytest.mark.parametrize(("fmt", "content"), [
    ("csv", CSV_HEAD + b"a-b,\x00name,,,,[],[],[],[],[],[],[],{},[]\n"),
    ("csv", CSV_HEAD + b"a-b,x,,,,[],[],[],[],[],[],[]," + b"[" * 5000 + b"]" * 5000 + b",[]\n"),
    ("csv", CSV_HEAD + b'a-b,"' + b"x" * 200_000 + b'",,,,[],[],[],[],[],[],[],{},[]\n'),
    ("csv", CSV_HEAD + b"a-b,x,,,,5,\"{\"\"a\"\": 1}\",[],[],[],[],[],7,[]\n"),
    ("yaml", DEEP),
    ("yaml", BOMB),
    ("yaml", b"services: [1, 'x', null, [2]]\n"),
    ("yaml", b"services:\n  - {slug: [1, 2], name: {a: 1}, citation: 5}\n"),
    ("yaml", b"services: {a: 1}\n"),
    ("yaml", b"- 1\n- 2\n"),
    ("yaml", b"services:\n  - slug: ok-slug\n    name: \x00\n"),
])
async def test_a_malformed_import_is_422_not_500(gateway, fmt: str, content: bytes) -> None:
    r = await gateway.post(f"/api/admin/import?format={fmt}&apply=true", content=content,
                           headers=ADMIN)
    assert r.status_code == 422, r.text[:300]
    assert r.json()["detail"]
    assert len(r.content) < 20_000  # the report names problems, it does not repeat the file


FORMULAS = ["=HYPERLINK(\"http://evil\",\"点我\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
            "\t=1+1", "\r=1+1"]


async def test_csv_export_neutralises_formula_cells_and_imports_back_unchanged(gateway) -> None:
    svc = await create(gateway, category=FORMULAS[1], lead_unit=FORMULAS[2],
                       howto=FORMULAS[0])
    exported = await gateway.get("/api/admin/export?format=csv", headers=ADMIN)
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    mine = next(r for r in rows if r["slug"] == svc["slug"])
    for cell in mine.values():
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert mine["howto"] == "'" + FORMULAS[0]
    r = await gateway.post("/api/admin/import?format=csv&apply=true", content=exported.content,
                           headers=ADMIN)
    assert r.status_code == 200 and r.json()["updated"] == {}, r.text[:500]


@pytest.mark.parametrize("value", FORMULAS)
def test_every_formula_start_is_neutralised(value: str) -> None:
    from bot.analytics import _SafeWriter

    buf = io.StringIO()
    _SafeWriter(csv.writer(buf)).writerow([value, 3, "正常文本"])
    cells = next(csv.reader(io.StringIO(buf.getvalue())))
    assert cells[0] == "'" + value and cells[1:] == ["3", "正常文本"]


@pytest.mark.parametrize("path", ["/admin", "/admin/analytics", "/agent", "/api/services",
                                  "/docs"])
async def test_staff_pages_cannot_be_framed(gateway, path: str) -> None:
    r = await gateway.get(path)
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("path", ["/", "/widget"])
async def test_the_widget_may_be_framed_by_its_allow_list(gateway, path: str) -> None:
    r = await gateway.get(path)
    assert "frame-ancestors 'self'" in r.headers["content-security-policy"]
    assert "x-frame-options" not in r.headers


async def test_the_widget_allow_list_is_a_setting(monkeypatch) -> None:
    import httpx

    from bot.main import create_app
    from bot.settings import Settings

    monkeypatch.setenv("WIDGET_FRAME_ANCESTORS", "'self',https://zwfw.example.gov.cn")
    app = create_app(Settings())
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://t") as client:
        r = await client.get("/widget")
        admin = await client.get("/admin")
    csp = r.headers["content-security-policy"]
    assert "frame-ancestors 'self' https://zwfw.example.gov.cn" in csp
    assert "frame-ancestors 'none'" in admin.headers["content-security-policy"]


async def test_docs_load_swagger_ui_from_the_gateway_itself(gateway) -> None:
    page = await gateway.get("/docs")
    assert page.status_code == 200
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', page.text)
    styles = re.findall(r'<link[^>]*href="([^"]+)"', page.text)
    assert scripts and all(s.startswith("/") and not s.startswith("//") for s in scripts + styles)
    assert "<script>" not in page.text  # no inline script: the CSP would block it
    assert "script-src 'self'" in page.headers["content-security-policy"]
    for asset in scripts + styles:
        r = await gateway.get(asset)
        assert r.status_code == 200 and len(r.content) > 100, asset
    bundle = await gateway.get(scripts[0])
    assert "SwaggerUIBundle" in bundle.text
    assert (await gateway.get("/openapi.json")).status_code == 200


async def test_new_service_names_cannot_start_a_formula_in_the_catalog_csv(gateway) -> None:
    body = new_service(name="=1+2测试")
    r = await gateway.post("/api/admin/services", json=body, headers=ADMIN)
    assert r.status_code == 201  # allowed as text; the export neutralises it
    exported = await gateway.get("/api/admin/export?format=csv", headers=ADMIN)
    assert "\n" + body["slug"] + ",'=1+2测试," in exported.text
