"""Evidence in a report's address: the date its path carries and the division its site names.

Reads a URL (``https://www.bjhr.gov.cn/…/202503/t20250326_4045434.html``); writes the date in
its path (``/t20230315_``, ``/art/2024/10/9/``, ``/20220112/``, ``/202503/``: the shapes
are data, in ``data/metadata_rules.toml``) and the code of
the division a government site's domain spells (``bjhr`` 北京 怀柔, ``jimo`` 即墨,
``cqszx`` 重庆 石柱县, ``hzxh`` 杭州 西湖). Only ``.gov.cn`` domains are read for places: other
hosts that repost reports are named after anything.

A domain label is spelled from pinyin in a few ways: the full pinyin of the short name
(``jimo``), its initials (``hr``), either after the parent's (``bj`` + ``hr``), and sometimes
with the kind of body after it (``zf`` 政府, ``fy`` 法院, ``sfj`` 司法局). A label that spells
more than one division names none.
"""

from __future__ import annotations

import multiprocessing
import threading
from datetime import date
from functools import cache
from multiprocessing.connection import Connection
from urllib.parse import urlsplit

from fazhi.extract.metadata_rules import load_metadata_rules
from fazhi.localities import Division, divisions_by_code, load_divisions, pinyin_syllables

# Kinds of body a site's label may end with, after the place: 政府, 法院, 司法局 …
BODY_SUFFIXES = ("", "zf", "fy", "sfj", "gov", "x", "q", "s", "city")
# Sites named by a spelling other than pinyin (Mongolian, Tibetan, Uyghur, or an old
# romanisation): the label → the division's code
ROMANISED_LABELS = {
    "ordos": "150600",  # 鄂尔多斯市
    "huhhot": "150100",  # 呼和浩特市
    "hohhot": "150100",
    "hulunbuir": "150700",  # 呼伦贝尔市
    "urumqi": "650100",  # 乌鲁木齐市
    "harbin": "230100",  # 哈尔滨市
    "lhasa": "540100",  # 拉萨市
    "xigaze": "540200",  # 日喀则市
    "shigatse": "540200",
    "kashgar": "653100",  # 喀什地区
    "tibet": "540000",  # 西藏自治区
}
GENERIC_LABELS = frozenset({"www", "gov", "cn", "com", "net", "org", "zwgk", "xxgk", "wap", "m"})
SHORT_KEY = 2  # initials this short name too many places to stand alone


def url_date(url: str | None) -> date | None:
    """The date a report's address carries; a year and month alone give the first day."""
    if not url:
        return None
    path = urlsplit(url).path
    for rule in load_metadata_rules().address_dates:  # the shapes, in data/metadata_rules.toml
        if found := rule.date_in(path):
            return found
    return None


def url_divisions(url: str | None) -> tuple[Division, ...]:
    """The divisions a government site's domain may spell (``wugang``: 武冈市 or 舞钢市);
    empty when the address is not a government site's or spells no place."""
    if not url:
        return ()
    host = (urlsplit(url).hostname or "").lower()
    if not host.endswith(".gov.cn"):
        return ()
    labels = [label for label in host.split(".")[:-2] if label not in GENERIC_LABELS]
    by_code = divisions_by_code()
    for label in reversed(labels):  # the label next to gov.cn is the site's own
        codes = _spelled_by(label)
        if codes:
            site = tuple(by_code[c] for c in sorted(codes) if c in by_code)
            if len(site) == 1:
                return _named_in_path(site[0], urlsplit(url).path)
            # several places spell the domain (yzcity: 扬州 or 永州): a folder spelling a
            # division below exactly one of them settles it (/nyx/ 宁远县, under 永州)
            below = {d for s in site for d in _named_in_path(s, urlsplit(url).path) if d != s}
            return (below.pop(),) if len(below) == 1 else site
    return ()


def _named_in_path(site: Division, path: str) -> tuple[Division, ...]:
    """A province's or city's site files a district's report under a folder spelling it
    (``beijing.gov.cn/…/qzf/cpq/`` 昌平区): the one division below the site a folder spells,
    else the site's own."""
    below = {
        d.code
        for d in load_divisions()
        if d.code != site.code and site.code in (d.province_code, d.city_code)
    }
    found = {
        code
        for folder in path.lower().split("/")[:-1]
        if folder.isalpha() and 2 < len(folder) <= 16
        for code in _spelled_by(folder)
        if code in below
    }
    return (divisions_by_code()[found.pop()],) if len(found) == 1 else (site,)


def _spelled_by(label: str) -> set[str]:
    spellings = _spellings()
    if label in ROMANISED_LABELS:
        return {ROMANISED_LABELS[label]}
    codes: set[str] = set()
    for suffix in BODY_SUFFIXES:
        if label.endswith(suffix):
            codes.update(spellings.get(label[: len(label) - len(suffix)], ()))
    return codes


Spellings = dict[str, tuple[str, ...]]
_TABLE: Spellings = {}  # every spelling → division codes, once built (here or in a child)


def _spellings() -> Spellings:
    """Every spelling of every division (alone and after its parent) → division codes."""
    if not _TABLE:
        _TABLE.update(spell_divisions())
    return _TABLE


def spell_apart() -> None:
    """Build the spellings in a forked child and keep only its table (3 MB pickled).

    Spelling reads jionlp's pinyin dictionary and builds a trie of it: the parsing workers'
    fork server, which runs this (``fazhi.isolation_warmup``) and whose memory every worker it
    forks starts with, held 235 MB after its warm-up with them and 126 MB without (freeing
    them after the warm-up gave back 58 MB of the 109). Only for a process without
    threads (a fork copies none, and a lock one of them held stays locked in the child):
    with other threads running, the table is built here.
    """
    if _TABLE or threading.active_count() > 1:
        _spellings()
        return
    context = multiprocessing.get_context("fork")
    received, sending = context.Pipe(duplex=False)
    child = context.Process(target=_send_spellings, args=(sending,), name="fazhi-spellings")
    child.start()
    sending.close()
    try:
        table = received.recv()  # before join: the child blocks until its table is read
    finally:
        received.close()
        child.join()
    _TABLE.update(table)


def _send_spellings(connection: Connection) -> None:
    connection.send(spell_divisions())
    connection.close()


def spell_divisions() -> Spellings:
    """Every spelling of every division, built from jionlp's pinyin (what ``_spellings`` keeps)."""
    by_code = divisions_by_code()
    spelled: dict[str, set[str]] = {}
    for division in load_divisions():
        if division.is_function_zone:
            continue
        own = _keys(division)
        parents = [by_code[c] for c in (division.city_code, division.province_code) if c]
        for key in own:
            if len(key) > SHORT_KEY or division.level != "county":
                spelled.setdefault(key, set()).add(division.code)
            for parent in parents:
                if parent.code == division.code:
                    continue
                for parent_key in _keys(parent):
                    spelled.setdefault(parent_key + key, set()).add(division.code)
    return {key: tuple(sorted(codes)) for key, codes in spelled.items()}


@cache
def _keys(division: Division) -> tuple[str, ...]:
    """Full pinyin and initials of a division's name and its short names.

    A short name is read with the syllables of the full name it begins (朝阳 of 朝阳区 is
    chaoyang: the dictionary alone reads 朝 as zhao), and initials come both as single letters
    and with zh/ch/sh kept whole, as many sites spell them (``bjchy`` 北京 朝阳).
    """
    full = pinyin_syllables(division.name)
    keys: set[str] = set()
    for name in {division.name, *(a for a in division.aliases if len(a) >= 2)}:
        if division.name.startswith(name) and all(full):
            syllables = full[: len(name)]
        else:
            syllables = pinyin_syllables(name)
        if not all(syllables):
            continue
        keys.add("".join(syllables))
        keys.add("".join(s[0] for s in syllables))
        keys.add("".join(_initial(s) for s in syllables))
    return tuple(sorted(keys))


def _initial(syllable: str) -> str:
    """A syllable's initial with zh/ch/sh kept whole: ``chao`` → ``ch``."""
    return syllable[:2] if syllable[:2] in ("zh", "ch", "sh") else syllable[0]
