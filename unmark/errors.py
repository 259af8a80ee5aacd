"""Exception classes and warning codes with stable identifiers.

Codes are part of the public contract: they never change meaning once released.

- E1xx: input (text path, files, encodings)
- E2xx: PDF extraction
- E3xx: alignment
- E4xx: terminology
- E5xx: batch
- E6xx: resources (rule files)
- E7xx: output
- W***: warnings attached to a document (recoverable problems)

The registry ``CODES`` below lists every code once with its message template and meaning;
``docs/errors.md`` is generated from it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


class UnmarkError(Exception):
    """Base class of every error unmark raises on purpose. ``code`` is stable."""

    code = "E000"

    def __init__(self, message: str, *, code: str | None = None, path: str | None = None):
        if code is not None:
            self.code = code
        self.message = message
        self.path = path
        super().__init__(f"[{self.code}] {message}" + (f" ({path})" if path else ""))

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "path": self.path}


class InputError(UnmarkError):
    """Unreadable or unsuitable input (E1xx)."""

    code = "E100"


class EmptyInputError(InputError):
    code = "E101"


class BinaryInputError(InputError):
    code = "E102"


class EncodingError(InputError):
    code = "E103"


class InputTooLargeError(InputError):
    code = "E104"


class InputNotFoundError(InputError):
    code = "E105"


class PdfError(UnmarkError):
    """PDF could not be read (E2xx)."""

    code = "E200"


class AlignmentError(UnmarkError):
    code = "E300"


class TermsError(UnmarkError):
    code = "E400"


class BatchError(UnmarkError):
    code = "E500"


class ResourceError(UnmarkError):
    """A rule file in resources/ is missing or invalid (E6xx)."""

    code = "E600"


class OutputError(UnmarkError):
    code = "E700"


# --------------------------------------------------------------------------- the registry
# Every code raised or warned anywhere in unmark is registered here, ONCE, one line each:
#     _code("E123", "message template", "what it means / what to do")
# ``tests/test_error_registry.py`` fails when a code used in the source is missing here, and
# when docs/errors.md (generated: ``python -m unmark.errors_md > docs/errors.md``) is stale.
# Blocks for new codes are assigned per topic (see the project notes); never reuse a number.


@dataclass(frozen=True)
class Code:
    code: str
    template: str
    meaning: str

    @property
    def kind(self) -> str:
        return "warning" if self.code.startswith("W") else "error"


CODES: dict[str, Code] = {}


def _code(code: str, template: str, meaning: str) -> None:
    if code in CODES:
        raise ValueError(f"code {code} registered twice")
    if not re.fullmatch(r"[EW]\d{3}", code):
        raise ValueError(f"bad code {code!r}")
    CODES[code] = Code(code, template, meaning)


def describe(code: str) -> Code:
    """The registry entry of ``code`` (KeyError when unregistered)."""
    return CODES[code]


SECTIONS = (
    ("E0", "General"), ("E1", "Input (files, text, encodings)"), ("E2", "PDF extraction"),
    ("E3", "Alignment"), ("E4", "Terminology"), ("E5", "Batch"), ("E6", "Resources (rule files)"),
    ("E7", "Output"), ("W", "Warnings (on a document, an alignment or stderr)"),
)

# fmt: off
_code("E000", "{message}", "Base code of UnmarkError when no specific code is given (never raised on purpose).")
# E1xx input
_code("E100", "cannot parse a {type}", "The API was given something that is neither a path nor text.")
_code("E101", "input is empty", "The file or text has no characters (or only white space).")
_code("E102", "input looks binary, not text", "The bytes contain NULs or many control characters: not a text file.")
_code("E103", "cannot decode the input: {detail}", "The text is not UTF-8 / UTF-16 with BOM; the message suggests an encoding that fits the bytes.")
_code("E104", "input is {size} MB, over the limit of {limit} MB", "Input larger than the size limit (raise it with --max-bytes / ParseOptions.max_bytes).")
_code("E105", "no such file: {path}", "The input path does not exist.")
_code("E106", "this is a PDF, not text; parse it as a PDF file", "PDF bytes were given to the text path.")
_code("E107", "unknown language {lang!r}; use one of ar, en, es, fr, ru, zh", "The declared language is not one of the six UN languages.")
_code("E108", "cannot read {path}: {reason}", "The file exists but cannot be read (permissions, I/O error).")
_code("E109", "{name} is JSON but not a document written by 'unmark parse --format json' (found: {keys})", "A .json input is not (or no longer) an unmark document.")
_code("E150", "nothing to parse: give a path, bytes or text= / either a source or text=, not both", "parse() was called with no source, or with both a source and text=.")
_code("E151", "parse_text takes a str / a path is a str or os.PathLike, not a {type}", "An API entry point was given the wrong type (text where a path is expected, or the reverse).")
_code("E152", "gave up after {timeout} s (per-file timeout)", "Parsing a text input took longer than --timeout / ParseOptions.timeout (the deadline covers reading, building and writing).")
_code("E153", "the document needs more than its build memory limit of {mb} MB", "Building the document grew the calling process by more than ParseOptions.build_memory_mb / --build-memory-mb (default 400 MB; a 1,400-page real document needs about 70 MB): a hostile input that multiplies objects (one page or block per character, thousands of items), stopped with a coded error instead of exhausting memory. 0 / None: no limit.")
_code("E155", "the document ran out of memory while it was built ({where})", "A MemoryError inside the parse: the process (or the regular-expression engine, which gives up past a few million repetitions of one group on one line) could not allocate what a stage asked for. A hostile input; the build's memory budget (E153) usually stops one first.")
_code("E156", "the input is nested too deeply to build ({where})", "A RecursionError inside the parse (a structure nested past Python's recursion limit): a hostile input, refused with a coded error.")
_code("E154", "the text has {n} lines, over the limit of {max}", "A text input with more lines than ParseOptions.max_lines (default 150,000; a 1,000-page document has about 50,000): refused before it is read into lines, each of which costs the caller memory.")
_code("E120", "{path} is a directory / not a regular file", "The input path is a directory, a device (/dev/null) or another non-file.")
_code("E121", "{name} is {what}, not a document: {hint}", "A translation memory, glossary, spreadsheet, Word/OpenDocument file... was given where a document is read (told by extension or content).")
_code("E122", "unknown document type {suffix!r}", "unmark reads PDF, text (.txt, UTF-8/UTF-16) and the JSON of `unmark parse --format json`; convert other files first.")
_code("E123", "{flag} must be a number >= 0 (0: no limit), got {value!r}", "A limit (--max-pages, --timeout, --memory-mb, --max-mb; ParseOptions/BatchOptions fields) is negative or not a number. 0 and None mean no limit everywhere.")
_code("E124", "--langs labels {path} as {label}, but its text is {found}", "align: a --langs label contradicts the document's text (labels name each input's language, in input order).")
_code("E125", "no rule {rule!r}: the rules of this document are ...", "explain --rule names no rule or rule family (the message lists them).")
_code("E127", "--low is a confidence between 0 and 1, got {value}", "align: --low out of range.")
# E2xx PDF
_code("E200", "{message}", "Base code of PDF errors.")
_code("E201", "the pdfium backend needs pypdfium2: pip install 'unmark-undocs[pdfium]'", "The PDF backend asked for is not installed or unknown.")
_code("E202", "encrypted PDF: the empty password does not open it", "The PDF needs a user password (or the decryption library is missing).")
_code("E203", "corrupt or truncated PDF: {detail}", "The file is not a readable PDF (no %PDF- header, broken structure, unreadable page).")
_code("E204", "no text layer; OCR needed", "Scanned PDF: no page has text.")
_code("E205", "the PDF has zero pages", "The PDF has no pages.")
_code("E206", "the PDF has {n} pages, over the limit of {max_pages}", "More pages than --max-pages.")
_code("E207", "gave up after {timeout} s (per-file timeout)", "Extraction took longer than --timeout.")
_code("E208", "fonts without a Unicode mapping: {detail}", "Most glyphs come from fonts that neither a /ToUnicode map nor a predefined Unicode or national CMap (resources/pdf/cmaps.toml) can map, e.g. Identity-H without ToUnicode; the message names each font and why: the text would be garbage.")
_code("E209", "layout failed on a degenerate page", "The PDF was read but the layout analysis failed on a page (a defect in unmark: please report it with the file).")
_code("E250", "the PDF reader died / needs more memory than the reader's limit of {mb} MB", "The PDF reader process ran out of its address-space limit (--memory-mb / ParseOptions.memory_mb) or PDFium aborted on a failed allocation; the caller is unharmed.")
_code("E251", "the PDF reader died ({signal})", "The PDF reader process died for another reason (a crash in the native library).")
_code("E252", "marked content nested over {max} deep", "A content stream nests BMC/BDC sections deeper than ContentLimits.max_depth: refused before PDFium parses the page.")
_code("E253", "form XObjects drawn over {max} times through nesting", "Form XObjects drawing each other (fan-out) beyond ContentLimits.max_form_draws: refused before PDFium parses the page.")
_code("E254", "a content stream holds over {max} operators", "More operators in one content stream than ContentLimits.max_ops.")
_code("E255", "a content stream inflates to over {mb} MB", "A compressed content stream inflates beyond ContentLimits.max_stream_mb (a decompression bomb).")
_code("E257", "page {page} gives over {max} characters of text", "One page gives more text than ContentLimits.max_page_chars (a real page: under 10,000 characters): refused in the PDF reader, before the page is laid out, so the deadline holds.")
_code("E258", "the PDF gives over {max} characters of text", "All pages of the PDF together give more text than ContentLimits.max_doc_chars (default 20,000,000; a 1,000-page document: about 3 million): refused in the PDF reader, before anything reaches the caller.")
_code("E256", "a ToUnicode map makes one glyph stand for {n} characters", "A font's ToUnicode map gives one glyph more characters than ContentLimits.max_unicode_chars (a ToUnicode bomb: a tiny file that becomes gigabytes of text in PDFium); refused before PDFium parses the page.")
# E3xx alignment
_code("E300", "{message}", "Base code of alignment errors.")
_code("E301", "alignment needs at least two documents", "Too few (or wrong kind of) inputs for alignment.")
_code("E302", "bead (0, 0) is not allowed", "Internal: an empty bead was requested from the aligner.")
_code("E303", "no alignment path found", "The aligner found no path (inside the band); the documents may not be versions of each other.")
_code("E304", "unknown level {level!r} (paragraph or sentence)", "Unknown alignment level.")
_code("E305", "pivot {pivot!r} is not one of {names}", "The pivot language is not among the documents.")
_code("E306", "unknown output format {fmt!r}", "The output file's extension names no alignment format (or the format does not fit the input).")
_code("E307", "expected lang=code, got {part!r}", "Bad --langs / --xml-lang value.")
_code("E310", "embedding extra not installed: pip install 'unmark-undocs[embed]'", "The embedding aligner needs the [embed] extra.")
_code("E320", "cannot read the corrections file: {detail}", "The --apply file is missing, not JSON, or not a corrections file exported from the review page.")
_code("E321", "the corrections were made on another alignment (document {want}, this one is {have})", "The corrections' document hash differs from the alignment they are applied to: align the same files with the same options, or apply to the review page itself.")
_code("E322", "corrections operation {n}: {detail}", "A corrections operation does not fit the table (unknown operation, row or language, split offset outside the text).")
_code("E323", "not an unmark review page", "The review page given to --apply is missing, unreadable, or not written by unmark align.")
_code("E324", "{file} line {n}: {detail} (not a JSONL alignment written by unmark align)", "The JSONL given to --apply as the original alignment is missing, unreadable, empty, or not the JSONL unmark align (or the review page) writes.")
_code("E325", "cannot replay corrections on {file}: {why}", "--apply was given a TMX, TSV or XLSX as the original alignment: these do not keep the whole table (TMX drops one-sided rows, TSV/XLSX the provenance the corrections' hash covers). Give the review page, the JSONL alignment or the documents.")
# E4xx terminology
_code("E400", "{message}", "Base code of terminology errors.")
_code("E401", "language {lang!r} is not supported for terminology", "Unsupported language code for terms/check.")
_code("E402", "bad line in a terms rule file", "A terms resource file is malformed.")
_code("E403", "jieba / spaCy is not installed", "A tokenizer the terms extractor needs is missing.")
_code("E404", "unknown glossary format {ext!r}", "The glossary output extension is not .tbx .csv .xlsx .tsv .json.")
_code("E405", "unknown ranking / association measure {name!r}", "Bad --rank / --measure value.")
_code("E406", "source and target language are the same", "terms needs two different languages.")
_code("E407", "no aligned segment pairs to extract terms from", "Nothing to read (no inputs, or no pairs after alignment).")
_code("E410", "file not found: {path}", "A terms/check input file does not exist.")
_code("E411", "not UTF-8 text: {detail}", "A text input to terms/check is not UTF-8.")
_code("E412", "TMX is not well-formed XML: {detail}", "Broken TMX file.")
_code("E413", "line {n}: not JSON: {detail}", "Broken JSONL alignment file.")
_code("E414", "unknown alignment file type {ext!r}", "The --alignment file is not .tmx .tsv .jsonl.")
_code("E415", "line-parallel files differ in length ({a} vs {b} lines)", "--aligned files must have the same number of lines.")
_code("E416", "TBX is not well-formed XML: {detail}", "Broken TBX glossary.")
_code("E417", "unknown glossary type {ext!r} (use .tbx, .csv, .xlsx, .tsv or .json)", "The glossary given to check/terms is in no format unmark reads (it reads every format terms writes).")
_code("E418", "the alignment file does not hold {src} and {tgt}", "The alignment file's languages differ from --src-lang/--tgt-lang.")
_code("E420", "document parsing/alignment is not available in this installation", "Not raised any more: terms on documents always has unmark.parse and unmark.align (the code stays reserved).")
_code("E421", "no {src}/{tgt} document pairs found in folder", "Folder input to terms: no file names carry the two language codes.")
_code("E422", "documents must come in pairs (source then target)", "An odd number of documents was given to terms.")
_code("E423", "the inputs {names} are {a} and {b}, not {src} and {tgt}: set --src-lang {a} --tgt-lang {b}", "terms/check: the given languages contradict the languages detected in the first input pair.")
_code("E424", "cannot tell the languages of {names}: set --src-lang and --tgt-lang", "terms/check: the input languages could not be detected.")
_code("E425", "no {src}-{tgt} term pairs found in {n} aligned pairs; nothing written", "terms found nothing: a 0-entry glossary is never written with exit status 0.")
_code("E426", "not a readable XLSX workbook: {detail}", "A glossary .xlsx given to check/terms cannot be read.")
_code("E430", "source and target language are needed for the check", "check could not tell the glossary's languages.")
_code("E431", "unknown report format {ext!r} (use .tsv, .xlsx or .html)", "The check report extension is unknown.")
# E5xx batch
_code("E500", "{message}", "Base code of batch errors.")
_code("E501", "input folder not found: {path}", "The batch input folder does not exist.")
_code("E502", "cannot create the output folder / the output folder must differ from the input folder", "Unusable batch output folder.")
_code("E503", "another batch is writing to {out_dir}", "The output folder is locked by a running batch.")
_code("E504", "bad batch option: {detail}", "A batch flag has an invalid value (formats, jobs, engine, timeout, memory, pages, align languages).")
_code("E505", "output path escapes the output folder: {rel!r}", "A file name would write outside the output folder.")
_code("E510", "the Dask engine needs dask.distributed: pip install 'unmark-undocs[dask]'", "The Dask engine is not installed.")
_code("E511", "over the time limit of {s} s; worker killed", "A file ran past the hard time limit; its worker was killed.")
_code("E512", "over the memory limit of the worker ({mb} MB)", "A file needed more memory than --memory-mb.")
_code("E513", "input nested too deeply (recursion limit)", "A file's structure is nested too deeply.")
_code("E514", "worker crashed: {detail}", "The worker process died (crash, OOM killer) or a Dask task failed.")
_code("E519", "unexpected {type}: {detail}", "An unexpected exception in a batch worker (a defect: please report it).")
_code("E520", "not a PDF or text file (suffix {suffix})", "A file in the batch input folder has an unsupported extension; it is listed, not parsed.")
_code("E530", "cannot reach the Dask scheduler {scheduler!r}", "The --scheduler address does not answer.")
_code("E531", "a symbolic link: not followed (use --follow-links)", "An input file of a batch is a symbolic link; it is listed, not parsed, unless --follow-links (a link can point anywhere).")
_code("E540", "alignment is not available in this installation", "batch --align could not align (missing component or writer).")
_code("E541", "no {langs} version", "batch --align: a document group lacks a language.")
_code("E542", "{type}: {detail}", "batch --align: aligning a group failed.")
_code("E543", "terminology is not available in this installation", "batch --terms could not build glossaries.")
_code("E544", "glossary {pair}: {detail}", "batch --terms: building a glossary failed.")
# E6xx resources
_code("E600", "{message}", "Base code of resource errors.")
_code("E601", "rule file missing: {name}", "A rule file (or the whole resources folder) is missing: the installation is broken.")
_code("E602", "rule file {name} is invalid: {detail}", "A rule file does not validate (syntax, schema, patterns).")
_code("E610", "unknown parse stage {name!r}; the stages are {stages}", "ParseOptions(disable=...) names a stage the parse does not have (unmark.pipeline.STAGE_NAMES).")
# E7xx output
_code("E700", "{message}", "Base code of output errors.")
_code("E701", "cannot write to {folder}: {reason}", "The output file cannot be written (an I/O error or another reason not covered by E702-E704).")
_code("E702", "cannot write: the output location is read-only or not writable", "The output folder or file is read-only or not permitted (EROFS, EACCES, EPERM).")
_code("E703", "cannot write: no space left on the output device", "The output device is full (ENOSPC, quota, file too large); nothing half-written is left.")
_code("E704", "{what} is a symbolic link or not a folder in the output folder: refused", "batch: the manifest, the lock or a folder it writes into is a link (maybe planted); nothing is written through it.")
# W*** warnings
_code("W101", "unmapped private-use character U+{cp} left in the text", "A private-use (symbol font) character has no mapping.")
_code("W102", "Word broken field removed: {text!r}", "A Word field error message was removed from the text.")
_code("W103", "no text found in the document", "The document has no text after cleaning.")
_code("W104", "the text does not look like one of the six UN languages; parsed with the rules for {lang!r}", "Language detection failed; set --lang.")
_code("W110", "paragraph numbering jumps from {a} to {b}", "Numbered paragraphs skip or repeat numbers.")
_code("W120", "marker of footnote {label} not found in the text", "A footnote whose marker is not found in the body.")
_code("W121", "footnote {n} missing; found {label}", "Footnote numbering skips a number.")
_code("W122", "text in the footnote area before any footnote label", "Unlabelled text in the footnote area.")
_code("W420", "footnote {label} runs across a page break (pages {a}-{b}): check that no body text went into it",
      "Text input: a footnote inferred from the text goes on over a page break; body text may have been read as a note.")
_code("W421", "footnote {label} is longer than the body text of its page ({n} > {m} characters): check that no body text went into it",
      "Text input: a footnote longer than the body of its pages; a footnote area that did not end may hold body text.")
_code("W130", "hyperlink {uri} matches no text on its page", "A PDF link annotation whose text was not found.")
_code("W201", "{n} glyphs come from fonts without a Unicode mapping", "Some glyphs may be wrong text.")
_code("W202", "{n} page(s) without a text layer (OCR needed): {pages}", "Some pages are scanned images.")
_code("W300", "the document was declared {lang} (--lang), but its text is mostly {script} script", "The declared language contradicts the script of the text: check --lang (or leave it on auto).")
_code("W302", "PDF reader: {message}", "The PDF library reported a problem it recovered from (e.g. `EOF marker not found`); the text may be incomplete.")
_code("W400", "paragraph numbering resumes at {n} after a restart at 1 ({where}); {k} restarted line(s) read as heading(s)", "A line numbered 1 inside a paragraph run (a sub-heading read as a paragraph) restarted the numbering; the run resumed at the next number that continues it.")
_code("W401", "no ToUnicode map: the text of {fonts} was read from the font program or its character collection", "A composite font (Identity-H/V) has no /ToUnicode map; its characters were read from the embedded TrueType/OpenType program's own cmap table or glyph names, or, when the program names nothing or is not embedded, from the CIDs of the Adobe character collection the font declares (Adobe-GB1, -CNS1, -Japan1, -Korea1). Usually right; a glyph the program does not name is U+FFFD.")
_code("W301", "the documents have different symbols ({listing})", "Aligned documents do not carry the same UN symbol: maybe not versions of one document.")
_code("W481", "PDFium returns at most 32,767 characters of one text object: text cut on page(s) {pages}", "pdfium backend: a text object longer than PDFium returns was cut; the pypdf backend reads it whole.")
_code("W482", "the default deadline grew to {seconds} s but its listener could not be told ({error}); the engine that watches this work keeps its earlier kill time", "Logged when a default deadline grows (a long input) and the listener told of it (a batch worker's pipe to its engine, unmark.limits.on_grow) is gone: a closed pipe, connection or file. The parse goes on under the grown deadline; the engine may kill the worker at its earlier time (E511). Any other exception from a listener is raised.")
_code("W480", "{n} control character(s) removed from the {format} output", "An XML, HTML or XLSX writer removed characters the format cannot hold (logged; in TMX also a header note).")
# fmt: on


def markdown() -> str:
    """docs/errors.md: every code with its message template and meaning (generated)."""
    out = ["# Error and warning codes", "",
           "<!-- generated by `python -m unmark.errors_md > docs/errors.md`; do not edit by hand -->", "",
           "Every error unmark raises on purpose carries a stable code (`UnmarkError.code`); the command line",
           "prints `unmark: error CODE: message` and exits with status 1. Warnings (`W***`) are attached to the",
           "document (`Document.warnings`) or the alignment, and summarised on stderr one line per code.",
           "Codes never change meaning once released.", ""]
    for prefix, title in SECTIONS:
        rows = [c for k, c in sorted(CODES.items()) if k.startswith(prefix)]
        if not rows:
            continue
        out += [f"## {title}", "", "| code | message | meaning |", "|---|---|---|"]
        for c in rows:
            tpl = c.template.replace("|", "\\|")
            out.append(f"| {c.code} | `{tpl}` | {c.meaning.replace('|', chr(92) + '|')} |")
        out.append("")
    return "\n".join(out)

