"""Options of term extraction and of the consistency check (the CLI fills the same objects)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .candidates import CandidateLimits


@dataclass(frozen=True)
class TermOptions:
    """Settings of :func:`unmark.terms.extract_terms`; ``unmark terms`` fills the same object. Every
    field has a measured default (comments in the source say what each one does); the ones a user
    changes most are ``max_entries``, ``min_freq``, ``measure``, ``examples``, ``subject``,
    ``known_glossary``, ``use_user_dict`` and ``state_weight``."""

    min_freq: int = 2              # a candidate must occur in at least this many aligned pairs
    min_cooc: int = 2              # ... and co-occur with its translation this often
    repeat_similarity: float = 0.5  # near-identical sentence pairs (word-set Jaccard >= this) count once together (0: off)
    min_dice: float = 0.25         # lowest Dice coefficient of an accepted pair
    min_independent: float = 1.0   # C-value filter: occurrences outside longer candidates
    max_container_share: float = 0.8  # a candidate whose occurrences sit inside one longer candidate this often is a fragment (1: off)
    measure: str = "llr"           # association used for competitive linking: llr | dice (measured: bench_terms.py)
    rank: str = "termhood"         # ordering of the output: termhood | dice_log | dice | llr | cvalue
    extend_ratio: float = 0.8      # prefer a longer target containing the linked one if it co-occurs this often
    extend_by_dice: bool = True    # ... or if the longer target has the higher Dice (执行局: "Executive Board", not "Board")
    freq_saturation: int = 64      # termhood ranking: frequency counts up to here (log scale), then no more
    single_word_weight: float = 0.5  # termhood ranking: weight of a single ordinary (lower-case) word
    # ... raised up to 1 for a word rare in general language (wordfreq Zipf <= general_rare; at
    # Zipf >= general_common it stays single_word_weight); None: the flat weight
    general_common: float | None = 5.0
    general_rare: float = 3.0
    rank_lexical: float = 1.0      # termhood ranking: exponent of the word-alignment consistency factor
    state_weight: float = 1.0      # termhood ranking: weight of the name of a UN Member State (states_zh_en.tsv)
    link_rounds: int = 2           # competitive linking rounds (a later round links targets an extension freed)
    explain_away: bool = True      # ranking Dice without the segments another linked pair accounts for ("Sudan" in "South Sudan")
    share_min_dice: float = 0.0    # an unlinked source shares a linked target at this Dice with explained-away occurrences (0: off)
    lexical_check: bool = True     # word-alignment consistency of every linked pair
    min_lexical: float = 0.2       # lowest consistency score of an accepted pair
    edge_check: bool = True        # drop a pair whose first/last word translates nothing in the other term
    outside_check: bool = True     # zh-en: an English edge word translating, in most segments, a Chinese word beside the term (more strongly than any in it) is cut off, or the pair goes
    cognate_check: bool = True     # alphabetic pairs: drop a pair whose word has its cognate outside the other term (Sinti / каминанти)
    max_entries: int | None = None
    general: str = "last"          # entries of status "general": last (after the main list) | drop | keep (ranked in place)
    main_min_cooc: int | None = None  # pairs seen together fewer times follow the better-attested ones (None: 3 from 1,000 aligned pairs on, else 2)
    thin_cooc: int = 3             # pairs seen together in fewer aligned pairs than this ...
    thin_min_strength: float = 0.6  # ... need this association (Dice x termhood x consistency) to be entries (0: off)
    grow_share: float = 0.8        # a Chinese term grows to the string this share of its occurrences shares (信任措施 -> 建立信任措施; 0: off)
    cut_share: float = 0.75        # a Chinese term with the same non-function character beside it in this share of its pairs is a cut piece: "general" (0: off)
    un_short_forms: bool = True    # zh-en: the pairs of resources/terms/un_short_forms.tsv (安理会, 届会, 增编) and the UN abbreviations' Chinese short forms, when the corpus bears them out
    listed_min_share: float = 0.5  # ... the English form beside the Chinese in this share of the pairs holding the Chinese
    max_name_fragment: float = 0.67  # a capitalised term that sits in the same longer name this often is a fragment: "general" (1: off)
    max_name_continued: float = 0.9  # a capitalised side continued into a longer name (any neighbour) in this share of its entry's pairs (3+) is a piece: "general" (1: off)
    label_series: int = 3          # letters+number labels (JS1, СП2) are "general" when this many numbers share the letters (0: off)
    un_forms: bool = True          # targets in the UN form of resources/terms/un_forms.tsv when the corpus writes it
    common_zipf: float = 3.6       # a single target word this frequent in general language (wordfreq Zipf) is "general"
    examples: int = 3              # example segment pairs per entry (1-3)
    use_user_dict: bool = True     # jieba user dictionary of UN terms
    use_state_names: bool = True   # names of the UN Member States (resources/terms/states_zh_en.tsv): segmentation, pairing
    subject: str | None = None     # subject field written into every entry
    known_glossary: str | None = None
    limits: CandidateLimits = field(default_factory=CandidateLimits)
    csv_safe: bool = True          # CSV/TSV outputs: cells a spreadsheet would run as formulas neutralised


@dataclass(frozen=True)
class CheckOptions:
    """Settings of :func:`unmark.terms.check_consistency` (``unmark check``): case and plural
    insensitivity, and a cap on the number of findings."""

    ignore_case: bool = True
    plural_insensitive: bool = True   # English: "Member State" satisfies "Member States"
    inflection_insensitive: bool = True  # any inflected form of a term is the term (lemmas: terms/morph.py; Италии for Италия)
    max_findings: int | None = None
    csv_safe: bool = True             # TSV reports: cells a spreadsheet would run as formulas neutralised
