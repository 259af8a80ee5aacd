"""Tiny PDF writers for tests and benchmarks: well-formed and deliberately hostile files, built
byte by byte (no fonts to embed, no network, milliseconds each)."""
from __future__ import annotations

import io
import zlib


def build_pdf(objects: list[bytes], root: int = 1, *, header: bytes = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n") -> bytes:
    """Objects 1..n (bodies without 'obj'/'endobj') -> a PDF with a correct xref table."""
    out = bytearray(header)
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    n = len(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % n
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (n, root, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", *, flate: bool = False) -> bytes:
    if flate:
        data = zlib.compress(data)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _esc(s: str) -> bytes:
    b = s.encode("latin-1", "replace")
    return b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def page_content(lines: list[str], size: int = 11, top: int = 760, lead: int = 14) -> bytes:
    ops = [b"BT /F1 %d Tf %d TL 72 %d Td" % (size, lead, top)]
    for ln in lines:
        ops.append(b"(" + _esc(ln) + b") Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


def text_pdf(pages: list[list[str]]) -> bytes:
    """A PDF with one text page per list of lines (Helvetica, Latin-1 text)."""
    n = len(pages)
    font = 3
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n)).encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, lines in enumerate(pages):
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
            % (font, 5 + 2 * i)
        )
        objs.append(stream(page_content(lines)))
    return build_pdf(objs)


def image_only_pdf() -> bytes:
    img = bytes((x * 7 + y * 13) % 256 for y in range(32) for x in range(32))
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
        stream(img, b" /Type /XObject /Subtype /Image /Width 32 /Height 32 /ColorSpace /DeviceGray /BitsPerComponent 8", flate=True),
        stream(b"q 400 0 0 400 100 200 cm /Im1 Do Q"),
    ])


def bomb_pdf(megabytes: int = 400) -> bytes:
    """A page whose content stream is a few hundred KB of FlateDecode that inflates to ``megabytes`` MB."""
    co = zlib.compressobj(9)
    chunk = b"\x20" * (1 << 20)
    parts = [co.compress(b"BT /F1 12 Tf 72 700 Td (bomb) Tj ET\n")]
    for _ in range(megabytes):
        parts.append(co.compress(chunk))
    parts.append(co.flush())
    data = b"".join(parts)
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def nested_pdf(depth: int = 50000) -> bytes:
    """A page whose /Resources holds an array nested ``depth`` levels deep (recursive parsers overflow)."""
    deep = b"[" * depth + b"]" * depth
    nested_dict = b"<< /A " * 5000 + b"1" + b" >>" * 5000
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> /X " + deep
        + b" /Y " + nested_dict + b" >> /Contents 4 0 R >>",
        stream(page_content(["Nested objects"])),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def broken_xref_pdf() -> bytes:
    good = text_pdf([["Broken cross-reference table"]])
    i = good.rindex(b"\nxref\n") + 1
    body, tail = good[:i], good[i:]
    # every offset points at garbage, and startxref points past the end of the file
    tail = tail.replace(b"00000 n", b"99999 n").replace(b"0000000", b"1234567")
    j = tail.rindex(b"startxref\n") + len(b"startxref\n")
    tail = tail[:j] + b"99999999\n%%EOF\n"
    return body + tail


def many_pages_pdf(n: int = 5000) -> bytes:
    """``n`` pages sharing one tiny content stream (fast to build, ~100 bytes per page)."""
    kids = " ".join(f"{5 + i} 0 R" for i in range(n)).encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        stream(page_content(["A/80/590  Page of a very long document"])),
    ]
    for _ in range(n):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>")
    return build_pdf(objs)


def encrypted_pdf(password: str = "secret") -> bytes:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf([["Confidential draft"]]))))
    w.encrypt(user_password=password, owner_password=password + "-owner", algorithm="AES-128")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()
