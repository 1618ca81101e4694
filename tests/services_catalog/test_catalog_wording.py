"""Catalog wording added for issue 17 (aliases and example questions, services_catalog/data):
how people say a need the plan covers — 拿地, 简单的注销, 办照不用纸, 户口在外省人在昌吉,
活干完钱没结 — reaches that service, and the neighbours it was confused with keep their own
questions. Wordings are new, not the dev sets'."""

from __future__ import annotations

import pytest

from services_catalog.resolve import resolve
from services_catalog.snapshot import CatalogSnapshot, build_snapshot


@pytest.fixture(scope="module")
def snap() -> CatalogSnapshot:
    from services_catalog.db import get_sessionmaker

    with get_sessionmaker()() as session:
        return build_snapshot(session)


@pytest.mark.parametrize(("text", "slug"), [
    ("企业拿地的手续归哪个局批", "land-use-approval"),
    ("开了个小公司一直没营业 有没有简单的注销办法", "simple-deregistration"),
    ("营业执照登记是不是一张纸都不交了 名字也在网上签", "e-business-license"),
    ("户籍在陕西 在昌吉上班 有的事能在本地办吗", "cross-region-services"),
    ("给镇上做的工程早验收了 钱一直没结 小公司快撑不下去了 谁能帮着要", "sme-arrears"),
])
def test_a_need_said_in_everyday_words_reaches_its_service(
        snap: CatalogSnapshot, text: str, slug: str) -> None:
    assert snap.index.search(text)[0].slug == slug
    assert resolve(snap, text).slug == slug


@pytest.mark.parametrize(("text", "slug"), [
    ("户口在外地 想在昌吉注册公司 要回老家办吗", "company-registration"),
    ("户口在河南 想把户口迁到昌吉 网上能办吗", "household-registration"),
    ("政府采购合同的尾款多久要付清", "procurement-payment"),
    ("盖厂房审批找哪个部门", "construction-approval"),
    ("工改的审批是哪个部门管", "construction-approval"),
    ("劳动合同能在网上签名吗", "e-labor-contract"),
    ("公司欠着供应商的钱 想注销怎么办", "deregistration"),
    ("厂子资不抵债快撑不下去了 能申请破产吗", "bankruptcy"),
])
def test_the_neighbours_keep_their_own_questions(
        snap: CatalogSnapshot, text: str, slug: str) -> None:
    assert resolve(snap, text).slug == slug
