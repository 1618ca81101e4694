"""A broad service named by a generic alias (办执照, 项目审批, 失信名单) is only the setting of a
question the rest of whose words describe a more specific service: that service is meant, by
the search (chat and agent assist alike) and by resolve. Wordings are new, not the dev sets'."""

from __future__ import annotations

import pytest

from services_catalog.resolve import asks_how_long, promised_first, resolve
from services_catalog.search import SearchDoc, SearchIndex
from services_catalog.several import services_asked
from services_catalog.snapshot import CatalogSnapshot, build_snapshot


@pytest.fixture(scope="module")
def snap() -> CatalogSnapshot:
    from services_catalog.db import get_sessionmaker

    with get_sessionmaker()() as session:
        return build_snapshot(session)


@pytest.mark.parametrize(("text", "specific", "broad"), [
    ("我们是做快递的 县里开了几个网点 是不是每个网点都得单独办执照",
     "multi-address-license", "company-registration"),
    ("办执照时那个场地产权证明还要不要交", "address-commitment", "company-registration"),
    ("税务上被列进重大违法失信名单了 整改完了能撤出来吗", "tax-credit-repair",
     "credit-repair-dishonest"),
    ("低风险的小仓库工程审批怎么走", "low-risk-project", "construction-approval"),
])
def test_the_specific_service_goes_before_the_broad_one_named(
        snap: CatalogSnapshot, text: str, specific: str, broad: str) -> None:
    hits = snap.index.search(text)
    assert hits[0].slug == specific and hits[0].confidence >= 0.8
    assert broad in [h.slug for h in hits]  # still offered, second
    assert snap.index.mentions(text)[0].slug == specific
    assert resolve(snap, text).slug == specific


@pytest.mark.parametrize(("text", "slug"), [
    ("办执照要几天", "company-registration"),
    ("注册公司要带什么材料", "company-registration"),
    ("失信名单怎么撤出来", "credit-repair-dishonest"),
    ("项目审批要多久", "construction-approval"),
])
def test_a_question_about_the_named_service_keeps_it(
        snap: CatalogSnapshot, text: str, slug: str) -> None:
    assert snap.index.search(text)[0].slug == slug
    assert resolve(snap, text).slug == slug


def test_a_service_the_message_says_nothing_more_of_does_not_take_over() -> None:
    """Free text alone reading another service better is not enough: the message must say a
    word that service holds and the named one does not."""
    docs = [
        SearchDoc("company-registration", "企业开办", ["办执照"], "企业登记",
                  ("开公司要几天", "注册公司去哪办")),
        SearchDoc("multi-address-license", "一照多址", ["快递网点"], "一个执照 多个经营场所",
                  ("快递公司好几个网点每个都要办执照吗", "一个执照能加几个网点地址吗")),
    ]
    idx = SearchIndex(docs)
    assert idx.search("快递公司好几个网点 每个都得办执照吗")[0].slug == "multi-address-license"
    assert idx.search("办执照要几天")[0].slug == "company-registration"
    assert idx.says_more("快递公司好几个网点", "multi-address-license", "company-registration")
    assert not idx.says_more("办执照要几天", "multi-address-license", "company-registration")


def test_a_statement_that_owes_nobody_is_the_scene_not_a_second_question(
        snap: CatalogSnapshot) -> None:
    # 也没欠谁钱 tells (谁 = anyone): 公司注册 before it is the scene, not asked about.
    text = "公司注册完一直没营业 也没欠谁钱 能简单注销吗"
    assert services_asked(snap, text) == []
    assert resolve(snap, text).slug == "simple-deregistration"


def test_days_told_in_a_complaint_ask_no_time_limit(snap: CatalogSnapshot) -> None:
    text = "我要投诉天然气公司，装表的拖了好几天都不来"
    assert not asks_how_long(text)
    hits = snap.index.search(text)
    assert promised_first(snap, hits, text)[0].slug == "utility-complaint"
    assert asks_how_long("前几天交的材料 几天能办完")
    assert asks_how_long("好几天了还没通水 要多久")


def test_how_many_addresses_is_no_office_address_asked(snap: CatalogSnapshot) -> None:
    from services_catalog.absent_facts import absent_fact

    text = "营业执照上能不能加好几个地址"
    assert absent_fact("一个执照能挂好几个地址吗") is None
    assert absent_fact("能加两个地址吗") is None
    assert absent_fact("这个地址在哪") == "address"  # where a building is: still not stated
    assert absent_fact("市场监管局地址是多少") == "address"
    assert resolve(snap, text).slug == "multi-address-license"
