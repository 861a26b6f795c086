"""Company names in Chinese text: the alias alternation."""
from pipeline.match_zh import alias_pattern

ALIASES = ["Micro", "Super Micro", "超微", "微软", "微软Azure", "AMD", "OpenAI", "甲骨文"]


def names(text: str) -> list[str]:
    return [m.group() for m in alias_pattern(ALIASES).finditer(text)]


def test_the_longest_name_at_a_position_wins():
    assert names("超微与Super Micro以及微软Azure、微软签约") == ["超微", "Super Micro", "微软Azure", "微软"]


def test_latin_names_match_at_word_boundaries_only():
    assert names("MicroSoft, SuperMicro and Micro-cap; AMD不是NotAMD") == ["Micro", "AMD"]


def test_long_latin_names_match_in_any_case_short_ones_as_written():
    assert names("openai、OPENAI与amd、AMD") == ["openai", "OPENAI", "AMD"]


def test_no_aliases_match_nothing():
    assert alias_pattern([]).search("超微 AMD") is None
