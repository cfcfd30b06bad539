import pytest

from schemas import tables
from transforms import units


@pytest.mark.parametrize("value,mult,unit,expected", [
    (470, "亿", "元", (4.7e10, "CNY")),
    (1.2, "亿", "千瓦", (120000, "MW")),
    (30, None, "MW", (30, "MW")),
    (2855, "万", "千瓦", (28550, "MW")),
    (168, "亿", "千瓦时", (16800000, "MWh")),
    (400, "万", "吨标准煤", (4000000, "tce")),
    (2.6, "万", "吨二氧化碳", (26000, "tCO2")),
    (75, "万", "亩", (50000, "ha")),
    (1.3, "万亿", "斤", (650000000, "t")),
    (47, None, "微克/立方米", (47, "ug/m3")),
    (1.7, None, "个百分点", (1.7, "pp")),
    (284, None, "个", (284, "count")),
    (2.97, "亿", "人次", (297000000, "people")),  # 人次 counts people (MEASURES.md)
    (1.6, "亿", "度", (160000, "MWh")),  # 度 after 万/亿 is electricity (a bare 30度 is no value)
    (590, "万", "吨/年", (5900000, "t/a")),
    (23, "万", "平方公里", (23000000, "ha")),  # MEASURES.md: land area is ha; 1 km2 = 100 ha
    (1073, None, "列", (1073, "count")),  # trains
])
def test_convert(value, mult, unit, expected):
    got = units.convert(value, mult, unit)
    assert got[1] == expected[1]
    assert got[0] == pytest.approx(expected[0])


def test_every_canonical_unit_is_in_the_schema():
    assert {u for u, _ in units.table().values()} <= set(tables.UNITS)


def test_scaled_values_carry_no_float_noise():
    assert units.convert(3, None, "‰") == (0.3, "%")
    assert units.convert(1.1, "万", "吨") == (11000.0, "t")


@pytest.mark.parametrize("before, expected", [
    ("年处理", "t/a"),  # a capacity per year
    ("设计年产能", "t/a"),
    ("全年产煤", "t"),  # a year's output, not a capacity
    ("今年产粮", "t"),
])
def test_tonnes_per_year_only_for_a_capacity(before, expected):
    assert units.of_substance("t", "", before) == expected
