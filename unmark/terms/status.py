"""Status of a glossary entry for a terminologist: ``term``, ``name`` or ``general``.

- ``name``: the name of a State (``states_zh_en.tsv``), an acronym, or a target written as a
  proper name (every content word capitalised, away from the sentence start), or a capitalised
  single word that is rare in general language (Darfur, Abyei, Hezbollah).
- ``general``: a single word that general language uses a lot (wordfreq Zipf frequency at or above
  ``common_zipf`` on the target side, or a Chinese source word above ``common_zipf_zh`` with a
  one-word target) -- 政府/Government, 冲突/conflict, 中心/Centre, 先生/Mr. -- or a target that is a lone
  adjective or ends on one (humanitarian, regional and subregional): a fragment, not a concept.
- ``term``: everything else.

The main list of the glossary is terms and names; ``general`` entries follow it (or are left out).
"""
from __future__ import annotations

import functools

import regex

from ..resources import load_lines, load_toml
from .candidates import is_acronym
from .generality import general_zipf
from .lexicon import internal_words, pattern, stopwords

TERM, NAME, GENERAL = "term", "name", "general"


@functools.cache
def _adjective_rules() -> tuple[tuple[str, ...], frozenset[str]]:
    lines = load_lines("terms/adjective_suffixes.txt")
    suffixes = tuple(sorted((w for w in lines if not w.startswith("!")), key=len, reverse=True))
    nouns = frozenset(w[1:].lower() for w in lines if w.startswith("!"))
    return suffixes, nouns


def looks_adjective(word: str, lang: str) -> bool:
    """A lower-case English or Russian word with an adjective ending that is not a listed noun."""
    if lang not in ("en", "ru") or not word or not word[:1].islower() or "-" in word:
        return False
    suffixes, nouns = _adjective_rules()
    w = word.lower()
    if w in nouns or (lang == "en" and w.endswith("s")):
        return False
    return len(w) > 4 and w.endswith(suffixes)


def _content_words(surface: str, lang: str) -> list[str]:
    fn = stopwords(lang) | internal_words(lang)
    return [w for w in surface.split() if w.lower() not in fn]


def is_proper_name(surface: str, lang: str) -> bool:
    """Every content word starts with a capital (Latin/Cyrillic scripts), at least two of them."""
    if lang == "zh":
        return False
    words = _content_words(surface, lang)
    return len(words) >= 2 and all(w[:1].isupper() or w[:1].isdigit() for w in words)


NAME_TAGS = ("nr", "ns", "nt", "nz")


@functools.lru_cache(maxsize=4096)
def zh_proper_name(word: str) -> bool:
    """Does jieba read the Chinese word as one proper name (tags nr, ns, nt, nz: 伊拉克, 日内瓦)?"""
    if not word or word.startswith("《"):
        return False
    from .tokenize import _lock, zh_pos_tokenizer

    pt = zh_pos_tokenizer()
    with _lock:
        toks = list(pt.cut(word, HMM=False))
    return len(toks) == 1 and toks[0].flag.startswith(NAME_TAGS)


@functools.cache
def _general_phrase_rules() -> dict[str, frozenset[str]]:
    data = load_toml("terms/general_phrases.toml")
    return {k: frozenset(data[k]) for k in ("modifiers_en", "shell_heads_en", "modifiers_zh", "shell_heads_zh")}


def general_phrase(source: str, target: str, src_lang: str, tgt_lang: str) -> bool:
    """A phrase of the text rather than an entry (``resources/terms/general_phrases.toml``): an
    evaluating, pointing or counting modifier plus one noun ("important factor", 上述文件 /
    "above-mentioned document"), or a shell noun as the head ("humanitarian situation"). The English
    side decides when there is one (a capitalised English side is a name: never); otherwise the
    Chinese side, by its first and last word as the segmenter cuts it."""
    rules = _general_phrase_rules()
    sides = {src_lang: source, tgt_lang: target}
    if "en" in sides:
        text = sides["en"].strip()
        if not text or not text[:1].islower():
            return False
        from .candidates import singular_en

        content = _content_words(text, "en")
        if len(content) < 2 or any(w[:1].isupper() for w in content):
            return False
        if len(content) == 2 and content[0].lower() in rules["modifiers_en"]:
            return True
        return singular_en(content[-1].lower()) in rules["shell_heads_en"]
    if "zh" in sides:
        other = sides[tgt_lang if src_lang == "zh" else src_lang]
        if other[:1].isupper() or sides["zh"].startswith("《"):
            return False
        from .tokenize import tokenize

        zh = sides["zh"]
        words = [w for c in tokenize(zh, "zh").chunks for w in c]
        if len(words) >= 2 and (words[0] in rules["modifiers_zh"] or words[-1] in rules["shell_heads_zh"]):
            return True
        # a dictionary word that is itself such a phrase (上述情况): two-character parts at its edges
        return (any(len(m) >= 2 and len(zh) > len(m) and zh.startswith(m) for m in rules["modifiers_zh"])
                or any(len(h) >= 2 and len(zh) > len(h) and zh.endswith(h) for h in rules["shell_heads_zh"]))
    return False


@functools.lru_cache(maxsize=16384)
def zh_transliterated_name(text: str) -> bool:
    """Does the Chinese text hold a transliterated foreign name (jieba tag nrt: 顿涅茨克, 圣马丁)?
    Such a name is capitalised in every Latin-script language, so a lower-case target is not its
    translation (顿涅茨克地区 / shelling)."""
    if not text or text.startswith("《"):
        return False
    from .tokenize import _lock, zh_pos_tokenizer

    pt = zh_pos_tokenizer()
    with _lock:
        return any(t.flag == "nrt" for t in pt.cut(text, HMM=False))


def entry_status(source: str, target: str, src_lang: str, tgt_lang: str, *, state: bool = False,
                 common_zipf: float = 3.6, common_zipf_zh: float = 4.5, rare_name_zipf: float = 4.0,
                 listed: bool | None = None) -> str:
    """``term`` | ``name`` | ``general`` for one source/target pair (see the module docstring).
    ``listed``: the Chinese side is a word of the UN terminology dictionary (``un_userdict_zh.txt``:
    届会, 全权证书, 员额, 增编) -- a common word in general language, but a UN term in this sense: a
    lower-case target is never ``general`` for its general-language frequency (None: looked up
    here). A capitalised common word stays a piece of names (Mission, Bureau: "the Mission")."""
    if listed is None:
        listed = un_dictionary_word(source if src_lang == "zh" else target if tgt_lang == "zh" else "")
    if state or is_acronym(target) or is_acronym(source):
        return NAME
    ordinal, date = pattern("ordinal"), pattern("date")
    if ordinal.search(target) or ordinal.search(source) or date.search(target) or date.search(source):
        return GENERAL          # one meeting or session, or a date ("7359th meeting of the Security Council"), not a term
    if general_phrase(source, target, src_lang, tgt_lang):
        return GENERAL          # "important factor", "humanitarian situation": a phrase of the text
    # the Latin-script side decides (for zh-en: the English; for en-ru: both sides in turn)
    sides = [(target, tgt_lang), (source, src_lang)]
    latin = sorted(((s, lang) for s, lang in sides if lang != "zh"), key=lambda x: x[1] != "en")
    for surf, lang in latin:
        if surf.startswith("《"):
            return TERM
        words = surf.split()
        if len(words) >= 2:
            last = _content_words(surf, lang)
            # a name or phrase that stops on an adjective is cut short ("United Nations Educational")
            if last and looks_adjective(last[-1].lower() if last[-1][:1].isupper() and not last[-1].isupper() else last[-1], lang):
                return GENERAL
            if is_proper_name(surf, lang):
                return NAME
            continue
        w = words[0] if words else surf
        if "-" in w.strip("-") and not is_acronym(w):
            return TERM         # Secretary-General, capacity-building: compounds are terms
        z = general_zipf(w, lang)
        if w[:1].isupper() and not w.isupper() and looks_adjective(w.lower(), lang):
            return GENERAL      # European for 欧洲, Islamic for 伊斯兰: an adjective, not the name
        if w[:1].isupper():
            if (z is not None and z < rare_name_zipf) or z is None or zh_proper_name(source if src_lang == "zh" else target if tgt_lang == "zh" else ""):
                return NAME
            return GENERAL
        if looks_adjective(w, lang) or (lang == "en" and len(w) > 5 and w.endswith("ly")):
            return GENERAL      # a lone adjective or adverb (systematically)
        if z is not None and z >= common_zipf and not listed:
            return GENERAL
    if tgt_lang != "zh" and len(target.split()) == 1 and src_lang == "zh" and not listed:
        z = general_zipf(source, "zh")
        if z is not None and z >= common_zipf_zh:
            return GENERAL
    return TERM


def attributive_modifier(word: str, texts, lang: str, share: float = 0.75, min_occurrences: int = 3) -> bool:
    """Is an English hyphenated compound used as a modifier in the corpus: followed by a lower-case
    content word in at least ``share`` of its occurrences ("high-level segment", "cross-border
    cooperation", "post-conflict settings")? Then it names no concept alone: the term is the noun
    phrase it opens, and the entry is ``general``. Compounds used as nouns stay (capacity-building,
    decision-making, well-being). A capitalised compound followed by a capitalised word as often
    opens a name ("Open-ended Working Group"): a piece of the name, ``general`` too."""
    w = word.strip()
    if lang != "en" or " " in w or "-" not in w.strip("-") or is_acronym(w):
        return False
    capital = w[:1].isupper()
    pat = regex.compile(rf"(?<![\p{{L}}\p{{N}}-]){regex.escape(w)}(?![\p{{L}}\p{{N}}-])(?:[ \t]+([\p{{L}}][\p{{L}}\p{{N}}-]*))?")
    stop = stopwords(lang) | internal_words(lang)
    total = attributive = 0
    for t in texts:
        if w not in t:
            continue
        for m in pat.finditer(t):
            total += 1
            nxt = m.group(1) or ""
            if (nxt[:1].isupper() if capital else nxt[:1].islower()) and nxt.lower() not in stop:
                attributive += 1
    return total >= min_occurrences and attributive >= share * total


@functools.cache
def _un_dictionary() -> frozenset[str]:
    from .lexicon import user_dictionary_zh

    return frozenset(w for w, _, _ in user_dictionary_zh())


def un_dictionary_word(word: str) -> bool:
    """Is ``word`` an entry of the UN terminology dictionary of the Chinese segmenter?"""
    return bool(word) and word in _un_dictionary()


def _bare(target: str) -> str:
    t = target.strip().casefold()
    for art in ("the ", "la ", "le ", "les ", "el ", "los ", "las "):
        if t.startswith(art):
            return t[len(art):]
    return t


def coordinations(targets: list[str], main: list[bool]) -> list[bool]:
    """Per target: is it two entries of the main list joined by "and" ("General Assembly and the
    Security Council", 大会和安全理事会), or two lower-case words ("policies and procedures")? Such a
    pair is a phrase of the text, not a term."""
    known = {_bare(t) for t, m in zip(targets, main) if m}
    out = []
    for t in targets:
        parts = regex.split(r"\s+(?:and|et|y|и|و)\s+", t.strip(), maxsplit=1)
        two_words = len(parts) == 2 and all(" " not in p.strip() and p[:1].islower() for p in parts)
        out.append(len(parts) == 2 and (two_words or (_bare(parts[0]) in known and _bare(parts[1]) in known)))
    return out


def label_series(keys, min_numbers: int = 3) -> set[str]:
    """Keys that are labels local to one document: letters and a number (JS1, СП12) where at least
    ``min_numbers`` different numbers share the letters among ``keys`` (JS1 ... JS16 for Joint
    Submission 1 ... 16). APG23 or G20 alone are names, not a series."""
    if min_numbers <= 0:
        return set()
    pat = pattern("document_label")
    by_prefix: dict[str, list[str]] = {}
    for k in keys:
        m = pat.match(k.upper())
        if m:
            by_prefix.setdefault(m.group(1), []).append(k)
    return {k for ks in by_prefix.values() if len(ks) >= min_numbers for k in ks}


@functools.cache
def _state_words_en() -> tuple[frozenset[str], tuple[str, ...]]:
    from .lexicon import states

    names = sorted({n for _, en in states() for n in en}, key=len, reverse=True)
    words = frozenset(w for n in names for w in regex.findall(r"\p{L}+", n) if w[:1].isupper())
    return words, tuple(names)


def _demonym(word: str) -> bool:
    """A capitalised adjective of a State (Chadian, Italian, Afghan, Sudanese): an adjective ending
    whose first four letters open a word of a State name, the word itself not being a State."""
    words, names = _state_words_en()
    if len(word) < 5 or not word[:1].isupper() or word.isupper() or word in names:
        return False
    if not word.lower().endswith(("an", "ese", "ish", "i", "ic")):
        return False
    stem = word[:4]
    return any(w.startswith(stem) for w in words)


def compositional_with_state(surface: str, lang: str) -> bool:
    """A State (its name or its adjective) plus ordinary lower-case words: a phrase of the text, not
    an entry (Chadian women, Italian legislation, armed forces of the Republic of Armenia). Names
    stay names (Afghan National Police, Government of the Sudan: capitalised)."""
    if lang != "en" or not surface:
        return False
    _, names = _state_words_en()
    rest = surface
    found = False
    for n in names:
        if n in rest:
            pat = regex.compile(rf"(?<!\p{{L}})(?:the\s+)?{regex.escape(n)}(?!\p{{L}})")
            rest, c = pat.subn(" ", rest)
            found = found or c > 0
    words = rest.split()
    if words and _demonym(words[0]):
        found = True
        words = words[1:]
    if not found:
        return False
    content = [w for w in words if w.lower() not in stopwords(lang) and w.lower() not in internal_words(lang)]
    return bool(content) and all(w[:1].islower() for w in content)
