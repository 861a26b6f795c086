"""Language and script of a stretch of text."""
from __future__ import annotations

import re

import hanzidentifier

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")


def detect_lang(text: str) -> str:
    """'zh' when Han characters make up a fair share of the letters, else 'en'.

    Chinese commentary is full of Latin company names, so a small Han share is
    already Chinese: one Han character stands for a word, a Latin word for ~6 letters.
    """
    if HAN.search(text) is None:  # most English paragraphs: no need to count letters
        return "en"
    han = len(HAN.findall(text))
    latin = len(LATIN.findall(text))
    return "zh" if han and han * 6 >= latin * 0.5 else "en"


def detect_region(text: str) -> str:
    """'tw' for traditional characters, else 'mainland' (decides bare 超微)."""
    sample = "".join(HAN.findall(text))[:4000]
    if sample and hanzidentifier.identify(sample) == hanzidentifier.TRADITIONAL:
        return "tw"
    return "mainland"
