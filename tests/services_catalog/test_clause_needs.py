"""A situation told with a need in each of its parts: which services the message asks about.
Several only when each part reads surely as a different matter; one question whose scene or
follow-on reads as another service stays one."""

from __future__ import annotations

import pytest

from services_catalog.clause_needs import parts
from services_catalog.several import services_asked
from services_catalog.snapshot import build_snapshot


@pytest.fixture(scope="module")
def snap():
    from services_catalog.db import get_sessionmaker

    with get_sessionmaker()() as session:
        return build_snapshot(session)


@pytest.mark.parametrize(("text", "expected"), [
    # a need in each sentence, the second opened by 另外
    ("准备开个网吧，娱乐场所的公安备案咋弄？另外新招的几个网管，劳动合同能不能在网上签",
     ["special-industry-permit", "e-labor-contract"]),
    # the scene (物流园) asks nothing; 另外 and 还有 each open a matter
    ("我们在玛纳斯有个物流园。另外员工的劳动合同能不能网上签？还有货车进城限行怎么办",
     ["e-labor-contract", "truck-access"]),
])
def test_each_part_a_service(snap, text: str, expected: list[str]) -> None:
    assert services_asked(snap, text) == expected


@pytest.mark.parametrize("text", [
    "我们是出租车公司，车辆查验能不能上门",  # who the owner is: the scene
    "申请用电报装要准备啥？是不是光有执照就行",  # 是不是…: goes on about the same matter
    "打官司能在网上立案吗？材料也要跑法院交吗",  # two readings of one matter
    "我们开了个饭馆。燃气报装要几天",  # a scene that says no need
])
def test_one_matter_stays_one(snap, text: str) -> None:
    assert services_asked(snap, text) == []


def test_parts_cut_at_sentences_and_another() -> None:
    norm = "楼盖好了,验收咋弄。另外工人合同咋签,施工图还要送审吗"
    assert [norm[a:b] for a, b, _ in parts(norm)] == [
        "楼盖好了,验收咋弄", "工人合同咋签,", "施工图还要送审吗"]
    assert [another for _, _, another in parts(norm)] == [False, True, False]
