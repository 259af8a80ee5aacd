"""Small PDFs for robustness tests, generated in temporary directories (never committed)."""
from __future__ import annotations

import zlib
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _pdf(objects: list[bytes]) -> bytes:
    """Serialise numbered objects (1..n, object 1 the catalog) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(data: bytes, extra: str = "") -> bytes:
    z = zlib.compress(data)
    return f"<< /Length {len(z)} /Filter /FlateDecode {extra} >>\nstream\n".encode() + z + b"\nendstream"


def text_pdf(path: Path, pages: int = 1, lines: tuple[str, ...] = ("1. The Working Group met in Vienna.",)) -> Path:
    """A plain Helvetica text PDF with ``pages`` pages sharing one content stream."""
    ops = ["BT /F1 10 Tf 72 500 Td 14 TL"]
    for ln in lines:
        ops.append("(" + ln.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*")
    ops.append("ET")
    content = "\n".join(ops).encode()
    kids = " ".join(f"{5 + i} 0 R" for i in range(pages))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        _stream(content),
    ]
    for _ in range(pages):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>")
    path.write_bytes(_pdf(objs))
    return path


def content_pdf(path: Path, content: bytes) -> Path:
    """One page drawing ``content`` (a raw content stream) with Helvetica as /F1."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        _stream(content),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>",
    ]
    path.write_bytes(_pdf(objs))
    return path


def image_only_pdf(path: Path) -> Path:
    """One page showing a scanned-looking image and no text."""
    pixels = bytes([200, 30] * 32 * 16)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
        _stream(b"q 400 0 0 400 100 300 cm /Im1 Do Q"),
        _stream(pixels, "/Type /XObject /Subtype /Image /Width 32 /Height 32 /ColorSpace /DeviceGray /BitsPerComponent 8"),
    ]
    path.write_bytes(_pdf(objs))
    return path


def zero_page_pdf(path: Path) -> Path:
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    path.write_bytes(_pdf(objs))
    return path


def encrypted_pdf(path: Path, user_password: str, src: Path | None = None) -> Path:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(clone_from=PdfReader(str(src or text_pdf(path.with_suffix(".plain.pdf")))))
    w.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="RC4-128")
    with open(path, "wb") as fh:
        w.write(fh)
    return path


def truncated_pdf(path: Path, src: Path, keep: float = 0.4) -> Path:
    data = src.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def garbage_pdf(path: Path) -> Path:
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    return path


def no_tounicode_pdf(path: Path, src: Path, only: str | None = None) -> Path:
    """A copy of ``src`` whose composite (Type0) fonts lose their /ToUnicode maps
    (only those whose /BaseFont contains ``only``, if given)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    w = PdfWriter(clone_from=PdfReader(str(src)))
    for page in w.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            f = ref.get_object()
            if only and only not in str(f.get("/BaseFont", "")):
                continue
            if f.get("/Subtype") == "/Type0" and NameObject("/ToUnicode") in f:
                del f[NameObject("/ToUnicode")]
    with open(path, "wb") as fh:
        w.write(fh)
    return path


def object_stream_pdf(path: Path, src: Path) -> Path:
    """``src`` rewritten the way Acrobat and recent Word write PDFs: every object that is not
    a stream packed in one Flate object stream (``/Type /ObjStm``), with a cross-reference
    stream. pypdf's writer cannot do this, so the file is serialised here."""
    import io

    from pypdf import PdfReader
    from pypdf.generic import StreamObject

    r = PdfReader(str(src))
    size = int(r.trailer["/Size"])
    root = r.trailer.raw_get("/Root").idnum
    plain: dict[int, bytes] = {}
    packed: dict[int, bytes] = {}
    for num in range(1, size):
        try:
            obj = r.get_object(num)
        except Exception:  # noqa: BLE001 - a free entry
            obj = None
        if obj is None:
            continue
        buf = io.BytesIO()
        obj.write_to_stream(buf)
        (plain if isinstance(obj, StreamObject) else packed)[num] = buf.getvalue()
    stm_num, xref_num = size, size + 1
    offs, body = [], bytearray()
    for n, data in packed.items():
        offs.append(len(body))
        body += data + b"\n"
    header = b" ".join(b"%d %d" % (n, o) for n, o in zip(packed, offs)) + b"\n"
    content = header + bytes(body)
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    where: dict[int, int] = {}
    for n, data in plain.items():
        where[n] = len(out)
        out += b"%d 0 obj\n" % n + data + b"\nendobj\n"
    where[stm_num] = len(out)
    z = zlib.compress(content)
    out += (b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Length %d /Filter /FlateDecode >>\nstream\n"
            % (stm_num, len(packed), len(header), len(z))) + z + b"\nendstream\nendobj\n"
    rows = bytearray()
    index = {n: i for i, n in enumerate(packed)}
    for n in range(xref_num + 1):
        if n in packed:
            rows += bytes([2]) + stm_num.to_bytes(4, "big") + index[n].to_bytes(2, "big")
        elif n in where or n == xref_num:
            off = len(out) if n == xref_num else where[n]
            rows += bytes([1]) + off.to_bytes(4, "big") + (0).to_bytes(2, "big")
        else:
            rows += bytes([0]) + (0).to_bytes(4, "big") + (65535 if n == 0 else 0).to_bytes(2, "big")
    xref_at = len(out)
    out += (b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root %d 0 R /Length %d >>\nstream\n"
            % (xref_num, xref_num + 1, root, len(rows))) + bytes(rows) + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    path.write_bytes(bytes(out))
    return path
