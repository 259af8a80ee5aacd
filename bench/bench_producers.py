"""Chinese PDFs from many producers: a variant matrix with truth, scored per class.

    python bench/bench_producers.py [--out DIR] [--limit N] [--no-unpdf] [--shared ../shared]

Documents: bench/producers/docs/*_zh.json (real UN text: the seed report CTOC/COP/WG.7/2020/2,
resolution A/RES/55/100, a Secretary-General report with summary and annex, a letter with an
annex). Producers:
- ``unpdf-lo`` / ``unpdf-wl`` / ``unpdf-wt``: ../shared/tools/unpdf (LibreOffice tagged;
  Word-like untagged, glyph by glyph; the Word-like PDF tagged as Word 365 tags it, by
  bench/producers/tag_wordlike.py), with label forms (``1.``, ``1．``, ``１．`` + ``（a）`` + ``一、``) and page
  sizes; skipped with a message when ../shared or its venv is absent.
- ``cjkpdf``: bench/producers/cjkpdf.py, non-embedded standard Asian fonts with predefined
  CMaps (no ToUnicode), synthetic bold, label and footnote separators, marker styles,
  letter-spaced masthead, A4/Letter, justified or not; and (axis ``program``) every character
  in an embedded font program without ToUnicode (bench/producers/cjkembed.py: a name-keyed CFF
  in a CIDFont, a CID-keyed CFF whose ROS names Adobe-GB1, OpenType CFF with a cmap, TrueType
  with a cmap and a CIDToGIDMap, TrueType with glyph names, and ``cff-unnamed``, a CID-keyed
  CFF of Adobe-Identity that names nothing: refused with E208 by construction).

Each variant is parsed with both backends and as the text pdftotext makes of it; scored
against its truth (bench/producers/score.py). Results per class (every value of every axis)
and the worst class per metric go to bench/results/bench_producers.json.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "producers"))

import unmark  # noqa: E402
import cjkembed  # noqa: E402
from cjkpdf import FONTS, cid_cmaps_available, encodable, render  # noqa: E402
from score import agreement, block_keys, lost_chars, score  # noqa: E402

DOCS = ROOT / "bench" / "producers" / "docs"
RESULTS = ROOT / "bench" / "results" / "bench_producers.json"
METRICS = ("paragraph", "heading", "item", "footnote", "metadata")

FW_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
CN = "一二三四五六七八九十"


def relabel(doc: dict, form: str) -> dict:
    """The same document with other label forms (as data: what the producer prints)."""
    d = json.loads(json.dumps(doc))
    if form == "ascii":
        return d
    for b in d["blocks"]:
        if b["type"] == "paragraph" and b.get("number") is not None:
            n = str(b["number"])
            b["label"] = (n.translate(FW_DIGITS) if form == "fullwidth" else n) + "．"
        if form == "fullwidth":
            lab = b.get("label") or ""
            if b["type"] == "heading" and lab[:1] and lab[:1] in CN:
                b["label"] = b["label"].rstrip(".") + "、"
            items = b.get("items") or []
            for k, it in enumerate(items):
                if isinstance(it, str):
                    items[k] = {"text": it, "label": f"（{chr(97 + k)}）"}
    return d


# unpdf engines -> producer class: LibreOffice (tagged), Word-like untagged, and Word-like
# tagged as Word 365 tags (bench/producers/tag_wordlike.py over the word-like PDF)
ENGINES = {"libreoffice": "unpdf-lo", "wordlike": "unpdf-wl", "wordtagged": "unpdf-wt"}


def variants(docs: dict[str, dict], with_unpdf: bool) -> list[dict]:
    out = []
    if with_unpdf:
        for name, engine, form, page in itertools.product(docs, ENGINES, ("ascii", "fullstop", "fullwidth"), ("A4", "letter")):
            out.append(dict(doc=name, producer=ENGINES[engine], labels=form, page=page, tagged=engine != "wordlike"))
    axes = dict(bold=["font", "stroke", "double", "none"], label_sep=["gap", "space", "ideo", "none"],
                fn_sep=["line", "underscores", "none"], marker=["rise", "matrix"], masthead=["spaced", "tracked", "plain"],
                page=["A4", "letter"], justify=[False, True], labels=["ascii", "fullstop", "fullwidth"])
    k = 0
    # the CMaps in their order, then Identity-H (added later: the other variants keep their axes)
    later = ("Identity-H", "GB-H")
    old = [c for c in FONTS if c not in later]
    runs = [(name, cmap) for name in docs for cmap in old]
    if cid_cmaps_available():
        runs += [(name, "Identity-H") for name in docs]
    else:
        print("SKIP Identity-H variants: Adobe's UniGB-UTF32-H CMap not found (poppler-data)")
    runs += [(name, "GB-H") for name in docs]
    for name, cmap in runs:
        for rep in range(5):
            v = dict(doc=name, producer="cjkpdf", cmap=cmap, tagged=False)
            for i, (ax, vals) in enumerate(axes.items()):
                v[ax] = vals[(k * (i + 1) + rep * (2 * i + 1)) % len(vals)]
            k += 1
            out.append(v)
    # embedded font programs without ToUnicode (added after the others: their axes stay)
    for ki, kind in enumerate(cjkembed.KINDS):
        why = cjkembed.available(kind)
        if why:
            print(f"SKIP program={kind} variants: {why}")
            continue
        for name in docs:
            for rep in range(3 if kind in cjkembed.READABLE else 1):
                v = dict(doc=name, producer="cjkpdf", cmap="Identity-H", program=kind, tagged=False)
                for i, (ax, vals) in enumerate(axes.items()):
                    # shifted by the kind: each kind meets other values of every axis
                    v[ax] = vals[((k + ki) * (i + 1) + rep * (2 * i + 1)) % len(vals)]
                k += 1
                out.append(v)
    return out


def vid(v: dict) -> str:
    keys = [k for k in v if k not in ("doc", "producer", "tagged")]
    return "__".join([v["doc"], v["producer"]] + [f"{v[k]}" for k in keys])


def generate(v: dict, src: dict, out: Path, shared: Path) -> Path | None:
    pdf = out / (vid(v) + ".pdf")
    truth = pdf.with_name(pdf.stem + ".truth.json")
    if pdf.exists() and truth.exists():
        return pdf
    doc = relabel(src, v["labels"])
    if v["producer"] == "cjkpdf":
        prog = v.get("program")
        if prog is None and not encodable(doc, v["cmap"]):
            return None
        kw = dict(bold=v["bold"], label_sep=v["label_sep"], fn_sep=v["fn_sep"], marker=v["marker"],
                  masthead=v["masthead"], page=v["page"], justify=v["justify"])
        if prog is not None:
            # its twin with ToUnicode maps: the text other tools make of the same document
            render(doc, twin(pdf), program=prog, tounicode=True, **kw)
            t = render(doc, pdf, program=prog, **kw)
        else:
            t = render(doc, pdf, cmap=v["cmap"], **kw)
        truth.write_text(json.dumps(t, ensure_ascii=False))
        return pdf
    if v["producer"] == "unpdf-wt":
        plain = generate(dict(v, producer="unpdf-wl", tagged=False), src, out, shared)
        if plain is None:
            return None
        from tag_wordlike import tag

        tag(plain, pdf)
        shutil.copy(plain.with_name(plain.stem + ".truth.json"), truth)
        return pdf
    doc["page_size"] = v["page"]
    js = pdf.with_suffix(".json")
    js.write_text(json.dumps(doc, ensure_ascii=False))
    engine = "libreoffice" if v["producer"] == "unpdf-lo" else "wordlike"
    r = subprocess.run([sys.executable, str(shared / "tools/unpdf/unpdf.py"), str(js), "-o", str(pdf), "--engine", engine],
                       capture_output=True, text=True)
    js.unlink()
    if r.returncode != 0 or not truth.exists():
        print(f"  unpdf failed for {pdf.name}: {r.stderr.strip()[-200:]}")
        return None
    return pdf


def twin(pdf: Path) -> Path:
    """The same variant with ToUnicode maps (embedded-program variants only)."""
    return pdf.with_name(pdf.stem + ".tounicode.pdf")


def pdftotext(pdf: Path) -> str | None:
    """The text another tool pulls out of the PDF: ``pdftotext -layout`` (poppler; needs the
    poppler-data CMaps for non-embedded CJK fonts, else its text lacks the Chinese and this
    returns None)."""
    if not shutil.which("pdftotext"):
        return None
    r = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True)
    if r.returncode != 0:
        return None
    txt = r.stdout.decode("utf-8", "replace")
    return txt if sum(1 for c in txt if "\u4e00" <= c <= "\u9fff") > 50 else None


def pdfium_text(pdf: Path) -> str | None:
    """The plain text PDFium gives (pypdfium2 ``get_text_range()`` of every page, pages joined by
    a form feed): what a user of pypdfium2 (or of a tool built on it) hands over as text. PDFium
    reads the predefined CMaps poppler-data cannot map to simplified characters."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        return None
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return "\f".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


def evaluate(pdf: Path, src: dict) -> dict:
    truth = json.loads(pdf.with_name(pdf.stem + ".truth.json").read_text())
    row: dict = {}
    docs = {}
    for be in ("pypdf", "pdfium"):
        try:
            docs[be] = unmark.parse(str(pdf), backend=be, lang="zh", sentences=False)
        except unmark.UnmarkError as exc:
            row[f"error_{be}"] = f"{exc.code}: {exc}"
    if "pypdf" not in docs:
        row["refused"] = True
        return row
    if "pdfium" not in docs and "error_pdfium" in row:
        row["refused_pdfium"] = True
    doc = docs["pypdf"]
    s = score(doc, truth, src)
    row.update({k: s[k] for k in METRICS})
    row["furniture"] = len(s["furniture"])
    row["wrong"] = s["wrong"][:12] + [f"furniture {x}" for x in s["furniture"][:3]]
    row["backends"] = agreement(block_keys(doc), block_keys(docs["pdfium"])) if "pdfium" in docs else 0.0
    if "pdfium" in docs:
        s2 = score(docs["pdfium"], truth, src)
        row["pdfium_paragraph"] = s2["paragraph"]
    # a font without ToUnicode that only unmark reads: the other tools read its twin with ToUnicode maps
    text_src = twin(pdf) if twin(pdf).exists() else pdf
    txt = pdftotext(text_src)
    han = sum(1 for b in doc.blocks for c in b.full_text("") if "\u4e00" <= c <= "\u9fff")
    if txt is not None and sum(1 for c in txt if "\u4e00" <= c <= "\u9fff") >= 0.98 * han:
        tdoc = unmark.parse(txt, lang="zh", sentences=False)
        lost = lost_chars(doc, txt)
        row["text_agree"] = agreement(block_keys(doc, False, lost), block_keys(tdoc, False, lost))
        row["text_tool"] = "pdftotext"
        if lost:
            row["text_lost"] = "".join(sorted(lost))
    ptxt = pdfium_text(text_src)
    if ptxt is not None and sum(1 for c in ptxt if "\u4e00" <= c <= "\u9fff") < 0.98 * han:
        ptxt = None   # PDFium cannot read this font's characters (GB-H, KSC-H): no text of it to compare
        row["pdfium_text_unreadable"] = True
    if ptxt is not None:
        lost = lost_chars(doc, ptxt)
        row["pdfium_text_agree"] = agreement(block_keys(doc, False, lost),
                                             block_keys(unmark.parse(ptxt, lang="zh", sentences=False), False, lost))
        if "text_agree" not in row:
            # pdftotext cannot read this font's characters: the text another tool gives is PDFium's
            row["text_agree"] = row["pdfium_text_agree"]
            row["text_tool"] = "pdfium"
    row["warnings"] = sorted({w.code for w in doc.warnings})
    return row


def classes(v: dict) -> list[str]:
    return [f"{k}={v[k]}" for k in v if k not in ("tagged",)] + [f"tagged={v['tagged']}", "all"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.environ.get("UNMARK_PRODUCERS_OUT", "/tmp/unmark-producers"))
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--no-unpdf", action="store_true")
    ap.add_argument("--generate-only", action="store_true", help="make the variants, score nothing")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args(argv)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    shared = Path(a.shared)
    docs = {p.stem.removesuffix("_zh"): json.loads(p.read_text()) for p in sorted(DOCS.glob("*_zh.json"))}
    with_unpdf = not a.no_unpdf and (shared / "tools/unpdf/unpdf.py").is_file()
    if not with_unpdf:
        print(f"SKIP unpdf variants: {shared}/tools/unpdf not found or --no-unpdf (cjkpdf variants still run)")
    vs = variants(docs, with_unpdf)
    if a.limit:
        vs = vs[:: max(1, len(vs) // a.limit)][: a.limit]
    t0 = time.time()
    rows = []
    for i, v in enumerate(vs):
        pdf = generate(v, docs[v["doc"]], out, shared)
        if pdf is None or a.generate_only:
            continue
        r = evaluate(pdf, docs[v["doc"]])
        r["variant"] = v
        r["file"] = pdf.name
        rows.append(r)
        if a.verbose and (r.get("refused") or r.get("wrong")):
            print(pdf.name, r.get("error_pypdf", ""), r.get("wrong"))
    if a.generate_only:
        print(f"generated {len(vs)} variants into {out}")
        return 0
    agg: dict[str, dict] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for r in rows:
        for c in classes(r["variant"]):
            g = agg[c]
            g["variants"][0] += 1
            readable = r["variant"].get("program") in (None, *cjkembed.READABLE)
            if r.get("refused") or r.get("refused_pdfium"):
                g["refused"][0] += 1
                g["refused_bad"][0] += readable
            if r.get("refused"):
                if not readable:
                    # unreadable by construction: refused on both backends, with E208 naming the font and why
                    ok = all(r.get(f"error_{be}", "").startswith("E208") and "Adobe-Identity" in r[f"error_{be}"]
                             for be in ("pypdf", "pdfium"))
                    g["e208"][0] += ok
                    g["e208"][1] += 1
                continue
            if not readable:
                g["e208"][1] += 1   # read although nothing maps it: garbage
            for m in METRICS:
                g[m][0] += r[m][0]
                g[m][1] += r[m][1]
            g["furniture"][0] += r["furniture"]
            g["backends"][0] += r["backends"] >= 0.999
            g["backends"][1] += 1
            if "text_agree" in r:
                g["text"][0] += r["text_agree"] >= 0.99
                g["text"][1] += 1
                if r.get("text_tool") == "pdftotext":
                    g["pdftotext"][0] += r["text_agree"] >= 0.99
                    g["pdftotext"][1] += 1
            if "pdfium_text_agree" in r:
                g["pdfiumtext"][0] += r["pdfium_text_agree"] >= 0.99
                g["pdfiumtext"][1] += 1

    def pct(x):
        return round(100.0 * x[0] / x[1], 1) if x[1] else None

    cols = ["class", "variants", "refused", "decodable refused", "undecodable: E208 %", "paragraphs %", "headings %", "items %", "footnotes+marker %", "metadata %",
            "furniture leaks", "backends same %", "pdf~text ≥99% %", "pdf~pdftotext ≥99% %", "pdf~PDFium text ≥99% %"]
    table = []
    for c in sorted(agg, key=lambda c: (c != "all", c)):
        g = agg[c]
        table.append([c, g["variants"][0], g["refused"][0], g["refused_bad"][0], pct(g["e208"]), pct(g["paragraph"]), pct(g["heading"]), pct(g["item"]),
                      pct(g["footnote"]), pct(g["metadata"]), g["furniture"][0], pct(g["backends"]), pct(g["text"]),
                      pct(g["pdftotext"]), pct(g["pdfiumtext"])])
    worst = []
    for j, name in enumerate(cols[3:], start=3):
        vals = [(row[j], row[0]) for row in table if row[j] is not None]
        if not vals:
            continue
        v, c = (max if name in ("furniture leaks", "decodable refused") else min)(vals)
        worst.append([name, c, v])
    from benchutil import table as mk_table, write_results

    expected = [r for r in rows if r["variant"].get("program") not in (None, *cjkembed.READABLE)]
    fails = [f"{r['file']}: {r.get('error_pypdf') or r.get('error_pdfium') or '; '.join(r.get('wrong') or [])}"
             for r in rows if (r.get("refused") or r.get("refused_pdfium") or r.get("wrong")) and r not in expected]
    text_rows = [r["text_agree"] for r in rows if "text_agree" in r]
    by_tool = defaultdict(list)
    for r in rows:
        if "text_agree" in r:
            by_tool[r["text_tool"]].append(r["text_agree"])
        if "pdfium_text_agree" in r:
            by_tool["PDFium text (all)"].append(r["pdfium_text_agree"])
    notes = [f"{len(rows)} variants over {len(docs)} documents in {time.time() - t0:.0f} s",
             "paragraphs/headings/items: label + text exact; footnotes: note text under its label and its marker "
             "at the right offset of the right block; metadata: symbol, job number, date, organ, agenda item, "
             "title, subtitle as the document JSON says; furniture: job number, barcode, page labels, running "
             "header left in any block or note",
             "backends same: pypdf and pdfium give the same block sequence (type, label, text); pdf~text: share of "
             "variants whose parse(pdf) and parse(text of the same PDF) agree on >= 99% of blocks (whitespace "
             "aside; characters the tool never gives are left out of both sides). The text is what another tool gives: pdftotext -layout (poppler) where it reads every "
             "character; where it cannot (non-embedded CNS1/Japan1/Korea1 fonts asked for simplified characters "
             "they have no CID for: poppler maps code -> CID -> Unicode and drops them) PDFium's plain text "
             "(pypdfium2 get_text_range). pdf~pdftotext and pdf~PDFium text: each tool on its own, PDFium's "
             "plain text on every variant (no layout: no blank lines, no indentation, notes run into the body)",
             "decodable refused: variants whose fonts can be read but a backend refused them; undecodable: "
             "E208 %: variants of program=cff-unnamed (a CID-keyed CFF of Adobe-Identity, no cmap, no names, no "
             "ToUnicode: nothing maps its glyphs) refused by both backends with E208 naming the font and why. "
             "Embedded-program variants (program=...): the text other tools give is that of the same PDF with "
             "ToUnicode maps (pdftotext and PDFium read neither a CFF's glyph names nor a ROS). PDFium's plain text "
             "is compared where PDFium reads the characters (it does not map GB-H: those variants have "
             "pdftotext's text only)",
             (f"pdf~text block agreement over {len(text_rows)} variants: mean {100 * sum(text_rows) / len(text_rows):.1f}%, "
              f"min {100 * min(text_rows):.1f}%") if text_rows else "pdf~text: pdftotext not available"]
    notes += [f"text from {tool}: {len(v)} variants, block agreement mean {100 * sum(v) / len(v):.1f}%, "
              f"min {100 * min(v):.1f}%, >= 99% on {sum(x >= 0.99 for x in v)}" for tool, v in sorted(by_tool.items())]
    notes += [f"failure: {f}" for f in fails[:20]]
    if expected and expected[0].get("error_pypdf"):
        notes.append(f"E208 as expected ({expected[0]['file']}): {expected[0]['error_pypdf'][:400]}")
    lost = sorted({(r["text_lost"], r["file"].split("__")[0]) for r in rows if r.get("text_lost")})
    if lost:
        notes.append("characters the text tool never gives, left out of both sides: "
                     + "; ".join(f"{doc}: {' '.join(repr(c) for c in chars)}" for chars, doc in lost[:8]))
    low = sorted((r["text_agree"], r["text_tool"], r["file"]) for r in rows if r.get("text_agree", 1.0) < 0.99)
    notes += [f"pdf~text below 99%: {f} ({tool}) {100 * a:.1f}%" for a, tool, f in low[:40]]
    cmd = "python bench/bench_producers.py" + (" --no-unpdf" if not with_unpdf else "")
    write_results("bench_producers", [
        mk_table("worst", "Worst class per metric", ["metric", "worst class", "value"], worst),
        mk_table("matrix", "Variant classes (class = one value of one axis)", cols, table),
    ], notes, command=cmd, out_dir=RESULTS.parent)
    w = max(len(r[0]) for r in table)
    print(f"{'class':{w}} " + " ".join(f"{c[:9]:>9}" for c in cols[1:]))
    for row in table:
        print(f"{row[0]:{w}} " + " ".join(f"{'' if x is None else x:>9}" for x in row[1:]))
    print("\nworst class per metric:")
    for m, c, v in worst:
        print(f"  {m:22} {c:30} {v}")
    print(f"\n{len(rows)} variants; results in {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
