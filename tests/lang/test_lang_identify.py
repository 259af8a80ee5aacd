"""Language identification: script first, seeded langdetect for en/fr/es, mixed blocks."""
from __future__ import annotations

import pytest

from lang_shared import shared_or_skip
from unmark.lang import LANGUAGES, identify, identify_block, identify_document


def test_script_decides():
    assert identify("大会重申其决议") == "zh"
    assert identify("الجمعية العامة") == "ar"
    assert identify("Генеральная Ассамблея") == "ru"


def test_too_short_returns_default():
    assert identify("55/100", default="fr") == "fr"
    assert identify("", default=None) is None
    assert identify("A/RES/73/195") is None


def test_deterministic():
    text = "La Asamblea General decide seguir examinando la cuestión en su próximo período de sesiones."
    assert len({identify(text) for _ in range(5)}) == 1
    assert identify(text) == "es"


def test_mixed_block_keeps_document_language():
    block = "见 Official Records of the General Assembly, Fifty-fifth Session, Supplement No. 3 (A/55/3)。"
    assert identify_block(block, "zh") == "zh"


def test_clearly_foreign_block_changes():
    block = "The General Assembly decides to continue its consideration of the question at its next session."
    assert identify_block(block, "zh") == "en"
    assert identify_block("Генеральная Ассамблея постановляет продолжить рассмотрение этого вопроса.", "fr") == "ru"


def test_short_block_keeps_document_language():
    assert identify_block("RESOLUTION 55/100", "fr") == "fr"


def test_identify_document_weighted():
    blocks = ["Short English line.", "L’Assemblée générale décide de poursuivre l’examen de la question à sa prochaine session, "
              "conformément à sa résolution 54/169 du 17 décembre 1999."]
    assert identify_document(blocks) == "fr"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_six_language_resolution_per_block(lang):
    """GA resolution 55/100 in all six languages: every block gets its language (6/6)."""
    path = shared_or_skip(f"corpus/un_ga_55_100/{lang}.txt")
    blocks = [l for l in path.read_text(encoding="utf-8").split("\n") if l.strip()]
    doc = identify_document(blocks)
    assert doc == lang
    assert [identify_block(b, doc) for b in blocks] == [lang] * len(blocks)


_LANGDETECT_TEXTS = [
    "The General Assembly decides to continue its consideration of the question at its next session.",
    "L’Assemblée générale décide de poursuivre l’examen de la question à sa prochaine session.",
    "La Asamblea General decide seguir examinando la cuestión en su próximo período de sesiones.",
    "Associazione Italiana per i diritti umani; Comitato per la promozione e protezione dei diritti",
    "Amnesty International; Human Rights Watch; Fédération internationale des ligues des droits",
    "see A/55/100 www.un.org",
    "ab",
]


@pytest.mark.parametrize("draws", ["precomputed", "random module", "too few precomputed"])
@pytest.mark.parametrize("text", _LANGDETECT_TEXTS)
def test_fast_langdetect_loop_gives_langdetect_probabilities(text, draws, monkeypatch):
    """identify._detect_block (numpy loops) computes exactly what langdetect's own Detector does,
    with its draws read from the precomputed generator output, from the random module, or from
    the random module after running out of the precomputed output."""
    import importlib

    from langdetect import DetectorFactory

    ident = importlib.import_module("unmark.lang.identify")
    if draws == "random module":
        monkeypatch.setattr(ident, "_stream", lambda seed: None)
    elif draws == "too few precomputed":
        monkeypatch.setattr(ident, "_CHUNK_WORDS", 64)
        short = ident._stream(0)[:300]
        monkeypatch.setattr(ident, "_stream", lambda seed: short)
    factory = ident._factory()
    DetectorFactory.seed = 0
    ours, theirs = factory.create(), factory.create()
    ours.append(text)
    theirs.append(text)
    try:
        theirs.get_probabilities()
    except Exception as exc:  # no features: both raise the same error
        with pytest.raises(type(exc)):
            ident._detect_block(ours)
        return
    assert ident._detect_block(ours) == theirs.langprob


def test_a_list_of_names_keeps_the_document_language_without_langdetect(monkeypatch):
    import importlib

    ident = importlib.import_module("unmark.lang.identify")

    def no_langdetect(*a, **k):
        raise AssertionError("langdetect must not be asked about a list of names")

    monkeypatch.setattr(ident, "_latin_language", no_langdetect)
    names = "Associazione Astro Nascente; Assopace; Associazione Senza Confini; ATD-Quarto Mondo; Caritas Italiana;"
    assert ident.identify_block(names, "ru") == "ru"


_FOREIGN_BLOCKS = [
    "JS  Joint submission   submitted by: Nonviolent Radical Party;",
    "ICAN International Campaign to Abolish Nuclear Weapons (Switzerland);",
    "Associazione Italiana per i diritti umani; Comitato per la promozione e protezione dei diritti",
    "Amnesty International; Human Rights Watch; Fédération internationale des ligues des droits",
    "La Asamblea General decide seguir examinando la cuestión en su próximo período de sesiones.",
    "The General Assembly decides to continue its consideration of the question.",
]


@pytest.mark.parametrize("text", _FOREIGN_BLOCKS)
def test_langdetect_stops_early_only_when_the_answer_is_settled(text, monkeypatch):
    """With a minimum probability, the trials stop once no en/fr/es can reach it; the answer is
    the one all seven trials give."""
    import importlib

    ident = importlib.import_module("unmark.lang.identify")
    fast = ident._latin_language(text, ident.FOREIGN_PROB)
    full_block = ident._detect_block
    monkeypatch.setattr(ident, "_detect_block", lambda det, hopeless=None: full_block(det))
    assert fast == ident._latin_language(text, ident.FOREIGN_PROB)


@pytest.mark.parametrize("text", _LANGDETECT_TEXTS + _FOREIGN_BLOCKS + [
    "ABC DEF ghi JKL mnO pQR  ÀÉÎ ÕÜ ß ẞ Ǆ ǅ ǆ ﬁ ﬂ Ⅻ ① ２０２０ ＡＢＣ ａｂｃ",
    "Ελληνικά ΚΕΙΜΕΝΟ 中文 한국어 にほんご カタカナ ВЕРХНИЙ регистр العربية",
])
def test_ngrams_as_langdetect_extracts_them(text):
    import importlib

    ident = importlib.import_module("unmark.lang.identify")
    det = ident._factory().create()
    det.append(text)
    det.cleaning_text()
    assert ident._ngrams(det) == det._extract_ngrams()
