"""Which composite fonts can be read: a /ToUnicode map, or a predefined CMap whose codes are
Unicode or a national encoding (``resources/pdf/cmaps.toml``). What is left (Identity-H/V
or another CID-keyed CMap without ToUnicode) is glyph ids, and :func:`unmapped_reason` says
why, for the E208 message."""
from __future__ import annotations

import codecs
import functools

import regex as re

from ...errors import ResourceError
from ...resources import load_toml

RULES_FILE = "pdf/cmaps.toml"


#: codecs of the 7-bit national CMaps (``GB-H``, ``H``, ``KSC-H``): the two bytes of a code are
#: those of the EUC encoding without their high bits
SEVEN_BIT = "unmark-7bit-"


def _seven_bit(name: str):
    if not name.startswith(SEVEN_BIT.replace("-", "_")):
        return None
    base = codecs.lookup(name[len(SEVEN_BIT):])

    def decode(data, errors="strict"):
        return base.decode(bytes(b | 0x80 for b in bytes(data)), errors)[0], len(data)

    def encode(text, errors="strict"):
        data = base.encode(text, errors)[0]
        return bytes(b & 0x7F for b in data), len(text)

    return codecs.CodecInfo(encode, decode, name=SEVEN_BIT + base.name)


codecs.register(_seven_bit)


@functools.lru_cache(maxsize=1)
def _rules() -> tuple["re.Pattern[str]", dict[str, str]]:
    d = load_toml(RULES_FILE)
    try:
        uni = re.compile(d["unicode"])
        legacy = {}
        for name, codec in d["legacy"].items():
            try:
                legacy[name] = codecs.lookup(codec).name
            except LookupError:
                continue  # a codec Python lacks (EUC-TW): that CMap stays unmapped
        for name, codec in d.get("legacy_7bit", {}).items():
            try:
                legacy[name] = codecs.lookup(SEVEN_BIT + codecs.lookup(codec).name).name
            except LookupError:
                continue
        return uni, legacy
    except (KeyError, TypeError, re.error) as exc:
        raise ResourceError(f"{RULES_FILE}: invalid CMap table: {exc}", code="E602") from exc


@functools.lru_cache(maxsize=256)
def predefined_codec(name: str) -> str | None:
    """The Python codec that decodes the codes of the predefined CMap ``name`` (with or
    without the leading slash), or None when its codes are not characters."""
    n = name.lstrip("/")
    uni, legacy = _rules()
    if uni.match(n):
        return "utf-16-be"
    m = re.match(r"^(?:(.+?)-)?[HV]$", n)
    if m and (m.group(1) or "") in legacy:
        return legacy[m.group(1) or ""]
    return None


@functools.lru_cache(maxsize=1)
def _pdfium_lacks() -> frozenset[str]:
    lacks = load_toml(RULES_FILE).get("pdfium_lacks", [])
    if not isinstance(lacks, list):
        raise ResourceError(f"{RULES_FILE}: pdfium_lacks must be a list of CMap names", code="E602")
    return frozenset(lacks)


def pdfium_map(name: str) -> dict[int, str] | None:
    """For a predefined CMap PDFium does not map itself (``GB-H``): code -> character of every
    2-byte code in rows and cells 0x21-0x7E, by the CMap's codec; None for the others."""
    n = name.lstrip("/")
    codec = predefined_codec(n) if n in _pdfium_lacks() else None
    if codec is None:
        return None
    out = {}
    for hi in range(0x21, 0x7F):
        for lo in range(0x21, 0x7F):
            try:
                out[(hi << 8) | lo] = bytes((hi, lo)).decode(codec)
            except UnicodeDecodeError:
                continue
    return out


def _name(obj) -> str:
    try:
        obj = obj.get_object()
    except AttributeError:
        pass
    return str(obj) if obj is not None else ""


def has_tounicode(font) -> bool:
    """The (pypdf) font dictionary has a /ToUnicode map: a stream. A name there
    (``/ToUnicode /Identity-H``, as some producers write) maps nothing."""
    tu = font.get("/ToUnicode")
    if tu is None:
        return False
    try:
        return hasattr(tu.get_object(), "get_data")
    except Exception:  # noqa: BLE001 - a broken reference maps nothing either
        return False


def unmapped_reason(font) -> str | None:
    """None when the text of this (pypdf) font dictionary can be mapped to Unicode; else why
    not, e.g. ``"Identity-H, Adobe-GB1, not embedded, no ToUnicode"``."""
    if font.get("/Subtype") != "/Type0" or has_tounicode(font):
        return None
    enc = font.get("/Encoding")
    enc_name = _name(enc) if enc is not None else ""
    if enc_name.startswith("/") and predefined_codec(enc_name):
        return None
    parts = [enc_name.lstrip("/") or "embedded CMap"]
    try:
        desc = font["/DescendantFonts"][0].get_object()
        info = desc.get("/CIDSystemInfo")
        if info is not None:
            info = info.get_object()
            parts.append(f"{info.get('/Registry', '?')}-{info.get('/Ordering', '?')}")
        fd = desc.get("/FontDescriptor")
        fd = fd.get_object() if fd is not None else {}
        if not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            parts.append("not embedded")
    except Exception:  # noqa: BLE001 - a broken descendant only shortens the reason
        pass
    parts.append("no ToUnicode" if "/ToUnicode" not in font else f"/ToUnicode {_name(font.get('/ToUnicode')).lstrip('/')} (not a map)")
    return ", ".join(parts)


MAX_CMAP_BYTES = 4 << 20        # an embedded CMap larger than this is not parsed
MAX_CMAP_CODES = 1 << 17        # nor one that maps more codes than this
_HEX = r"<([0-9A-Fa-f]+)>"
_SPACE = re.compile(r"begincodespacerange(.*?)endcodespacerange", re.S)
_CIDRANGE = re.compile(r"begincidrange(.*?)endcidrange", re.S)
_CIDCHAR = re.compile(r"begincidchar(.*?)endcidchar", re.S)
_PAIR = re.compile(_HEX + r"\s*" + _HEX)
_RANGE_LINE = re.compile(_HEX + r"\s*" + _HEX + r"\s*(\d+)")
_CHAR_LINE = re.compile(_HEX + r"\s*(\d+)")


def embedded_cmap(stream) -> tuple[int, dict[int, int]] | None:
    """An embedded CMap stream (a Type0 font's /Encoding) read as (code length in bytes: 1 or 2,
    code -> CID); None when it cannot be read this simply: codes of mixed lengths, a /UseCMap,
    too large."""
    try:
        if "/UseCMap" in stream:
            return None
        data = stream.get_data()
        if len(data) > MAX_CMAP_BYTES:
            return None
        text = data.decode("latin-1")
    except Exception:  # noqa: BLE001 - an unreadable CMap maps nothing
        return None
    lengths = {len(a) // 2 for block in _SPACE.findall(text) for a, _ in _PAIR.findall(block)}
    if len(lengths) != 1 or not lengths <= {1, 2}:
        return None
    n = lengths.pop()
    out: dict[int, int] = {}
    for block in _CIDRANGE.findall(text):
        for a, b, cid in _RANGE_LINE.findall(block):
            lo, hi, cid = int(a, 16), int(b, 16), int(cid)
            if hi < lo or len(out) + hi - lo > MAX_CMAP_CODES:
                return None
            for k in range(hi - lo + 1):
                out[lo + k] = cid + k
    for block in _CIDCHAR.findall(text):
        for a, cid in _CHAR_LINE.findall(block):
            out[int(a, 16)] = int(cid)
    return (n, out) if out else None


def examples() -> list[dict]:
    return list(load_toml(RULES_FILE).get("examples", []))


__all__ = ["has_tounicode", "predefined_codec", "pdfium_map", "unmapped_reason", "embedded_cmap", "examples"]
