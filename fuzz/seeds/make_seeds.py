#!/usr/bin/env python3
"""Writes the hand-made seed inputs of the fuzz targets (docs/fuzzing.md) into
fuzz/seeds/<target>/. Run from the repository root: python3 fuzz/seeds/make_seeds.py"""

import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEEDS = os.path.join(ROOT, "fuzz", "seeds")


def cut(text, limit=3000):
    """The first lines of a text, at most `limit` bytes of UTF-8."""
    out = []
    size = 0
    for line in text.split("\n"):
        n = len(line.encode()) + 1
        if size + n > limit:
            break
        out.append(line)
        size += n
    return "\n".join(out) + "\n"


def write(target, name, data):
    folder = os.path.join(SEEDS, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return f.read()


def parse_bytes_seeds():
    sample = os.path.join(ROOT, "assets", "sample")
    for name in sorted(os.listdir(sample))[:3]:
        write("parse_bytes", "sample-" + name, cut(read(os.path.join("assets", "sample", name))))
    for name in ["jiangxi_marked.txt", "hebei_single_spaced.txt", "shandong_marked_wrapped.txt"]:
        write("parse_bytes", "fixture-" + name, cut(read(os.path.join("tests", "fixtures", "ingest", name)), 2000))
    write(
        "parse_bytes",
        "tabs.txt",
        "要闻\t第1版\n唐登杰金湘军与钱文挥举行工作会谈\t\t2023-11-20\n\n"
        "\t本报讯（山西日报记者 杨文）近日，省委书记唐登杰举行工作会谈。\n"
        "\t记者 王 勇\n\n图为签约仪式现场。\n(下转第2版)\n",
    )
    write(
        "parse_bytes",
        "frontmatter.md",
        "---\ndate: 2024-04-08\npaper: 云南日报\ntitle: \"第1版 要闻\"\n---\n\n"
        "### 奋力谱写中国式现代化云南篇章\n# 云南:以“绿色能源牌”撬动产业转型升级\n"
        "## 一季度新增装机**620万千瓦**\n\n"
        "本报讯(记者 段晓瑞)4月7日,记者从[省发展改革委](https://example.org/fgw)获悉,"
        "<b>绿色电力</b>装机占比超过九成。<br/>\n\n"
        "## 小标题\n\n近年来,云南立足水电、光伏、风电资源优势,<span class=\"x\">引进</span>"
        "了一批重大项目\n\n(上接第1版)\n\n![图为光伏电站](img/1.jpg)\n\n> 引文，一段。\n\n"
        "- 列表一\n- 列表二\n\n(张 波)\n",
    )
    gb = "甘肃日报\n\n敦煌莫高窟迎来旅游旺季\n\n本报讯（记者 李 静）4月6日，敦煌莫高窟游客量创新高。\n\n图为游客参观。\n\n敦煌研究院供图\n"
    write("parse_bytes", "gb18030.txt", gb.encode("gb18030"))
    u16 = "\ufeff标题\r\n\r\n本报讯 正文，一段。\r\n记者 王 勇\r\n"
    write("parse_bytes", "utf16le-bom.txt", u16.encode("utf-16-le"))
    write("parse_bytes", "utf16be-bom.txt", u16.encode("utf-16-be"))
    write("parse_bytes", "utf8-bom-crlf.txt", "\ufeff" + u16[1:].replace("\r\n", "\r"))
    # Three BOMs: the decoder removes two, the text opens with the third (docs/fuzzing.md).
    write("parse_bytes", "three-boms.txt", b"\xff\xfe\xff\xfe\xff\xfe")
    write("parse_bytes", "control-chars.txt", "标题\x1b[31m红\x07\n\n正文，一段。\x0c\n")
    write(
        "parse_bytes",
        "briefs.txt",
        "12月18日,省政協召開視頻會議。\n12月18日,省政府召開會議。\n"
        "12月17日,民進山西省委會舉行揭牌儀式。\n本報訊12月17日,副省長王成在大同市調研。\n",
    )


def query_seeds():
    queries = [
        "脱贫 攻坚",
        "\"中国 山西\"",
        "-河曲",
        "date:2023-11-01..2023-11-30",
        "paper:山西日报",
        "\"unbalanced",
        "a\"b c",
        "date:..",
        "date:..2020",
        "date:2023-11-20..",
        "date：2023-11",
        "paper：太原日报 会谈",
        "DATE:20231120 -\"date:x\" --y",
        "脱贫　攻坚 \"巩固 拓展\" -河曲 date:2024 paper:\"山西 日报\"",
        "date:2023-02-29",
        "date:2024/02",
        "\"\" - \"-\" :",
    ]
    for n, q in enumerate(queries):
        write("query_parse", "q%02d" % n, q)


def fold_seeds():
    write("fold", "trad", "脱贫\n鞏固 拓展脫貧攻堅成果，脫 貧")
    write("fold", "width", "abc１２\nＡＢＣ１２３ abc 12")
    write("fold", "overlap", "哈哈\n哈哈哈 哈")
    write("fold", "case", "istanbul\nİstanbul ß Ǆ ﬁ ISTANBUL")


parse_bytes_seeds()
query_seeds()
fold_seeds()
