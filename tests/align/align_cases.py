"""Small hand-written UN-style sentences and documents for the alignment tests (no shared corpus needed).

A uniquely named module (not conftest) so test files can import it when the whole suite runs."""
from __future__ import annotations

from pathlib import Path

from unmark.model import Block, Document, Footnote, FootnoteRef, Item, MappedText, Metadata

DATA = Path(__file__).parent / "data"

# One zh sentence list and its English translation: zh[3] is translated by two English sentences.
ZH_SENTENCES = [
    "大会第73/195号决议通过了《安全、有序和正常移民全球契约》。",
    "秘书长于2019年8月14日提交了报告（A/74/292）。",
    "委员会注意到，共有45个会员国提交了资料。",
    "工作组建议缔约方会议继续审议这一问题，并建议秘书处编写一份背景文件，供下届会议审议。",
    "更多信息请访问www.unodc.org/ctoc。",
    "会议还讨论了COVID-19大流行对执行工作的影响。",
]
EN_SENTENCES = [
    "In its resolution 73/195, the General Assembly adopted the Global Compact for Safe, Orderly and Regular Migration.",
    "The Secretary-General submitted his report (A/74/292) on 14 August 2019.",
    "The Committee noted that a total of 45 Member States had submitted information.",
    "The Working Group recommended that the Conference of the Parties continue its consideration of the matter.",
    "It also recommended that the secretariat prepare a background paper for consideration at the next session.",
    "Further information is available at www.unodc.org/ctoc.",
    "The meeting also discussed the impact of the COVID-19 pandemic on implementation.",
]
GOLD = [([0], [0]), ([1], [1]), ([2], [2]), ([3], [3, 4]), ([4], [5]), ([5], [6])]


def make_doc(blocks: list[tuple], lang: str, symbol: str | None = "CTOC/COP/WG.7/2020/2",
             footnotes: list[tuple[str, str]] = (), source: str | None = None) -> Document:
    """blocks: (type, label, number, text[, items[, footnote labels]]) tuples; one page per 4 blocks."""
    out = []
    for k, spec in enumerate(blocks):
        btype, label, number, text = spec[:4]
        items = tuple(Item(lab, MappedText.from_source(t, 1 + k // 4, k + 1)) for lab, t in (spec[4] if len(spec) > 4 else ()))
        refs = tuple(FootnoteRef(lab, len(text)) for lab in (spec[5] if len(spec) > 5 else ()))
        out.append(Block(btype, MappedText.from_source(text, 1 + k // 4, k + 1), label=label, number=number,
                         items=items, footnote_refs=refs, lang=lang))
    notes = tuple(Footnote(lab, MappedText.from_source(t, 9, 40 + i)) for i, (lab, t) in enumerate(footnotes))
    return Document(Metadata(symbol=symbol, language=lang), tuple(out), notes, language=lang,
                    source_name=source or f"doc.{lang}.txt")


ZH_BLOCKS = [
    ("front", None, None, "联合国"),
    ("front", None, None, "CTOC/COP/WG.7/2020/2"),
    ("front", None, None, "联合国打击跨国有组织犯罪公约缔约方会议"),
    ("heading", "一.", None, "导言"),
    ("paragraph", "1.", 1, "大会第73/195号决议通过了《安全、有序和正常移民全球契约》。"),
    ("paragraph", "2.", 2, "秘书长于2019年8月14日提交了报告（A/74/292）。委员会注意到，共有45个会员国提交了资料。", (), ("1",)),
    ("paragraph", "3.", 3, "工作组建议缔约方会议：", [("(a)", "继续审议这一问题；"), ("(b)", "请秘书处编写一份背景文件。")]),
    ("heading", "二.", None, "建议"),
    ("paragraph", "4.", 4, "更多信息请访问www.unodc.org/ctoc。"),
    ("paragraph", "5.", 5, "会议还讨论了COVID-19大流行对执行工作的影响，以及2020年预算中的1,250,000美元拨款。"),
]
EN_BLOCKS = [
    ("front", None, None, "United Nations"),
    ("front", None, None, "CTOC/COP/WG.7/2020/2"),
    ("front", None, None, "Distr.: General 14 August 2020"),
    ("front", None, None, "Conference of the Parties to the United Nations Convention against Transnational Organized Crime"),
    ("heading", "I.", None, "Introduction"),
    ("paragraph", "1.", 1, "In its resolution 73/195, the General Assembly adopted the Global Compact for Safe, Orderly and Regular Migration."),
    ("paragraph", "2.", 2, "The Secretary-General submitted his report (A/74/292) on 14 August 2019. The Committee noted that a total of 45 Member States had submitted information.", (), ("1",)),
    ("paragraph", "3.", 3, "The Working Group recommended that the Conference of the Parties:", [("(a)", "Continue its consideration of the matter;"), ("(b)", "Request the secretariat to prepare a background paper.")]),
    ("heading", "II.", None, "Recommendations"),
    ("paragraph", "4.", 4, "Further information is available at www.unodc.org/ctoc."),
    ("paragraph", "5.", 5, "The meeting also discussed the impact of the COVID-19 pandemic on implementation and the appropriation of $1,250,000 in the 2020 budget."),
]
FR_BLOCKS = [
    ("front", None, None, "Nations Unies"),
    ("front", None, None, "CTOC/COP/WG.7/2020/2"),
    ("front", None, None, "Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée"),
    ("heading", "I.", None, "Introduction"),
    ("paragraph", "1.", 1, "Dans sa résolution 73/195, l'Assemblée générale a adopté le Pacte mondial pour des migrations sûres, ordonnées et régulières."),
    ("paragraph", "2.", 2, "Le Secrétaire général a présenté son rapport (A/74/292) le 14 août 2019. Le Comité a noté que 45 États Membres au total avaient communiqué des informations.", (), ("1",)),
    ("paragraph", "3.", 3, "Le Groupe de travail a recommandé que la Conférence des Parties :", [("a)", "Poursuive l'examen de la question ;"), ("b)", "Prie le secrétariat d'établir un document de référence.")]),
    ("heading", "II.", None, "Recommandations"),
    ("paragraph", "4.", 4, "De plus amples informations sont disponibles à l'adresse www.unodc.org/ctoc."),
    ("paragraph", "5.", 5, "La réunion a également examiné l'impact de la pandémie de COVID-19 sur l'application et l'ouverture d'un crédit de 1 250 000 dollars au budget de 2020."),
]
AR_BLOCKS = [
    ("front", None, None, "الأمم المتحدة"),
    ("front", None, None, "CTOC/COP/WG.7/2020/2"),
    ("heading", "أولا-", None, "مقدمة"),
    ("paragraph", "1.", 1, "اعتمدت الجمعية العامة، في قرارها 73/195، الاتفاق العالمي من أجل الهجرة الآمنة والمنظمة والنظامية."),
    ("paragraph", "2.", 2, "قدم الأمين العام تقريره (A/74/292) في 14 آب/أغسطس 2019. ولاحظت اللجنة أن ما مجموعه 45 دولة عضوا قدمت معلومات.", (), ("1",)),
    ("paragraph", "3.", 3, "أوصى الفريق العامل بأن يقوم مؤتمر الأطراف بما يلي:", [("(أ)", "مواصلة النظر في المسألة؛"), ("(ب)", "الطلب إلى الأمانة إعداد ورقة معلومات أساسية.")]),
    ("heading", "ثانيا-", None, "التوصيات"),
    ("paragraph", "4.", 4, "وترد معلومات إضافية في الموقع www.unodc.org/ctoc."),
    ("paragraph", "5.", 5, "وناقش الاجتماع أيضا أثر جائحة COVID-19 على التنفيذ ورصد اعتماد قدره 000 250 1 دولار في ميزانية عام 2020."),
]
NOTES = {
    "zh": [("1", "见A/74/292，第12段。")],
    "en": [("1", "See A/74/292, para. 12.")],
    "fr": [("1", "Voir A/74/292, par. 12.")],
    "ar": [("1", "انظر A/74/292، الفقرة 12.")],
}


# Preamble paragraphs of a resolution, English and Spanish (Spanish keeps a paragraph the English lost),
# and the alignment the length model makes of them: "Recalling …" paired with the Spanish paragraph
# after "Recordando …", which is left as a skip
PREAMBLE_EN = ["Reaffirming that the costs of the Mission are expenses of the Organization,",
               "Recalling its previous decision regarding the different procedure required for the Mission,",
               "Bearing in mind the special responsibilities of the permanent members,"]
PREAMBLE_ES = ["Reafirmando que los gastos de la Misión son gastos de la Organización,",
               "Recordando su decisión anterior de que se requiere un procedimiento diferente para la Misión,",
               "Teniendo en cuenta que los países más desarrollados pueden aportar más,",
               "Teniendo presentes las responsabilidades especiales de los miembros permanentes,"]
PREAMBLE_OFF = [([0], [0], 0.9), ([], [1], 0.0), ([1], [2], 0.7), ([2], [3], 0.9)]
