"""Canonical indicator ids (INDICATORS.md): which entry of ``data/indicators.tsv`` a measure is, by meaning.

The free-text ``indicator`` stays as the text names it; ``indicator_id`` names the canonical entry, or is
NULL when none fits (a wrong id is worse than NULL). An id is read from:

- the indicator phrase: its head noun (能耗, 比重, 覆盖率, 装机…) with the qualifiers that make it one
  quantity and not another (单位地区生产总值 + 能耗 is ``energy_intensity``; 规模以上工业单位增加值 + 能耗 is
  ``industrial_energy_intensity``: a narrower scope that has its own entry takes it, one that changes the
  quantity without an entry of its own, 公共机构单位建筑面积能耗, takes none);
- the unit, which must be one the quantity can have (a share is % or pp, never MW);
- the sentence, when the phrase is only a fragment of the name (比重, 占比, 装机) and the clause before the
  value names the quantity.

The change and the level share one id (单位GDP能耗下降13.5% and 单位GDP能耗0.5吨标准煤/万元 are both
``energy_intensity``; ``direction`` and ``unit`` tell them apart). Value-less dated commitments take
``carbon_peak`` or ``carbon_neutrality``. A list (二氧化硫、氮氧化物排放量分别下降10%、12%) gives each row the
id of its own item.

``assign(measures)`` is the stage: Arrow in, the same table with ``indicator_id`` filled, out.
"""
from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import ahocorasick_rs
import pyarrow as pa
import regex

from schemas import tables
from transforms import indicators
from transforms.needles import needles

_DATA = "indicators.tsv"


@lru_cache(maxsize=1)
def catalogue() -> list[dict]:
    """The rows of ``data/indicators.tsv`` (phrasings and units split into lists)."""
    text = (resources.files("transforms") / "data" / _DATA).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    out = []
    for r in csv.DictReader(lines, delimiter="\t"):
        r["phrasings"] = [p for p in (r.get("phrasings") or "").split("; ") if p]
        r["units"] = r.get("units") or None
        out.append(r)
    return out


def ids() -> list[str]:
    return [r["indicator_id"] for r in catalogue()]


def indicators_table() -> pa.Table:
    """The ``indicators`` dimension, as the warehouse loads it."""
    return pa.Table.from_pylist(catalogue(), tables.INDICATORS.arrow)


# --- the rules ------------------------------------------------------------------------------------------------
# One rule per way of naming a quantity: (id, the phrase must match, it must not match, units it can have).
# First match wins, so a narrower scope comes before the broader entry. Units: None = any unit, "" = a
# value-less commitment only. The exclusions are the qualifiers that make the phrase another quantity.

SHARE = {"%", "pp"}
_GDP = r"(单位|万元)(地区生产总值|国内生产总值|GDP|生产总值)"
# qualifiers that turn an economy-wide quantity into one of a sector, a kind of unit or a per-head figure
_NOT_WHOLE = r"工业|增加值|建筑|公共机构|人均|数据中心|产值|企业|行业|园区|交通|运输|车辆|船舶|农业|服务业|机构"
# a sector's or a kind of place's peak is not the place's own carbon peak
_SECTOR_PEAK = (r"工业|建筑|交通|钢铁|有色|石化|化工|建材|水泥|电力|能源|城乡建设|农业|农村|行业|产业|煤炭|石油|"
                r"(?<!全)领域|园区|企业|示范|试点|社区|单位|机构|技术|项目|工程|科技|基地|工厂|方案|行动")


@dataclass(frozen=True)
class Rule:
    id: str
    match: regex.Pattern
    exclude: regex.Pattern | None
    units: frozenset | None  # None: any; frozenset({None}): value-less only


def _r(id_: str, match: str, exclude: str | None = None, units=None) -> Rule:
    if units == "":
        units = frozenset({None})
    elif units is not None:
        units = frozenset(units)
    return Rule(id_, regex.compile(match), regex.compile(exclude) if exclude else None, units)


RULES: list[Rule] = [
    # carbon
    _r("carbon_neutrality", r"碳中和|净零排放|净零碳", _SECTOR_PEAK + r"|达峰", units=""),
    _r("carbon_peak", r"碳达峰|(碳|二氧化碳|温室气体)排放(量)?(总量)?(率先)?(达峰|达到峰值|峰值)|^达峰$|^峰值$",
       _SECTOR_PEAK + r"|碳中和|煤|油|气", units=""),
    _r("industrial_carbon_intensity", r"(规模以上)?工业(单位)?增加值(二氧化碳|碳)排放", units=SHARE | {"tCO2/CNY"}),
    _r("transport_carbon_intensity", r"(营运车辆|营运船舶|交通运输|运输周转量).*(二氧化碳|碳)排放|交通运输碳排放强度",
       units=SHARE),
    _r("building_carbon_intensity", r"单位建筑面积(碳|二氧化碳)排放|建筑碳排放强度", units=SHARE | {"kgCO2/m2/yr"}),
    _r("carbon_intensity", r"(单位|万元)?(地区生产总值|国内生产总值|GDP|生产总值)(二氧化碳|碳)排放|^(二氧化碳|碳)排放强度|^(全[省市区县])?碳强度$|^(二氧化碳|碳)排放强度",
       _NOT_WHOLE, units=SHARE | {"tCO2/CNY"}),
    _r("co2_per_capita", r"人均(二氧化碳|碳)排放", units=SHARE | {"tCO2", "tCO2/person/yr"}),
    _r("co2_reduction", r"(减排|减少|削减)量?(二氧化碳|碳排放|温室气体)|(二氧化碳|碳)减排(量)?$|(二氧化碳|碳)减排量|^减碳量?$",
       r"强度|技术|比例|比重|率", units={"tCO2", "t", "t/a"}),
    _r("co2_emissions", r"^(全[省市区县国])?(二氧化碳|碳|温室气体)排放(总)?量$|^(二氧化碳|碳)排放总量",
       _NOT_WHOLE, units=SHARE | {"tCO2", "t"}),
    _r("carbon_sink", r"碳汇(能力|量|总量)?$|固碳(量|能力)|碳储量", r"交易|项目|试点|林业碳汇开发|技术",
       units={"t", "tCO2"}),
    # energy
    _r("data_center_pue", r"PUE|电能利用效率|能源利用效率\(PUE\)", units={"ratio", None}),
    _r("industrial_energy_intensity", r"(规模以上)?工业(单位|万元)?增加值(能耗|能源消耗)",
       units=SHARE | {"tce/CNY"}),
    _r("energy_intensity", _GDP + r"(能耗|能源消耗)|^(全[省市区县国])?能耗强度|能源消耗强度|^(全[省市区县])?单位GDP能耗",
       _NOT_WHOLE, units=SHARE | {"tce/CNY", "tce"}),
    _r("coal_share", r"^(全[省市区县国])?煤炭?(消费)?(总?量)?(占|在)[^，,]{0,10}?能源[^，,]{0,8}?(比重|比例|占比)|"
       r"^(全[省市区县国])?煤炭?消费(比重|占比|比例)",
       r"发电|电煤|散煤|行业|企业|产业|先进产能", units=SHARE),
    _r("non_fossil_share", r"非化石能源(消费)?(总?量)?(占|在)?[^，,]{0,14}?(比重|比例|占比)|"
       r"非化石能源(消费)?(总?量)?占[^，,]{0,10}?能源消费(总量)?$",
       r"发电|电量|电源|装机|电力|供热|取暖|建筑|平均水平", units=SHARE),
    _r("renewable_consumption_share", r"可再生能源(消费)?(总?量)?(占|在)?[^，,]{0,14}?(比重|比例|占比)",
       r"发电|电量|电源|装机|电力|建筑|替代|消纳|非水|投资|资源|分布", units=SHARE),
    _r("gas_share", r"天然气(消费)?(总?量)?(占|在)[^，,]{0,10}?能源[^，,]{0,8}?(比重|比例|占比)|天然气消费(比重|占比|比例)",
       r"发电|装机|车|船", units=SHARE),
    _r("electricity_final_share", r"电能占终端(能源)?(消费|用能)|终端电气化率|电能占终端|电气化率",
       r"建筑|农业|交通|工业", units=SHARE),
    _r("energy_consumption", r"^(全[省市区县国])?(能源消费总量|综合能源消费量|能源消费量|能耗总量|能源消费增量|能耗增量)|^能源消费总量",
       _NOT_WHOLE + r"|煤", units=SHARE | {"tce"}),
    _r("coal_consumption", r"^(全[省市区县国])?(煤炭消费(总)?量|耗煤量|煤炭消耗量|煤炭消费)$",
       _NOT_WHOLE + r"|电煤|散煤", units=SHARE | {"tce", "t"}),
    # 节电 and a 节(约) the value cut off (每年可节约|10万度电) name the saving when the unit is energy
    _r("energy_savings", r"节能量|节约(标准煤|标煤)|节约能源|节能能力|节电|节约(用)?电|节约?$|^(年|可|每年)?节能$",
       r"率|比例|强度",
       units={"tce", "MWh"}),
    _r("electricity_consumption", r"^(全[省市区县国])?(全社会)?用电量", _NOT_WHOLE + r"|绿电|绿色电力",
       units=SHARE | {"MWh"}),
    # 100%清洁能源供电, 100%绿色电能供应: the share of the power supplied that is green
    _r("green_power_share", r"绿色电力(消费)?(比例|占比|比重)|购买绿色电力比例|绿电消费(占比|比例|比重)|"
       r"(清洁能源|绿色电能|绿色电力|绿电|可再生能源|清洁电力|清洁电能)(供电|供应)", r"装机|发电量|电量占",
       units=SHARE),
    _r("renewable_generation_share",
       r"(可再生能源|非化石能源|清洁能源|新能源)(发电量?|电量)(占|在)?.*(比重|比例|占比)|绿电占比|"
       r"(可再生能源|非化石能源|清洁能源)(发电量?|电量)占",
       r"装机|消纳|直流|通道|外送|输送", units=SHARE),
    # a bare 发电量 is often one kind of power's (新能源年发电量由…): only a place's own total counts
    # 规模以上工业发电量: the statistics bureau's measure of a place's generation
    _r("power_generation", r"^(全[省市区县国]|全社会)(年)?(总)?发电量$|^(年)?总发电量$|^上网电量$|^(全[省市区县国])?规模以上工业发电量$",
       units=SHARE | {"MWh"}),
    _r("renewable_capacity_share",
       r"(可再生能源|清洁能源|新能源|非化石能源|非水可再生(能源)?)(发电|电源|电力)?(累计)?(总)?装机(容量)?(占|在)?.*(比重|比例|占比)|"
       r"(可再生能源|清洁能源|新能源|非化石能源)(发电|电力)?(总)?装机(容量|规模)?占[^，,]{0,8}(电力|发电|电源)?总装机",
       r"新增", units=SHARE),
    _r("hydro_capacity", r"^(常规)?水电(站)?(装机|总装机|规模|容量)?(\(含抽水蓄能\))?$", units={"MW"}),
    _r("pumped_storage_capacity", r"抽水蓄能", r"比重|比例|占比|率|含抽水蓄能", units={"MW"}),
    _r("storage_capacity", r"(新型)?储能(电站)?(装机|规模|容量)|储能装机|新型储能|(?<!光热|光伏|风电|风光)储能(电站|项目|设施)?$", r"抽水|比重|比例|占比|率|时长",
       units={"MW", "MWh"}),
    _r("rooftop_solar_rate", r"(屋顶|屋面)(分布式)?光伏.*(安装率|覆盖率|比例)|光伏屋顶.*安装率|屋顶.*光伏安装率",
       units=SHARE),
    _r("solar_capacity",
       r"(光伏|太阳能发电|光伏发电|屋顶电站|光伏\p{Han}{0,4}?电站)(发电)?(累计|新增)?(并网)?(装机|总装机|并网|规模|可安装容量|容量)|"
       r"^光伏(发电)?$|"
       r"屋顶电站|太阳能发电$|光伏可安装容量|光伏(电站)?可安装|光伏建筑一体化(应用)?装机",
       r"风电|风光|比重|比例|占比|率|光热|产值|项目数|组件|电池|产能", units={"MW"}),
    _r("wind_capacity", r"风电(累计|新增)?(并网)?(装机|总装机|并网|规模|容量)|^(海上)?风电$|风力发电(装机)?",
       r"光伏|太阳能|风光|比重|比例|占比|率|企业|产值|装备|整机", units={"MW"}),
    _r("hydro_capacity", r"^(常规)?水电(站)?(装机|总装机|规模|容量)?$|水电装机", r"抽水|比重|占比|率", units={"MW"}),
    _r("nuclear_capacity", r"核电(在运|在建)?(装机|总装机|规模|容量)?$|核电装机", r"比重|占比|率", units={"MW"}),
    _r("renewable_capacity",
       r"(可再生能源|清洁能源|新能源|非水可再生能源|非化石能源)(发电|电力)?(新增|累计)?(总)?装机|"
       r"(风电|风能)(、|和|及)?(光伏|太阳能)(发电)?(基地|项目)?(总)?装机|"
       r"风光(发电)?(总)?装机|^(可再生能源|新能源)(发电)?(规模|容量)$|^(非水)?可再生能源(发电)?$",
       r"比重|比例|占比|率|汽车|企业|产值", units={"MW", "ratio"}),  # ratio: 翻番
    _r("hydrogen_capacity", r"(绿?氢|氢能|制氢)(产能|能力|规模)|制氢能力", r"加氢站|车|比重|率",
       units={"t", "t/a", "t/d"}),
    _r("charging_points", r"充电(基础)?(桩|设施|站)|充换电(站|设施)|换电站", r"比例|占比|率|企业|功率", units={"count"}),
    # transport
    _r("nev_sales_share", r"新能源汽车.*(新车)?销(售)?量.*(占比|比重|比例)|新增新能源汽车(占比|比例)|新能源汽车(市场)?渗透率|"
       r"新能源汽车新车销(售)?量", units=SHARE),
    _r("nev_fleet_share",
       r"(公交|出租|公共机构|公务|物流|环卫|邮政|网约|车辆|车队|公共领域).*(新能源|纯电动|清洁能源)(汽)?车.*(占比|比例|比重)|"
       r"(新能源|纯电动|清洁能源)(汽)?车(辆|型)?(占|比例|占比|比重)|(公交|出租|公共领域).*(新增|更新).*车辆|"
       r"(新能源|纯电动|清洁能源)(城市)?(公交|出租|营运|公务)(汽)?车(辆)?.*(比例|占比|比重)",
       r"销(售)?量|保有量|产量|充电|全球|世界|国际|市场", units=SHARE),  # 新能源汽车占全球总量: a market share
    _r("nev_stock", r"新能源汽车(保有量|推广量|推广应用|累计推广|数量)|推广(应用)?新能源汽车",
       r"比例|占比|率|产量|产能|销量|产值", units={"count"}),
    _r("public_transport_share", r"公共交通(出行)?分担率|公交(出行)?分担率|公共交通机动化出行分担率", units=SHARE),
    _r("green_travel_share", r"绿色出行(比例|分担率|占比|比重)", units=SHARE),
    # buildings
    _r("star_green_building_share", r"星级(及以上)?绿色建筑.*(占比|比例|比重)|星级绿色建筑", units=SHARE),
    _r("green_building_share_new",
       r"新建.*绿色建筑.*(占比|比例|比重)|绿色建筑(面积)?(在|占).*新建建筑|新建绿色建筑占比|绿色建筑(面积)?(占比|比例|比重)|"
       r"新建\p{Han}{0,12}?建筑.{0,4}绿色化|绿色建筑竣工面积(占比|比例|比重|占(总|当年)?竣工)",  # 新建建筑“绿色化”已超90%, 新建民用建筑…要百分之百实现“绿色化”
       r"星级|既有|改造", units=SHARE),
    _r("building_retrofit_area", r"(既有|公共|居住)?建筑(节能|绿色)(化)?改造(面积)?|节能改造面积",
       r"比例|占比|率", units={"m2"}),
    _r("low_energy_building_area", r"(超低|近零|零)(能耗|碳)建筑", r"比例|占比|率", units={"m2"}),
    _r("prefab_building_share", r"装配式建筑", r"面积$|基地|企业|产业|项目", units=SHARE),
    _r("building_renewable_share", r"建筑可再生能源替代", units=SHARE),
    _r("clean_heating_rate", r"清洁取暖(率|覆盖率|比例)|^(实现)?清洁(能源)?(取暖|供暖)$", units=SHARE),
    # forestry and ecology
    _r("forest_coverage", r"森林覆盖率", units=SHARE),
    _r("forest_stock", r"森林蓄积", units=SHARE | {"m3"}),
    _r("tree_coverage", r"林木覆盖率|林木绿化率", units=SHARE),
    _r("forest_area", r"^(全[省市区县国])?(新增|净增)?森林面积$|(新增|净增)森林面积", units={"ha"}),
    _r("afforestation_area", r"造林(面积|绿化)?$|营造林|国土绿化(面积)?$|完成造林|植树造林", r"率|良种|树种|苗|比例|存活",
       units={"ha"}),
    _r("grassland_cover", r"草原(综合)?植被(综合)?盖度", units=SHARE),
    _r("wetland_protection_rate", r"湿地保护率", units=SHARE),
    _r("soil_conservation_rate", r"水土保持率", units=SHARE),
    _r("urban_green_rate", r"(城市)?建成区绿(地|化覆盖)率|城市绿地率", units=SHARE),
    _r("park_green_per_capita", r"人均公园绿地", units={"m2"}),
    _r("natural_shoreline_rate", r"自然岸线保有率", units=SHARE),
    # pollution
    _r("good_air_days_rate", r"(空气质量)?优良天数(比例|比率|占比)?|空气质量优良率|优良天数", units=SHARE | {"day"}),
    _r("pm25_concentration", r"PM2\.5|细颗粒物", r"臭氧|协同|PM10|可吸入", units=SHARE | {"ug/m3"}),
    _r("heavy_pollution_days", r"重(度及以上)?污染天数", units=SHARE | {"day"}),
    _r("surface_water_worst_rate", r"劣(Ⅴ|V|五)类", r"数量|个数|断面数|消除", units=SHARE),
    _r("surface_water_good_rate",
       r"(地表水|国考断面|国控断面|省控断面|考核断面).*(优良|达到或好于|好于|优于)|(优良|达到或好于Ⅲ类)水体比例|水质优良(比例|比率)|"
       r"(达到|好于|优于)(或(好|优)于)?(Ⅲ|III|3)类|优良水质断面(比例|占比)|地表水.*(Ⅰ|I)[—\-~～至到]?(Ⅲ|III)类.*(比例|占比)",
       r"饮用水|近岸|海|湾|地下水|数量|个数|(Ⅳ|IV)类", units=SHARE),
    _r("black_odorous_water_rate", r"黑臭水体", r"农村|数量|个数|条", units=SHARE),
    _r("cod_emissions", r"化学需氧量", r"浓度", units=SHARE | {"t"}),
    _r("ammonia_emissions", r"氨氮", r"浓度", units=SHARE | {"t"}),
    _r("nox_emissions", r"氮氧化物", r"浓度", units=SHARE | {"t"}),
    _r("vocs_emissions", r"挥发性有机物|VOCs", r"浓度|治理|企业|项目", units=SHARE | {"t"}),
    _r("so2_emissions", r"二氧化硫", r"浓度", units=SHARE | {"t"}),
    _r("rural_sewage_rate", r"农村(生活)?污水(治理|处理)", r"设施|数量|个数", units=SHARE),
    _r("sewage_treatment_rate", r"污水(集中)?(处理|收集)率|城市生活污水集中收集率", r"农村|工业|污泥|再生|资源化",
       units=SHARE),
    _r("waste_harmless_rate", r"垃圾无害化处理率|垃圾无害化", r"农村|医疗|危险", units=SHARE),
    _r("waste_recycling_rate", r"垃圾(回收|资源化)利用率|垃圾回收利用|垃圾资源化", r"建筑|农村", units=SHARE),
    _r("hazardous_waste_rate", r"(危险|医疗)废物.*(处置|处理)率", units=SHARE),
    _r("solid_waste_use_rate", r"(一般)?工业固(体)?(废|废物)综合利用率|大宗固废综合利用率|固体废物综合利用率",
       r"建筑|农业", units=SHARE),
    _r("farmland_safe_use_rate", r"(受污染)?耕地安全利用率", units=SHARE),
    _r("contaminated_land_safe_use_rate", r"污染地块安全利用率|建设用地安全利用率", units=SHARE),
    # agriculture
    _r("straw_use_rate", r"秸秆综合利用率", units=SHARE),
    _r("manure_use_rate", r"畜禽粪(污|便)(综合|资源化)利用率", units=SHARE),
    _r("fertilizer_efficiency", r"化肥利用率", units=SHARE),
    _r("pesticide_efficiency", r"农药利用率", units=SHARE),
    _r("film_recovery_rate", r"农膜回收(利用)?率", units=SHARE),
    # water
    _r("industrial_water_intensity", r"(万元|单位)工业增加值用水量", units=SHARE | {"m3", "m3/CNY"}),
    _r("water_intensity", _GDP + r"用水量", units=SHARE | {"m3", "m3/CNY"}),
    _r("water_use_total", r"^(全[省市区县国])?用水总量", units=SHARE | {"m3"}),
    _r("reclaimed_water_rate", r"再生水(循环)?(利用|回用)率|污水资源化利用率", units=SHARE),
    # economy
    _r("gdp_growth", r"^(全[省市区县国])?(地区生产总值|国内生产总值|GDP|经济)(增长|增速)?(率)?$|^经济增长$",
       units={"%"}),
    _r("gdp", r"^(全[省市区县国])?(地区生产总值|国内生产总值|GDP)(总量)?$|^(全[省市区县国])?经济总量$", units={"CNY"}),
    _r("cpi_growth", r"居民消费价格", units={"%"}),
    _r("unemployment_rate", r"(城镇)?调查失业率|城镇登记失业率|^失业率$", units={"%"}),
    _r("jobs_created", r"城镇新增就业|^新增就业$", units={"people"}),
    _r("grain_output", r"粮食(总)?产量|粮食(综合)?生产能力", units={"t"}),
    _r("green_industry_output", r"(绿色|节能环保|环保|绿色低碳|清洁能源(装备)?|新能源装备)(制造)?产业(总)?(产值|规模|营业收入|营收)",
       r"汽车", units={"CNY"}),
    _r("investment", r"(完成|累计完成|计划|带动|拉动)?(总)?投资(额|总额)?$|固定资产投资|^总投资", 
       r"增长|增速|比重|占比|补助|奖励|补贴|项目数", units={"CNY"}),
]
_BY_ID = {r.id: r for r in RULES}


_SPACE = regex.compile(r"\s+")
_PARENTHESIS = regex.compile(r"\([^()]*\)")


def normalize(s: str) -> str:
    s = unicodedata.normalize("NFKC", s or "")
    s = _SPACE.sub("", s)
    # a headline's tag ([视频]我国新建建筑“绿色化”) and quote marks are no part of the name
    s = _QUOTES.sub("", _TAG.sub("", s))
    s = s.replace("规上", "规模以上").replace("（", "(").replace("）", ")")
    # a leading period is no part of the name: “十四五”期间能耗增量, 2025年单位GDP能耗
    s = _PERIOD.sub("", s) or s
    return s


_TAG = regex.compile(r"^[\[【][^\]】]{1,6}[\]】]")
_QUOTES = regex.compile(r"[“”‘’\"'「」『』]")
_PERIOD = regex.compile(r"^([“\"]?十[一二三四五六]五[”\"]?(期间|时期|末)?|\d{4}年(底|末|前)?|今年|全年)")


# a value relative to an average (约为全省平均水平的80%) is not the quantity itself
_RELATIVE = regex.compile(r"平均水平|全国平均|全省平均")


def _fits(rule: Rule, phrase: str, unit: str | None) -> bool:
    if rule.units is not None and unit not in rule.units:
        return False
    if not rule.match.search(phrase):
        return False
    return not (rule.exclude and rule.exclude.search(phrase))


@lru_cache(maxsize=None)
def _rules_for(unit: str | None) -> tuple[Rule, ...]:
    """The rules a value of ``unit`` can fit, in the order of RULES."""
    return tuple(r for r in RULES if r.units is None or unit in r.units)


@lru_cache(maxsize=1)
def _rule_words() -> tuple[ahocorasick_rs.AhoCorasick, list[frozenset[str]], frozenset[str]]:
    """The words of the rules' patterns (transforms/needles.py) in one automaton, the ids of the rules
    each word is a word of, and the ids of the rules that have no words (tried on every phrase)."""
    by_word: dict[str, set[str]] = {}
    always = set()
    for rule in RULES:
        words = needles(rule.match.pattern, rule.match.flags)
        if words is None:
            always.add(rule.id)
        for w in words or ():
            by_word.setdefault(w, set()).add(rule.id)
    return (ahocorasick_rs.AhoCorasick(list(by_word)), [frozenset(v) for v in by_word.values()],
            frozenset(always))


def _may_fit(phrase: str) -> set[str]:
    """The ids of the rules whose pattern may match ``phrase``: it holds one of their words."""
    automaton, ids, always = _rule_words()
    out = set(always)
    for k, _, _ in automaton.find_matches_as_indexes(phrase, overlapping=True):
        out |= ids[k]
    return out


def _first_fit(rules: tuple[Rule, ...], phrase: str) -> str | None:
    may = _may_fit(phrase)  # one scan of the phrase instead of every rule's pattern
    for rule in rules:
        if rule.id in may and rule.match.search(phrase) and not (rule.exclude and rule.exclude.search(phrase)):
            return rule.id
    return None


@lru_cache(maxsize=1 << 16)
def classify(indicator: str, unit: str | None = None) -> str | None:
    """The id of one indicator phrase with its unit, or None when no entry fits (a pure function of
    both, cached: the same phrases come back in every batch)."""
    phrase = normalize(indicator)
    if not phrase or _RELATIVE.search(phrase):
        return None
    # a parenthesis qualifies (煤炭(不含焦炭)占…比重, 新能源(风、光、生物质)总装机) or repeats the unit
    bare = _PARENTHESIS.sub("", phrase) or phrase
    rules = _rules_for(unit)
    found = _first_fit(rules, bare)
    return found if found is not None else _first_fit(rules, phrase)


_TOTAL = regex.compile(r"总装机|装机总|总规模|总容量")


def list_items(indicator: str) -> list[str] | None:
    """The items of a list phrase, each with the shared head: 二氧化硫、氮氧化物排放量 -> 二氧化硫排放量, 氮氧化物排放量."""
    items = _list_items(indicator)
    return None if items is None else list(items)


@lru_cache(maxsize=1 << 14)
def _list_items(indicator: str) -> tuple[str, ...] | None:
    phrase = normalize(indicator)
    parts = [p for p in phrase.split("、") if p]
    if len(parts) < 2:
        return None
    last = parts[-1]
    items = []
    for p in parts[:-1]:
        # the head the items share is a tail of the last item: try the longest tail that makes a known name
        for k in range(1, len(last)):
            cand = p + last[k:]
            may = _may_fit(cand)  # one scan of the candidate: only the rules whose words it holds can match
            if any(r.match.search(cand) for r in RULES if r.id in may):
                items.append(cand)
                break
        else:
            items.append(p)
    items.append(last)
    return tuple(items)


# a phrase that is only the head of a name (安装率, 占比, PM): the sentence names the quantity
_FRAGMENT = regex.compile(r"^.{0,2}(率|比重|比例|占比|装机|容量|规模|总量|浓度|强度|PM|面积)$")
_CLAUSE_BREAK = regex.compile(r"[，,；;。：:！？]")
_VERB_TAIL = regex.compile(r"(要|将|力争|确保|累计|分别|均|进一步|稳定|持续|)(达到|达|提高到|提高至|提升到|提升至|增加到|增加至|"
                           r"降低到|降低至|下降到|下降至|下降|降低|减少|增长|提高|提升|为|超过|不低于|不少于|控制在|保持在|"
                           r"压降|压减|突破|约|近|以上)+$")


@lru_cache(maxsize=1 << 14)
def from_sentence(indicator: str, evidence: str, value_raw: str | None, unit: str | None) -> str | None:
    """The id the sentence gives a phrase that names no quantity by itself, or None:

    - a fragment (安装率 in 企业屋顶光伏安装率达40%): the id of the clause before the value, when that clause
      ends with the fragment (so it is the same name, written out), or of the words right after the value
      when they start with it (0.01微克PM2.5);
    - a facility's capacity (电站总装机容量, 装机) whose kind the sentence named before (白鹤滩水电站…);
    - a name written after its value (680万千瓦|抽水蓄能电站, 实现100%|清洁能源供电, 减少900吨|二氧化碳排放):
      the phrase with those words."""
    phrase = normalize(indicator)
    if not phrase or not evidence or not value_raw:
        return None
    ev = normalize(evidence)
    raw = normalize(value_raw)
    at = ev.find(raw)
    if at < 0:
        return None
    rest = ev[at + len(raw):]
    if _FRAGMENT.match(phrase) and at > 0:
        found = _fragment_in_clause(phrase, ev[:at], rest, unit)
        if found is not None:
            return found
    if unit == "MW" and _RETIRED.search(ev[:at]):
        return None  # 关闭退出86处小水电站，共计装机45.6万千瓦: capacity taken away is not the capacity a place has
    if unit == "MW" and _FACILITY_CAPACITY.match(phrase):
        found = _facility_kind(ev[:at])
        if found is not None:
            return found
    if unit == "MWh" and (found := _generated(phrase, ev[:at])):
        return found
    return _named_after(phrase, rest, unit)


def _fragment_in_clause(frag: str, before: str, rest: str, unit: str | None) -> str | None:
    after = _CLAUSE_BREAK.split(rest)[0]
    if after.startswith(frag) and after != frag:
        return classify(after[:30], unit)  # 压降0.01微克PM2.5浓度: the name follows the value
    clause = _VERB_TAIL.sub("", _CLAUSE_BREAK.split(before)[-1])
    if frag not in clause or clause == frag:
        return None
    clause = clause[clause.rfind(frag) - 30 if clause.rfind(frag) > 30 else 0:clause.rfind(frag) + len(frag)]
    return classify(clause, unit)


# the capacity of a facility the phrase does not say the kind of (电站总装机容量1600万千瓦, 装机88.6万千瓦)
_FACILITY_CAPACITY = regex.compile(r"^(电站|电厂|项目|工程|基地)?(总)?装机(总)?(容量|规模)?$|^(电站|电厂)(总)?(容量|规模)$")
_RETIRED = regex.compile(r"关闭|退出|淘汰|关停|拆除|报废|退役")
# a power station, project or base by its kind (白鹤滩水电站, 抽水蓄能电站项目, 光伏项目, 风电场): the capacity it has
_KINDS = r"抽水蓄能|光伏|光热|风电|水电|核电|新能源|可再生能源"
# a qualifier may stand between the kind and the facility (光伏治沙项目, 光伏扶贫电站), never another kind or 储能
_FACILITY_KIND = regex.compile(rf"({_KINDS})(?:(?!{_KINDS}|风|储能)\p{{Han}}){{0,4}}?(电站|电场|电厂|发电站|项目|基地|机组)|"
                               r"(风|水|核)(电站|电场|电厂|发电站)")
_KIND_NAME = {"抽水蓄能": "抽水蓄能装机", "光伏": "光伏装机", "风": "风电装机", "风电": "风电装机", "水": "水电装机",
              "水电": "水电装机", "核": "核电装机", "核电": "核电装机", "新能源": "新能源装机", "可再生能源": "可再生能源装机"}


# the phrase ends with the facility, or with its capacity or connection (风电场总装机容量, 风电基地新增并网)
_KIND_BEFORE = regex.compile(rf"(?:{_KINDS}|风|光|发电)[、和与及]?$")
_FACILITY_LAST = regex.compile(rf"(?:{_FACILITY_KIND.pattern})(?:新增|累计|全容量|总)*(?:并网|投产|装机|规模|容量)*$")


def _facility_kind(text: str) -> str | None:
    """The capacity id of the kind of power station ``text`` names, when it names one kind only."""
    # a kind right before the match makes it a mixed facility (风电光伏基地, 风电、光伏项目): no one kind
    kinds = {_KIND_NAME.get(m.group(1) or m.group(3)) if not _KIND_BEFORE.search(text, 0, m.start()) else "mixed"
             for m in _FACILITY_KIND.finditer(text)}
    if len(kinds) != 1:
        return None
    name = kinds.pop()  # 光热: no entry of its own
    return classify(name, "MW") if name and name != "mixed" else None


# the words right after a value, up to a verb or a break: a name written after its value
_AFTER_LEAD = regex.compile(r"(以上|左右|多|余)?(实现|的)?")
_AFTER_STOP = regex.compile(r"[，,。；;：:、!?！？()《》\d]|完成|获得|达到|已|全部|通过|等|被|由|在|将|得到|进行|开展|纳入|"
                            r"投资|建成|开工|投产|列入|的|和|及|与|正在|即将|相当于|可")


# what a power station, a wind platform or a project generates (风电平台投产后每年能提供|4400万度电, 安装了50多万块光伏板，
# 每年可以发|6亿度绿电, 这个清洁能源项目建成后，年发电量…): its generation; a kind of power's total for a place
# (新能源年发电量530亿千瓦时) names no facility and takes none, nor does power carried or supplied (输送, 供应)
_GENERATES = regex.compile(r"(发电量|发电|提供|(?<![开研印下颁])发|发出|产生|生产|输出)(的)?((清洁|绿色)?(电能|电力|电量)|绿电)?$|"
                           r"年发电量")
_NOT_GENERATED = regex.compile(r"输送|外送|送出|供应|消纳|交易|用电|节|减|替代|相当于|购买|使用|成交")
_GENERATOR = regex.compile(r"电站|电厂|风电场|光伏板|风机|发电机组|风电平台|发电平台|"
                           r"(清洁能源|新能源|可再生能源|风电|光伏|光热|水电|核电|发电)(发电)?(项目|基地)")


def _generated(phrase: str, before: str) -> str | None:
    if not _GENERATES.search(phrase) or _NOT_GENERATED.search(phrase):
        return None
    clause_before = _CLAUSE_BREAK.split(before)
    context = phrase + "".join(clause_before[-3:])
    return "power_generation" if _GENERATOR.search(context) else None


def _named_after(phrase: str, rest: str, unit: str | None) -> str | None:
    lead = _AFTER_LEAD.match(rest)
    if lead.group(2) == "的" and unit != "MW":
        return None  # 90%的典型生态系统: what a share counts, which naming has read already
    words = rest[lead.end():]
    stop = _AFTER_STOP.search(words)
    words = words[:stop.start() if stop else len(words)][:16]
    if unit == "MW":  # 680万千瓦|抽水蓄能电站项目, 风电项目|30万千瓦: the capacity of the facility named
        own = _FACILITY_LAST.search(phrase)
        mixed = own is not None and _KIND_BEFORE.search(phrase, 0, own.start())
        return _facility_kind(words) or (_facility_kind(own.group()) if own and not mixed else None)
    if len(words) < 2 or words in phrase:
        return None
    return classify(phrase + words, unit)


# a phrase that names only where or when (黄河流域|力争达到40%, 2020年这个数字|仅为5.4%, 特别是10月|超过了九成): the
# quantity is the one the sentence measured just before
_SCOPE_ONLY = regex.compile(
    r"^(?:特别是|尤其是|其中|而|但|同时)?(?:\p{Han}{1,8}?(?:流域|沿线|片区|经济带|城市群|都市圈)|"
    r"(?:这个|这一|该)(?:数字|比例|数据|指标|数值)|\d{1,2}月份?|[上下]半年|[一二三四]季度|前\d{1,2}个?月)$")


def _from_earlier_rows(out, names, units, starts, evidence, raw, groups) -> None:
    """Ids the sentence's earlier rows give the rows still without one: a phrase that names only a place or
    time takes the id of the last earlier row of its unit (else of the clause before it); a fragment
    (装机占比 after 新能源总装机由225万千瓦增加至1145万千瓦) is read with the last earlier row's name before it."""
    sentences: dict[tuple, list[int]] = {}
    for (doc, art, sent, _), rows in groups.items():
        sentences.setdefault((doc, art, sent), []).extend(rows)
    for key, rows in sentences.items():
        if all(out[i] is not None for i in rows):
            continue
        rows.sort(key=lambda i: starts[i] or 0)
        for pos, i in enumerate(rows):
            if out[i] is not None or not names[i]:
                continue
            phrase = normalize(names[i])
            earlier = [j for j in rows[:pos] if (starts[j] or 0) < (starts[i] or 0) and names[j] != names[i]]
            if _SCOPE_ONLY.match(phrase):
                same = [j for j in earlier if units[j] == units[i] and out[j] is not None]
                out[i] = out[same[-1]] if same else _clause_before(evidence[i], raw[i], units[i])
            elif (_FRAGMENT.match(phrase) or indicators.SHARE_LEAD.match(phrase)) and earlier:
                # …装机达到18.9亿千瓦，约占我国发电总装机的56%: the share of what the row before measured
                out[i] = classify(indicators.share_of(names[earlier[-1]], phrase), units[i])
            elif _FRAGMENT.match(phrase) and not earlier:
                # 可再生能源发电装机规模达到2855万千瓦…。|装机规模较“十二五”末增加961万千瓦: the sentence goes on with the
                # quantity the last one named in full
                doc, art, sent = key
                named = {out[j] for j in sentences.get((doc, art, (sent or 0) - 1), ())
                         if out[j] is not None and units[j] == units[i] and normalize(names[j]).endswith(phrase)
                         and normalize(names[j]) != phrase}
                out[i] = named.pop() if len(named) == 1 else None


def _clause_before(evidence: str | None, value_raw: str | None, unit: str | None) -> str | None:
    """The id the clause before the value's clause names (…优良天数的比例明显提高，特别是10月超过了九成)."""
    if not evidence or not value_raw:
        return None
    ev = normalize(evidence)
    at = ev.find(normalize(value_raw))
    clauses = _CLAUSE_BREAK.split(ev[:at]) if at > 0 else []
    return classify(clauses[-2][-30:], unit) if len(clauses) >= 2 and clauses[-2] else None


def assign(measures: pa.Table) -> pa.Table:
    """``measures`` with ``indicator_id`` set on every row (NULL where no canonical indicator fits)."""
    names = measures.column("indicator").to_pylist()
    units = measures.column("unit").to_pylist()
    n = measures.num_rows
    # rows of one list statement: same sentence, same indicator phrase, in the order of their values
    groups: dict[tuple, list[int]] = {}
    keys = zip(measures.column("doc_id").to_pylist(), measures.column("article_idx").to_pylist(),
               measures.column("sentence_idx").to_pylist(), names)
    for i, k in enumerate(keys):
        groups.setdefault(k, []).append(i)
    starts = measures.column("span_start").to_pylist()
    evidence = measures.column("evidence").to_pylist()
    raw = measures.column("value_raw").to_pylist()
    out: list[str | None] = [None] * n
    for (_, _, _, name), rows in groups.items():
        rows.sort(key=lambda i: starts[i])
        items = list_items(name) if name and "、" in name else None
        for pos, i in enumerate(rows):
            whole = classify(name, units[i])
            if items is None:
                out[i] = whole if whole is not None else from_sentence(name, evidence[i], raw[i], units[i])
                continue
            got = [classify(it, units[i]) for it in items]
            if len(rows) == len(items) > 1:
                out[i] = got[pos]  # 分别: the k-th value is the k-th item's
            elif len(rows) == 1 and whole is not None and _TOTAL.search(name):
                out[i] = whole  # 风电、光伏发电总装机容量: one quantity summed over the items
            elif len(rows) == 1 and got[0] is not None:
                out[i] = got[0]  # one value for every item (均达到): the first item's
            elif whole is not None and all(g in (None, whole) for g in got):
                out[i] = whole  # the list only qualifies the quantity (大型、超大型数据中心…)
            else:
                out[i] = None
    _from_earlier_rows(out, names, units, starts, evidence, raw, groups)
    col = pa.array(out, pa.string())
    if "indicator_id" in measures.column_names:
        return measures.set_column(measures.column_names.index("indicator_id"), "indicator_id", col)
    return measures.append_column("indicator_id", col)
