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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "hostile"))
from generators import build_pdf, stream  # noqa: E402
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
    reg, order = collection.split("-", 1)
    supplement = {"GB1": 5, "CNS1": 7, "Japan1": 6, "Korea1": 2, "KR": 9}[order]
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        stream("\n".join(ops).encode("ascii")),
        f"<< /Type /Font /Subtype /Type0 /BaseFont /{font} /Encoding /Identity-H /DescendantFonts [6 0 R] >>".encode(),
        f"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /{font} /CIDSystemInfo << /Registry ({reg}) "
        f"/Ordering ({order}) /Supplement {supplement} >> /FontDescriptor 7 0 R /DW 1000 >>".encode(),
        f"<< /Type /FontDescriptor /FontName /{font} /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 "
        f"/Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>".encode(),
    ]
    out.write_bytes(build_pdf(objs))


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
