"""Score a parsed document against the truth of a generated PDF (unpdf's truth files or
cjkpdf's): paragraphs, headings and items as label + text, footnotes with their markers,
metadata, furniture. Used by bench/bench_producers.py and tests/pdf/test_pdf_producers.py."""
from __future__ import annotations

import difflib
import unicodedata

import regex as re

_WS = re.compile(r"\s+")
_NUM_LABEL = re.compile(r"^(\d+)[.．]$")


def norm(s: str | None) -> str:
    return _WS.sub(" ", s or "").strip()


def _key_label(lab: str | None) -> str:
    return norm(lab)


def truth_units(truth: dict) -> dict[str, list[tuple[str, str, tuple]]]:
    """(label, text, markers) per kind, in reading order; blocks unpdf's self-check could not
    locate in its own PDF (a generator defect) are left out."""
    skip = set()
    for p in truth.get("self_check", {}).get("problems", []):
        m = re.match(r"block (\d+) not located", p)
        if m:
            skip.add(int(m.group(1)))
    out: dict[str, list] = {"paragraph": [], "heading": [], "item": []}
    blocks = truth["blocks"]
    for i, b in enumerate(blocks):
        if i in skip or b["type"] == "front":
            continue
        marks = tuple((m["label"], m["offset"]) for m in b.get("markers", []))
        if b["type"] == "item" and truth.get("producer") != "cjkpdf":
            out["item"].append((_key_label(b.get("label")), norm(b["text"]), marks))
            continue
        lab = b.get("label")
        out[b["type"]].append((_key_label(lab), norm(b["text"]), marks))
        for it in b.get("items", []) or []:
            im = tuple((m["label"], m["offset"]) for m in it.get("markers", []))
            out["item"].append((_key_label(it["label"]), norm(it["text"]), im))
    return out


def doc_units(doc) -> dict[str, list[tuple[str, str, tuple]]]:
    out: dict[str, list] = {"paragraph": [], "heading": [], "item": []}
    for b in doc.blocks:
        if b.type in ("paragraph", "heading"):
            out[b.type].append((_key_label(b.label), norm(b.text),
                                tuple((r.label, r.offset) for r in b.footnote_refs if r.item is None)))
        for k, it in enumerate(b.items):
            out["item"].append((_key_label(it.label), norm(it.text),
                                tuple((r.label, r.offset) for r in it.footnote_refs)))
    return out


def lost_chars(doc, text: str) -> frozenset:
    """Characters of the parsed PDF that another tool's text never holds (pdftotext drops the
    U+00B7 of a non-embedded STSong): no parse of that text can have them, so a comparison of
    decisions leaves them out on both sides."""
    have = set(text)
    return frozenset(c for b in doc.blocks for c in b.full_text("") if c not in have and not c.isspace())


def block_keys(doc, spaces: bool = True, drop: frozenset = frozenset()) -> list[tuple]:
    """(type, label, text) of every body block and item in order. ``spaces=False`` drops all
    whitespace from the text: how another tool spaced Chinese against digits ("第 12 条")
    is not a decision of the parser. ``drop``: characters left out (:func:`lost_chars`)."""
    keys = []
    sq = norm if spaces else (lambda t: "".join(c for c in (t or "") if not c.isspace() and c not in drop))
    for b in doc.blocks:
        if b.type == "front":
            continue
        keys.append((b.type, norm(b.label), sq(b.text)))
        keys += [("item", norm(it.label), sq(it.text)) for it in b.items]
    return keys


def agreement(a: list, b: list) -> float:
    if not a and not b:
        return 1.0
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(m.size for m in sm.get_matching_blocks()) / max(len(a), len(b))


def expected_metadata(src: dict) -> dict[str, str]:
    """What the metadata must say, from the document JSON the PDF was made from."""
    exp = {"symbol": src["symbol"], "job_number": src["job_number"]}
    for k in ("date", "organ", "title", "subtitle"):
        if src.get(k):
            exp[k] = src[k]
    for f in src.get("front", []):
        t = f if isinstance(f, str) else f["text"]
        t = re.sub(r"\[\^[^\]]+\]", "", t)
        m = re.match(r"^(?:临时)?议程项目\s*(.+)$|^(?:Provisional a|A)genda items?\s+(.+)$", t)
        if m:
            exp["agenda_item"] = (m.group(1) or m.group(2)).strip()
    return exp


def score(doc, truth: dict, src: dict | None = None) -> dict:
    """Counts per metric: paragraphs/headings/items exact (label + text), footnotes with their
    marker, metadata fields, furniture leaks."""
    want, got = truth_units(truth), doc_units(doc)
    res: dict = {}
    wrong: list[str] = []
    for kind in ("paragraph", "heading", "item"):
        pool = [(lab, t) for lab, t, _ in got[kind]]
        ok = 0
        for lab, t, _ in want[kind]:
            if (lab, t) in pool:
                pool.remove((lab, t))
                ok += 1
            else:
                wrong.append(f"{kind} {lab} {t[:50]}")
        res[kind] = (ok, len(want[kind]))
    # footnotes: the note text under its label, and its marker at the right place
    notes_got = {(f.label, norm(f.text)) for f in doc.footnotes}
    refs_got: set[tuple] = set()
    for kind in ("paragraph", "heading", "item"):
        for lab, t, marks in got[kind]:
            refs_got.update((t, m) for m in marks)
    front_refs = {r.label for b in doc.blocks if b.type == "front" for r in b.footnote_refs}
    where: dict[str, tuple] = {}
    for kind in ("paragraph", "heading", "item"):
        for lab, t, marks in want[kind]:
            for m in marks:
                where.setdefault(m[0], (t, m))
    fn_ok = 0
    for f in truth["footnotes"]:
        lab = f["label"]
        note_ok = (lab, norm(f["text"])) in notes_got
        w = where.get(lab)
        mark_ok = (w in refs_got) if w else (lab in front_refs)
        fn_ok += note_ok and mark_ok
        if not (note_ok and mark_ok):
            wrong.append(f"note {lab} text={'ok' if note_ok else 'WRONG'} marker={'ok' if mark_ok else 'WRONG'}")
    res["footnote"] = (fn_ok, len(truth["footnotes"]))
    md_ok = md_n = 0
    if src is not None:
        for k, v in expected_metadata(src).items():
            md_n += 1
            gv = getattr(doc.metadata, k, None)
            if norm(gv) == norm(v):
                md_ok += 1
            else:
                wrong.append(f"metadata {k}: {gv!r} != {v!r}")
    res["metadata"] = (md_ok, md_n)
    res["furniture"] = furniture(doc, truth)
    res["wrong"] = wrong
    return res


def furniture(doc, truth: dict) -> list[str]:
    texts = [b.full_text(" ") for b in doc.blocks if b.type != "front"] + [f.text for f in doc.footnotes]
    bad = []
    job = truth["job_number"]
    for t in texts:
        for needle in (job, truth.get("barcode") or "\0", *[f["text"] for f in truth.get("running_footer", [])]):
            if needle and needle in t:
                bad.append(f"{needle!r} in {t[:40]!r}")
        if re.search(r"(?:^|\s)\d{1,2}/\d{1,2}(?:\s|$)", t) and re.search(r"\b\d{1,2}/\d{1,2}\b\s*" + re.escape(job[-5:]), t):
            bad.append(f"page label in {t[:40]!r}")
        s = t.strip()
        if s == truth["symbol"] or s.startswith(truth["symbol"] + " ") and len(s) < len(truth["symbol"]) + 4:
            bad.append(f"running header {s!r}")
    return bad


__all__ = ["score", "truth_units", "doc_units", "block_keys", "agreement", "expected_metadata", "norm"]
_ = unicodedata  # NFC is the parser's business; the scorer compares as printed


def truth_failures(doc, truth: dict) -> list:
    """Everything of a fixture's truth the parse does not give (empty when it gives it all): each
    unit kind not all exact (with what is wrong), each metadata field of ``expected_metadata``
    that differs, each furniture leak. The tests of the producer fixtures assert it is empty."""
    s = score(doc, truth)
    out: list = [(kind, s["wrong"]) for kind in ("paragraph", "heading", "item", "footnote") if s[kind][0] != s[kind][1]]
    out += [(k, getattr(doc.metadata, k), v) for k, v in truth.get("expected_metadata", {}).items()
            if norm(getattr(doc.metadata, k)) != norm(v)]
    return out + [("furniture", x) for x in s["furniture"]]
