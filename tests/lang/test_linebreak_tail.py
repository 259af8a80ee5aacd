"""The line-end tests of the line-break rules read only the end of a line (lang.linebreaks._at_end):
they must answer exactly as a search of the whole line does."""
import random

from unmark.lang import linebreaks as L


def _lines(seed: int, alphabet: str, n: int = 20000, longest: int = 40) -> list[str]:
    rnd = random.Random(seed)
    out = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, longest))) for _ in range(n)]
    # matches longer than the tail: a long run of closing marks or digits after the punctuation
    out += ["text." + ")" * k + "12" for k in range(30)] + ["word" * 8 + "。" + "”" * 20 + "3"]
    out += ["x" * 30 + "." + "1" * k for k in range(6)]
    return out


def test_sentence_and_stop_ends_match_a_full_search():
    alphabet = "ab .!?:;。！？：；…\"'”’»）)]」』》0123456789١٢,"
    for line in _lines(1, alphabet):
        assert L._at_end(L._END_PUNCT, line, L._END_CLOSERS) == (L._END_PUNCT.search(line) is not None), line
        assert L._at_end(L._FULL_STOP, line, L._STOP_CLOSERS) == (L._FULL_STOP.search(line) is not None), line


def test_list_and_hyphen_ends_fit_in_their_tails():
    alphabet = "ab -\u2010\u00ad,;:，；：、،؛0123456789١٢."
    for line in _lines(2, alphabet):
        assert (L._LIST_END.search(line[-4:]) is None) == (L._LIST_END.search(line) is None), line
        assert (L._HYPHEN_END.search(line[-2:]) is None) == (L._HYPHEN_END.search(line) is None), line


def test_the_break_decision_reads_the_same_on_real_lines():
    # a real wrapped paragraph and a list: the decisions of the rules as they were written
    lines = ["The Working Group recommended that States should consider the following measures,",
             "including those set out in the annex to the present report:",
             "(a) Strengthening cooperation among law enforcement agencies;",
             "(b) Sharing information on migrant smuggling routes.”12",
             "3. The Conference of the Parties requested the secretariat"]
    ctx = L.line_break_context(lines)
    got = [L.is_hard_break(a, b, "en", context=ctx) for a, b in zip(lines, lines[1:])]
    assert got == [False, True, True, True]
