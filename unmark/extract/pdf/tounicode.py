"""Give PDFium the code -> text maps :mod:`.fontmap` read from font programs, as /ToUnicode maps.

PDFium shows a code it cannot map as the character of that number, and then treats that
character as text: a code that is the number of a right-to-left letter (glyph ids 0x590-0x8FF
of a large CJK font) is reordered with its line, a code 0x2D or 0xAD at the end of a line is
taken for a hyphen and replaced. Mapping the codes afterwards cannot undo either. So the
document PDFium reads gets the maps as it should have had them: an incremental update appended
to the file's bytes (ISO 32000-1, 7.5.6) with one /ToUnicode CMap stream per font and the font
dictionaries that point to it. The file on disk is never touched; only PDFium's copy in memory.
"""
from __future__ import annotations

import io
import logging
import re

log = logging.getLogger(__name__)

_STARTXREF = re.compile(rb"startxref\s+(\d+)")
_BLOCK = 100   # entries per bfchar/bfrange block (the CMap syntax allows at most 100)


def cmap_stream(m: dict[int, str], nbytes: int = 2) -> bytes:
    """A ToUnicode CMap of ``nbytes``-byte codes for the code -> text map ``m`` (runs of
    consecutive codes giving consecutive single characters become ranges)."""
    ranges: list[tuple[int, int, str]] = []
    chars: list[tuple[int, str]] = []
    top = 0xFF if nbytes == 1 else 0xFFFF
    items = sorted((c, t) for c, t in m.items() if 0 <= c <= top and t)
    i = 0
    while i < len(items):
        c, t = items[i]
        j = i
        if len(t) == 1 and ord(t) <= 0xFFFF:
            while (j + 1 < len(items) and items[j + 1][0] == items[j][0] + 1 and len(items[j + 1][1]) == 1
                   and ord(items[j + 1][1]) == ord(items[j][1]) + 1 and (items[j + 1][0] & 0xFF) != 0
                   and (ord(items[j + 1][1]) & 0xFF) != 0):
                j += 1
        if j > i:
            ranges.append((c, items[j][0], t))
        else:
            chars.append((c, t))
        i = j + 1

    def hexs(t: str) -> str:
        return t.encode("utf-16-be").hex()

    out = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
           "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
           "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
           "1 begincodespacerange", "<00> <FF>" if nbytes == 1 else "<0000> <FFFF>", "endcodespacerange"]
    f = "{:02x}" if nbytes == 1 else "{:04x}"
    for k in range(0, len(chars), _BLOCK):
        block = chars[k:k + _BLOCK]
        out.append(f"{len(block)} beginbfchar")
        out += [f"<{f.format(c)}> <{hexs(t)}>" for c, t in block]
        out.append("endbfchar")
    for k in range(0, len(ranges), _BLOCK):
        block = ranges[k:k + _BLOCK]
        out.append(f"{len(block)} beginbfrange")
        out += [f"<{f.format(a)}> <{f.format(b)}> <{hexs(t)}>" for a, b, t in block]
        out.append("endbfrange")
    out += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(out).encode("ascii")


def with_tounicode(data: bytes, reader, fonts: dict[tuple[int, int], tuple[dict[int, str], int]]) -> bytes | None:
    """``data`` (the file read by pypdf ``reader``) with an incremental update that gives each
    font object ``(number, generation)`` of ``fonts`` a /ToUnicode map of its (code -> text map,
    bytes per code);
    None when the file is encrypted (the new streams would need its key) or the update cannot
    be written."""
    from pypdf.generic import DictionaryObject, IndirectObject, NameObject

    try:
        if reader.is_encrypted or not fonts:
            return None
        found = _STARTXREF.findall(data[-2048:]) or _STARTXREF.findall(data)
        if not found:
            return None
        prev = int(found[-1])
        trailer = reader.trailer
        size = int(trailer["/Size"])
        out = bytearray(data)
        if not out.endswith(b"\n"):
            out += b"\n"
        offsets: dict[int, tuple[int, int]] = {}
        nxt = size
        for (num, gen), (m, nbytes) in sorted(fonts.items()):
            font = reader.get_object(IndirectObject(num, gen, reader))
            if not isinstance(font, DictionaryObject):
                continue
            cm = cmap_stream(m, nbytes)
            offsets[nxt] = (len(out), 0)
            out += b"%d 0 obj\n<< /Length %d >>\nstream\n" % (nxt, len(cm)) + cm + b"\nendstream\nendobj\n"
            new = DictionaryObject()
            new.update(font)
            new[NameObject("/ToUnicode")] = IndirectObject(nxt, 0, reader)
            buf = io.BytesIO()
            new.write_to_stream(buf)
            offsets[num] = (len(out), gen)
            out += b"%d %d obj\n" % (num, gen) + buf.getvalue() + b"\nendobj\n"
            nxt += 1
        if not offsets:
            return None
        xref = len(out)
        out += b"xref\n"
        for num in sorted(offsets):
            off, gen = offsets[num]
            out += b"%d 1\n%010d %05d n \n" % (num, off, gen)
        tail = io.BytesIO()
        for key in ("/Root", "/Info", "/ID"):
            if key in trailer:
                tail.write(b" " + key.encode() + b" ")
                trailer.raw_get(key).write_to_stream(tail)
        out += b"trailer\n<< /Size %d /Prev %d%s >>\nstartxref\n%d\n%%%%EOF\n" % (nxt, prev, tail.getvalue(), xref)
        return bytes(out)
    except Exception as exc:  # noqa: BLE001 - the caller maps the codes itself instead
        log.debug("ToUnicode update not written: %s", exc)
        return None


__all__ = ["cmap_stream", "with_tounicode"]
