"""Load and check the rule files under `rules/`: triggers, cues, role words, entities.

Rules are data. Every rule has a stable `id`; a broken file stops the run before
any work with an error naming the file, the line and the rule id.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .entities import EntityTable, load_entity_table
from .errors import RuleError
from .records import EVENT_TYPES, STATUSES

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
LANGS = ("en", "zh")
ROLES = ("party", "counterparty")
CUES = ("filer", "generic", "pronoun", "give", "receive", "passive", "change", "negation", "denial", "no_change", "hypothetical",
        "several_deals", "valuation", "kinds", "no_money", "supposed", "partnership", "part", "payer", "points_back", "restates", "among", "question", "asks",
        "total", "block", "copula", "boilerplate", "co_party", "purpose", "told_amount", *(f"status:{s}" for s in STATUSES))
TRIGGER_KEYS = {"id", "lang", "event_type", "pattern", "agent", "receiver", "weak", "priority",
                "status", "requires", "preps", "standalone", "symmetric", "not_with", "possessor", "issued", "covers", "head",
                "given", "credit_id", "no_filer_party", "shared_holding", "paper_bought", "comment", "label"}
CUE_KEYS = {"id", "lang", "cue", "pattern", "skip", "keep", "comment"}
ZH_TOKEN_KEYS = {"IN", "TEXT", "OP"}


@dataclass(frozen=True)
class TriggerRule:
    """A word or phrase that makes a sentence about a deal, and how it assigns roles.

    agent: the role of the sentence subject in the active voice; receiver: who
    receives what the trigger names (flips the subject under give/receive cues).
    """

    id: str
    lang: str
    event_type: str
    pattern: tuple
    agent: str
    receiver: str | None
    weak: bool = False
    priority: int = 1
    status: str | None = None
    requires: str | None = None
    preps: dict = field(default_factory=dict)
    standalone: bool = False  # may make an event with no counterparty (cloud credits, purchase obligations)
    symmetric: bool = False  # "a deal with", 与X签: the words do not say who buys; the supply chain does
    not_with: tuple = ()  # words that, later in the clause, make it another kind of deal ("buy ... shares")
    possessor: str | None = None  # the role of "our" / "X's" right before the trigger's noun
    issued: bool | tuple = False  # a security its issuer sells: "issued notes to X" gives paper, receives money;
    # a list: only these give words issue it ("sold stock in a round"; who "provides" a round's money invests)
    covers: tuple = ()  # event types of trigger words that are its object ("backstop ... lease obligations"): no deal of their own
    head: int | None = None  # English: the trigger is the match's first `head` tokens; the rest is context whose companies keep their roles
    no_filer_party: bool = False  # the filer is never the implied party (a tender's winner announces the bid it won)
    given: str | None = None  # the event type when a give cue governs it: financing someone provides (提供融资) is a loan
    credit_id: str | None = None  # the id of its events that turn out to be credit (lenders on a side of a purchase,
    # `given: credit` under a give cue): a rule yields one event type, so the per-rule scores do not mix types
    shared_holding: bool = False  # with no company of its own, a match holds in the company an earlier match of the sentence named
    paper_bought: bool = False  # buys notes named by no issuer of their own: the issuer told before it lends to (assemble)
    label: str | None = None  # an announcement's label line names this side ('交易相對人：X' the seller, '資金貸與對象：X'
    # the receiver); the other is the filer's side, and the label's ： breaks no clause


@dataclass(frozen=True)
class CueRule:
    id: str
    lang: str
    cue: str
    pattern: tuple
    skip: int = 0  # English: the cue covers the match after its first `skip` tokens, which are context only
    keep: int = 0  # English: and before its last `keep` tokens ('debt investments': the debt is blocked, the investment kept)


@dataclass(frozen=True)
class RoleWords:
    """Per language: prepositions that mark roles, and list / clause words."""

    preps: dict
    give_targets: frozenset
    receive_sources: frozenset
    coordinators: tuple
    clause_breaks: tuple
    by_verbs: dict = field(default_factory=dict)
    org_suffixes: tuple = ()
    name_boundaries: tuple = ()
    short_name: str | None = None
    generic_pattern: str | None = None
    descriptors: frozenset = frozenset()  # "The chipmaker ...": a subject standing for the company named before
    round_anaphor: str | None = None  # regex: "the round" / "the IPO" naming the deal of the sentence before
    dropped_subject: str | None = None  # regex: a sentence opening with a deal verb and no subject ("- Closed a ... loan")
    goods_after: str | None = None  # regex: what follows a company named before its goods ("NVIDIA B200 GPUs")
    goods_bought: str | None = None  # regex: a purchase word buying those goods, up to the company ("buy 50,000 ")
    amount_clause: str | None = None  # regex: the start of a clause that only states the deal's amount ("，金额6亿元")
    goods_for_other: str | None = None  # regex: the words before a deploy verb that deploy for a customer ("为微软")
    party_name_before: str | None = None  # regex: a word before a name that makes it a party ("a loan from ")
    party_name_verbs: str | None = None  # regex: a deal verb after a name that makes it a party (" will purchase")
    service_deal: str | None = None  # regex on a symmetric trigger: a deal for services or capacity ("cloud services agreement")
    premises_deal: str | None = None  # regex on a symmetric trigger: a lease or colocation of space ("a lease agreement with")
    round_leader: str | None = None  # regex, group 1: a one-word name that leads a round ("a round led by Disruptive")
    not_name_words: frozenset = frozenset()  # words no such name holds (months, places, products)
    subject_title: str | None = None  # regex, group 'name': the company a report is about ('润川数据（300XXX.SZ）首次覆盖'): 公司 is it
    in_return: str | None = None  # regex: what follows goes back to the giver ("in return for stakes")
    clause_break_regex: str | None = None  # regex: a clause break that a word list cannot say ("as <subject> commits")
    co_deal_words: tuple = ()  # a round's own deal words right after an investor ("红杉中国跟投"): it is no other side
    clause_joiners: tuple = ()  # words after a comma that go on with the clause before it ("贷款，支持X")
    name_slots: tuple = ()  # regexes with a group 'name': a company the slot names ("参股公司智源芯", "參與台智雲的增資")
    table_columns: dict = field(default_factory=dict)  # a pipe-table header cell -> the side its column holds ("from": party)
    owner_of_next: str | None = None  # regex: the words after 公司/本公司 that make it only the owner of the name next ("之全资子公司")
    trade_words: tuple = ()  # a learned name's last word its short form may leave out ("海迅數據" goes by "海迅")
    bare_cores: tuple = ()  # a full name made of one of these (or a trade word) alone is no name ("…投资\n管理有限公司")
    described_company: str | None = None  # regex: a class noun right before a name ("子公司", "特殊目的公司"): 该子公司 is it
    speaker_after: str | None = None  # regex: the words after a company that only tell ("緯創公告該子公司取得…")
    label_sold: str | None = None  # regex: an announcement's block about a disposal ("處分"): its label's company buys
    label_amounts: dict = field(default_factory=dict)  # rule id -> regex: the label of its amount's line ("交易總金額：")
    place_prefix: str | None = None  # regex: a city or province a legal name starts with ("北京字节跳动网络技术有限公司")


@dataclass(frozen=True)
class RuleSet:
    triggers: tuple[TriggerRule, ...]
    cues: tuple[CueRule, ...]
    roles: dict
    entities: EntityTable
    version: str

    def triggers_for(self, lang: str) -> list[TriggerRule]:
        return [t for t in self.triggers if t.lang == lang]

    def cues_for(self, lang: str) -> list[CueRule]:
        return [c for c in self.cues if c.lang == lang]

    def rule(self, rule_id: str) -> TriggerRule | CueRule | None:
        return next((r for r in (*self.triggers, *self.cues) if rule_id in (r.id, getattr(r, "credit_id", None))), None)


def _read_jsonl(path: Path) -> list[tuple[int, dict]]:
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            rid = re.search(r'"id"\s*:\s*"([^"]+)"', line)  # name the rule even when the line does not parse
            raise RuleError(str(path), lineno, rid.group(1) if rid else None,
                            f"bad JSON: {e.msg} at column {e.colno}") from e
        if not isinstance(obj, dict):
            raise RuleError(str(path), lineno, None, "a rule must be a JSON object")
        rows.append((lineno, obj))
    return rows


def _check_common(path: Path, lineno: int, obj: dict, allowed: set, lang: str) -> str:
    rid = obj.get("id")
    if not isinstance(rid, str) or not rid:
        raise RuleError(str(path), lineno, None, "rule has no 'id'")
    unknown = set(obj) - allowed
    if unknown:
        raise RuleError(str(path), lineno, rid, f"unknown attribute(s): {', '.join(sorted(unknown))}")
    if obj.get("lang") != lang:
        raise RuleError(str(path), lineno, rid, f"'lang' must be {lang!r} in this folder")
    if not isinstance(obj.get("pattern"), list) or not obj["pattern"]:
        raise RuleError(str(path), lineno, rid, "'pattern' must be a non-empty list of tokens")
    _check_pattern(path, lineno, rid, lang, obj["pattern"])
    return rid


def _check_pattern(path: Path, lineno: int, rid: str, lang: str, pattern: list) -> None:
    if lang == "en":
        _check_spacy_pattern(path, lineno, rid, pattern)
        return
    for token in pattern:
        if not isinstance(token, dict) or not token or set(token) - ZH_TOKEN_KEYS:
            raise RuleError(str(path), lineno, rid, f"bad token {token!r}: use IN, TEXT, OP")
        words = token.get("IN", [token.get("TEXT")])
        if not isinstance(words, list):
            raise RuleError(str(path), lineno, rid, f"bad token {token!r}: IN takes a list of words")
        if not all(isinstance(w, str) and w for w in words):
            raise RuleError(str(path), lineno, rid, f"bad token {token!r}: words must be strings")


def _check_spacy_pattern(path: Path, lineno: int, rid: str, pattern: list) -> None:
    from spacy.matcher import Matcher

    for token in pattern:
        for value in token.values() if isinstance(token, dict) else ():
            if isinstance(value, dict) and "REGEX" in value:
                try:
                    re.compile(value["REGEX"])
                except re.error as e:
                    raise RuleError(str(path), lineno, rid, f"invalid regex {value['REGEX']!r}: {e}") from e
    try:
        Matcher(_blank_vocab(), validate=True).add(rid, [pattern])
    except Exception as e:  # spaCy raises ValueError/MatchPatternError with its own text
        raise RuleError(str(path), lineno, rid, f"spaCy rejects the pattern: {e}") from e


@lru_cache(maxsize=1)
def _blank_vocab():
    import spacy

    return spacy.blank("en").vocab


def _trigger(path: Path, lineno: int, obj: dict, lang: str) -> TriggerRule:
    rid = _check_common(path, lineno, obj, TRIGGER_KEYS, lang)
    if obj.get("event_type") not in EVENT_TYPES:
        raise RuleError(str(path), lineno, rid, f"unknown event_type {obj.get('event_type')!r}")
    if obj.get("agent") not in ROLES or obj.get("receiver") not in (*ROLES, None):
        raise RuleError(str(path), lineno, rid, "'agent' must be party/counterparty; 'receiver' too, or null")
    if obj.get("requires") not in (None, "change", "life_change", "copula", "amount", "goods"):
        raise RuleError(str(path), lineno, rid, f"unknown 'requires' {obj.get('requires')!r}: change, life_change, copula, amount or goods")
    if not set(obj.get("covers", ())) <= set(EVENT_TYPES):
        raise RuleError(str(path), lineno, rid, f"'covers' must list event types, not {obj.get('covers')!r}")
    if obj.get("given") not in (*EVENT_TYPES, None):
        raise RuleError(str(path), lineno, rid, f"'given' must be an event type, not {obj.get('given')!r}")
    if obj.get("status") not in (*STATUSES, None):
        raise RuleError(str(path), lineno, rid, f"unknown status {obj.get('status')!r}")
    credit_id = obj.get("credit_id")
    if credit_id is not None and not (isinstance(credit_id, str) and credit_id.startswith(f"{lang}.credit.")):
        raise RuleError(str(path), lineno, rid, f"'credit_id' must be an id starting with {lang}.credit., not {credit_id!r}")
    if credit_id is not None and obj["event_type"] != "purchase_agreement" and obj.get("given") != "credit":
        raise RuleError(str(path), lineno, rid, "'credit_id' is for purchase rules and rules given: credit")
    if obj.get("given") == "credit" and credit_id is None:  # a rule yields one event type; its credit events have their own id
        raise RuleError(str(path), lineno, rid, "'given: credit' needs a 'credit_id' for the events it makes credit")
    if obj.get("label") not in ("seller", "receiver", None):
        raise RuleError(str(path), lineno, rid, f"'label' must be seller or receiver, not {obj['label']!r}")
    if obj.get("head") is not None and not (isinstance(obj["head"], int) and 0 < obj["head"] < len(obj["pattern"])):
        raise RuleError(str(path), lineno, rid, f"'head' must be a token count shorter than the pattern, not {obj['head']!r}")
    return TriggerRule(
        id=rid, lang=lang, event_type=obj["event_type"], pattern=tuple(obj["pattern"]),
        agent=obj["agent"], receiver=obj.get("receiver"), weak=bool(obj.get("weak", False)),
        priority=int(obj.get("priority", 1)), status=obj.get("status"), requires=obj.get("requires"),
        preps=dict(obj.get("preps", {})), standalone=bool(obj.get("standalone", False)),
        symmetric=bool(obj.get("symmetric", False)), not_with=tuple(obj.get("not_with", ())),
        possessor=obj.get("possessor"), issued=_issued(obj.get("issued", False)),
        covers=tuple(obj.get("covers", ())), head=obj.get("head"), given=obj.get("given"), credit_id=credit_id,
        no_filer_party=bool(obj.get("no_filer_party", False)),
        shared_holding=bool(obj.get("shared_holding", False)),
        paper_bought=bool(obj.get("paper_bought", False)), label=obj.get("label"),
    )


def _cue(path: Path, lineno: int, obj: dict, lang: str) -> CueRule:
    rid = _check_common(path, lineno, obj, CUE_KEYS, lang)
    if obj.get("cue") not in CUES:
        raise RuleError(str(path), lineno, rid, f"unknown cue {obj.get('cue')!r}; one of {', '.join(CUES)}")
    skip = obj.get("skip", 0)
    if not (isinstance(skip, int) and 0 <= skip < len(obj["pattern"])):
        raise RuleError(str(path), lineno, rid, f"'skip' must be a token count shorter than the pattern, not {skip!r}")
    keep = obj.get("keep", 0)
    if not (isinstance(keep, int) and 0 <= keep and skip + keep < len(obj["pattern"])):
        raise RuleError(str(path), lineno, rid, f"'keep' must leave a token after 'skip', not {keep!r}")
    return CueRule(id=rid, lang=lang, cue=obj["cue"], pattern=tuple(obj["pattern"]), skip=skip, keep=keep)


def _role_words(path: Path) -> RoleWords:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise RuleError(str(path), getattr(getattr(e, "problem_mark", None), "line", -1) + 1, None,
                        f"bad YAML: {e}") from e
    try:
        ties = {str(w): "none" for w in data.get("no_deal_ties") or ()}  # a company after them takes no role
        preps = {etype: {**ties, **{str(w): r for w, r in (data["preps"].get(etype) or {}).items()}} for etype in EVENT_TYPES}
        return RoleWords(preps=preps, give_targets=frozenset(map(str, data["give_targets"])),
                         receive_sources=frozenset(map(str, data["receive_sources"])),
                         coordinators=tuple(map(str, data["coordinators"])),
                         clause_breaks=tuple(map(str, data["clause_breaks"])),
                         by_verbs={k: dict(v or {}) for k, v in (data.get("by_verbs") or {}).items()},
                         org_suffixes=tuple(data.get("org_suffixes") or ()),
                         name_boundaries=tuple(data.get("name_boundaries") or ()),
                         short_name=data.get("short_name"), generic_pattern=_regex(path, data, "generic_pattern"),
                         descriptors=frozenset(map(str, data.get("descriptors") or ())),
                         round_anaphor=_regex(path, data, "round_anaphor"),
                         dropped_subject=_regex(path, data, "dropped_subject"),
                         goods_after=_regex(path, data, "goods_after"), goods_bought=_regex(path, data, "goods_bought"),
                         goods_for_other=_regex(path, data, "goods_for_other"), amount_clause=_regex(path, data, "amount_clause"),
                         party_name_before=_regex(path, data, "party_name_before"),
                         party_name_verbs=_regex(path, data, "party_name_verbs"),
                         round_leader=_regex(path, data, "round_leader"),
                         service_deal=_regex(path, data, "service_deal"),
                         premises_deal=_regex(path, data, "premises_deal"),
                         not_name_words=frozenset(map(str, data.get("not_name_words") or ())),
                         in_return=_regex(path, data, "in_return"), subject_title=_regex(path, data, "subject_title"),
                         clause_break_regex=_regex(path, data, "clause_break_regex"),
                         clause_joiners=tuple(map(str, data.get("clause_joiners") or ())),
                         co_deal_words=tuple(map(str, data.get("co_deal_words") or ())),
                         name_slots=tuple(_regex(path, {"name_slots": r}, "name_slots") for r in data.get("name_slots") or ()),
                         table_columns={str(k).lower(): str(v) for k, v in (data.get("table_columns") or {}).items()},
                         owner_of_next=_regex(path, data, "owner_of_next"),
                         trade_words=tuple(map(str, data.get("trade_words") or ())),
                         bare_cores=tuple(map(str, data.get("bare_cores") or ())),
                         place_prefix=_regex(path, data, "place_prefix"),
                         described_company=_regex(path, data, "described_company"),
                         speaker_after=_regex(path, data, "speaker_after"),
                         label_sold=_regex(path, data, "label_sold"),
                         label_amounts={str(k): _regex(path, {str(k): v}, str(k))
                                        for k, v in (data.get("label_amounts") or {}).items()})
    except (KeyError, TypeError, AttributeError) as e:
        raise RuleError(str(path), None, None, f"missing or malformed key: {e}") from e


def _issued(value) -> bool | tuple:
    return tuple(str(w).lower() for w in value) if isinstance(value, list) else bool(value)


def _regex(path: Path, data: dict, key: str) -> str | None:
    """A regex-valued key, checked now: a broken pattern names its file and key before any work."""
    value = data.get(key)
    if value is None:
        return None
    try:
        re.compile(str(value))
    except re.error as e:
        raise RuleError(str(path), None, None, f"'{key}' is not a valid regex: {e}") from e
    return str(value)


def rules_version(root: Path) -> str:
    """A hash of every rule file: a changed rule set re-extracts."""
    digest = hashlib.sha1()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def load_rules(root: Path = RULES_DIR) -> RuleSet:
    """Read and check every rule file under `root`."""
    triggers, cues, roles, seen = [], [], {}, {}
    for lang in LANGS:
        for path in sorted((root / lang).glob("*.jsonl")):
            for lineno, obj in _read_jsonl(path):
                is_cue = "cue" in obj
                rule = _cue(path, lineno, obj, lang) if is_cue else _trigger(path, lineno, obj, lang)
                if rule.id in seen:
                    raise RuleError(str(path), lineno, rule.id, f"duplicate id (first at {seen[rule.id]})")
                seen[rule.id] = f"{path.name}:{lineno}"
                credit_id = getattr(rule, "credit_id", None)
                if credit_id in seen:
                    raise RuleError(str(path), lineno, rule.id, f"duplicate credit_id {credit_id} (first at {seen[credit_id]})")
                if credit_id:
                    seen[credit_id] = f"{path.name}:{lineno}"
                (cues if is_cue else triggers).append(rule)
        roles[lang] = _role_words(root / lang / "roles.yaml")
    return RuleSet(triggers=tuple(triggers), cues=tuple(cues), roles=roles,
                   entities=load_entity_table(root / "entities.csv"), version=rules_version(root))


@lru_cache(maxsize=4)
def default_rules(root: Path = RULES_DIR) -> RuleSet:
    """The rule set, loaded once per process."""
    return load_rules(root)
