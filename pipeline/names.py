"""Company names a document introduces itself ("Helios Compute, Inc.", later "Helios").

The alias table cannot know every private company; a name written with a legal
suffix is a company, and the document may go on to use it without the suffix,
or by its first word.
"""
from __future__ import annotations

import re

from .entities import strip_legal_suffix

SUFFIX = r"(?:Inc\.?|Corp\.?|Corporation|LLC|L\.L\.C\.|Ltd\.?|Limited|PLC|plc|L\.P\.|LP|N\.V\.|S\.A\.|AG|GmbH|PBC|Holdings,?\s+(?:Inc\.|LLC|Ltd\.))"
NAMED_ORG = re.compile(rf"\b((?:[A-Z][\w&'-]*\s+){{0,4}}[A-Z][\w&'-]*),?\s+{SUFFIX}(?![\w])")
SKIP_FIRST = {"The", "A", "An", "On", "In", "As", "Our", "We", "Its", "This", "That", "Under", "With", "From", "By", "For",
              "And", "Between", "Also", "When", "Then", "Both"}
COMMON_WORDS = {"Global", "Data", "Cloud", "Capital", "Compute", "Computing", "Technologies", "Technology", "Systems",
                "Group", "Holdings", "Bank", "Energy", "Digital", "Investment", "Investor", "Partners", "Infrastructure",
                "Networks", "International", "American", "National", "United", "First", "New", "General", "Services"}


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
        if not name or name in known or len(name) < 3:
            continue
        found[m.group(0).rstrip(",")] = name
        found[name] = name
        first = name.split()[0]
        if len(name.split()) > 1 and len(first) >= 5 and first not in COMMON_WORDS and first not in known:
            found.setdefault(first, name)
    return found


def names_pattern(names: dict[str, str]) -> re.Pattern | None:
    if not names:
        return None
    return re.compile("|".join(rf"(?<![\w]){re.escape(n)}(?![\w])" for n in sorted(names, key=len, reverse=True)))
