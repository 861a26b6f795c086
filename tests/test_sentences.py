"""Paragraphs: every non-blank line, and a line over the limit cut into pieces at sentence ends."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.sentences import paragraphs, split_zh


def test_lines_are_paragraphs_with_their_offsets():
    text = "NVIDIA invested.\n\n  \nOracle signed a contract.\n英伟达投资。"
    assert [(o, p) for o, p in paragraphs(text)] == [(0, "NVIDIA invested."), (21, "Oracle signed a contract."),
                                                    (47, "英伟达投资。")]


def test_a_long_line_is_cut_after_sentence_ends():
    line = "NVIDIA invested $2 billion in CoreWeave. " * 5 + "Oracle signed."
    pieces = list(paragraphs(line, limit=100))
    assert [p for _, p in pieces] == ["NVIDIA invested $2 billion in CoreWeave. " * 2] * 2 + \
        ["NVIDIA invested $2 billion in CoreWeave. Oracle signed."]
    assert all(line[o:o + len(p)] == p for o, p in pieces)


def test_a_long_chinese_line_is_cut_after_a_full_stop():
    line = "英伟达向CoreWeave投资20亿美元。" * 10
    pieces = [p for _, p in paragraphs(line, limit=50)]
    assert pieces[0] == "英伟达向CoreWeave投资20亿美元。" * 2 and all(p.endswith("。") for p in pieces)


def test_a_line_without_sentence_ends_is_cut_at_a_space_else_at_the_limit():
    assert [p for _, p in paragraphs("alpha beta gamma delta", limit=12)] == ["alpha beta ", "gamma delta"]
    assert [p for _, p in paragraphs("x" * 25, limit=10)] == ["x" * 10, "x" * 10, "x" * 5]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .。!\n 中")), max_size=200), st.integers(min_value=1, max_value=30))
def test_pieces_fit_the_limit_and_cover_every_character(text, limit):
    pieces = list(paragraphs(text, limit=limit))
    assert all(len(p) <= limit and text[o:o + len(p)] == p and p.strip() for o, p in pieces)
    covered = set()
    for o, p in pieces:
        assert not covered & set(range(o, o + len(p)))  # in order, never overlapping
        covered |= set(range(o, o + len(p)))
    assert {i for i, c in enumerate(text) if not c.isspace()} <= covered


def test_chinese_sentences_end_at_full_stops_and_closing_quotes():
    text = "他说：“投资完成。”随后签约！  最后"
    assert [text[s:e] for s, e in split_zh(text)] == ["他说：“投资完成。”", "随后签约！", "最后"]
