"""Paragraph and sentence alignment of parsed documents, two-way and multi-way.

Paragraph level: the blocks of two :class:`~unmark.model.Document` versions are
aligned by the same banded DP as sentences (:mod:`unmark.align.sentence`), with
block-level anchors weighted by rarity — document symbols, URLs, dates, figures,
paragraph numbers, footnote labels (strong when rare); ``1.``/``(a)`` alone weak —
plus the character-length model; 1-n / n-1 merges and 1-0 / 0-1 skips (front matter
present in one version only) are beads like any other. Footnotes are aligned
after the body, the same way.

Sentence level: paragraph alignment first, then sentence alignment inside each
aligned pair of paragraph groups.

Multi-way: every other document is aligned to a pivot (the first document, or
``pivot``); the pivot units grouped together by any language form one row, so the
table has one column per language.
"""
from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass, field
from typing import Sequence

from .. import labels as _labels
from ..errors import AlignmentError
from ..lang import LANGUAGES, split_sentences
from ..model import Block, Document, Footnote
from . import anchors as _anchors
from . import calibrate as _calibrate
from . import repair as _repair
from . import sentence as _sentence
from .types import AlignedRow, Alignment, Segment

log = logging.getLogger(__name__)

# rows whose calibrated confidence (probability that the row is right) is below this are flagged
LOW_CONFIDENCE = _calibrate.threshold()

# skip_penalty < 0 makes a 1-0 / 0-1 bead a little cheaper than its prior says (furniture and units
# missing from one version are common in parsed documents); digit_weight keeps a job number or a
# table of figures from pairing with running text (a short heading then joins its own row instead).
# Chosen on the development sets, all at once (bench/bench_align_flags.py, table "accuracy").
PARAGRAPH_PARAMS = _sentence.Params(
    anchor_weight=2.0, anchor_tau=0.15, dict_weight=1.0, dict_tau=0.15, embed_weight=2.0, embed_tau=0.3,
    band=400, band2=40, hash_dim=4096, skip_penalty=-1.0, digit_weight=2.0,
)


# --------------------------------------------------------------------------- units
@dataclass(frozen=True)
class Unit:
    """One alignable piece of a document: a block, a footnote or a sentence of either."""

    text: str
    keys: tuple[str, ...]
    block_index: int | None
    label: str | None
    page: int | None
    part: str            # "body" | "notes"
    sentence_index: int | None = None
    # the anchor keys of ``text`` with punctuation (``anchors.extract(text, punctuation=True)``), the
    # calibration's evidence, when found with the unit's own keys (None: not computed)
    anchors: tuple[str, ...] | None = field(default=None, compare=False, repr=False)


def _label_keys(label: str | None, number: int | None, btype: str) -> list[str]:
    if btype == "paragraph" and number is not None:
        return [f"para:{number}"]
    v = _anchors.label_value(label)
    if v is None:
        return []
    if btype == "heading":
        return [f"head:{v}"]
    if v.isdigit():
        return [f"para:{v}"]
    return [f"item:{v}"]


# kinds of a label read from the start of a block's text, as anchor keys
_LEAD_KIND = {"paragraph": "para", "chapter": "head", "section": "head"}


def _lead_keys(text: str) -> list[str]:
    """The label that starts ``text`` (``12.``, ``III.``, ``三、``, ``B.``), as the key a labelled block
    of that kind gets: a block whose segmentation found no label (a heading glued to its paragraph,
    text from another tool) still anchors on the number it starts with."""
    m = _labels.match_label(text.lstrip())
    if m is None or m.kind not in _LEAD_KIND:
        return []
    v = _anchors.label_value(m.num or m.label)
    return [f"{_LEAD_KIND[m.kind]}:{v}"] if v else []


def _block_keys(b: Block, lead_labels: bool = True, found: Sequence[str] | None = None) -> list[str]:
    """``found``: the anchor keys of ``b.full_text()`` when already extracted."""
    keys = _label_keys(b.label, b.number, b.type)
    if not keys and lead_labels:
        keys = _lead_keys(b.full_text(" "))
    keys += _anchors.extract(b.full_text()) if found is None else found
    keys += [f"fn:{lab}" for lab in b.all_footnote_labels()]
    for s in b.symbols:
        if s.kind == "document":
            keys.append("sym:" + unicodedata.normalize("NFKC", s.text).rstrip(".").upper())
    for it in b.items:
        v = _anchors.label_value(it.label)
        if v:
            keys.append(f"item:{v}")
    return keys


def _block_label(b: Block) -> str | None:
    if b.type == "paragraph" and b.number is not None:
        return str(b.number)
    if b.label:
        return b.label.strip()
    return None


def _first_page(pages: Sequence[int]) -> int | None:
    return pages[0] if pages else None


def block_units(doc: Document, lead_labels: bool = True) -> list[Unit]:
    """Body blocks then footnotes, each one unit. ``lead_labels``: a block without a label of its
    own anchors on the label its text starts with (:func:`_lead_keys`)."""
    out = []
    for i, b in enumerate(doc.blocks):
        text = b.full_text(" ")
        if not text.strip():
            continue
        found = _anchors.extract(b.full_text())
        # (without items the unit's text is b.full_text(): its anchors are found already)
        anchors = found + _anchors.punctuation_keys(text) if not b.items else \
            _anchors.extract(text, punctuation=True)
        out.append(Unit(text, tuple(_block_keys(b, lead_labels, found)), i, _block_label(b), _first_page(b.pages),
                        "body", anchors=tuple(anchors)))
    out.extend(_footnote_units(doc.footnotes))
    return out


def _footnote_units(notes: Sequence[Footnote]) -> list[Unit]:
    out = []
    for f in notes:
        if not f.text.strip():
            continue
        found = _anchors.extract(f.text)
        keys = [f"fn:{f.label}"] + found
        out.append(Unit(f.text, tuple(keys), None, f"fn {f.label}", _first_page(f.pages), "notes",
                        anchors=tuple(found + _anchors.punctuation_keys(f.text))))
    return out


def _split(text: str, lang: str | None) -> list[tuple[int, int]]:
    if lang in LANGUAGES:
        return list(split_sentences(text, lang))
    # a language without rules (a column named "de", or none): the tiny fallback
    return _fallback_split(text)


def _fallback_split(text: str) -> list[tuple[int, int]]:
    """Tiny private splitter: after 。！？!? and after . followed by a space and a capital."""
    spans = []
    start = 0
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        end = None
        if ch in "。！？!?；":
            end = i + 1
        elif ch == "." and i + 2 < n and text[i + 1] == " " and text[i + 2].isupper():
            end = i + 1
        if end is not None:
            while end < n and text[end] in "”’\"»）)":
                end += 1
            if text[start:end].strip():
                spans.append((start, end))
            start = end
            i = end
            continue
        i += 1
    if text[start:].strip():
        spans.append((start, n))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        out.append((a, b))
    return out


def _spans(text: str, given: Sequence[tuple[int, int]], lang: str | None) -> list[tuple[int, int]]:
    spans = [tuple(s) for s in given if s[1] > s[0]]
    return spans or _split(text, lang)  # type: ignore[return-value]


def _sentence_unit(text: str, block_index: int | None, label: str | None, page: int | None, part: str,
                   k: int) -> Unit:
    keys = tuple(_anchors.extract(text, punctuation=True))
    return Unit(text, keys, block_index, label, page, part, k, anchors=keys)


def sentence_units(doc: Document, lang: str | None) -> list[Unit]:
    """Sentences of every block (block text, then each item with its label), then of footnotes."""
    out: list[Unit] = []
    for i, b in enumerate(doc.blocks):
        label = _block_label(b)
        page = _first_page(b.pages)
        k = 0
        if b.text.strip():
            for a, e in _spans(b.text, b.sentences, lang):
                t = b.text[a:e]
                out.append(_sentence_unit(t, i, label, page, "body", k))
                k += 1
        for it in b.items:
            for n, (a, e) in enumerate(_spans(it.text, it.sentences, lang)):
                t = it.text[a:e]
                if n == 0 and it.label:
                    t = f"{it.label} {t}"
                out.append(_sentence_unit(t, i, label, page, "body", k))
                k += 1
    for f in doc.footnotes:
        page = _first_page(f.pages)
        for k, (a, e) in enumerate(_spans(f.text, f.sentences, lang)):
            t = f.text[a:e]
            out.append(_sentence_unit(t, None, f"fn {f.label}", page, "notes", k))
    return out


# --------------------------------------------------------------------------- languages
def doc_lang(doc: Document) -> str | None:
    return doc.language or doc.metadata.language


def assign_langs(docs: Sequence[Document], langs: Sequence[str] | None = None) -> list[str]:
    """Column name per document: its language, made unique (``en``, ``en-2``)."""
    out: list[str] = []
    for k, d in enumerate(docs):
        base = (langs[k] if langs and k < len(langs) and langs[k] else None) or doc_lang(d) or f"l{k + 1}"
        name, n = base, 2
        while name in out:
            name = f"{base}-{n}"
            n += 1
        out.append(name)
    return out


def _norm_symbol(s: str | None) -> str | None:
    if not s:
        return None
    return unicodedata.normalize("NFKC", s).replace(" ", "").upper()


def symbol_warnings(docs: Sequence[Document], langs: Sequence[str]) -> list[dict]:
    """W301 when the documents carry different symbols (not the same document)."""
    syms = [(lg, _norm_symbol(d.metadata.symbol)) for lg, d in zip(langs, docs)]
    known = [(lg, s) for lg, s in syms if s]
    if len({s for _, s in known}) > 1:
        listing = ", ".join(f"{lg}: {s}" for lg, s in known)
        return [{"code": "W301", "message": f"the documents have different symbols ({listing})"}]
    return []


# --------------------------------------------------------------------------- pairwise
Bead = tuple[list[int], list[int], float]


def _align_units(a: Sequence[Unit], b: Sequence[Unit], la: str | None, lb: str | None, *, embed: bool,
                 params: _sentence.Params, stats: dict | None = None) -> list[Bead]:
    if not a or not b:
        if stats is not None:
            stats["posterior"] = [1.0] * (len(a) + len(b))
            stats["boundary"] = [1.0] * (len(a) + len(b))
        return [([i], [], 0.0) for i in range(len(a))] + [([], [j], 0.0) for j in range(len(b))]
    return _sentence.align([u.text for u in a], [u.text for u in b], la, lb, embed=embed, params=params,
                           keys=([u.keys for u in a], [u.keys for u in b]), stats=stats)


def _align_parts(a: Sequence[Unit], b: Sequence[Unit], la, lb, *, embed: bool, params,
                 stats: dict | None = None) -> list[Bead]:
    """Body with body, notes with notes (indices stay global). ``stats``: receives ``"posterior"``,
    ``"boundary"`` and the aligner's other per-bead figures, one each per bead (see
    :func:`unmark.align.sentence.align`)."""
    out: list[Bead] = []
    post: dict[str, list[float]] = {"posterior": [], "boundary": []}
    for part in ("body", "notes"):
        ia = [i for i, u in enumerate(a) if u.part == part]
        ib = [j for j, u in enumerate(b) if u.part == part]
        st: dict | None = {} if stats is not None else None
        before = len(out)
        for s, t, c in _align_units([a[i] for i in ia], [b[j] for j in ib], la, lb, embed=embed, params=params,
                                    stats=st):
            out.append(([ia[x] for x in s], [ib[y] for y in t], c))
        if st is not None:
            # every per-bead figure the aligner gave (1.0 for a part that has none of that kind)
            for key in set(post) | {k for k, v in st.items() if isinstance(v, list)}:
                post.setdefault(key, [1.0] * before)
                post[key] += st.get(key, [1.0] * (len(out) - before))
    if stats is not None:
        stats.update(post)
    return out


def paragraph_beads(a: Document, b: Document, la: str | None, lb: str | None, *, embed: bool = False,
                    stats: dict | None = None, params: _sentence.Params | None = None,
                    lead_labels: bool = True, repair: bool = True) -> tuple[list[Unit], list[Unit], list[Bead]]:
    """Units of both documents and their beads. ``stats``: receives ``"posterior"`` and
    ``"boundary"``, one figure each per bead (see :func:`unmark.align.sentence.align`).
    ``params``/``lead_labels``/``repair``: other aligner settings (benchmarks compare them; default
    :data:`PARAGRAPH_PARAMS`, label anchors read from the text, and a heading the aligner left one row
    off moved back, :func:`unmark.align.repair.repair`)."""
    ua, ub = block_units(a, lead_labels), block_units(b, lead_labels)
    beads = _align_parts(ua, ub, la, lb, embed=embed, params=params or PARAGRAPH_PARAMS, stats=stats)
    if repair:
        beads = _repair.repair(beads, [u.text for u in ua], [u.text for u in ub], stats, langs=(la, lb),
                               parts=([u.part for u in ua], [u.part for u in ub]))
    return ua, ub, beads


def sentence_beads(a: Document, b: Document, la: str | None, lb: str | None, *, embed: bool = False,
                   stats: dict | None = None) -> tuple[list[Unit], list[Unit], list[Bead]]:
    """Paragraph alignment, then sentence alignment inside each aligned group. ``stats``: receives
    ``"posterior"`` and ``"boundary"`` per bead: the paragraph bead's figure times the sentence
    bead's inside it."""
    pst: dict | None = {} if stats is not None else None
    pa, pb, pbeads = paragraph_beads(a, b, la, lb, embed=embed, stats=pst)
    ppost = pst["posterior"] if pst is not None else [1.0] * len(pbeads)
    pbound = pst["boundary"] if pst is not None else [1.0] * len(pbeads)
    post: list[float] = []
    bound: list[float] = []
    sa, sb = sentence_units(a, la), sentence_units(b, lb)

    def index(units: list[Unit]) -> dict[tuple[str, object], list[int]]:
        idx: dict[tuple[str, object], list[int]] = {}
        for k, u in enumerate(units):
            key = (u.part, u.block_index if u.part == "body" else u.label)
            idx.setdefault(key, []).append(k)
        return idx

    ia, ib = index(sa), index(sb)

    def members(pu: list[Unit], ids: list[int], idx) -> list[int]:
        out: list[int] = []
        for i in ids:
            u = pu[i]
            out += idx.get((u.part, u.block_index if u.part == "body" else u.label), [])
        return out

    beads: list[Bead] = []
    sp = _sentence.Params()
    vecs = None
    if embed:
        # encode every sentence of each document once, in large batches, and centre each side on
        # its whole-document mean (the aligned groups are usually too small to centre on their own)
        from .embed import encode

        va, vb = encode([u.text for u in sa], la), encode([u.text for u in sb], lb)
        if len(sa) >= _sentence.CENTRE_MIN and len(sb) >= _sentence.CENTRE_MIN:
            va, vb = _sentence.centre_embeddings(va), _sentence.centre_embeddings(vb)
        vecs = (va, vb)
        sp = _sentence.Params(embed_centre=False)
    for (s_ids, t_ids, pconf), pp, pbd in zip(pbeads, ppost, pbound):
        xs, ys = members(pa, s_ids, ia), members(pb, t_ids, ib)
        if not xs or not ys:
            beads += [([x], [], 0.0) for x in xs] + [([], [y], 0.0) for y in ys]
            post += [pp] * (len(xs) + len(ys))
            bound += [pbd] * (len(xs) + len(ys))
            continue
        if len(xs) == 1 and len(ys) == 1:
            beads.append((xs, ys, pconf))
            post.append(pp)
            bound.append(pbd)
            continue
        emb = (vecs[0][xs], vecs[1][ys]) if vecs is not None else None
        st: dict = {}
        for s, t, c in _sentence.align([sa[x].text for x in xs], [sb[y].text for y in ys], la, lb, embed=embed,
                                       params=sp, embeddings=emb, stats=st if stats is not None else None):
            beads.append(([xs[k] for k in s], [ys[k] for k in t], round(min(c, max(pconf, 0.3)) if s and t else c, 3)))
        post += [pp * q for q in st.get("posterior", [])]
        bound += [pbd * q for q in st.get("boundary", [])]
    if stats is not None:
        stats["posterior"] = post
        stats["boundary"] = bound
    return sa, sb, beads


# --------------------------------------------------------------------------- table
def _segment(units: Sequence[Unit], ids: Sequence[int], lang: str, doc: Document, level: str) -> Segment | None:
    if not ids:
        return None
    us = [units[i] for i in ids]
    if level == "paragraph":
        sep = "\n"
    else:
        sep = "" if lang.split("-")[0] in ("zh", "ja") else " "
    labels: list[str] = []
    for u in us:
        if u.label and u.label not in labels:
            labels.append(u.label)
    return Segment(
        lang=lang,
        text=sep.join(u.text for u in us),
        symbol=doc.metadata.symbol,
        page=us[0].page,
        paragraph="+".join(labels) if labels else None,
        block_index=us[0].block_index,
        sentence_index=us[0].sentence_index,
        source=doc.source_name,
    )


def _kind(sizes: Sequence[int]) -> str:
    return "-".join(str(s) for s in sizes)


def combine(pivot_units: Sequence[Unit], pairwise: Sequence[tuple[str, Sequence[Unit], Document, list[Bead]]],
            pivot_lang: str, pivot_doc: Document, level: str) -> list[AlignedRow]:
    """Merge pivot↔other bead lists into rows: pivot units grouped by any language share a row."""
    n = len(pivot_units)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for _, _, _, beads in pairwise:
        for s, _, _ in beads:
            for x in s[1:]:
                ra, rb = find(s[0]), find(x)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    group_of = {i: r for r, members in groups.items() for i in members}
    order = sorted(groups, key=lambda r: groups[r][0])
    pos_of = {r: k for k, r in enumerate(order)}
    cells: dict[int, dict[str, list[int]]] = {r: {} for r in order}
    confs: dict[int, list[float]] = {r: [] for r in order}
    orphans: dict[int, list[tuple[str, list[int]]]] = {}  # after pivot group position -> rows
    for lang, _, _, beads in pairwise:
        last = -1
        for s, t, c in beads:
            if s:
                r = group_of[s[0]]
                last = pos_of[r]
                cells[r].setdefault(lang, []).extend(t)
                confs[r].append(c if t else 0.0)
            elif t:
                orphans.setdefault(last, []).append((lang, t))
    others = [p[0] for p in pairwise]
    rows: list[AlignedRow] = []

    def orphan_rows(pos: int) -> None:
        for lang, t in orphans.get(pos, []):
            unit_list, doc = next((u, d) for lg, u, d, _ in pairwise if lg == lang)
            cell: dict[str, Segment | None] = {pivot_lang: None}
            for lg in others:
                cell[lg] = _segment(unit_list, t, lang, doc, level) if lg == lang else None
            rows.append(AlignedRow(cell, 0.0, _kind([0] + [len(t) if lg == lang else 0 for lg in others])))

    orphan_rows(-1)
    for pos, r in enumerate(order):
        ids = groups[r]
        cell = {pivot_lang: _segment(pivot_units, ids, pivot_lang, pivot_doc, level)}
        sizes = [len(ids)]
        for lang, units, doc, _ in pairwise:
            t = sorted(set(cells[r].get(lang, [])))
            cell[lang] = _segment(units, t, lang, doc, level)
            sizes.append(len(t))
        conf = min(confs[r]) if confs[r] else 0.0
        rows.append(AlignedRow(cell, round(conf, 3), _kind(sizes)))
        orphan_rows(pos)
    return rows


def _unit_anchors(units: Sequence[Unit]) -> list[Sequence[str]]:
    """Each unit's anchor keys with punctuation (found with the unit, else now)."""
    return [u.anchors if u.anchors is not None else _anchors.extract(u.text, punctuation=True) for u in units]


def align_many(docs: Sequence[Document], *, level: str = "paragraph", embed: bool = False,
               pivot: str | int | None = None, langs: Sequence[str] | None = None) -> Alignment:
    """Align two or more language versions; one column per language, pivot first."""
    if len(docs) < 2:
        raise AlignmentError("alignment needs at least two documents", code="E301")
    if level not in ("paragraph", "sentence"):
        raise AlignmentError(f"unknown level {level!r} (paragraph or sentence)", code="E304")
    names = assign_langs(docs, langs)
    if pivot is None:
        p = 0
    elif isinstance(pivot, int):
        p = pivot
    elif pivot in names:
        p = names.index(pivot)
    else:
        raise AlignmentError(f"pivot {pivot!r} is not one of {names}", code="E305")
    codes = [doc_lang(d) or n.split("-")[0] for d, n in zip(docs, names)]
    pdoc, plang = docs[p], names[p]
    pairwise = []
    pivot_units: list[Unit] | None = None
    for k, d in enumerate(docs):
        if k == p:
            continue
        fn = sentence_beads if level == "sentence" else paragraph_beads
        st: dict = {}
        ua, ub, beads = fn(pdoc, d, codes[p], codes[k], embed=embed, stats=st)
        beads = _calibrate.calibrate(beads, [u.text for u in ua], [u.text for u in ub], level,
                                     posterior=st["posterior"], boundary=st["boundary"],
                                     keys=(_unit_anchors(ua), _unit_anchors(ub)),
                                     langs=(doc_lang(pdoc), doc_lang(d)))
        pivot_units = ua
        pairwise.append((names[k], ub, d, beads))
    assert pivot_units is not None
    rows = combine(pivot_units, pairwise, plang, pdoc, level)
    order = [plang] + [n for k, n in enumerate(names) if k != p]
    warnings = symbol_warnings(docs, names)
    for w in warnings:
        log.warning("%s: %s", w["code"], w["message"])
    meta = {
        "pivot": plang,
        "embed": embed,
        "sources": {n: d.source_name for n, d in zip(names, docs)},
        "symbols": {n: d.metadata.symbol for n, d in zip(names, docs)},
        "low_confidence": _calibrate.threshold(level),
        "confidence": "calibrated probability that the row is right (resources/align/calibration.json)",
    }
    return Alignment(tuple(order), tuple(rows), level, tuple(warnings), meta)
