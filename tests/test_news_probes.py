"""The self-written news probes (bench/news_probes.tsv, issue 8): each probe's rows have the kind and year (and,
where the probe says, the place, unit or indicator) it was written for."""
from __future__ import annotations

import pytest

from bench import news_probes

PROBES = news_probes.load()
VARIANTS = news_probes.load(news_probes.VARIANTS)


def test_probes_load_and_expect_something():
    assert len(PROBES) >= 100
    assert all(p.expect for p in PROBES)
    assert len({p.id for p in PROBES}) == len(PROBES)


@pytest.mark.parametrize("probe", PROBES, ids=[p.id for p in PROBES])
def test_news_probe(probe):
    ok, wrong = news_probes.check(probe)
    assert ok, f"{probe.text}: {wrong}"


def test_variants_load():
    assert len(VARIANTS) >= 100
    assert len({p.id for p in VARIANTS}) == len(VARIANTS)


@pytest.mark.parametrize("probe", [pytest.param(p, marks=pytest.mark.xfail(strict=True)) if p.open else p
                                   for p in VARIANTS], ids=[p.id for p in VARIANTS])
def test_news_variant(probe):
    """A metamorphic variant of a dev gold sentence; one marked open is a known failure (strict: fixing it must
    drop the mark)."""
    ok, wrong = news_probes.check(probe)
    assert ok, f"{probe.text}: {wrong}"
