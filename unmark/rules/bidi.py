"""The direction controls (U+200E/U+200F marks, U+202A-U+202E embeddings and overrides,
U+2066-U+2069 isolates) as ``resources/core/artifacts.toml`` lists them under ``[bidi_controls]`` (loaded
and validated once: E602).

One home for the cleaner that drops them (``clean.artifacts``, rule ``artifact.bidi_controls``)
and the text reader that looks past them (``extract.text``); it sits below both.
"""
from __future__ import annotations

import functools

import regex as re

from ..errors import ResourceError
from ..resources import load_toml

RULES_FILE = "core/artifacts.toml"


@functools.lru_cache(maxsize=1)
def bidi_regex() -> "re.Pattern[str]":
    chars = load_toml(RULES_FILE).get("bidi_controls", {}).get("characters", [])
    if not all(isinstance(c, str) and len(c) == 1 for c in chars):
        raise ResourceError(f"{RULES_FILE}: bidi_controls.characters must be single characters", code="E602")
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]") if chars else re.compile(r"(?!)")
