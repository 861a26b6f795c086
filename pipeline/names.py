"""Company names a document introduces itself ("Helios Compute, Inc.", later "Helios").

The alias table cannot know every private company; a name written with a legal
suffix is a company, and the document may go on to use it without the suffix,
or by its first word.
"""
from __future__ import annotations

import re
from itertools import groupby

from .entities import strip_legal_suffix

SUFFIX = r"(?:Group|ASA|SE|Inc\.?|Corp\.?|Corporation|LLC|L\.L\.C\.|Ltd\.?|Limited|PLC|plc|L\.P\.|LP|N\.V\.|B\.V\.|S\.A\.|AG|GmbH|PBC|Holdings,?\s+(?:Inc\.|LLC|Ltd\.))"
# not 'the Delaware General Corporation Law': a suffix word starting the name of a law is no company
NAMED_ORG = re.compile(rf"(?<![A-Za-z0-9&'-])((?:[A-Z][\w&'-]*\s+){{0,4}}[A-Z][\w&'-]*),?\s+{SUFFIX}(?![\w])(?!\s+(?:Law|Act|Code)\b)")
DEFINED_AS = re.compile(r"\s*[(（]\s*(?:下稱|下称|以下简称|以下簡稱|the|“)?\s*[“\"「]?([A-Z][\w&' -]{1,40}?)[”\"」]\s*[)）]")
SKIP_FIRST = {"The", "A", "An", "On", "In", "As", "Our", "We", "Its", "This", "That", "Under", "With", "From", "By", "For",
              "And", "Between", "Also", "When", "Then", "Both"}
COMMON_WORDS = {"Global", "Data", "Cloud", "Capital", "Compute", "Computing", "Technologies", "Technology", "Systems",
                "Group", "Holdings", "Bank", "Energy", "Digital", "Investment", "Investor", "Partners", "Infrastructure",
                "Networks", "International", "American", "National", "United", "First", "New", "General", "Services",
                # places: "Taiwan Semiconductor Manufacturing" is not what "supply from Taiwan" names
                "Taiwan", "China", "Japan", "Korea", "India", "Delaware", "Southern", "Northern", "Pacific", "Hong"}


def learn_org_names(text: str, known: set[str]) -> dict[str, str]:
    """surface form -> canonical name, for companies the document names with a legal suffix."""
    found: dict[str, str] = {}
    for m in NAMED_ORG.finditer(text):
        words = m.group(1).split()
        if any(" ".join(words[i:]) in known for i in range(len(words))):
            continue  # a company the alias table knows ("Advanced Micro Devices, Inc.")
        while words and words[0] in SKIP_FIRST:
            words = words[1:]
        if not words:
            continue
        name = strip_legal_suffix(" ".join(words))
        if not name or name in known or len(name) < 3 and not (len(name) == 2 and name.isupper()) or name in COMMON_WORDS:
            continue  # 'SK Group', 'LG Corp.': two capitals are a name, 'Co' or 'of' no; 'Amazon.com Services LLC' is no 'Services'
        found[m.group(0).rstrip(",")] = name
        found[name] = name
        short = DEFINED_AS.match(text, m.end())
        if short:  # 'Pacific Lumen Data Centres Limited (下稱「Pacific Lumen」)', '(the "Company")' is no name
            if short.group(1) not in ("Company", "Borrower", "Registrant", "Issuer"):
                found.setdefault(short.group(1), name)
        first = name.split()[0]
        if len(name.split()) > 1 and len(first) >= 5 and first not in COMMON_WORDS and first not in known:
            if found.setdefault(first, name).startswith(f"{name} "):
                found[first] = name  # 'Ambergate' is Ambergate Compute (Inc.), not its vehicle Ambergate Compute Issuer LLC
    return found


PARTY_NAME = r"((?:[A-Z][\w&'-]* ){1,4}[A-Z][\w&-]*(?:'(?!s\b)[\w&-]*)?)"  # one line; "Core Scientific's" is Core Scientific


def learn_party_names(text: str, known: set[str], *, before: str | None, verbs: str | None,
                      stop: frozenset, leader: str | None = None) -> dict[str, str]:
    """Capitalised names of two to five words where a party stands ('a loan from Aurora Grid Compute',
    'Naver Cloud will purchase'): a company the alias table does not know, named without a legal suffix.
    The words around them and the words no name holds (months, places, products) are roles.yaml data."""
    if not (before and verbs):
        return {}
    found: dict[str, str] = {}
    for pattern in (rf"{before}{PARTY_NAME}", rf"(?<![\w&'-]){PARTY_NAME}(?={verbs})"):
        for m in re.finditer(pattern, text):
            words = m.group(1).split()
            while words and (words[0] in stop or words[0] in SKIP_FIRST or words[0] in SENTENCE_ADVERBS):
                words = words[1:]  # 'In June Aurora Grid Compute secured': the name starts after them
            name = " ".join(words)
            if len(words) >= 2 and not any(w in stop or " ".join(words[i:]) in known for i, w in enumerate(words)) \
                    and strip_legal_suffix(name) not in known and not any(w in known for w in words):
                found.setdefault(name, strip_legal_suffix(name))
    for name in _listed_after(text, before, known, stop):
        found.setdefault(name, strip_legal_suffix(name))
    for m in re.finditer(leader, text) if leader else ():  # one word only where a round's leader stands
        if m.group(1) not in known and m.group(1) not in stop and m.group(1) not in SKIP_FIRST:
            found.setdefault(m.group(1), m.group(1))
    return found


LIST_ITEM = r"[A-Z][\w&'-]*(?: [A-Z][\w&'-]*){0,4}"
LIST_SEP = re.compile(r",\s+(?:and\s+)?|\s+and\s+")


def _listed_after(text: str, before: str, known: set[str], stop: frozenset) -> list[str]:
    """'led by Radical Ventures and Inovia Capital', 'from Microsoft, Coatue, Altimeter Capital and SGW':
    every name of a list in a party position is one; past the first, an acronym ('SGW') is one too."""
    names = []
    for m in re.finditer(rf"{before}({LIST_ITEM}(?:(?:,\s+(?:and\s+)?|\s+and\s+){LIST_ITEM})+)", text):
        for i, item in enumerate(LIST_SEP.split(m.group(1))):
            words = item.split()
            if item in known or any(w in stop or w in known for w in words):
                continue
            if len(words) >= 2 or (i and re.fullmatch(r"[A-Z]{3,5}", item)):
                names.append(item)
    return names


DESCRIPTOR = r"(?:joint\s+venture|venture|vehicle|special-purpose\s+vehicle|SPV|JV|partnership)"
CAP_NAME = r"((?:[A-Z][\w&'-]*\s+){0,4}[A-Z][\w&'-]*)"
# not a name with a share after it: 'Blue Owl holds 80% of the joint venture, Meta 20%' lists a second holder
NAMED_AFTER = re.compile(rf"\b{DESCRIPTOR},?\s+(?:called\s+|named\s+)?{CAP_NAME}\b(?!\s*[\d%$€£])")
# 'Beignet Investor, a joint venture': the description is looked for first, then the name that ends at its comma
# (a name pattern run over the whole text would be tried at every capital letter).
DESCRIBED_AS = re.compile(rf",\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}{DESCRIPTOR}\b")
NAME_BEFORE_DESCRIPTION = re.compile(r"(?:[A-Z][\w&'-]*\s+){0,4}[A-Z][\w&'-]*\Z")
SENTENCE_ADVERBS = {"Instead", "However", "Meanwhile", "Separately", "Today", "Also", "Additionally", "Further",
                    "Finally", "Then", "Now", "Still", "Yet", "Later", "Earlier", "Indeed", "Crucially", "Notably"}
ZH_DEFINITE = {"合资企业": ("合资企业", "该合资企业"), "合資企業": ("合資企業", "該合資企業"),
               "合资公司": ("合资公司", "该合资公司"), "合資公司": ("合資公司", "該合資公司"), "特殊目的公司": (), "特殊目的實體": (),
               "特殊目的实体": ()}
ZH_NAMED_AFTER = re.compile(rf"({'|'.join(ZH_DEFINITE)})\s*(?:“|「)?((?:[A-Z][A-Za-z0-9&'-]*\s+){{0,4}}[A-Z][A-Za-z0-9&'-]*)")
DEFINITE = ("the joint venture", "the venture", "the vehicle", "the JV", "the SPV", "the partnership")
# A filing's defined term for a side ('Ironvale Data Holdings, LLC (the "Borrower")'): later 'the Borrower' is that company.
# Only the roles of a deal: 'the "Company"' is the filer already, 'the "Order Form"' no company.
SIDE_TERMS = "Borrower|Issuer|Guarantor|Purchaser|Seller|Lender|Tenant|Landlord|Lessee|Lessor|Buyer|Supplier|Customer|Sponsor"
DEFINED_TERM = re.compile(rf"\s*\(\s*the\s+[\"“](?P<term>{SIDE_TERMS}|Parent|Investor|Vendor|Provider)[\"”]\s*\)")
# The name a defined term follows: up to six capitalised words ending where the term's parenthesis begins. Looked for
# only before each term found: run over the whole text, it would be tried at every capital letter.
NAME_BEFORE_TERM = re.compile(r"(?:[A-Z][\w&'.-]*,?\s+){0,5}[A-Z][\w&'.-]*\Z")
# A term sheet's or a slide's label line ('Issuer: Lakeshore Compute Funding I LLC, a subsidiary of ...') defines it too.
LABELLED_TERM = re.compile(rf"^(?P<term>{SIDE_TERMS})s?:[ \t]+(?P<name>(?:[A-Z][\w&'.-]*,?[ \t]+){{0,5}}[A-Z][\w&'.-]*)", re.M)


def learn_descriptors(text: str, names: dict[str, str]) -> dict[str, str]:
    """'a joint venture, Beignet Investor LLC, ...' then 'the venture' / 'the vehicle' is that company."""
    found = {}
    for m in ZH_NAMED_AFTER.finditer(text):  # '成立合资企业Beignet Investor LLC', then 合资企业 is that company
        surface = m.group(2).strip()
        name = names.get(surface) or strip_legal_suffix(surface)
        if len(name) >= 3 and name not in SENTENCE_ADVERBS:
            found.setdefault(surface, name)
            for phrase in ZH_DEFINITE.get(m.group(1), ()):
                found.setdefault(phrase, name)
    terms = [*(_named_before(DEFINED_TERM, NAME_BEFORE_TERM, text) if "(the " in text else ()),
             *((m["name"], m) for m in LABELLED_TERM.finditer(text))]
    for surface, m in terms:
        surface = surface.strip(" ,")
        name = names.get(surface) or strip_legal_suffix(surface)
        if len(name) >= 3 and name.split()[0] not in SKIP_FIRST:
            found.setdefault(f"the {m['term']}", name)
            found.setdefault(f"The {m['term']}", name)
    named = [m.group(1) for m in NAMED_AFTER.finditer(text)] + [n for n, _ in _named_before(DESCRIBED_AS, NAME_BEFORE_DESCRIPTION, text)]
    for surface in named:
        surface = surface.strip()
        name = names.get(surface) or names.get(surface.rsplit(" ", 1)[0]) or strip_legal_suffix(surface)
        if len(name) < 3 or name.split()[0] in SKIP_FIRST or name in SENTENCE_ADVERBS:
            continue
        found.setdefault(surface, name)
        for phrase in DEFINITE:
            found.setdefault(phrase, name)
            found.setdefault(phrase[0].upper() + phrase[1:], name)
    return found


def _named_before(marks: re.Pattern, name: re.Pattern, text: str) -> list[tuple[str, re.Match]]:
    """(name, mark) of each mark with a name ending right where it starts, as one regex of name and mark would find them
    left to right: a name starts after the mark found before it (and at most 300 characters back)."""
    found, end = [], 0
    for m in marks.finditer(text):
        before = name.search(text, max(end, m.start() - 300), m.start())
        if before:
            found.append((before.group(), m))
            end = m.end()
    return found


def names_pattern(names: dict[str, str]) -> re.Pattern | None:
    """All names, longest first; ASCII names as whole words.

    Each run of ASCII names shares one word-start check: re tries every alternative
    at every position, and inside a word the run then fails at once, not name by name.
    """
    if not names:
        return None
    parts = []
    for ascii_run, run in groupby(sorted(names, key=len, reverse=True), key=str.isascii):
        alternation = "|".join(rf"{re.escape(n)}(?![A-Za-z0-9])" if ascii_run else re.escape(n) for n in run)
        parts.append(rf"(?<![A-Za-z0-9])(?:{alternation})" if ascii_run else alternation)
    return re.compile("|".join(parts))


HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}(?:（[\u4e00-\u9fff]{2,6}）[\u4e00-\u9fff]{2,})?")  # 浪潮（北京）电子…


PLACE = re.compile(r"（[\u4e00-\u9fff]{2,4}）")


def _place_joined(tokens: list[str]) -> list[str]:
    """'浪潮 （ 北京 ） 电子': a place in full-width parentheses is one word of the name it stands in."""
    out: list[str] = []
    for w in tokens:
        if len(out) >= 2 and out[-2] == "（" and w == "）":
            out[-2:] = ["（" + out[-1] + "）"]
        elif len(out) >= 3 and out[-3] == "（" and w == "）":  # a place jieba cut in two
            out[-3:] = ["（" + out[-2] + out[-1] + "）"]
        else:
            out.append(w)
    return out


def _starts_with_known(name: str, known: set[str]) -> bool:
    """Whether `name` begins with a known name of two characters or more (its prefixes looked up)."""
    return any(name[:n] in known for n in range(2, len(name) + 1))


INNER_GROUP = ("集团", "集團")
LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限責任公司", "有限公司")  # the name without them is the company too


def _inner_group(tokens: list[str], i: int, stop) -> bool:
    """'恒岳|集团|财务|有限公司': a group's word inside a longer name (its finance company) is part of it, not a boundary."""
    return tokens[i] in INNER_GROUP and i > 0 and tokens[i - 1] not in stop and len(tokens[i - 1]) >= 2


def _after_boundary(name: str, suffix: str, boundaries) -> str:
    """'營運商港灣算力有限公司' when jieba splits 營運|商港: the name starts after a boundary word inside it."""
    core = name[: len(name) - len(suffix)]
    cut = max((core.rfind(b) + len(b) for b in boundaries if len(b) >= 3 and b in core), default=0)
    return name[cut:]


def _known_after_place(name: str, place, known: set[str]) -> str | None:
    """'北京字节跳动网络技术有限公司' -> '字节跳动': a known company's legal name after its city (roles.yaml place_prefix)."""
    rest = re.sub(place, "", name, count=1) if place else name
    if rest == name:
        return None
    return next((rest[:n] for n in range(len(rest), 1, -1) if rest[:n] in known), None)


def learn_zh_org_names(text: str, known: set[str], *, suffixes, boundaries, short_name: str, tokenize,
                       place: re.Pattern | str | None = None, bare: frozenset = frozenset()) -> dict[str, str]:
    """Chinese company names the document writes out in full ("贵州云栈智算有限公司") and their short names.

    The name runs back from its suffix over jieba tokens until a boundary word
    (向, 与, 旗下 ...): word boundaries, not characters, so 华为 keeps its 为.
    """
    found: dict[str, str] = {}
    suffix_re = re.compile("|".join(map(re.escape, sorted(suffixes, key=len, reverse=True))))
    stop = set(boundaries)
    one_char = "".join(w for w in stop if len(w) == 1)
    for run in HAN_RUN.finditer(text):
        if not suffix_re.search(run.group()):
            continue
        tokens = _place_joined([w for w, _, _ in tokenize(run.group())])
        for end in range(len(tokens)):
            suffix = suffix_re.search(tokens[end])
            if not suffix or not tokens[end].endswith(suffix.group()) or (
                    tokens[end] != suffix.group() and tokens[end] in stop):
                continue  # a boundary word that ends with a suffix ends no name ('新增注册资本': 资本)
            start, glued = end, 0
            while start > 0 and (tokens[start - 1] not in stop or _inner_group(tokens, start - 1, stop)) \
                    and end - start < 6 and not glued:
                start -= 1
                # '招商银行|为鲲|程智算', '臺灣銀行|及兆豐|銀行', '该行|已向华岭|智算': jieba glued boundary words to the name's start
                glued = int(start < end and len(tokens[start]) >= 2 and tokens[start][0] in stop and tokens[start] not in stop)
            if glued:  # '已獲|中國銀行': every one-character boundary word the glued token starts with
                glued = len(tokens[start]) - len(tokens[start].lstrip(one_char))
            name = _after_boundary("".join(tokens[start:end + 1])[glued:], suffix.group(), stop)
            core = name[: len(name) - len(suffix.group())]
            if end + 1 < len(tokens) and PLACE.fullmatch(tokens[end + 1]):
                name += tokens[end + 1]  # '中國銀行（香港）': the place after the name is part of it
            if len(core) < 2 or core in bare and name.endswith(LEGAL_FORMS) or core.endswith("子") or re.search(r"[多几幾数數]家", core) or (
                    _starts_with_known(name, known) and "（" not in name):  # '浪潮（北京）…有限公司' is not 浪潮
                continue
            found[name] = _known_after_place(name, place, known) or strip_legal_suffix(name)
            base = next((name[: -len(f)] for f in LEGAL_FORMS if name.endswith(f)), None)
            if base and len(base) >= 2 and base not in known:  # '岚川智算有限公司' … later '岚川智算' alone
                found.setdefault(base, found[name])
    for m in re.finditer(short_name, text):
        before = text[max(0, m.start() - 30): m.start()]
        full = next((n for n in sorted(found, key=len, reverse=True) if before.endswith(n)), None)
        if full:
            found[m.group(1)] = found[full]
    for m in LATIN_VENTURE.finditer(text):  # 'IDG资本', 'GGV创投': a Latin name with a venture firm's suffix
        if m.group(1) not in known and m.group(0) not in known:
            found.setdefault(m.group(0), m.group(0))
    for m in ZH_DESCRIBED.finditer(text):  # '燃料電池商Bloom Energy', '雲端業者CoreWeave'
        name = m.group(1)
        if name not in known and re.search(r"[a-z]", name) and name.split()[0] not in SKIP_FIRST:
            found.setdefault(name, strip_legal_suffix(name))
    return found


def learn_zh_short_names(text: str, names: dict[str, str], known: set[str], *, trade_words, filer: str | None = None) -> dict[str, str]:
    """'海迅數據昨日公布…海迅已與字節跳動簽訂': a learned Chinese name that ends in a trade word (roles.yaml trade_words)
    goes by the rest of it (two characters or more) where the text writes that alone; not a rest that is known,
    or that starts another learned name or the filer ('恒岳云计算', '恒岳集团': 恒岳 alone is neither)."""
    found: dict[str, str] = {}
    others = {n for n in names.values() if not n.isascii()} | ({filer} if filer else set())
    for name in sorted(others):
        word = next((w for w in trade_words if name.endswith(w) and len(name) - len(w) >= 2), None)
        short = name[: -len(word)] if word else None
        if short and short not in known and not _starts_with_known(short, known) and short not in names \
                and not any(o != name and o.startswith(short) for o in others) \
                and re.search(rf"{re.escape(short)}(?!{re.escape(word)})", text):
            found[short] = name
    return found


LATIN_VENTURE = re.compile(r"(?<![A-Za-z0-9&])([A-Z][A-Za-z0-9&]{1,15})(?:资本|資本|创投|創投)")


# a trade noun right before a Latin name describes it: the name is a company ("向燃料電池商Bloom Energy提供融資")
# so does a subsidiary's or a vehicle's class noun ('德州子公司Wistron InfoComm (Texas)'), with its place in brackets
ZH_DESCRIBED = re.compile(r"(?:商|矿企|礦企|业者|業者|初创公司|初創公司|初创企业|初創企業|新创|新創|子公司|附属公司|附屬公司|"
                          r"特殊目的公司)\s*((?:[A-Z][A-Za-z0-9&'-]*\s+){0,3}[A-Z][A-Za-z0-9&'-]*(?:\s*\([A-Z][a-z]+\))?)")


def learn_zh_slot_names(text: str, known: set[str], *, slots, stop, not_names, tokenize) -> dict[str, str]:
    """Companies named only by where they stand ('对参股公司智源芯增资', '對日本子公司JASM增資', '參與台智雲的增資'):
    a slot (roles.yaml name_slots) holds the name; it ends at the first rule or boundary word (`stop`).
    A name made of words that name no company (目前, 业务 ...), starting with a one-character stop word
    ('对外担保', 对外 is no name) or with a known name is none."""
    found: dict[str, str] = {}
    for slot in slots:
        for m in re.finditer(slot, text):
            name = _slot_name(m.group("name").strip(), stop, tokenize)
            if name and not (name in known or _starts_with_known(name, known)
                             or any(w in not_names for w, _, _ in tokenize(name))):
                found.setdefault(name, strip_legal_suffix(name))
    return found


GLUED_END = "于於在将將已拟擬与與向对對为為"  # one-character words that start what follows a name, never end one


def _slot_name(candidate: str, stop, tokenize) -> str | None:
    """The words of a slot's candidate up to the first stop word: '智源芯增资' -> '智源芯'; a Latin name stands as it is."""
    if candidate[:1].isascii():
        return candidate if len(candidate) >= 2 and candidate.split()[0] not in SKIP_FIRST else None
    if candidate[:1] in stop:
        return None
    words = []
    for word, _, _ in tokenize(candidate):
        if word in stop:
            break
        words.append(word)
    name = "".join(words)
    if len(name) > 3 and name[-1] in GLUED_END:  # '擎川智算于2025年': jieba glued the date's 于 to the name
        name = name[:-1]
    return name if 2 <= len(name) <= 8 and len(words) <= 3 else None


# A wire headline in capitals ('*IREN TO BUY ABOUT $5.8B OF GPUS FROM DELL'): every word looks like a name to
# the name rules and the tagger. Such a line is read lower-cased with the alias table's names cased back;
# the length never changes, so every offset still points into the original text.
CAPS_LINE = re.compile(r"^(?=(?:[^a-z\n]*?\b[A-Z]{2,}\b){4})[^a-z\n]+$", re.MULTILINE)


def recased_capital_lines(text: str, aliases: re.Pattern, cased: dict[str, str]) -> str:
    """`text` with each line written all in capitals lower-cased, known names (`aliases`, matched
    case-insensitively; `cased`: upper-cased alias -> alias) in their own spelling; `text` itself when none."""
    parts, last = [], 0
    for line in CAPS_LINE.finditer(text):
        lowered = line.group(0).lower()
        if len(lowered) != len(line.group(0)):
            continue
        for m in aliases.finditer(line.group(0)):
            name = cased.get(m.group(0).upper())
            if name and len(name) == len(m.group(0)):
                lowered = lowered[:m.start()] + name + lowered[m.end():]
        parts += [text[last:line.start()], lowered]
        last = line.end()
    return "".join(parts) + text[last:] if parts else text
