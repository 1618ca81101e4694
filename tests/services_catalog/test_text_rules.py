"""Names and aliases compared in normalised form; generated NLU data cannot be injected into."""

from __future__ import annotations

import pytest

from services_catalog.nlu_export import _block, write_nlu
from services_catalog.schemas import ServiceOut
from services_catalog.text_rules import check_no_figure, check_phrase, phrase_key


@pytest.mark.parametrize("variant", ["開公司", "开\u200b公司", "开\u202e公司", "开公司",
                                     "\ufeff开公司"])
def test_variants_share_one_key(variant: str) -> None:
    assert phrase_key(variant) == phrase_key("开公司")


def test_case_and_width_share_one_key() -> None:
    assert phrase_key("ＵＫｅｙ") == phrase_key("ukey") == phrase_key("UKEY")


@pytest.mark.parametrize("bad", ["a\nb", "a\u2029b", "[a](service)", "a{b}", "/intent", "a\u200bb",
                                 "a\u2067b"])
def test_unsafe_phrases_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        check_phrase(bad)


def _service(slug: str, name: str, aliases: list[str]) -> ServiceOut:
    # Data stored before the schema refused such aliases: built without validation.
    return ServiceOut.model_construct(slug=slug, name=name, aliases=aliases, departments=[],
                                      lead_unit="", time_limits=[], version=1, active=True)


def test_nlu_export_refuses_aliases_that_would_inject_lines(tmp_path) -> None:
    (tmp_path / "data" / "nlu").mkdir(parents=True)
    services = [
        _service("svc-a", "测试甲",
                 ["甲别名", "乙\n- 注入的例句\n- intent: greet", "[甲](service)"]),
        _service("svc-b", "测试乙\n- 注入", ["乙别名"]),
    ]
    stats = write_nlu(services, root=tmp_path)
    assert stats["refused_phrases"] == 4
    catalog = (tmp_path / "data" / "nlu" / "generated" / "catalog.yml").read_text("utf-8")
    dictionary = (tmp_path / "generated" / "jieba" / "catalog.txt").read_text("utf-8")
    assert "注入" not in catalog and "注入" not in dictionary and "intent: greet" not in catalog
    assert "甲别名" in catalog and "乙别名" not in catalog
    assert all(len(line.split()) == 3 for line in dictionary.splitlines())


@pytest.mark.parametrize("value", ["a\nb", "a\rb", "a\u2028b", " a"])
def test_an_example_block_refuses_multi_line_values(value: str) -> None:
    with pytest.raises(ValueError):
        _block(["ok", value])


@pytest.mark.parametrize("text", ["3个工作日内办完", "五天", "两个月", "保证金2%", "上限80万元",
                                  "不大于3000平方米", "160千瓦以下", "一年内"])
def test_figures_are_refused_where_no_figure_may_stand(text: str) -> None:
    with pytest.raises(ValueError, match="不能写具体数字"):
        check_no_figure(text)


@pytest.mark.parametrize("text", ["先领营业执照", "一件事一次办", "一照多址", "十税合一",
                                  "开业后领发票", "年报公示", "店面用电属非居民"])
def test_words_without_figures_pass(text: str) -> None:
    assert check_no_figure(text) == text
