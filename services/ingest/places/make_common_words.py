#!/usr/bin/python3
"""Prints the `common` lines of words.tsv: short names of counties and townships that are
ordinary Chinese words (复兴, 新建, 合作, 光明, 建设 ...), so that a report's 乡村振兴 or
新建 is not read as a place.

A developer's tool, not part of the build. It takes the words of jieba's dictionary
(Debian package python3-jieba) that are tagged as something other than a place or a
person name (or that are very frequent proper nouns) and keeps those that are also the
short name of a county or township in the gazetteer (not of a prefecture or province:
保定 and 大连 stay places):

  /usr/bin/python3 services/ingest/places/make_common_words.py third_party/gazetteer
"""
import csv
import sys

DICT = "/usr/lib/python3/dist-packages/jieba/dict.txt"
NAMES = ("ns", "nr", "nrt", "nrfg")
SUFFIXES = {
    "areas.csv": ("自治县", "自治旗", "新区", "区", "县", "市", "旗"),
    "streets.csv": ("街道", "民族乡", "镇", "乡", "苏木"),
}


def main(directory):
    words = {}
    with open(DICT, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                words[parts[0]] = (int(parts[1]), parts[2])
    # Prefecture and province short names (保定, 大连) stay places whatever their tag.
    keep = set()
    for file, suffixes in (("provinces.csv", ("特别行政区", "自治区", "省", "市")),
                           ("cities.csv", ("自治州", "地区", "市", "盟"))):
        with open(f"{directory}/{file}", encoding="utf-8") as f:
            rows = csv.reader(f)
            next(rows)
            for row in rows:
                for s in suffixes:
                    if row[1].endswith(s):
                        keep.add(row[1][: -len(s)])
                        break
    common = set()
    for file, suffixes in SUFFIXES.items():
        with open(f"{directory}/{file}", encoding="utf-8") as f:
            rows = csv.reader(f)
            next(rows)
            for row in rows:
                name = row[1]
                for s in suffixes:
                    if name.endswith(s) and len(name) - len(s) >= 2:
                        short = name[: -len(s)]
                        freq, tag = words.get(short, (0, ""))
                        if (tag and tag not in NAMES and tag != "nz" and freq >= 300) or (
                            tag == "nz" and freq >= 1000
                        ):
                            common.add(short)
                        break
    words_sorted = sorted(common - keep)
    for i in range(0, len(words_sorted), 16):
        print("common\t" + " ".join(words_sorted[i : i + 16]))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "third_party/gazetteer")
