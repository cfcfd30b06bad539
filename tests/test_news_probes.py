"""The self-written news probes (bench/news_probes.tsv, issue 8): each probe's rows have the kind and year (and,
where the probe says, the place, unit or indicator) it was written for."""
from __future__ import annotations

import pytest

from bench import news_probes

PROBES = news_probes.load()


def test_probes_load_and_expect_something():
    assert len(PROBES) >= 100
    assert all(p.expect for p in PROBES)
    assert len({p.id for p in PROBES}) == len(PROBES)


@pytest.mark.parametrize("probe", PROBES, ids=[p.id for p in PROBES])
def test_news_probe(probe):
    ok, wrong = news_probes.check(probe)
    assert ok, f"{probe.text}: {wrong}"
