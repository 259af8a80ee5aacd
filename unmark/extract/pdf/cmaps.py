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
    m = re.match(r"^(.+?)-[HV]$", n)
    if m and m.group(1) in legacy:
        return legacy[m.group(1)]
    return None


def _name(obj) -> str:
    try:
        obj = obj.get_object()
    except AttributeError:
        pass
    return str(obj) if obj is not None else ""


def unmapped_reason(font) -> str | None:
    """None when the text of this (pypdf) font dictionary can be mapped to Unicode; else why
    not, e.g. ``"Identity-H, Adobe-GB1, not embedded, no ToUnicode"``."""
    if font.get("/Subtype") != "/Type0" or "/ToUnicode" in font:
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
    parts.append("no ToUnicode")
    return ", ".join(parts)


def examples() -> list[dict]:
    return list(load_toml(RULES_FILE).get("examples", []))


__all__ = ["predefined_codec", "unmapped_reason", "examples"]
