from transforms import timex


def years(text, pub=None):
    return [(t.text, t.year, t.role) for t in timex.find(text, pub)]


def test_deadlines_and_base_year():
    assert years("到2025年，单位GDP能耗比2020年下降13.5%") == [("到2025年", 2025, "target"), ("比2020年", 2020, "base")]
    assert years("力争2030年前实现碳达峰") == [("2030年前", 2030, "target")]
    assert years("2025年年底前完成") == [("2025年年底前", 2025, "target")]
    assert years("截至2020年底") == [("截至2020年底", 2020, "past")]


def test_plan_periods():
    assert years("“十四五”期间能耗增量控制在") == [("“十四五”期间", 2025, "target")]
    assert years("“十五五”末") == [("“十五五”末", 2030, "target")]
    assert years("“十三五”期间，全省") == [("“十三五”期间", 2020, "past")]
    assert years("印发“十四五”规划纲要") == []  # a document's name, not a time
    assert years("装机规模较“十二五”末增加") == [("较“十二五”末", 2015, "base")]


def test_periods_and_months():
    assert years("2021—2023年") == [("2021—2023年", 2023, "point")]
    assert years("2021年1-10月，284个") == [("2021年1-10月", 2021, "point")]


def test_relative_times_need_the_publication_year():
    assert years("力争今年10月底", None) == [("今年10月底", None, "current")]
    assert years("力争今年10月底", 2022) == [("今年10月底", 2022, "current")]
    assert years("2年内达80%", None) == [("2年内", None, "target")]
    assert years("2年内达80%", 2021) == [("2年内", 2023, "target")]
    assert years("明年", 2022) == [("明年", 2023, "target")]
    assert years("去年10月66名", 2022) == [("去年10月", 2021, "past")]


def test_since_runs_up_to_the_time_of_writing():
    assert years("“十四五”以来，全市累计", None) == [("“十四五”以来", None, "past")]
    assert years("2021年以来，全市累计", 2023) == [("2021年以来", 2023, "past")]


def test_since_a_start_with_words_between_is_up_to_the_time_of_writing():
    (t,) = timex.find("从2019年7月份投运以来，这张电网已累计供应绿电1.6亿度。", 2021)
    assert (t.year, t.role) == (2021, "past")
    (t,) = timex.find("从2019年7月份开始施工。", 2021)
    assert (t.year, t.role) == (2019, "point")


def test_a_reported_span_with_no_year_is_this_years_or_last_years_if_still_to_come():
    def spans(text, month):
        return [(t.text, t.year, t.role) for t in timex.find(text, 2024, month)]
    assert spans("四季度，全省新能源汽车产量增长30%。", 1) == [("四季度", 2023, "past")]
    assert spans("前11个月，全国新增光伏装机1.6亿千瓦。", 1) == [("前11个月", 2023, "past")]
    assert spans("12月份，全国新能源汽车销量达到110万辆。", 1) == [("12月份", 2023, "past")]
    assert spans("前7个月，全国新增光伏装机9700万千瓦。", 8) == [("前7个月", 2024, "current")]
    assert spans("上半年，我国GDP同比增长5%。", 7)[0] == ("上半年", 2024, "current")
    assert spans("去年上半年，全国新增光伏装机3000万千瓦。", 8) == [("去年", 2023, "past")]  # the year says it
    assert spans("每年6月份开展节能宣传周。", 8) == []


def test_a_base_year_compared_with_tong_or_he():
    assert years("同2012年相比，单位GDP能耗累计下降26.4%。", 2023) == [("同2012年相比", 2012, "base")]
