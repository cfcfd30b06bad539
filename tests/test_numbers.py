import pytest

from transforms import numbers


@pytest.mark.parametrize("text,value", [
    ("1,200.5", 1200.5), ("47", 47.0), ("0.01", 0.01),
    ("二十", 20.0), ("两", 2.0), ("一百二十点五", 120.5), ("十四", 14.0),
])
def test_parse_number(text, value):
    assert numbers.parse_number(text) == value


def test_multiplier_fraction_fan():
    assert numbers.multiplier("万亿") == 1e12
    assert numbers.multiplier("亿") == 1e8
    assert numbers.multiplier(None) == 1
    assert numbers.fraction("三", "一") == pytest.approx(1 / 3)
    assert numbers.fan("一") == 2 and numbers.fan("两") == 4


def test_halfwidth_keeps_offsets():
    text = "比２０２０年下降１３．５％"
    out = numbers.halfwidth(text)
    assert out == "比2020年下降13.5%"
    assert len(out) == len(text)


def test_halfwidth_many_maps_each_text_as_halfwidth_does():
    # full-width digits and signs (，（）：～), an ideographic space, an empty text, a lone surrogate
    texts = ["到２０２５年，森林覆盖率达到２６．１％（约束性）", "　单位：万千瓦～〇", "", "\ud800孤", "ＡＢＣ 2020"]
    out = numbers.halfwidth_many(texts)
    assert out == ["到2025年,森林覆盖率达到26.1%(约束性)", " 单位:万千瓦~〇", "", "\ud800孤", "ABC 2020"]
    assert out == [numbers.halfwidth(t) for t in texts]
