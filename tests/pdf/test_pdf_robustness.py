"""Bad PDFs give coded errors or warnings, never a traceback; per-file limits hold."""
from __future__ import annotations

import pytest

import unmark
from unmark.errors import PdfError

import pdf_makers as mk


def _code(path, backend, **kw):
    with pytest.raises(PdfError) as ei:
        unmark.parse(str(path), backend=backend, **kw)
    return ei.value.code


def test_encrypted_with_empty_password_opens(tmp_path, backend):
    doc = unmark.parse(str(mk.encrypted_pdf(tmp_path / "e.pdf", "")), backend=backend)
    assert "Working Group met in Vienna" in doc.blocks[0].text


def test_encrypted_with_a_password_is_e202(tmp_path, backend):
    assert _code(mk.encrypted_pdf(tmp_path / "e.pdf", "secret"), backend) == "E202"


def test_truncated_is_e203(tmp_path, backend):
    p = mk.truncated_pdf(tmp_path / "t.pdf", mk.FIXTURES / "crc_en.wordlike.pdf")
    assert _code(p, backend) == "E203"


def test_garbage_is_e203(tmp_path, backend):
    assert _code(mk.garbage_pdf(tmp_path / "g.pdf"), backend) == "E203"


def test_image_only_is_e204(tmp_path, backend):
    with pytest.raises(PdfError) as ei:
        unmark.parse(str(mk.image_only_pdf(tmp_path / "i.pdf")), backend=backend)
    assert ei.value.code == "E204" and "OCR needed" in ei.value.message


def test_zero_pages_is_e205(tmp_path, backend):
    assert _code(mk.zero_page_pdf(tmp_path / "z.pdf"), backend) == "E205"


def test_error_codes_do_not_depend_on_the_file_before(tmp_path, backend):
    # PDFium's last-error code is process state: a zero-page file read right after an encrypted
    # one (a batch worker) must still be E205, and a good file after both must parse
    assert _code(mk.encrypted_pdf(tmp_path / "e.pdf", "secret"), backend) == "E202"
    assert _code(mk.zero_page_pdf(tmp_path / "z.pdf"), backend) == "E205"
    assert _code(mk.encrypted_pdf(tmp_path / "e2.pdf", "secret"), backend) == "E202"
    assert unmark.parse(str(mk.text_pdf(tmp_path / "t.pdf")), backend=backend).paragraphs()


def test_font_without_tounicode_is_e208(tmp_path, backend):
    p = mk.no_tounicode_pdf(tmp_path / "n.pdf", mk.FIXTURES / "ctoc_zh.wordlike.pdf")
    assert _code(p, backend) == "E208"


def test_some_glyphs_without_tounicode_warn_w201(tmp_path, backend):
    # only the Latin font loses its map (a subset whose program has no cmap): a minority of the glyphs
    p = mk.no_tounicode_pdf(tmp_path / "n.pdf", mk.FIXTURES / "ctoc_zh.wordlike.pdf", only="Liberation")
    doc = unmark.parse(str(p), backend=backend)
    assert [w for w in doc.warnings if w.code == "W201"]
    assert doc.paragraphs()


def test_a_font_whose_program_keeps_its_cmap_is_read_not_warned(tmp_path, backend):
    # the bold heading font is embedded whole, cmap table and all: its text is read from it
    p = mk.no_tounicode_pdf(tmp_path / "n.pdf", mk.FIXTURES / "ctoc_zh.wordlike.pdf", only="Sans")
    doc = unmark.parse(str(p), backend=backend)
    codes = {w.code for w in doc.warnings}
    assert "W201" not in codes and "W401" in codes
    want = unmark.parse(str(mk.FIXTURES / "ctoc_zh.wordlike.pdf"), backend=backend)
    assert [b.text for b in doc.blocks] == [b.text for b in want.blocks]


def test_fonts_packed_in_object_streams_are_checked(tmp_path, backend):
    # font dictionaries inside a compressed object stream (Acrobat, recent Word): the
    # missing /ToUnicode is still found, and a clean file parses as its plain twin
    bare = mk.no_tounicode_pdf(tmp_path / "n.pdf", mk.FIXTURES / "ctoc_zh.wordlike.pdf")
    assert _code(mk.object_stream_pdf(tmp_path / "n_os.pdf", bare), backend) == "E208"
    part = mk.no_tounicode_pdf(tmp_path / "p.pdf", mk.FIXTURES / "ctoc_zh.wordlike.pdf", only="Liberation")
    doc = unmark.parse(str(mk.object_stream_pdf(tmp_path / "p_os.pdf", part)), backend=backend)
    assert [w for w in doc.warnings if w.code == "W201"]
    # a font read from its own program is found inside an object stream too
    sans = mk.no_tounicode_pdf(tmp_path / "s.pdf", mk.FIXTURES / "ctoc_zh.wordlike.pdf", only="Sans")
    doc = unmark.parse(str(mk.object_stream_pdf(tmp_path / "s_os.pdf", sans)), backend=backend)
    assert {w.code for w in doc.warnings} >= {"W401"}
    clean = mk.object_stream_pdf(tmp_path / "c_os.pdf", mk.FIXTURES / "ctoc_zh.wordlike.pdf")
    assert b"/ObjStm" in clean.read_bytes()
    twin = unmark.parse(str(mk.FIXTURES / "ctoc_zh.wordlike.pdf"), backend=backend)
    assert [b.text for b in unmark.parse(str(clean), backend=backend).blocks] == [b.text for b in twin.blocks]


def test_font_check_reads_object_streams_without_pypdf(tmp_path):
    from unmark.extract.pdf.backend_pdfium import _all_type0_mapped

    clean = mk.object_stream_pdf(tmp_path / "c.pdf", mk.FIXTURES / "ctoc_zh.wordlike.pdf")
    bare = mk.object_stream_pdf(tmp_path / "b.pdf", mk.no_tounicode_pdf(tmp_path / "n.pdf", mk.FIXTURES / "ctoc_zh.wordlike.pdf"))
    assert _all_type0_mapped(clean) is True     # no pypdf pass needed
    assert _all_type0_mapped(bare) is False     # the pypdf pass names the fonts
    broken = tmp_path / "x.pdf"
    data = clean.read_bytes()
    i = data.index(b"/Type /ObjStm")
    j = data.index(b"stream\n", i) + 7
    broken.write_bytes(data[:j] + b"not zlib" + data[j + 8:])
    assert _all_type0_mapped(broken) is False   # unreadable: the careful path


def test_clean_file_has_no_w201(backend):
    from unmark.extract.pdf import extract_pdf

    ok = extract_pdf(mk.FIXTURES / "crc_en.libreoffice.pdf", backend=backend)
    assert not [w for w in ok.warnings if w.code == "W201"]


def test_unknown_backend_is_e201(tmp_path):
    assert _code(mk.text_pdf(tmp_path / "t.pdf"), "nope") == "E201"


def test_pdfium_missing_is_e201(tmp_path, monkeypatch):
    import builtins

    real = builtins.__import__

    def fake(name, *a, **kw):
        if name.startswith("pypdfium2"):
            raise ImportError(name)
        return real(name, *a, **kw)

    monkeypatch.setattr(builtins, "__import__", fake)
    assert _code(mk.text_pdf(tmp_path / "t.pdf"), "pdfium") == "E201"


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    d = tmp_path_factory.mktemp("big")
    return mk.text_pdf(d / "big.pdf", pages=2000, lines=("1. The Working Group met in Vienna on 5 May.", "It adopted its report."))


def test_2000_pages_max_pages_is_e206(big, backend):
    assert _code(big, backend, max_pages=500) == "E206"


def test_2000_pages_timeout_is_e207(big, backend):
    # pdfium reads the 2,000 small pages in about 0.25 s here: a limit far below that
    assert _code(big, backend, timeout=0.02) == "E207"


def test_2000_pages_parse(big, backend):
    doc = unmark.parse(str(big), backend=backend)
    assert doc.page_count == 2000
    assert len(doc.blocks) == 2000


def _aes_pdf(path, algorithm):
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(clone_from=PdfReader(str(mk.FIXTURES / "crc_en.wordlike.pdf")))
    w.encrypt(user_password="", owner_password="owner-secret", algorithm=algorithm)
    with open(path, "wb") as fh:
        w.write(fh)
    return path


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256"])
def test_aes_encrypted_with_empty_user_password_parses_by_default(tmp_path, algorithm):
    """Permissions-only AES encryption (common in published PDFs) opens with the default backend."""
    p = _aes_pdf(tmp_path / "aes.pdf", algorithm)
    doc = unmark.parse(str(p))
    plain = unmark.parse(str(mk.FIXTURES / "crc_en.wordlike.pdf"))
    assert [b.text for b in doc.blocks] == [b.text for b in plain.blocks]


def test_aes_without_a_crypto_provider_is_e202_not_corrupt(tmp_path):
    import subprocess
    import sys

    p = _aes_pdf(tmp_path / "aes.pdf", "AES-128")
    # in this process: the reader process is a fresh interpreter, where the module trick does not hold
    code = ("import sys; sys.modules['cryptography'] = None; import unmark\n"
            "try:\n    unmark.parse(sys.argv[1], isolate='never')\nexcept unmark.UnmarkError as e:\n    print(e.code, e.message)")
    out = subprocess.run([sys.executable, "-c", code, str(p)], capture_output=True, text=True, timeout=300)
    assert out.stdout.startswith("E202 ") and "cryptography" in out.stdout, out.stdout + out.stderr
