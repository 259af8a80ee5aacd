"""A second PDF producer for the variant matrix: UN-style Chinese PDFs written byte by byte, the
way Acrobat Distiller/PDFMaker writes them when a font is not embedded.

    from cjkpdf import render
    truth = render(doc_json, "out.pdf", cmap="UniGB-UCS2-H", bold="stroke", label_sep="space")

What it varies (each a keyword of :func:`render`):
- ``cmap``: the predefined CMap of the non-embedded standard Asian font (no ToUnicode):
  UniGB-UCS2-H, UniGB-UTF16-H, GBK-EUC-H, GB-EUC-H, GBK2K-H (STSong-Light, Adobe-GB1),
  UniCNS-UCS2-H (MSung-Light, Adobe-CNS1), UniJIS-UCS2-H (HeiseiMin-W3, Adobe-Japan1),
  UniKS-UCS2-H (HYSMyeongJo-Medium, Adobe-Korea1); Identity-H (STSong-Light shown by its
  Adobe-GB1 CIDs; needs Adobe's UniGB-UTF32-H CMap from poppler-data to encode); GB-H (GB 2312
  row and cell, 7-bit). Latin and digits are set in the standard
  Times-Roman (WinAnsi), as Word's "Western" font.
- ``bold``: how headings and the title are bold: ``font`` (a ``,Bold`` font name), ``stroke``
  (fill+stroke text render mode 2, the same regular font), ``double`` (the glyphs drawn twice,
  0.4 pt apart), ``none``.
- ``label_sep``: between a paragraph label and its text: ``gap`` (hanging, no character),
  ``space``, ``ideo`` (U+3000), ``none``.
- ``fn_sep``: footnote separator ``line`` (a drawn rule), ``underscores`` (text), ``none``.
- ``marker``: footnote markers ``rise`` (small, raised with Ts) or ``matrix`` (small, raised by
  moving the text matrix).
- ``masthead``: ``spaced`` (联 合 国 with blanks), ``tracked`` (联合国 with character spacing)
  or ``plain``; ``page``: ``A4`` or ``letter``; ``justify``: CJK lines spread by Tc.
- ``program``: instead of a non-embedded standard font, every character (Latin too) in a font
  program embedded without a /ToUnicode map, shown by 2-byte codes under Identity-H: one of
  bench/producers/cjkembed.py's kinds (name-keyed CFF, CID-keyed CFF of Adobe-GB1, OpenType,
  TrueType with a cmap or glyph names, an unreadable one). The ``cmap`` argument is then ignored.

The truth has the shape of unpdf's truth files (blocks with label, clean text and markers;
footnotes; page count, symbol, job number), so one scorer reads both.
"""
from __future__ import annotations

import zlib
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth

FONTS = {  # CMap -> (standard font, registry ordering, supplement, python codec)
    "UniGB-UCS2-H": ("STSong-Light", "GB1", 4, "utf-16-be"),
    "UniGB-UTF16-H": ("STSong-Light", "GB1", 4, "utf-16-be"),
    "GBK-EUC-H": ("STSong-Light", "GB1", 2, "gbk"),
    "GB-EUC-H": ("STSong-Light", "GB1", 0, "gb2312"),
    "GBK2K-H": ("STSong-Light", "GB1", 4, "gb18030"),
    "UniCNS-UCS2-H": ("MSung-Light", "CNS1", 3, "utf-16-be"),
    "UniJIS-UCS2-H": ("HeiseiMin-W3", "Japan1", 2, "utf-16-be"),
    "UniKS-UCS2-H": ("HYSMyeongJo-Medium", "Korea1", 1, "utf-16-be"),
    # the codes are Adobe-GB1 CIDs (Distiller showing a font by its CIDs); encoded with Adobe's
    # UniGB-UTF32-H (poppler-data), read back by its inverse (resources/pdf/cid_unicode)
    "Identity-H": ("STSong-Light", "GB1", 5, "adobe-gb1-cid"),
    # GB 2312 by row and cell without the high bit (ISO 2022 style): the EUC code minus 0x8080
    "GB-H": ("STSong-Light", "GB1", 0, "gb2312-7bit"),
}
CID_CMAPS = "/usr/share/poppler/cMap"


def _cid_encode(s: str) -> bytes:
    from make_cid_unicode import read_cmap

    global _GB1
    if _GB1 is None:
        _GB1 = read_cmap(Path(CID_CMAPS) / "Adobe-GB1" / "UniGB-UTF32-H")
    try:
        return b"".join(_GB1[ord(c)].to_bytes(2, "big") for c in s)
    except KeyError as exc:
        raise UnicodeEncodeError("adobe-gb1-cid", s, 0, len(s), "no Adobe-GB1 CID") from exc


_GB1: dict | None = None


def _encode(s: str, codec: str) -> bytes:
    if codec == "adobe-gb1-cid":
        return _cid_encode(s)
    if codec == "gb2312-7bit":
        return bytes(b & 0x7F for b in s.encode("gb2312"))
    return s.encode(codec)


def cid_cmaps_available() -> bool:
    return (Path(CID_CMAPS) / "Adobe-GB1" / "UniGB-UTF32-H").is_file()
SIZES = {"A4": (595.0, 842.0), "letter": (612.0, 792.0)}
BODY, NOTE, LINE, NOTE_LINE = 10.5, 9.0, 18.0, 12.0


def encodable(doc: dict, cmap: str) -> bool:
    codec = FONTS[cmap][3]
    try:
        for t in _all_text(doc):
            _encode("".join(c for c in t if ord(c) > 126), codec)
    except UnicodeEncodeError:
        return False
    return True


def _all_text(doc: dict):
    for b in doc.get("blocks", []):
        yield b.get("text", "")
        yield b.get("label", "") or ""
        for it in b.get("items", []) or []:
            yield it if isinstance(it, str) else it.get("text", "")
    for f in doc.get("front", []):
        yield f if isinstance(f, str) else f["text"]
    for k in ("title", "subtitle", "organ"):
        yield doc.get(k) or ""
    yield from doc.get("footnotes", {}).values()
    yield "联合国"


def _esc(b: bytes) -> str:
    return "<" + b.hex() + ">"


class Page:
    def __init__(self):
        self.ops: list[str] = []


class Writer:
    def __init__(self, cmap: str, bold: str, marker: str, program=None):
        self.cmap = cmap
        self.font, self.ordering, self.supplement, self.codec = FONTS[cmap]
        self.bold = bold
        self.marker = marker
        # an embedded program (cjkembed.Program), or a set collecting the characters it needs
        self.program = program
        if program is not None and not isinstance(program, set):
            self.cmap, self.font = "Identity-H", "ABCDEF+" + program.extra.get("ps_name", "NotoSansCJKsc-Regular")

    def _codes(self, seg: str) -> bytes:
        if isinstance(self.program, set):
            self.program.update(seg)
            return b"\0\0" * len(seg)
        return b"".join(self.program.code[c].to_bytes(2, "big") for c in seg)

    # ---- width of a string in the mixed CJK/Times setting
    @staticmethod
    def width(s: str, size: float, bold: bool = False) -> float:
        w = 0.0
        for seg, latin in _segments(s):
            w += stringWidth(seg, "Times-Bold" if bold else "Times-Roman", size) if latin else size * len(seg)
        return w

    def show(self, page: Page, x: float, y: float, s: str, size: float, bold: bool = False, tc: float = 0.0,
             rise: float = 0.0) -> float:
        """Draw ``s`` at (x, y) (PDF coordinates); returns the end x."""
        fake = bold and self.bold in ("stroke", "double")
        passes = [(0.0, 0.0)] + ([(0.4, 0.0)] if bold and self.bold == "double" else [])
        end = x
        for dx, dy in passes:
            cx = x + dx
            # the text state (Tr, Ts, Tc) outlives BT/ET: set it every time
            ops = ["BT", "2 Tr 0.35 w" if fake and self.bold == "stroke" else "0 Tr", f"{rise:.2f} Ts"]
            for seg, latin in _segments(s):
                if self.program is not None:
                    # one embedded font for everything; Latin keeps Times' widths (/W)
                    fk = "F2" if bold and (self.bold == "font" or (latin and not fake)) else "F1"
                    ops.append(f"/{fk} {size:.2f} Tf {0.0 if latin else tc:.3f} Tc 1 0 0 1 {cx:.2f} {y + dy:.2f} Tm")
                    ops.append(_esc(self._codes(seg)) + " Tj")
                    cx += (stringWidth(seg, "Times-Bold" if bold and not fake else "Times-Roman", size) if latin
                           else (size + tc) * len(seg))
                elif latin:
                    fk = "F4" if bold and not fake else "F3"
                    ops.append(f"/{fk} {size:.2f} Tf 0 Tc 1 0 0 1 {cx:.2f} {y + dy:.2f} Tm")
                    data = seg.encode("cp1252", "replace")
                    ops.append("(" + data.decode("latin-1").replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj")
                    cx += stringWidth(seg, "Times-Bold" if bold and not fake else "Times-Roman", size)
                else:
                    fk = "F2" if bold and self.bold == "font" else "F1"
                    ops.append(f"/{fk} {size:.2f} Tf {tc:.3f} Tc 1 0 0 1 {cx:.2f} {y + dy:.2f} Tm")
                    ops.append(_esc(_encode(seg, self.codec)) + " Tj")
                    cx += (size + tc) * len(seg)
            ops.append("ET")
            page.ops.append(" ".join(ops))
            end = cx if dx == 0 else end
        return end

    def superscript(self, page: Page, x: float, y: float, label: str, body_size: float) -> float:
        size = round(body_size * 0.6, 1)
        if self.marker == "rise":
            return self.show(page, x, y, label, size, rise=body_size * 0.38)
        return self.show(page, x, y + body_size * 0.38, label, size)

    def fonts(self) -> dict[str, bytes]:
        cid = (f"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /{{name}} /CIDSystemInfo << /Registry (Adobe) "
               f"/Ordering ({self.ordering}) /Supplement {self.supplement} >> /FontDescriptor {{fd}} 0 R /DW 1000 "
               f"/W [1 95 500] >>")
        return {"cid": cid}


def _segments(s: str):
    """Split into runs of Latin (ASCII and Latin-1 punctuation) and CJK (everything else)."""
    out: list[tuple[str, bool]] = []
    for ch in s:
        latin = ord(ch) < 0x2000 and ch not in "·"
        if out and out[-1][1] == latin:
            out[-1] = (out[-1][0] + ch, latin)
        else:
            out.append((ch, latin))
    return out


# ------------------------------------------------------------------ text with markers
def parse_markers(text: str) -> tuple[str, list[tuple[str, int]]]:
    import re

    clean, marks, last = [], [], 0
    pos = 0
    for m in re.finditer(r"\[\^([^\]]+)\]", text):
        clean.append(text[last:m.start()])
        pos += m.start() - last
        marks.append((m.group(1), pos))
        last = m.end()
    clean.append(text[last:])
    return "".join(clean), marks


def break_lines(text: str, first_w: float, w: float, size: float, bold: bool = False) -> list[tuple[int, int]]:
    """Greedy CJK/Latin line breaking: (start, end) spans of ``text``; Latin words stay whole,
    closing punctuation never starts a line."""
    spans = []
    i, n, avail = 0, len(text), first_w
    no_start = "，。、；：？！）》”’」』％"
    while i < n:
        j, cur, last_break = i, 0.0, None
        while j < n:
            cw = Writer.width(text[j], size, bold)
            if cur + cw > avail and j > i:
                break
            cur += cw
            if text[j] == " " or ord(text[j]) > 0x2000 or (j + 1 < n and ord(text[j + 1]) > 0x2000):
                last_break = j + 1
            j += 1
        if j < n:
            if not (ord(text[j]) > 0x2000 or text[j] == " " or text[j - 1] == " " or ord(text[j - 1]) > 0x2000):
                j = last_break if last_break and last_break > i else j
            while j < n and text[j] in no_start and j - 1 > i:
                j -= 1
            k = j
            while k - 1 > i and k < n and text[k].isascii() and not text[k].isspace() and text[k - 1].isascii() and not text[k - 1].isspace():
                k -= 1  # never inside a Latin word or a number
            if k - 1 > i:
                j = k  # (a word longer than the line, a URL, is cut where it overflows)
        spans.append((i, j))
        i = j
        while i < n and text[i] == " ":
            i += 1
        avail = w
    return spans or [(0, 0)]


# ------------------------------------------------------------------ the document
def render(doc: dict, out, *, cmap="UniGB-UCS2-H", bold="font", label_sep="gap", fn_sep="line", marker="rise",
           masthead="spaced", page="A4", justify=False, program: str | None = None, tounicode: bool = False) -> dict:
    kw = dict(cmap=cmap, bold=bold, label_sep=label_sep, fn_sep=fn_sep, marker=marker, masthead=masthead, page=page,
              justify=justify)
    if program is None:
        return _render(doc, out, Writer(cmap, bold, marker), **kw)
    from cjkembed import build

    chars: set[str] = set()
    _render(doc, None, Writer(cmap, bold, marker, chars), **kw)   # the characters the program needs
    wr = Writer(cmap, bold, marker, build(chars, program))
    wr.tounicode = tounicode   # the same PDF with ToUnicode maps (what other tools can read); "name": /Identity-H
    truth = _render(doc, out, wr, **kw)
    truth["render"].update(cmap="Identity-H", program=program)
    return truth


def _render(doc: dict, out, wr: Writer, *, cmap, bold, label_sep, fn_sep, marker, masthead, page, justify) -> dict:
    W, H = SIZES[page]
    left, right, top, bottom = 72.0, W - 72.0, 60.0, 70.0
    text_x = left + 36.0
    pages: list[Page] = []
    notes_on: list[list[str]] = []  # footnote labels per page
    notes = doc.get("footnotes", {})
    truth_blocks: list[dict] = []
    note_pages: dict[str, int] = {}
    state = {"y": 0.0, "notes_h": 0.0}

    def new_page():
        pages.append(Page())
        notes_on.append([])
        state["y"] = H - top - (0 if len(pages) == 1 else 28)
        state["notes_h"] = 0.0

    def note_height(label: str) -> float:
        t = notes[label]
        return NOTE_LINE * len(break_lines(t, right - text_x, right - text_x, NOTE))

    def place_line(height: float, labels: list[str]) -> tuple[Page, float]:
        extra = sum(note_height(lb) for lb in labels if lb in notes and lb not in note_pages)
        sep = 14.0 if (extra and not notes_on[-1]) else 0.0
        if state["y"] - height - state["notes_h"] - extra - sep < bottom:
            new_page()
            sep = 14.0 if extra else 0.0
        state["y"] -= height
        for lb in labels:
            if lb in notes and lb not in note_pages:
                note_pages[lb] = len(pages)
                notes_on[-1].append(lb)
        state["notes_h"] += extra + sep
        return pages[-1], state["y"]

    def draw_text(text: str, marks, x_first: float, x_rest: float, size: float, bold_: bool, step: float,
                  label: str | None = None, label_x: float = left, gap_before: float = 0.0):
        if gap_before:
            state["y"] -= gap_before
        prefix = ""
        if label is not None and label_sep in ("space", "ideo", "none"):
            prefix = label + {"space": " ", "ideo": "\u3000", "none": ""}[label_sep]
        full = prefix + text
        shift = len(prefix)
        first_x = label_x if prefix else x_first
        spans = break_lines(full, right - first_x, right - x_rest, size, bold_)
        for k, (a, b) in enumerate(spans):
            seg_marks = [(lb, o + shift) for lb, o in marks if a < o + shift <= b or (k == len(spans) - 1 and o + shift == b)]
            pg, y = place_line(step, [lb for lb, _ in seg_marks])
            x = first_x if k == 0 else x_rest
            if k == 0 and label is not None and not prefix:
                wr.show(pg, label_x, y, label, size, bold_)
            tc = 0.0
            if justify and k < len(spans) - 1:
                seg = full[a:b]
                room = right - x - Writer.width(seg, size, bold_)
                ncjk = sum(1 for c in seg if ord(c) > 0x2000)
                tc = room / ncjk if ncjk > 4 and 0 < room < size * 2 else 0.0
            cut = a
            for lb, o in sorted(seg_marks, key=lambda m: m[1]):
                x = wr.show(pg, x, y, full[cut:o], size, bold_, tc)
                x = wr.superscript(pg, x, y, lb, size)
                cut = o
            wr.show(pg, x, y, full[cut:b], size, bold_, tc)

    new_page()
    # ---- masthead (page 1)
    p1 = pages[0]
    org = {"spaced": "联 合 国", "tracked": "联合国", "plain": "联合国"}[masthead]
    wr.show(p1, left, H - 70, org, 14, True, tc=6.0 if masthead == "tracked" else 0.0)
    wr.show(p1, right - Writer.width(doc["symbol"], 16), H - 70, doc["symbol"], 16)
    if doc.get("organ"):
        wr.show(p1, left, H - 104, doc["organ"], 18, True)
    y = H - 120
    mx = W - 190
    for t in ["Distr.: " + doc.get("distribution", "General"), doc.get("date", ""), "Chinese", "Original: English"]:
        if t:
            wr.show(p1, mx, y, t, 10)
            y -= 12
    p1.ops.append(f"0.5 w {left:.1f} {H - 80:.1f} m {right:.1f} {H - 80:.1f} l S")
    state["y"] = min(y, H - 130) - 30
    for f in doc.get("front", []):
        t = f if isinstance(f, str) else f["text"]
        clean, marks = parse_markers(t)
        draw_text(clean, marks, left, left, BODY, False, 14.0)
    for key, sz in (("title", 14.0), ("subtitle", 12.0)):
        if doc.get(key):
            state["y"] -= 10
            draw_text(doc[key], [], left + 36, left + 36, sz, True, sz + 6)
    state["y"] -= 14
    # ---- body
    for b in doc["blocks"]:
        t, marks = parse_markers(b["text"])
        if b["type"] == "heading":
            lab = b.get("label")
            x = left if lab else text_x
            draw_text(t, marks, text_x if lab else x, text_x if lab else x, BODY, True, LINE, label=lab, label_x=left,
                      gap_before=12.0)
            state["y"] -= 6
            truth_blocks.append({"type": "heading", "label": lab, "text": t, "markers": [{"label": l, "offset": o} for l, o in marks],
                                 "level": b.get("level")})
            continue
        lab = b.get("label") or (f"{b['number']}." if b.get("number") is not None else None)
        draw_text(t, marks, text_x, text_x, BODY, False, LINE, label=lab,
                  label_x=text_x - 36 if lab else text_x, gap_before=6.0)
        tb = {"type": "paragraph", "label": lab, "number": b.get("number"), "text": t,
              "markers": [{"label": l, "offset": o} for l, o in marks], "items": []}
        truth_blocks.append(tb)
        for k, it in enumerate(b.get("items", []) or []):
            it_text = it if isinstance(it, str) else it["text"]
            it_lab = (None if isinstance(it, str) else it.get("label")) or f"({chr(97 + k)})"
            ct, cm = parse_markers(it_text)
            draw_text(ct, cm, text_x + 36, text_x, BODY, False, LINE, label=it_lab, label_x=text_x, gap_before=4.0)
            tb["items"].append({"label": it_lab, "text": ct, "markers": [{"label": l, "offset": o} for l, o in cm]})
    # ---- notes, header, footer
    n = len(pages)
    job_digits = "".join(c for c in doc["job_number"] if c.isdigit())
    for i, pg in enumerate(pages, start=1):
        labels = notes_on[i - 1]
        if labels:
            y = bottom + sum(note_height(lb) for lb in labels)
            if fn_sep == "line":
                pg.ops.append(f"0.5 w {left:.1f} {y + 8:.1f} m {left + 120:.1f} {y + 8:.1f} l S")
            elif fn_sep == "underscores":
                wr.show(pg, left, y + 4, "__________________", 10)
            for lb in labels:
                spans = break_lines(notes[lb], right - text_x, right - text_x, NOTE)
                for k, (a, c) in enumerate(spans):
                    y -= NOTE_LINE
                    if k == 0:
                        if lb == "*" or marker == "rise":
                            wr.superscript(pg, text_x - 12, y, lb, NOTE)
                        else:
                            wr.show(pg, text_x - 14, y, lb, NOTE)
                    wr.show(pg, text_x, y, notes[lb][a:c], NOTE)
        if i == 1:
            wr.show(pg, left, 40, f"{doc['job_number']} (C)", 9)
            wr.show(pg, left, 28, f"*{job_digits}*", 12)
        else:
            sym = doc["symbol"]
            hx = left if i % 2 == 0 else right - Writer.width(sym, 9, True)
            wr.show(pg, hx, H - 40, sym, 9, True)
            pg.ops.append(f"0.5 w {left:.1f} {H - 46:.1f} m {right:.1f} {H - 46:.1f} l S")
            foot = f"{i}/{n}"
            if i % 2 == 0:
                wr.show(pg, left, 40, foot, 9)
                wr.show(pg, left + 40, 40, doc["job_number"], 9)
            else:
                wr.show(pg, right - 40 - Writer.width(doc["job_number"], 9), 40, doc["job_number"], 9)
                wr.show(pg, right - Writer.width(foot, 9), 40, foot, 9)
    if out is not None:
        _write(Path(out), pages, wr, W, H)
    order = [lb for lbs in notes_on for lb in lbs]
    return {
        "producer": "cjkpdf", "symbol": doc["symbol"], "job_number": doc["job_number"], "page_count": n,
        "barcode": f"*{job_digits}*", "lang": doc.get("lang", "zh"),
        "render": {"cmap": cmap, "font": wr.font, "bold": bold, "label_sep": label_sep, "fn_sep": fn_sep,
                   "marker": marker, "masthead": masthead, "page": page, "justify": justify, "tagged": False},
        "blocks": truth_blocks,
        "footnotes": [{"label": lb, "text": notes[lb], "page": note_pages[lb]} for lb in order],
        "running_footer": [{"page": i, "text": (f"{i}/{n} {doc['job_number']}" if i % 2 == 0 else f"{doc['job_number']} {i}/{n}")}
                           for i in range(2, n + 1)],
    }


def _write(path: Path, pages: list[Page], wr: Writer, W: float, H: float) -> None:
    objs: list[bytes] = []

    def add(body: bytes) -> int:
        objs.append(body)
        return len(objs)

    cat = add(b"")
    pages_id = add(b"")
    fd = add(f"<< /Type /FontDescriptor /FontName /{wr.font} /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 "
             f"/Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>".encode())
    fdb = add(f"<< /Type /FontDescriptor /FontName /{wr.font},Bold /Flags 262150 /FontBBox [-25 -254 1000 880] "
              f"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 160 >>".encode())
    if wr.program is not None:
        c1, c2 = _embedded(add, wr, fd, fdb, objs)
    else:
        tmpl = wr.fonts()["cid"]
        c1 = add(tmpl.format(name=wr.font, fd=fd).encode())
        c2 = add(tmpl.format(name=wr.font + ",Bold", fd=fdb).encode())
    tu = ""
    if getattr(wr, "tounicode", False) == "name":
        tu = " /ToUnicode /Identity-H"   # a name where a stream belongs: a map of nothing
    elif getattr(wr, "tounicode", False):
        pairs = [f"<{code:04x}> <{ch.encode('utf-16-be').hex()}>" for ch, code in sorted(wr.program.code.items(), key=lambda kv: kv[1])]
        body = "".join(f"{len(pairs[k:k + 100])} beginbfchar\n" + "\n".join(pairs[k:k + 100]) + "\nendbfchar\n"
                       for k in range(0, len(pairs), 100))
        cm = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Adobe-Identity-UCS def "
              "/CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n" + body +
              "endcmap CMapName currentdict /CMap defineresource pop end end").encode()
        ref = add(f"<< /Length {len(cm)} >>\nstream\n".encode() + cm + b"\nendstream")
        tu = f" /ToUnicode {ref} 0 R"
    enc = f"/{wr.cmap}"
    if wr.program is not None and "cmap" in wr.program.extra:   # an embedded CMap stream
        cm = wr.program.extra["cmap"]
        ref = add(f"<< /Type /CMap /CMapName /UNMK-Rows-H /Length {len(cm)} >>\nstream\n".encode() + cm + b"\nendstream")
        enc = f"{ref} 0 R"
    f1 = add(f"<< /Type /Font /Subtype /Type0 /BaseFont /{wr.font} /Encoding {enc} /DescendantFonts [{c1} 0 R]{tu} >>".encode())
    f2 = add(f"<< /Type /Font /Subtype /Type0 /BaseFont /{wr.font},Bold /Encoding {enc} /DescendantFonts [{c2} 0 R]{tu} >>".encode())
    f3 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>")
    f4 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Bold /Encoding /WinAnsiEncoding >>")
    res = f"<< /Font << /F1 {f1} 0 R /F2 {f2} 0 R /F3 {f3} 0 R /F4 {f4} 0 R >> >>"
    kids = []
    for pg in pages:
        data = zlib.compress("\n".join(pg.ops).encode("latin-1"))
        cs = add(f"<< /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode() + data + b"\nendstream")
        kids.append(add(f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {W:.0f} {H:.0f}] /Resources {res} "
                        f"/Contents {cs} 0 R >>".encode()))
    objs[cat - 1] = f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode()
    objs[pages_id - 1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    info = add(b"<< /Producer (Acrobat Distiller 11.0 \\(Windows\\); imitated by unmark bench/producers/cjkpdf.py) >>")
    out = bytearray(b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, body in enumerate(objs, start=1):
        offs.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for o in offs:
        out += f"{o:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root {cat} 0 R /Info {info} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))


def _embedded(add, wr: Writer, fd: int, fdb: int, objs: list[bytes]) -> tuple[int, int]:
    """The two CIDFonts (regular, ``,Bold``) of an embedded program without ToUnicode: its file,
    /W from the widths the page was laid out with (Times for Latin, an em for the rest), its
    /CIDToGIDMap; the two font descriptors point at the file."""
    prog = wr.program
    extra = f" /Subtype /{prog.file_subtype}" if prog.file_subtype else f" /Length1 {len(prog.data)}"
    data = zlib.compress(prog.data)
    ff = add(f"<< /Length {len(data)} /Filter /FlateDecode{extra} >>\nstream\n".encode() + data + b"\nendstream")
    for k in (fd, fdb):
        objs[k - 1] = objs[k - 1].replace(b" >>", f" /{prog.file_key} {ff} 0 R >>".encode())
    c2g = ""
    if prog.subtype == "CIDFontType2":
        if prog.cid_to_gid is None:
            c2g = " /CIDToGIDMap /Identity"
        else:
            m = zlib.compress(prog.cid_to_gid)
            ref = add(f"<< /Length {len(m)} /Filter /FlateDecode >>\nstream\n".encode() + m + b"\nendstream")
            c2g = f" /CIDToGIDMap {ref} 0 R"
    reg, order, sup = prog.ordering
    out = []
    for name, desc, latin_font in ((wr.font, fd, "Times-Roman"), (wr.font + ",Bold", fdb, "Times-Bold")):
        cids = prog.extra.get("cid", prog.code)   # /W is by CID
        w = " ".join(f"{cid} [{stringWidth(ch, latin_font, 1000) if ord(ch) < 0x2000 and ch != '·' else 1000:.0f}]"
                     for ch, cid in sorted(cids.items(), key=lambda kv: kv[1]))
        out.append(add(f"<< /Type /Font /Subtype /{prog.subtype} /BaseFont /{name} /CIDSystemInfo << /Registry ({reg}) "
                       f"/Ordering ({order}) /Supplement {sup} >> /FontDescriptor {desc} 0 R /DW 1000 /W [{w}]{c2g} >>"
                       .encode()))
    return out[0], out[1]
