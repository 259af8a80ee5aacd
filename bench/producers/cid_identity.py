"""A PDF whose Chinese is set in a font shown by CIDs (``Identity-H``) with no /ToUnicode map,
as Distiller writes a non-embedded standard Asian font or an embedded CID-keyed CFF subset:
the codes are Adobe-GB1 (or -CNS1, -Japan1, -Korea1) CIDs. Test fixtures for
unmark/extract/pdf/cidmap.py.

    python bench/producers/cid_identity.py OUT.pdf [--collection Adobe-GB1] [--font STSong-Light]
        [--cmaps /usr/share/poppler/cMap] [TEXT_FILE]

Text -> CIDs with Adobe's Unicode CMap (``UniGB-UTF32-H``; generation only: the reader never
sees it). Each line of the text is one line on the page; an empty line is a paragraph gap.
"""
from __future__ import annotations

import argparse
import sys
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_cid_unicode import COLLECTIONS, read_cmap  # noqa: E402

SAMPLE = """联合国打击跨国有组织犯罪公约缔约方会议

1. 本背景文件由秘书处编写，旨在便利偷运移民问题工作组第七次会议的讨论。
2. 各代表团在为工作组的审议做准备时，不妨考虑本国对下列问题的答复：
（a）如何加强在危机期间应对偷运移民问题的准备？
（b）怎样才能在危机期间维持有效的执法合作？
3. 自然灾害、经济危机和其他危机，以及冲突的爆发、升级、持续和后果会迅速给社会造成巨大压力。"""


def build(text: str, out: Path, collection: str = "Adobe-GB1", font: str = "STSong-Light",
          cmaps: Path = Path("/usr/share/poppler/cMap")) -> None:
    uni = read_cmap(cmaps / collection / f"{COLLECTIONS[collection]}-UTF32-H")
    size, lead, x, y = 12, 20, 72, 760
    ops = [f"BT /F1 {size} Tf {lead} TL {x} {y} Td"]
    for line in text.splitlines():
        cids = [uni[ord(ch)] for ch in line if ord(ch) in uni]
        ops.append(f"<{''.join(f'{c:04x}' for c in cids)}> Tj T*" if cids else "T*")
    ops.append("ET")
    content = zlib.compress("\n".join(ops).encode("ascii"))
    reg, order = collection.split("-", 1)
    supplement = {"GB1": 5, "CNS1": 7, "Japan1": 6, "Korea1": 2}[order]
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
        f"<< /Type /Font /Subtype /Type0 /BaseFont /{font} /Encoding /Identity-H /DescendantFonts [6 0 R] >>".encode(),
        f"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /{font} /CIDSystemInfo << /Registry ({reg}) "
        f"/Ordering ({order}) /Supplement {supplement} >> /FontDescriptor 7 0 R /DW 1000 >>".encode(),
        f"<< /Type /FontDescriptor /FontName /{font} /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 "
        f"/Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>".encode(),
    ]
    data = bytearray(b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(data))
        data += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    data += b"".join(b"%010d 00000 n \n" % o for o in offs)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    out.write_bytes(bytes(data))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("text", nargs="?")
    ap.add_argument("--collection", default="Adobe-GB1", choices=sorted(COLLECTIONS))
    ap.add_argument("--font", default="STSong-Light")
    ap.add_argument("--cmaps", default="/usr/share/poppler/cMap")
    a = ap.parse_args(argv)
    text = Path(a.text).read_text(encoding="utf-8") if a.text else SAMPLE
    build(text, Path(a.out), a.collection, a.font, Path(a.cmaps))
    return 0


if __name__ == "__main__":
    sys.exit(main())
