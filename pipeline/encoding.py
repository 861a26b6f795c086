"""Bytes to text for English and Chinese documents, refusing binary data.

Order: byte-order mark, declared charset, UTF-8, the detector's guess, GB18030,
Big5, Windows-1252. Detectors are often wrong on Chinese (GB18030 called
GB2312, GBK called Big5 or cp874), so every candidate is checked: it must decode
cleanly and look like text (common Chinese characters where there are Chinese
characters, few non-ASCII letters from a one-byte codec).
"""
from __future__ import annotations

import codecs
import re

import charset_normalizer

from .errors import DecodeFailure, UnsupportedFormat

_BOMS = (  # UTF-32 first: its LE mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"), (b"II*\x00", "TIFF image"), (b"MM\x00*", "TIFF image"),
    (b"%PDF-", "PDF"), (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX)"), (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"), (b"7z\xbc\xaf\x27\x1c", "7z archive"), (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"), (b"MZ\x90\x00", "Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 file (old DOC/XLS)"), (b"\x00\x00\x01\x00", "icon image"),
)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\x00\t\n\r\x0c\x1a\x1b") + b"\x7f"
_MAX_CONTROL_SHARE = 0.02
_MAX_NUL_SHARE = 0.10
_DETECT_BYTES = 200_000  # the detector samples anyway; a prefix keeps 50 MB files fast

_GB = "gb18030"  # superset of GB2312 and GBK: detectors name the subset they saw
_BIG5 = ("big5", "cp950", "big5hkscs")  # cp950 and HKSCS add characters Big5 lacks
_WESTERN = ("cp1252", "latin-1")  # WHATWG reads "iso-8859-1" and "ascii" labels as cp1252
_ALIASES = {
    "gb2312": _GB, "gbk": _GB, "x-gbk": _GB, "cp936": _GB, "ms936": _GB, "euc-cn": _GB,
    "euc_cn": _GB, "gb_2312-80": _GB, "csgb2312": _GB, "936": _GB,
    "x-big5": "big5", "big5-hkscs": "big5hkscs", "big5_hkscs": "big5hkscs",
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
    "us-ascii": "cp1252", "ascii": "cp1252", "windows-1252": "cp1252", "x-cp1252": "cp1252",
}
_CJK_CODECS = frozenset({"gb18030", "gbk", "gb2312", "hz", "big5", "cp950", "big5hkscs",
                         "euc_jp", "shift_jis", "cp932", "euc_kr", "cp949", "iso2022_jp"})
_DETECTOR_OK = frozenset({"utf-8", "utf-16", "utf-32", _GB, *_BIG5, *_WESTERN})
_UNICODE = frozenset({"utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"})

# The ~900 most frequent Chinese characters (simplified, then traditional forms
# that differ). Running Chinese text has 40-60% of its ideographs among them;
# text decoded with the wrong CJK codec has under 15%.
_COMMON_HANZI = frozenset(
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后"
    "作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只"
    "从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向"
    "头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声"
    "提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建"
    "务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即"
    "像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带"
    "导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具"
    "罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越"
    "器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另"
    "周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够"
    "章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀"
    "攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假"
    "久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欧"
    "亿债融券贷协购销售额润税募签署订董监併购买卖币息汇率损益权摊销折旧股份限责任团控"
    "這個們來為國說時會對過發後裡經麼學現當沒動還進從實軍無與長機開業關點兩間問體見產話處總電數報結務場"
    "計區隊設條氣題變論義認幾聲員東門師觀傳統聯組濟車親極議轉達億債協購銷售額潤稅營資產負簽訂監購買賣貸"
    "幣損權攤銷舊價團華際術數據單項應給萬與專導"
)
_IDEOGRAPH = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_MIN_HANZI = 30  # below this the share says little
_MIN_COMMON_SHARE = 0.25
_MAX_HIGH_SHARE = 0.30  # non-ASCII letters a one-byte codec may give (French is ~5%)
_SAMPLE = 200_000

_META_CHARSET = re.compile(rb"""<meta[^>]{0,500}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)


def decode_bytes(data: bytes, *, path: str, declared: str | None = None) -> str:
    """Text of `data`: NULs removed, line endings "\\n". Raises on binary data."""
    kind = sniff_format(data)
    if kind:
        raise UnsupportedFormat(path, f"the content is a {kind}, not text")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _clean(_decode_unicode(data, codec, path))
    if data.isascii() and b"\x00" not in data and not _binary_cause(data):
        return _clean(data.decode("ascii"))
    utf16 = _bomless_utf16(data)
    if utf16:
        return _clean(_decode_unicode(data, utf16, path))
    cause = _binary_cause(data)
    if cause:
        raise DecodeFailure(path, cause)
    return _clean(_decode_text(data.replace(b"\x00", b""), path, declared))


def sniff_format(data: bytes) -> str | None:
    """Name of a binary format `data` starts with ("PNG image", "PDF" ...), else None."""
    head = data[:16]
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if head[:4] == b"RIFF" and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return f"RIFF {head[8:12].decode().strip()} file"
    return None


def html_declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag or its XML declaration."""
    head = data[:16384]
    for pattern in (_META_CHARSET, _XML_ENCODING):
        m = pattern.search(head)
        if m:
            return m.group(1).decode("ascii")
    return None


def _decode_unicode(data: bytes, codec: str, path: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as e:
        raise DecodeFailure(path, f"{codec} byte-order mark but bad {codec} at byte {e.start}") from e


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: Latin text has a NUL in every other byte."""
    sample = data[:_SAMPLE]
    if len(sample) < 4 or sample.count(0) < len(sample) * _MAX_NUL_SHARE:
        return None
    even, odd = sample[0::2].count(0) / len(sample[0::2]), sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.4 and even < 0.05:
        return "utf-16-le"
    if even > 0.4 and odd < 0.05:
        return "utf-16-be"
    return None


def _binary_cause(data: bytes) -> str | None:
    """Why `data` is binary rather than text, or None."""
    if not data:
        return None
    nul = data.count(0) / len(data)
    if nul > _MAX_NUL_SHARE:
        return f"binary data: {nul:.0%} of the bytes are NUL and it is not UTF-16"
    control = (len(data) - len(data.translate(None, _CONTROL_BYTES))) / len(data)
    if control > _MAX_CONTROL_SHARE:
        return f"binary data: {control:.0%} of the bytes are control characters"
    return None


def _decode_text(data: bytes, path: str, declared: str | None) -> str:
    utf8 = _strict(data, "utf-8")
    guess = None
    tried: list[str] = []
    for codec in _candidates(_canonical(declared), utf8 is not None):
        if codec == "detector":
            guess = _detector_guess(data)
            if guess not in _DETECTOR_OK:
                continue  # not a language we read: cp949, cp874 ... are misreadings
            codec = guess
        if codec in tried:
            continue
        tried.append(codec)
        text = utf8 if codec == "utf-8" else _strict(data, codec)
        if text is not None and _plausible(text, codec):
            return text
    text = _nearly(data, tried)
    if text is not None:
        return text
    hint = f" (the detector guessed {guess})" if guess else ""
    raise DecodeFailure(path, f"no encoding fits: tried {', '.join(tried)}{hint}")


def _candidates(declared: str | None, valid_utf8: bool) -> list[str]:
    order = ["utf-8", "detector", _GB, *_BIG5, *_WESTERN]
    if declared and not (valid_utf8 and declared not in _UNICODE):
        # Multi-byte UTF-8 that decodes cleanly is never an accident: a page
        # declaring iso-8859-1 or gb2312 over it declares wrongly.
        order.insert(0, declared)
    return order


def _canonical(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    name = _ALIASES.get(name, name)
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return _ALIASES.get(codec, codec)


def _detector_guess(data: bytes) -> str | None:
    best = charset_normalizer.from_bytes(data[:_DETECT_BYTES]).best()
    return _canonical(best.encoding) if best is not None else None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _nearly(data: bytes, tried: list[str]) -> str | None:
    """A multi-byte codec with a few bad bytes (a file cut mid-character, a stray byte)."""
    best = None
    for codec in tried:
        if codec in _WESTERN or codecs.lookup(codec).name in ("cp1252", "iso8859-1"):
            continue
        text = data.decode(codec, errors="replace")
        bad = text.count("\ufffd")
        if bad <= 1 + len(text) // 10_000 and _plausible(text, codec):
            if best is None or bad < best[0]:
                best = (bad, text)
    return best[1] if best else None


def _plausible(text: str, codec: str) -> bool:
    sample = text[:_SAMPLE]
    if codec in _UNICODE:
        return True
    if codec in _CJK_CODECS:
        return _plausible_hanzi(sample)
    if re.search("[\x80-\x9f]", sample):
        return False  # C1 controls: bytes that mean something else
    high = len(sample.encode("ascii", errors="ignore"))
    high = len(sample) - high
    letters = len(sample) - sample.count(" ") - sample.count("\n")
    return high <= _MAX_HIGH_SHARE * max(letters, 1)


def _plausible_hanzi(sample: str) -> bool:
    """Enough common characters, and no ideographs stuck to Latin words."""
    hanzi = [m.start() for m in _IDEOGRAPH.finditer(sample)]
    if not hanzi:
        return True
    if len(hanzi) < 0.2 * sum(1 for ch in sample if ch.isascii() and ch.isalpha()):
        # Mostly English: "Company\x92s" read as GBK gives "Company抯". Real
        # Chinese names in English text stand apart ("Tencent (腾讯)").
        touching = sum(1 for i in hanzi if _latin_at(sample, i - 1) or _latin_at(sample, i + 1))
        if touching * 2 > len(hanzi):
            return False
    if len(hanzi) < _MIN_HANZI:
        return True
    common = sum(1 for i in hanzi if sample[i] in _COMMON_HANZI)
    return common >= _MIN_COMMON_SHARE * len(hanzi)


def _latin_at(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isascii() and text[i].isalpha()


def _clean(text: str) -> str:
    if "\x00" in text:
        text = text.replace("\x00", "")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
