"""Whole forms of a term: grow a Chinese term to the string its occurrences share, and find the
neighbour words an English target shares in most of its occurrences.

A Chinese term cut short by the segmenter (信任措施 from 建立信任措施, 阿安全部队 from 联阿安全部队,
基地 from 基地组织) is grown, a character at a time, while at least ``share`` of its occurrences in the
entry's aligned pairs carry the same character on that side; growing stops at punctuation, Latin
text and the characters of ``resources/terms/zh_extension_stop.txt``.
"""
from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Sequence

from ..resources import load_lines
from ..scripts import HAN_CHAR

_HAN = HAN_CHAR


@functools.cache
def zh_extension_stop() -> frozenset[str]:
    return frozenset(ch for line in load_lines("terms/zh_extension_stop.txt") for ch in line.split())


NAME_JOINERS = frozenset("-‐‑－·・•")      # 纳戈尔诺-卡拉巴赫, 阿希姆·卡索: the name goes on across them


@functools.cache
def zh_cut_neutral() -> frozenset[str]:
    return frozenset(ch for line in load_lines("terms/zh_cut_neutral.txt") for ch in line.split())


def zh_cut_piece(term: str, texts: Sequence[str], share: float = 0.75, min_occurrences: int = 3,
                 name_side: str | None = None) -> str | None:
    """Is ``term`` a piece cut out of a longer word in ``texts`` (the aligned pairs an entry was
    learned from)? The side and character ("亚+", "+所") when at least ``share`` of its occurrences
    (and ``min_occurrences``) have the same Han character on one side and that character is not a
    particle, preposition, pronoun or counter (``resources/terms/zh_cut_neutral.txt``), or a hyphen
    or middle dot inside a transliterated name (卡拉巴赫 of 纳戈尔诺-卡拉巴赫); None for a
    term whose edges are free (the left and right contexts vary or are function characters).
    ``name_side`` ("left"/"right"): that edge is the rest of a name across a hyphen, which goes on
    whatever the count (纳戈尔诺 of 纳戈尔诺-卡拉巴赫冲突 seen twice)."""
    if not term or term.startswith("《") or not _HAN.search(term):
        return None
    neutral = zh_cut_neutral()
    left: Counter = Counter()
    right: Counter = Counter()
    n = 0
    for t in texts:
        for at in _finds(t, term):
            n += 1
            left[t[at - 1] if at > 0 else ""] += 1
            end = at + len(term)
            right[t[end] if end < len(t) else ""] += 1
    if not n:
        return None
    for side, cnt in (("left", left), ("right", right)):
        ch, c = cnt.most_common(1)[0]
        # a name joiner needs no count: a hyphen between Han characters is inside one name
        if ch and c >= share * n and ((_HAN.match(ch) and ch not in neutral
                                       and (n >= min_occurrences or side == name_side))
                                      or ch in NAME_JOINERS):
            return f"{ch}+" if side == "left" else f"+{ch}"
    return None


def complete_cut_piece(term: str, texts: Sequence[str], share: float = 0.75, min_occurrences: int = 3,
                       max_chars: int = 24) -> list[str] | None:
    """The longer words a cut piece belongs to, longest first: ``term`` extended a character at a
    time while :func:`zh_cut_piece` finds one beside it (轨道 -> 亚轨道 -> 亚轨道飞行; 训研 -> 训研所),
    keeping the steps that start and end where the segmenter's words do in at least half of their
    occurrences (各国|外交部 is no 国外交部) and add no function word of two characters or more
    (问题 in 问题不限成员名额). ``[term]`` when ``term`` is no cut piece; ``[]`` when no step is whole."""
    from .lexicon import stopwords

    function_words = stopwords("zh")
    cur, steps = term, []
    name_side = None
    while len(cur) < max_chars:
        cut = zh_cut_piece(cur, texts, share, min_occurrences, name_side)
        if cut is None:
            break
        cur = cut[0] + cur if cut.endswith("+") else cur + cut[-1]
        if cut.strip("+") in NAME_JOINERS:
            name_side = "left" if cut.endswith("+") else "right"
        steps.append(cur)
    if not steps:
        return [term]
    out = []
    for whole in reversed(steps):
        at = whole.find(term)
        hits = [(t, x) for t in texts for x in _finds(t, whole)]
        if at > 0 and 2 * sum(x in _word_starts(t) for t, x in hits) < len(hits):
            continue
        if at + len(term) < len(whole) and 2 * sum(x + len(whole) in _word_ends(t) for t, x in hits) < len(hits):
            continue
        added = [w for part in (whole[:at], whole[at + len(term):]) if part
                 for c in _tokens(part).chunks for w in c]
        if any(len(w) > 1 and w in function_words for w in added):
            continue
        if name_side and not _name_words_only(whole, at, len(term), name_side):
            continue
        out.append(whole)
    return out


_NAME_TAGS = ("n", "x", "j", "eng")     # jieba tags of nouns, names, abbreviations, unknown strings


def _name_words_only(whole: str, at: int, size: int, side: str) -> bool:
    """Are the words a piece grew by across a name hyphen, beyond the hyphen, nouns or names
    (纳戈尔诺 in 纳戈尔诺-卡拉巴赫) and no verb, preposition or adverb (解决 in 解决纳戈尔诺-…)?"""
    from .tokenize import zh_pos_tokenizer

    added = (0, at) if side == "left" else (at + size, len(whole))
    pos = 0
    for w in zh_pos_tokenizer().cut(whole, HMM=True):
        start, pos = pos, pos + len(w.word)
        if start >= added[0] and pos <= added[1] and w.word not in NAME_JOINERS and not w.flag.startswith(_NAME_TAGS):
            return False
    return True


def _occurrences(texts: Sequence[str], term: str) -> list[tuple[str, int]]:
    out = []
    for t in texts:
        start = t.find(term)
        while start >= 0:
            out.append((t, start))
            start = t.find(term, start + 1)
    return out


@functools.lru_cache(maxsize=4096)
def _tokens(text: str):
    from .tokenize import tokenize

    return tokenize(text, "zh")


def _may_grow(term: str, texts: Sequence[str], share: float, min_occurrences: int) -> bool:
    """Cheap test first: do at least ``share`` of the occurrences have the same character on one side?"""
    stop = zh_extension_stop()
    left: Counter = Counter()
    right: Counter = Counter()
    n = 0
    for t in texts:
        at = t.find(term)
        while at >= 0:
            n += 1
            if at > 0:
                left[t[at - 1]] += 1
            end = at + len(term)
            if end < len(t):
                right[t[end]] += 1
            at = t.find(term, at + 1)
    if n < min_occurrences:
        return False
    return any(c >= share * n and _HAN.match(ch) and ch not in stop
               for cnt in (left, right) if cnt for ch, c in [cnt.most_common(1)[0]])


def grow_zh(term: str, texts: Sequence[str], share: float = 0.8, min_occurrences: int = 3,
            max_chars: int = 24, verb_share: float = 0.9) -> str:
    """The longest run of whole words around ``term`` that at least ``share`` of its occurrences in
    ``texts`` have in common. Growing goes by jieba's words (never half a word), stops at
    punctuation, Latin text, function words (``stop_zh.txt``) and the characters of
    ``zh_extension_stop.txt``; a word added on the right must be nominal (Chinese noun phrases are
    head-final); a verb is added on the left only when ``verb_share`` of the occurrences have it
    (建立 in 建立信任措施, 提高 in 提高妇女地位)."""
    if not term or term.startswith("《") or not _HAN.search(term):
        return term
    from .candidates import zh_bad_start_tags, zh_head_tags

    if not _may_grow(term, texts, share, min_occurrences):
        return term
    occ = []        # (tokens, tags, first token index, end token index) per occurrence
    for t in texts:
        if term not in t:
            continue
        tok = _tokens(t)
        for ci, chunk in enumerate(tok.chunks):
            tags = tok.tags[ci] if tok.tags else ("",) * len(chunk)
            joined = "".join(chunk)
            bounds = [0]
            for w in chunk:
                bounds.append(bounds[-1] + len(w))
            at = joined.find(term)
            while at >= 0:
                end = at + len(term)
                i = max(b for b in range(len(chunk)) if bounds[b] <= at)
                j = min(b for b in range(1, len(chunk) + 1) if bounds[b] >= end)
                occ.append((chunk, tags, i, j, at - bounds[i], bounds[j] - end))
                at = joined.find(term, at + 1)
    n = len(occ)
    if n < min_occurrences:
        return term
    stop = zh_extension_stop()
    from .lexicon import stopwords

    function_words = stopwords("zh")
    head, bad_start = zh_head_tags(), zh_bad_start_tags()
    # the term may begin or end inside a word (联阿 in 联阿安全部队 cut as 联/阿/安全部队): those
    # occurrences already carry the rest of the word; that is the first growth
    left, right = 0, 0
    text = term
    cur = [(c, g, i, j) for c, g, i, j, _, _ in occ]
    lead = Counter(c[i][: off] for (c, g, i, j), (_, _, _, _, off, _) in zip(cur, occ))
    trail = Counter(c[j - 1][len(c[j - 1]) - off:] if off else "" for (c, g, i, j), (_, _, _, _, _, off) in zip(cur, occ))
    lw, lc = lead.most_common(1)[0]
    rw, rc = trail.most_common(1)[0]
    if lw and lc >= share * n:
        text = lw + text
    if rw and rc >= share * n:
        text = text + rw
    keep = [k for k, o in enumerate(occ) if (not lw or lc < share * n or cur[k][0][cur[k][2]][: o[4]] == lw)
            and (not rw or rc < share * n or (o[5] and cur[k][0][cur[k][3] - 1][-o[5]:] == rw))]
    cur = [cur[k] for k in keep]
    while len(text) < max_chars:
        grown = False
        for side in ("left", "right"):
            words: Counter = Counter()
            for c, g, i, j in cur:
                k = i - 1 - left if side == "left" else j + right
                if 0 <= k < len(c):
                    words[(c[k], g[k])] += 1
            if not words:
                continue
            (w, tag), cnt = words.most_common(1)[0]
            if cnt < share * n or not all(_HAN.match(ch) for ch in w) or any(ch in stop for ch in w):
                continue
            if w in function_words:
                continue            # a term neither opens nor closes on a function word (包括 "including")
            if side == "right" and tag and not tag.startswith(head) and not (tag.startswith("v") and cnt >= verb_share * n):
                continue            # 组织 in 基地组织, 同意 in 知情同意: a verb only when nearly always there
            if side == "left" and tag and tag.startswith(bad_start) and cnt < verb_share * n:
                continue
            if len(text) + len(w) > max_chars:
                continue
            cur = [(c, g, i, j) for c, g, i, j in cur
                   if 0 <= (i - 1 - left if side == "left" else j + right) < len(c)
                   and c[i - 1 - left if side == "left" else j + right] == w]
            if side == "left":
                left += 1
                text = w + text
            else:
                right += 1
                text = text + w
            grown = True
        if not grown:
            break
    if text == term and n >= 5:
        # the segmenter glued the first characters of the name to the word before it in some
        # occurrences (对联/阿/安全部队 for 联阿安全部队): characters on the left, while nearly all
        # occurrences have them
        grown_text = text
        while len(grown_text) < max_chars:
            chars = Counter(t[at - 1] for t in texts for at in _finds(t, grown_text) if at > 0)
            if not chars:
                break
            ch, c = chars.most_common(1)[0]
            if c < verb_share * n or not _HAN.match(ch) or ch in stop:
                break
            grown_text = ch + grown_text
        if grown_text != text:
            # the grown name must start where a word starts in at least half of its occurrences
            # (联|阿|安全部队 yes; 共和|国领空 no)
            hits = [(t, at) for t in texts for at in _finds(t, grown_text)]
            if 2 * sum(at in _word_starts(t) for t, at in hits) >= len(hits):
                text = grown_text
    return text


def _word_starts(text: str) -> frozenset[int]:
    """Character offsets in ``text`` where a jieba word starts."""
    return _word_bounds(text)[0]


def _word_ends(text: str) -> frozenset[int]:
    """Character offsets in ``text`` where a jieba word ends (and the text's end)."""
    return _word_bounds(text)[1]


@functools.lru_cache(maxsize=4096)
def _word_bounds(text: str) -> tuple[frozenset[int], frozenset[int]]:
    """Where the segmenter's words of ``text`` start and end: one pass, asked per occurrence."""
    starts, ends, pos = set(), {len(text)}, 0
    for chunk in _tokens(text).chunks:
        for w in chunk:
            at = text.find(w, pos)
            if at < 0:
                continue
            starts.add(at)
            pos = at + len(w)
            ends.add(pos)
    return frozenset(starts), frozenset(ends)


def _finds(text: str, term: str) -> list[int]:
    out, at = [], text.find(term)
    while at >= 0:
        out.append(at)
        at = text.find(term, at + 1)
    return out


@functools.lru_cache(maxsize=8192)
def _latin_tokens(text: str, lang: str) -> tuple[tuple[str, ...], ...]:
    from .tokenize import tokenize

    return tuple(tuple(c) for c in tokenize(text, lang).chunks)


def grow_latin(term: str, texts: Sequence[str], lang: str, share: float = 0.8, min_occurrences: int = 3,
               max_words: int = 16, accept=None) -> str:
    """The longest run of words around ``term`` that at least ``share`` of its occurrences in
    ``texts`` have in common ("field support" -> "Department of Field Support"), as the texts write
    it. Function words (``stop_<lang>.txt``) may sit inside but never open or close the result;
    ``accept(word)`` may refuse a content word (one that translates something outside the other
    side's term)."""
    from .lexicon import stopwords

    words = term.split()
    if not words or term.startswith("《"):
        return term
    low = [w.lower() for w in words]
    m = len(low)
    occ = []
    for t in texts:
        if words[0].lower() not in t.lower():
            continue
        for chunk in _latin_tokens(t, lang):
            lc = [w.lower() for w in chunk]
            for i in range(len(lc) - m + 1):
                if lc[i : i + m] == low:
                    occ.append((chunk, i, i + m))
    n = len(occ)
    if n < min_occurrences:
        return term
    stop = stopwords(lang)
    left = right = 0
    while m + left + right < max_words:
        grown = False
        for side in ("left", "right"):
            cnt: Counter = Counter()
            for chunk, i, j in occ:
                k = i - left - 1 if side == "left" else j + right
                if 0 <= k < len(chunk):
                    cnt[chunk[k].lower()] += 1      # the same word whatever its capitals (of all / of All)
            if not cnt:
                continue
            w, c = cnt.most_common(1)[0]
            if c < share * n or not any(ch.isalnum() for ch in w):
                continue
            is_stop = w in stop
            spelt = next(chunk[k] for chunk, i, j in occ
                         for k in [i - left - 1 if side == "left" else j + right]
                         if 0 <= k < len(chunk) and chunk[k].lower() == w)
            if not is_stop and accept is not None and not accept(spelt):
                continue
            occ = [(ch, i, j) for ch, i, j in occ
                   if 0 <= (i - left - 1 if side == "left" else j + right) < len(ch)
                   and ch[i - left - 1 if side == "left" else j + right].lower() == w]
            if side == "left":
                left += 1
            else:
                right += 1
            grown = True
        if not grown:
            break
    if not occ or (left, right) == (0, 0):
        return term
    from .candidates import join_latin

    # function words may sit inside but never open or close the result: trim them from the grown
    # edges ("the" taken on the left while the right grew into the full name)
    chunk, i, j = occ[0]
    lo, hi = i - left, j + right
    while lo < i and chunk[lo].lower() in stop:
        lo += 1
    while hi > j and chunk[hi - 1].lower() in stop:
        hi -= 1
    if (lo, hi) == (i, j):
        return term
    return join_latin(chunk[lo:hi])
