"""The agent's spoken script reads the catalog's own words, without the citation tags a
service's 办理方式 carries for the card (…数据共享（第1条）): no "第1条" read aloud."""

from __future__ import annotations

import re

from bot.spoken_script import sentence
from services_catalog import clock
from services_catalog import repository as repo


def test_howto_is_read_without_its_citation_tags(db_session) -> None:
    tagged = [s for s in repo.list_services(db_session) if re.search(r"（第\d+条）", s.howto or "")]
    assert tagged, "the seed catalog tags the clauses of its howto texts"
    for row in tagged:
        service = repo.to_out(row)
        said = sentence(service, "howto", None, clock.today())
        assert not re.search(r"第\d+条", said), (service.slug, said)
        assert said.startswith(re.sub(r"（第\d+条[^）]*）", "", service.howto)[:8])
