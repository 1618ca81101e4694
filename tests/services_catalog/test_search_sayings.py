"""Everyday sayings of a need read in the catalog's words (services_catalog/search/needs.py
_SAYINGS): the search names the service though no name or alias is said. Sentences our own."""

import pytest

from services_catalog.search.needs import read_needs
from tests.services_catalog.test_search_dev import index


@pytest.mark.parametrize(("text", "slug"), [
    ("证件还差一份，能不能先受理着，证明我回头再补上", "tolerance-acceptance"),
    ("他们先收下材料，剩下的以后补可以吗", "tolerance-acceptance"),
    ("那个检查的一来就顶格罚，这合理吗", "profit-driven-enforcement"),
    ("听说执法的每个月都有罚款指标，小店被罚怕了", "profit-driven-enforcement"),
    ("这两个月肉价蛋价一直往上涨，谁来管", "market-supervision-mechanism"),
    ("我们公司专利被抄了，知识产权的案件法院怎么审", "ip-adjudication"),
    ("社保证明能不能就在本地开，不用回老家跑一趟", "cross-region-services"),
    # a licence being revoked is the matter, not the 注销 never done
    ("店早就不开了，一直没去注销，听说要被清吊，会有什么后果", "revocation-cleanup"),
    ("个体户停业两年也没注销，执照给吊销了，还能再开店吗", "revocation-cleanup"),
    # wages held back down the chain of a construction project
    ("装修队干了三个月活，工头说开发商没结工程款，工钱一直发不下来", "wage-arrears-campaign"),
])
def test_a_saying_names_its_service(text: str, slug: str) -> None:
    assert index().search(text)[0].slug == slug


@pytest.mark.parametrize("text", [
    "营业执照要多久能办好",  # no saying at all
    "先把表填了，然后去窗口交",  # 先 … but nothing follows to be supplied
    "罚款交到哪个账户",  # a fine paid, no quota
    "公司不想干了，注销要多久",  # 注销 asked, no revocation
    "老板拖了两个月工资不给，去哪里告",  # one's own boss, no client down the chain
])
def test_no_saying_adds_nothing(text: str) -> None:
    assert read_needs(text, index()._tok) == text


def test_a_named_service_keeps_its_cross_province_question() -> None:
    # 跨省通办 asked of a service that is named stays that service's question
    assert index().search("驾驶证公证现在能跨省通办了吗")[0].slug == "notary-cross-province"
