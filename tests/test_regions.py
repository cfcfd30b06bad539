import pytest

from schemas import tables, validate
from transforms import regions


def codes(text):
    return [(m.surface, m.candidates) for m in regions.find_mentions(text)]


def test_development_zone_and_levels():
    found = codes("徐州经济技术开发区绿色园区建设")
    assert ("徐州经济技术开发区", ("320371",)) in found
    assert regions.level_of("320371") == "zone"
    assert regions.level_of("100000") == "national"
    assert regions.level_of("321182001") == "town"


def test_ambiguous_town_resolved_by_context():
    (m,) = [m for m in regions.find_mentions("关于油坊镇碳中和示范村镇建设") if m.surface == "油坊镇"]
    assert len(m.candidates) > 1
    assert regions.county_code(regions.choose(m.candidates, ["321100"])) == "321182"
    assert regions.county_code(regions.choose(m.candidates, ["130500"])) == "130534"


def test_county_short_names_that_are_everyday_words_are_not_places():
    assert codes("节约能源资源，加强区域合作，维护和平") == []
    assert codes("资源县") == [("资源县", ("450329",))]
    assert [s for s, _ in codes("射阳港、柯桥区")] == ["射阳", "柯桥区"]


def test_regions_table_passes_its_schema():
    t = regions.regions_table()
    assert t.num_rows > 3000
    assert not validate(tables.REGIONS, t).failures
    assert regions.names_nation("我国正式提出")


@pytest.mark.parametrize("text, named", [
    ("这里日照时间长，年日照时数超过3000小时。", False),  # sunshine
    ("光伏基地日照资源丰富。", False),
    ("在山东日照，港口建起了光伏电站。", True),  # the city
])
def test_rizhao_is_a_city_only_when_not_sunshine(text, named):
    assert any(m.surface == "日照" for m in regions.find_mentions(text)) == named
