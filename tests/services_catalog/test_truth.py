"""Every figure in the catalog must stand in the plan, in the task it cites.

A wrong 时限 told to a business is the worst bug this project can have: this test reads the seed
document and checks every number-with-unit, amount of money and percentage in the seed catalog.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pytest
import yaml

from services_catalog import plan
from services_catalog.config import SEED_FILE
from services_catalog.schemas import ServiceIn

FIGURE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:个工作日|个事项|个|工作日|日|小时|万元|元|%|kW|kw|千瓦|吨|平方米|家|年)"
)


def squash(text: str) -> str:
    """Remove whitespace: the plan has page-break splits inside sentences."""
    return re.sub(r"\s+", "", text)


@lru_cache
def tasks() -> dict[int, str]:
    """Each task's text without whitespace, from the plan shipped in the repo."""
    return {n: t.text + t.units for n, t in plan.tasks().items()}


@lru_cache
def catalog() -> list[ServiceIn]:
    data = yaml.safe_load(SEED_FILE.read_text(encoding="utf-8"))
    return [ServiceIn.model_validate(s) for s in data["services"]]


def figures(text: str) -> list[str]:
    return [squash(m.group(0)) for m in FIGURE.finditer(text)]


def test_plan_has_172_tasks() -> None:
    assert sorted(tasks()) == list(range(1, 173))


def test_plan_reader_finds_known_promises() -> None:
    assert "3个工作日" in tasks()[3]
    assert "用水报装压缩至5个工作日内" in tasks()[46]
    assert "1个工作日" in tasks()[81]  # split across a page break in the source


@pytest.mark.parametrize("service", catalog(), ids=lambda s: s.slug)
def test_time_limits_stand_in_cited_task(service: ServiceIn) -> None:
    for tl in service.time_limits:
        item = tl.item or service.citation.item
        assert item in service.items, f"{service.slug}: time limit cites 第{item}条 not in items"
        assert tl.text in tasks()[item], f"{service.slug}: {tl.text} not in 第{item}条"
        if tl.max_kw is not None:  # the capacity the figure covers is the task's own
            assert f"{tl.max_kw}kW" in tasks()[item]


@pytest.mark.parametrize("service", catalog(), ids=lambda s: s.slug)
def test_every_figure_stands_in_its_task(service: ServiceIn) -> None:
    for fact in [*service.fees, *service.materials, *service.notes]:
        item = fact.item or service.citation.item
        for fig in figures(fact.text):
            assert fig in tasks()[item], f"{service.slug}: {fig!r} ({fact.text}) not in 第{item}条"
        if fact.max_kw is not None:
            assert f"{fact.max_kw}kW" in tasks()[item]
    free_text = " ".join([service.name, service.howto, *service.channels])
    cited = "".join(tasks()[i] for i in service.items)
    for fig in figures(free_text):
        assert fig in cited, f"{service.slug}: {fig!r} in name/howto/channels not in its tasks"


@pytest.mark.parametrize("service", catalog(), ids=lambda s: s.slug)
def test_citation_is_the_plans_own_sentence(service: ServiceIn) -> None:
    assert service.citation.item in service.items
    assert squash(service.citation.text) in tasks()[service.citation.item]


def test_promised_headline_figures() -> None:
    """The figures the mission statement names, checked against the catalog itself."""
    by = {s.slug: s for s in catalog()}
    limits = {slug: {(t.condition, t.amount, t.unit) for t in by[slug].time_limits}
              for slug in by}
    assert (None, 3, "工作日") in limits["company-registration"]
    assert (None, 5, "工作日") in limits["water-connection"]
    assert (None, 10, "工作日") in limits["gas-connection"]
    assert limits["electricity-connection"] == {("居民", 5, "工作日"), ("非居民", 15, "工作日")}
    assert {a for _, a, _ in limits["construction-approval"]} == {55, 50, 40, 15}
    assert (None, 5, "工作日") in limits["property-registration"]


def test_aliases_unique_and_plentiful() -> None:
    owner: dict[str, str] = {}
    for s in catalog():
        assert len(s.aliases) >= 5, f"{s.slug} has only {len(s.aliases)} aliases"
        for word in [s.name, *s.aliases]:
            assert owner.setdefault(word, s.slug) == s.slug, f"{word} used by two services"


def test_catalog_covers_the_issue_list() -> None:
    slugs = {s.slug for s in catalog()}
    required = """company-registration tax-ukey deregistration-notice address-commitment
    chain-food-license-change multi-address-license new-format-food-filing annual-report
    e-business-license simple-deregistration deregistration mobile-digital-certificate
    sme-procurement bid-deposit procurement-complaint labor-dispute economic-layoff-filing
    unemployment-insurance e-labor-contract flexible-employment-insurance migrant-wage-deposit
    financing-guarantee credit-loan ip-pledge-financing first-loan-renewal electricity-connection
    electricity-fees utility-complaint gas-connection water-connection
    medical-institution-registration foreign-investment-complaint cross-region-services
    jisuban-miniprogram tolerance-acceptance assisted-agency policy-benefits hotline-12345
    household-registration special-industry-permit vehicle-registration-station
    vehicle-inspection truck-access multi-survey construction-drawing-review construction-approval
    low-risk-project utility-access joint-acceptance tax-filing tax-migration e-tax-certificate
    tax-credit-repair property-registration land-use-approval property-info-query sme-arrears
    minor-violation-exemption trademark-window online-case-filing pre-litigation-mediation
    notary-green-channel unfreeze-unrelated-property credit-repair-dishonest""".split()
    assert not set(required) - slugs
