"""Build resources/pdf/cid_unicode/<Registry-Ordering>.txt: CID -> Unicode for the Adobe CJK
character collections, inverted from Adobe's own Unicode CMaps (``UniGB-UTF32-H`` and ``-V``,
``UniCNS-…``, ``UniJIS-…``, ``UniKS-…``, ``UniAKR-UTF32-H``; Adobe's cmap-resources, BSD-3-Clause, as poppler-data
and Ghostscript ship them).

    python bench/producers/make_cid_unicode.py [--cmaps /usr/share/poppler/cMap]

Where several code points map to one CID, the code point of running text wins (not a CJK
compatibility ideograph, radical or private-use code point; then the lowest), as the fonts'
own maps are read (unmark/extract/pdf/fontmap.py). Lines: ``CID CODEPOINT [COUNT]`` in hex, a run
of COUNT consecutive CIDs mapping to consecutive code points.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from unmark.extract.pdf.fontmap import _rank  # noqa: E402

COLLECTIONS = {"Adobe-GB1": "UniGB", "Adobe-CNS1": "UniCNS", "Adobe-Japan1": "UniJIS", "Adobe-Korea1": "UniKS",
               "Adobe-KR": "UniAKR"}
LICENSE = """# CID -> Unicode of the {coll} character collection, inverted from Adobe's {files}
# (bench/producers/make_cid_unicode.py). Source: Adobe cmap-resources,
# Copyright 1990-2019 Adobe. All rights reserved. Redistribution and use in source and binary
# forms, with or without modification, are permitted provided that the following conditions are
# met: Redistributions of source code must retain the above copyright notice, this list of
# conditions and the following disclaimer. Redistributions in binary form must reproduce the
# above copyright notice, this list of conditions and the following disclaimer in the
# documentation and/or other materials provided with the distribution. Neither the name of Adobe
# nor the names of its contributors may be used to endorse or promote products derived from this
# software without specific prior written permission. THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT
# HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT
# LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
# DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT,
# INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES ARISING IN ANY WAY OUT OF THE
# USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
# Lines: CID CODEPOINT [COUNT] (hex): COUNT consecutive CIDs map to consecutive code points.
"""
_RANGE = re.compile(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\d+)")
_CHAR = re.compile(r"<([0-9a-fA-F]+)>\s*(\d+)")


def read_cmap(path: Path) -> dict[int, int]:
    """code point -> CID of one UTF-32 CMap."""
    out: dict[int, int] = {}
    mode = None
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.endswith("begincidrange"):
            mode = "range"
        elif line.endswith("begincidchar"):
            mode = "char"
        elif line.startswith("end"):
            mode = None
        elif mode == "range" and (m := _RANGE.match(line)):
            a, b, cid = int(m.group(1), 16), int(m.group(2), 16), int(m.group(3))
            for k in range(b - a + 1):
                out.setdefault(a + k, cid + k)
        elif mode == "char" and (m := _CHAR.match(line)):
            out.setdefault(int(m.group(1), 16), int(m.group(2)))
    return out


def invert(maps: list[dict[int, int]]) -> dict[int, int]:
    best: dict[int, int] = {}
    for m in maps:   # horizontal first: a vertical-only CID gets its character from -V
        seen: dict[int, int] = {}
        for cp, cid in m.items():
            old = seen.get(cid)
            if old is None or _rank(cp) < _rank(old):
                seen[cid] = cp
        for cid, cp in seen.items():
            best.setdefault(cid, cp)
    return best


def runs(m: dict[int, int]) -> list[str]:
    out, cids = [], sorted(m)
    i = 0
    while i < len(cids):
        j = i
        while j + 1 < len(cids) and cids[j + 1] == cids[j] + 1 and m[cids[j + 1]] == m[cids[j]] + 1:
            j += 1
        n = j - i + 1
        out.append(f"{cids[i]:x} {m[cids[i]]:x}" + (f" {n:x}" if n > 1 else ""))
        i = j + 1
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cmaps", default="/usr/share/poppler/cMap")
    a = ap.parse_args(argv)
    dst = ROOT / "resources/pdf/cid_unicode"
    dst.mkdir(parents=True, exist_ok=True)
    for coll, prefix in COLLECTIONS.items():
        # Adobe-KR has no vertical CMap: its horizontal one alone
        files = [f for f in (Path(a.cmaps) / coll / f"{prefix}-UTF32-{d}" for d in "HV") if f.is_file()]
        if not files or files[0].name.endswith("-V"):
            print(f"SKIP {coll}: {files[0]} not found (poppler-data or Adobe cmap-resources)")
            continue
        m = invert([read_cmap(f) for f in files])
        lines = runs(m)
        (dst / f"{coll}.txt").write_text(LICENSE.format(coll=coll, files=", ".join(f.name for f in files)) + "\n".join(lines) + "\n")
        print(f"{coll}: {len(m)} CIDs in {len(lines)} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
