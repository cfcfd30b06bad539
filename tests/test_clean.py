"""Clean: pinyin and mojibake, boilerplate, hard wraps, repeats, 繁→简, PDF page furniture."""
from __future__ import annotations

import re

import pytest

from transforms import clean

try:
    from tests.helpers_ingest import corpus_policies, need_corpus, seed_bytes
except ImportError:  # tests/ on sys.path instead of the project root
    from helpers_ingest import corpus_policies, need_corpus, seed_bytes


def cleaned(seed: str) -> tuple[str, str, list]:
    return clean.clean_text(seed_bytes(seed).decode("utf-8"))


# ------------------------------------------------------------------ pinyin, mojibake, script

def test_pinyin_ruby_goes_and_chinese_in_brackets_stays():
    text, script, _ = cleaned("000")
    assert script == "traditional"
    lines = text.split("\n")
    assert lines[:4] == ["全市(近)零碳产业园区建设工作会议召开", "聚焦“双碳”目标积极探索特色路径",
                         "加快突破示范引领项目勇当“碳路先锋”", "周斌出席并讲话 张明康主持"]
    assert not re.search(r"[a-zāáǎàēéěèīíǐìōóǒòūúǔù]", text)  # no pinyin left anywhere
    assert text.count("(近)") == seed_bytes("000").decode("utf-8").count("(近)") == 7


def test_mojibake_of_a_place_name_is_repaired():
    text, _, _ = cleaned("000")
    assert "??" not in text
    assert "会上,市发改委通报了上半年全市(近)零碳产业园区建设情况,射阳县、滨海县、大丰区作交流发言。" in text.split("\n")


def test_mojibake_without_a_unique_repair_is_left_alone():
    assert clean.repair_mojibake("完成了??项任务") == "完成了??项任务"


def test_pinyin_rule_keeps_latin_in_plain_text():
    assert clean.clean_text("道路长度(km)和面积(ha)")[0] == "道路长度(km)和面积(ha)"
    assert clean.clean_text("產(chǎn)業(yè)和的(de)")[0] == "产业和的(de)"  # toneless kept: too few toned


def test_traditional_seed_003_is_simplified():
    text, script, _ = cleaned("003")
    assert script == "traditional"
    assert text.split("\n")[0] == "市领导现场督办政协重点提案"
    assert "淮安日报讯:昨日,市委书记史志军现场督办政协重点提案" in text


@pytest.mark.parametrize("text,script", [
    ("全省碳达峰碳中和工作推进会在杭州召开，省委书记出席会议并讲话。", "simplified"),
    ("全省碳達峰碳中和工作推進會在杭州召開，省委書記出席會議並講話。", "traditional"),
    ("全省碳达峰碳中和工作推进会在杭州召开，省委书记出席会议并讲话。" * 3 + "會議強調，產業轉型要加快推進。", "mixed"),
])
def test_script_is_recorded(text, script):
    assert clean.clean_text(text)[1] == script


@pytest.mark.parametrize("text,changed", [
    ("乾隆年間天氣乾燥", 2),  # 間 and 氣; 乾 is still there (乾隆), though 乾燥 became 干燥
    ("深沈的夜", 1),  # 沈 goes only inside the phrase 深沈 (深沉): alone it stays
    ("深沈的夜，沈先生", 0),
    ("乾燥", 1),
])
def test_traditional_characters_are_those_gone_after_conversion(text, changed):
    assert clean._count_changed(text, clean._t2s().convert(text)) == changed


def test_texts_simplified_together_are_each_simplified_as_alone():
    mixed = "全省碳达峰碳中和工作推进会在杭州召开，省委书记出席会议并讲话。" * 3
    texts = ["國家發展\n全省推进\n深沈的夜\n\n乾燥", "全省推进\n", "", mixed + "\n會議強調，產業轉型要加快推進。"]
    expected = [("国家发展\n全省推进\n深沉的夜\n\n干燥", "traditional"), ("全省推进\n", "simplified"), ("", "simplified"),
                (mixed + "\n会议强调，产业转型要加快推进。", "mixed")]
    assert clean.to_simplified_many(texts) == expected
    assert [clean.to_simplified(t) for t in texts] == expected


def test_a_lone_surrogate_is_named_by_opencc():
    with pytest.raises(UnicodeEncodeError, match="'utf-8' codec can't encode character '\\\\ud800' in position 1"):
        clean.to_simplified_many(["國家", "a\ud800b"])


def _opencc_changes(config: str) -> str:
    """Every character that OpenCC's ``config`` can change, read from its dictionaries with the opencc_dict
    tool of the opencc package: the characters of a key that differ from a value, all characters of a key
    with a value of another length."""
    import json
    import subprocess
    from pathlib import Path

    import opencc

    share = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    tool = Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict"
    files: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "ocd2":
                files.append(node["file"])
            node = list(node.values())
        if isinstance(node, list):
            for v in node:
                walk(v)

    walk(json.loads((share / f"{config}.json").read_text(encoding="utf-8")))
    out: set[str] = set()
    for f in dict.fromkeys(files):
        listing = subprocess.run([str(tool), "-i", str(share / f), "-o", "/dev/stdout", "-f", "ocd2", "-t", "text"],
                                 check=True, capture_output=True).stdout.decode("utf-8")
        for line in listing.splitlines():
            key, _, values = line.partition("\t")
            for v in values.split(" "):
                out.update((a for a, b in zip(key, v) if a != b) if len(v) == len(key) else key)
    return "".join(sorted(out))


def test_opencc_changes_is_written_from_the_installed_dictionaries():
    """clean._t2s_changes reads data/opencc_changes.tsv: a line holding a character missing from it would
    not be converted. After an OpenCC upgrade, write the file again: "t2s", a tab, _opencc_changes("t2s")."""
    from importlib import resources

    path = resources.files("transforms") / "data" / "opencc_changes.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines == [f"t2s\t{_opencc_changes('t2s')}"]


# ------------------------------------------------------------------ characters

def test_zero_width_and_full_width_spaces_and_digits():
    text = "国务院总理\u3000李克强\n到\u200b２０２５年，比重达到\u00a0２０％左右。\ufeff"
    assert clean.clean_text(text)[0] == "国务院总理 李克强\n到2025年，比重达到20%左右。"


def test_pdf_spacing_around_numbers_and_spaced_headings():
    text = "济 南 市 人 民 政 府\n力争 2026 年实现全领域碳达峰，森林覆盖率达到 36.5% 以上。"
    assert clean.clean_text(text, "pdf")[0] == "济南市人民政府\n力争2026年实现全领域碳达峰，森林覆盖率达到36.5%以上。"


# ------------------------------------------------------------------ boilerplate and repeats

def test_wechat_header_footer_and_repeated_sentence():
    text, script, _ = cleaned("001")
    assert script == "simplified"
    for junk in ("微信号", "zhejiangjingxin", "功能介绍", "您手中的浙江经信", "往期", "朋友在看", "关注该公众号",
                 "已发送", "省委理论学习中心组"):
        assert junk not in text
    assert text.startswith("5月21日下午，全省碳达峰碳中和工作推进会在杭州召开，省委书记袁家军出席会议并讲话。他强调")
    assert text.count("全省碳达峰碳中和工作推进会在杭州召开") == 1
    assert text.endswith("会议以视频会议形式召开，各市县设分会场。省直有关单位负责人参加。")


def test_recommended_news_list_is_dropped():
    text, _, _ = cleaned("003")
    assert "推荐新闻" not in text and "新闻搜索" not in text and "2016放假安排" not in text
    assert text.split("\n")[-1] == "■融媒体记者 杨丹丹"


def test_web_page_furniture_lines():
    text = "\n".join(["当前位置：首页 > 政策文件", "某市印发碳达峰方案", "方案提出，到2025年建成10个零碳园区。",
                      "分享到：", "【打印本页】【关闭窗口】", "责任编辑：张三", "上一篇：某某", "下一篇：某某"])
    assert clean.clean_text(text)[0] == "某市印发碳达峰方案\n方案提出，到2025年建成10个零碳园区。"


def test_boilerplate_rules_are_tried_only_on_lines_holding_their_words():
    # the words every match of a rule holds, read from the rule: a line without them is not tried
    # a rule's words across a line break are no hit; each line holding them is still tried
    text = "\n".join(["方案提出，到2025年建成10个零碳园区。", "扫", "一扫关注", "微信扫一扫关注我们", "往期回顾",
                      "- 某某会议召开", "- 某某项目开工", "会议要求扫一扫码的服务再优化。"])
    assert clean.clean_text(text)[0] == "方案提出，到2025年建成10个零碳园区。\n扫\n一扫关注"


def test_a_line_repeated_right_after_itself_goes():
    assert clean.clean_text("会议强调要加快转型。\n会议强调要加快转型。\n二是推进项目。")[0] == \
        "会议强调要加快转型。\n二是推进项目。"


# ------------------------------------------------------------------ wraps

def test_hard_wraps_with_blank_lines_are_joined_inside_sentences():
    text, _, _ = cleaned("002")
    lines = text.split("\n")
    assert lines[0] == "全面吹响新时代绿色发展“集结号”"
    assert lines[1] == "徐州经济技术开发区绿色园区建设部署动员大会举行,王强、王斌讲话 邱成主持"
    assert "王强在讲话中说,要提高站位、增强担当" in text
    assert "把产业转型升级作为绿色园区建设的根本之策" in text
    assert "聚力打造绿色园区建设系统工程和创新工程" in text
    assert "为压降0.01微克PM2.5付出100%的搏击" in text
    assert "倡导绿色出行" in text and "金山银山" in text and "坚决把大气污染防治" in text
    # the second article's headings stay lines of their own
    i = lines.index("防污治污人人有劳企企有责")
    assert lines[i + 1] == "王强深入部分工地、企业夜查大气污染防治工作"
    assert lines[i + 2].startswith("12月17日晚19时")
    assert len(lines) == 14


def test_bylines_and_bracketed_notes_are_not_joined():
    text, _, _ = cleaned("004")
    lines = text.split("\n")
    assert lines[:2] == ["扛起光荣使命 在现代化新镇江建设中激情奔跑", "谈沁磊 孙力"]
    i = lines.index("(作者单位:镇江市发展和改革委员会)")
    assert lines[i + 1: i + 3] == ["扛起山水花园名城建设光荣使命", "吴海平"]
    assert "最终形成推动“活力油坊”高质量发展的强大动力" in text


def test_line_map_points_back_to_the_decoded_text():
    raw = seed_bytes("002").decode("utf-8")
    text, _, line_map = clean.clean_text(raw)
    lines = text.split("\n")
    assert len(line_map) == len(lines)
    for (c, r), line in zip(line_map, lines):
        assert text[c:c + len(line)] == line
        assert raw[r:r + 4] == line[:4]


# ------------------------------------------------------------------ PDF pages

def test_pdf_page_numbers_running_headers_and_contents():
    pages = []
    for n in range(1, 5):
        pages.append("\n".join([
            "某某市“十四五”生态环境保护规划",
            "第一章 总则" if n == 1 else "正文第%d页，全市生态环境质量持续改善，主要污染物排放总量持续下" % n,
            "降，生态系统稳定性明显增强%s。" % ("一二三四"[n - 1] * n),
            "— %d —" % n,
        ]))
    decoded = "目 录\n第一章 总则..........................1\n\f\n" + "\n\f\n".join(pages)
    text = clean.clean_text(decoded, "pdf")[0]
    assert "— 1 —" not in text and "— 4 —" not in text
    assert "某某市“十四五”生态环境保护规划" not in text
    assert "......" not in text
    assert "正文第2页，全市生态环境质量持续改善，主要污染物排放总量持续下降，生态系统稳定性明显增强二二。" in text


@pytest.mark.corpus
def test_corpus_pdfs_have_no_page_numbers_left():
    need_corpus("policies")
    docs, _ = corpus_policies()
    page_number = re.compile(r"^[-—–]\s*\d{1,3}\s*[-—–]$|[-—–]\d{1,3}[-—–]$", re.M)
    for name, text in zip(docs.column("source_name").to_pylist(), docs.column("clean_text").to_pylist()):
        assert not page_number.findall(text), name


def test_a_question_mark_is_not_mojibake():
    assert clean.repair_mojibake("为什么要推进建设?该决策意义重大") == "为什么要推进建设?该决策意义重大"
    assert clean.repair_mojibake("射陽縣、濱??h、大豐區") == "射陽縣、濱海縣、大豐區"


def test_table_of_contents_entries_that_come_again_as_headings():
    text = "\n".join(["某某规划", "目 录", "第一章 发展基础 3", "第二章 主要任务 8", "第一章 发展基础",
                      "全市生态环境质量持续改善。", "第二章 主要任务", "推进绿色低碳发展。"])
    assert clean.clean_text(text)[0].split("\n") == ["某某规划", "第一章 发展基础", "全市生态环境质量持续改善。",
                                                     "第二章 主要任务", "推进绿色低碳发展。"]
    # a "目录" with nothing under it that comes again is kept as it is
    assert clean.clean_text("目录\n本书共分三章。")[0] == "目录\n本书共分三章。"
