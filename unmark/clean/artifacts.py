"""Word and font artifacts: broken-field messages and Symbol-font private-use glyphs.

Rules (data in ``resources/core/artifacts.toml``):

- ``artifact.pua``: U+F0xx private-use code points mapped back (U+F02A -> ``*``, U+F0B7 -> ``•``).
- ``artifact.broken_field``: "Error! Bookmark not defined." and its localised forms removed.
"""
from __future__ import annotations

import functools

import regex as re

from ..errors import ResourceError
from ..model import Fix, MappedText
from ..resources import load_toml
from ..rules.bidi import bidi_regex

RULES_FILE = "core/artifacts.toml"


@functools.lru_cache(maxsize=1)
def pua_map() -> dict[str, str]:
    data = load_toml(RULES_FILE)
    m = data.get("pua", {}).get("map", {})
    for k, v in m.items():
        if len(k) != 1 or not (0xE000 <= ord(k) <= 0xF8FF):
            raise ResourceError(f"{RULES_FILE}: pua.map key {k!r} is not one private-use character", code="E602")
        if not isinstance(v, str) or not v:
            raise ResourceError(f"{RULES_FILE}: pua.map value for U+{ord(k):04X} is empty", code="E602")
    table = {}
    for pair in data.get("pua", {}).get("ascii_ranges", {}).get("ranges", []):
        try:
            lo, hi = (int(x, 16) for x in pair)
        except (TypeError, ValueError) as exc:
            raise ResourceError(f"{RULES_FILE}: pua.ascii_ranges entry {pair!r} is not [hex, hex]", code="E602") from exc
        if not (0xF020 <= lo <= hi <= 0xF07E):
            raise ResourceError(f"{RULES_FILE}: pua.ascii_ranges {pair!r} outside U+F020..U+F07E", code="E602")
        table.update({chr(c): chr(c - 0xF000) for c in range(lo, hi + 1)})
    table.update(m)
    return table


_PUA_RE = re.compile(r"[\uE000-\uF8FF]")


def map_pua(mt: MappedText) -> tuple[MappedText, list[Fix]]:
    """artifact.pua: replace mapped private-use characters; unknown ones are left (and reported by the caller)."""
    table = pua_map()
    fixes: list[Fix] = []
    if not _PUA_RE.search(mt.text):
        return mt, fixes
    edits = []
    for m in _PUA_RE.finditer(mt.text):
        ch = m.group()
        if ch not in table:
            continue
        page, line, col = mt.locate(m.start())
        new = table[ch]
        edits.append((m.start(), m.end(), new))
        fixes.append(Fix("artifact.pua", page, line, ch, new, col=col, note=f"U+{ord(ch):04X}"))
    return mt.edit(edits), fixes


def _message_pattern(msg: str) -> str:
    parts = []
    for ch in msg:
        if ch in "!！":
            parts.append(r"\s*[!！]\s*")
        elif ch == " ":
            parts.append(r"\s+")
        elif ch in ".。":
            parts.append(r"[.。]")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


@functools.lru_cache(maxsize=1)
def broken_field_regex() -> "re.Pattern[str]":
    data = load_toml(RULES_FILE)
    msgs = data.get("broken_field", {}).get("messages", {})
    if not isinstance(msgs, dict) or not msgs:
        raise ResourceError(f"{RULES_FILE}: broken_field.messages must be a table of lists", code="E602")
    pats = []
    for lang, lst in msgs.items():
        if not isinstance(lst, list) or not all(isinstance(s, str) and s for s in lst):
            raise ResourceError(f"{RULES_FILE}: broken_field.messages.{lang} must be a list of strings", code="E602")
        pats += [_message_pattern(s) for s in lst]
    pats.sort(key=len, reverse=True)
    return re.compile("(?:" + "|".join(pats) + ")", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _every_message_has_bang() -> bool:
    """Every broken-field message holds a "!" (ASCII or full-width): a text without one needs no search."""
    msgs = load_toml(RULES_FILE).get("broken_field", {}).get("messages", {})
    return all("!" in s or "！" in s for lst in msgs.values() for s in lst)


def remove_broken_fields(mt: MappedText) -> tuple[MappedText, list[Fix]]:
    """artifact.broken_field: remove Word field-error messages, with one adjoining space."""
    rx = broken_field_regex()
    fixes: list[Fix] = []
    if "!" not in mt.text and "！" not in mt.text and _every_message_has_bang():
        return mt, fixes
    matches = list(rx.finditer(mt.text))
    if not matches:
        return mt, fixes
    t = mt.text
    edits = []
    for m in matches:
        a, b = m.start(), m.end()
        if a > 0 and t[a - 1] == " " and (b >= len(t) or t[b] in " ,.;:)，。；：）"):
            a -= 1
        page, line, col = mt.locate(m.start())
        fixes.append(Fix("artifact.broken_field", page, line, t[a:b], "", col=col))
        edits.append((a, b, ""))
    return mt.edit(edits), fixes


def unknown_pua(text: str) -> list[str]:
    table = pua_map()
    return sorted({c for c in _PUA_RE.findall(text) if c not in table})


@functools.lru_cache(maxsize=1)
def glyph_artifact_regex() -> "re.Pattern[str]":
    """Any character :func:`map_pua`, :func:`unknown_pua` or :func:`remove_bidi_controls` acts
    on: a line without one needs none of them."""
    chars = load_toml(RULES_FILE).get("bidi_controls", {}).get("characters", [])
    return re.compile("[\uE000-\uF8FF" + "".join(re.escape(c) for c in chars) + "]")


def remove_bidi_controls(mt: MappedText) -> tuple[MappedText, list[Fix]]:
    """artifact.bidi_controls: drop direction controls (one fix per line, listing how many)."""
    rx = bidi_regex()
    found = list(rx.finditer(mt.text))
    if not found:
        return mt, []
    page, line, col = mt.locate(found[0].start())
    out = mt.edit((m.start(), m.end(), "") for m in found)
    before = "".join(f"U+{ord(m.group()):04X} " for m in found[:6]).strip()
    return out, [Fix("artifact.bidi_controls", page, line, mt.text, out.text, col=col, note=f"{len(found)} controls: {before}")]
