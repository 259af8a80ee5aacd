"""The review page in a real browser (Selenium + the system Chromium; no driver or browser download):
open, filter, toggle a column, edit, merge, split, mark reviewed, export; the exported TMX is the
expected one, DTD-valid, and the same bytes as ``unmark align --apply`` writes from the exported
corrections. Skipped with the reason when chromium / chromedriver / selenium are absent."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import pytest

from align_cases import DATA, EN_BLOCKS, FR_BLOCKS, NOTES, ZH_BLOCKS, make_doc
from unmark.align import align
from unmark.align.export import write
from unmark.align.review import apply_corrections, document_hash
from unmark.align.types import AlignedRow, Alignment, Segment
from unmark.io.sheets import to_jsonl, to_tsv
from unmark.io.tmx import to_tmx

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "", shutil.which("chromium-browser") or "")
                 if p and os.path.exists(p)), None)
DRIVER = next((p for p in ("/usr/bin/chromedriver", shutil.which("chromedriver") or "") if p and os.path.exists(p)),
              None)
try:
    import selenium  # noqa: F401
    HAVE_SELENIUM = True
except ImportError:
    HAVE_SELENIUM = False

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (Debian package 'chromium')"),
    pytest.mark.skipif(DRIVER is None, reason="chromedriver not installed (Debian package 'chromium-driver')"),
    pytest.mark.skipif(not HAVE_SELENIUM, reason="selenium not installed (pip install 'unmark[dev]')"),
]

ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1400,1000")


def start_browser(download_dir: str | None = None):
    """A headless system Chromium driven by the system chromedriver, fresh profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ARGS:
        opts.add_argument(a)
    profile = tempfile.mkdtemp(prefix="unmark-chromium-")
    opts.add_argument(f"--user-data-dir={profile}")
    if download_dir:
        opts.add_experimental_option("prefs", {"download.default_directory": download_dir,
                                               "download.prompt_for_download": False,
                                               "safebrowsing.enabled": False})
    drv = webdriver.Chrome(service=Service(executable_path=DRIVER), options=opts)
    drv._unmark_profile = profile
    return drv


def stop_browser(drv) -> None:
    try:
        drv.quit()
    finally:
        shutil.rmtree(getattr(drv, "_unmark_profile", ""), ignore_errors=True)


def review_alignment() -> Alignment:
    """The three-way sentence alignment of the hand-written documents, plus a low-confidence row and a
    1-0 row so every filter has something to show."""
    zh = make_doc(ZH_BLOCKS, "zh", footnotes=NOTES["zh"])
    en = make_doc(EN_BLOCKS, "en", footnotes=NOTES["en"])
    fr = make_doc(FR_BLOCKS, "fr", footnotes=NOTES["fr"])
    al = align(zh, en, fr, level="sentence")
    rows = list(al.rows)
    rows[5] = replace(rows[5], confidence=0.12)
    rows.insert(7, AlignedRow({"zh": Segment("zh", "只有中文的一句话<b>&amp;</b>\x07。", page=3),
                               "en": None, "fr": None}, 0.0, "1-0-0"))
    return Alignment(al.langs, tuple(rows), al.level, al.warnings, al.meta)


def wait_for(pred, timeout: float = 10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        v = pred()
        if v:
            return v
        time.sleep(0.05)
    raise AssertionError("timed out waiting in the browser")


@pytest.fixture(scope="module")
def browser_env():
    dl = tempfile.mkdtemp(prefix="unmark-dl-")
    drv = start_browser(dl)
    yield drv, Path(dl)
    stop_browser(drv)
    shutil.rmtree(dl, ignore_errors=True)


def _open(drv, page: Path) -> None:
    drv.get(page.as_uri())
    wait_for(lambda: drv.execute_script("return document.body.getAttribute('data-ready')") == "1")


def _visible_rows(drv) -> list[int]:
    return [int(x) for x in drv.execute_script(
        "return Array.from(document.querySelectorAll('#rows tr[data-i]')).map(t => t.getAttribute('data-i'))")]


def test_review_in_chromium(browser_env, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    drv, dl = browser_env
    al = review_alignment()
    page = tmp_path / "review.html"
    write(al, str(page))
    _open(drv, page)
    drv.execute_script("localStorage.clear()")
    _open(drv, page)
    assert not [e for e in drv.get_log("browser") if e["level"] == "SEVERE"]

    # everything shown, escaped: the markup in the text is text, the control character is gone
    assert _visible_rows(drv) == list(range(len(al.rows)))
    cell = drv.find_element(By.CSS_SELECTOR, 'tr[data-i="7"] td.l0 div.t')
    assert cell.text == "只有中文的一句话<b>&amp;</b>。"
    assert drv.find_elements(By.CSS_SELECTOR, "#rows b") == []

    # the page's writers give the same bytes as the Python ones before any change
    assert drv.execute_script("return unmarkReview.tmx()") == to_tmx(al)
    assert drv.execute_script("return unmarkReview.tsv()") == to_tsv(al)
    assert drv.execute_script("return unmarkReview.jsonl()") == to_jsonl(al)

    # filters
    flagged = [i for i, r in enumerate(al.rows) if r.confidence < al.meta["low_confidence"]]
    gaps = [i for i, r in enumerate(al.rows) if any(c is None for c in r.cells.values())]
    drv.find_element(By.CSS_SELECTOR, '[data-filter="flagged"]').click()
    assert _visible_rows(drv) == flagged and 5 in flagged
    drv.find_element(By.CSS_SELECTOR, '[data-filter="gaps"]').click()
    assert _visible_rows(drv) == gaps == [7]
    drv.find_element(By.CSS_SELECTOR, '[data-filter="all"]').click()
    assert len(_visible_rows(drv)) == len(al.rows)

    # jump to the next flagged row from the top
    body = drv.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.HOME)
    body.send_keys("n")
    assert drv.execute_script("return document.querySelector('#rows tr.cur').getAttribute('data-i')") == str(
        flagged[0])

    # column toggle (three-way table): hide fr, show it again
    box = drv.find_element(By.CSS_SELECTOR, 'input[data-col="2"]')
    box.click()
    assert not drv.find_element(By.CSS_SELECTOR, 'tr[data-i="0"] td.l2').is_displayed()
    box.click()
    assert drv.find_element(By.CSS_SELECTOR, 'tr[data-i="0"] td.l2').is_displayed()

    # 1. edit row 1 (en): keyboard focus, Enter, type, Ctrl+Enter
    drv.execute_script("unmarkReview.focus(1)")
    body.send_keys(Keys.ENTER)
    ta = wait_for(lambda: drv.find_elements(By.CSS_SELECTOR, 'tr[data-i="1"] textarea[data-l="1"]'))[0]
    ta.clear()
    ta.send_keys("CTOC/COP/WG.7/2020/2 — corrected by the reviewer")
    ta.send_keys(Keys.CONTROL, Keys.ENTER)
    wait_for(lambda: not drv.find_elements(By.CSS_SELECTOR, "#rows textarea"))
    # 2. merge rows 3 and 4 ("m" on row 3)
    drv.execute_script("unmarkReview.focus(3)")
    body.send_keys("m")
    # 3. split row 5 (now the old row 6) at a cursor in zh and in en, with the button
    drv.execute_script("unmarkReview.focus(5)")
    body.send_keys(Keys.ENTER)
    zh_ta = wait_for(lambda: drv.find_elements(By.CSS_SELECTOR, 'tr[data-i="5"] textarea[data-l="0"]'))[0]
    en_ta = drv.find_element(By.CSS_SELECTOR, 'tr[data-i="5"] textarea[data-l="1"]')
    zh_text = zh_ta.get_attribute("value")
    en_text = en_ta.get_attribute("value")
    zh_cut, en_cut = zh_text.index("，") + 1, en_text.index(" that ") + 1
    for el, pos in ((zh_ta, zh_cut), (en_ta, en_cut)):
        el.click()
        drv.execute_script("arguments[0].setSelectionRange(arguments[1], arguments[1])", el, pos)
    drv.find_element(By.CSS_SELECTOR, '[data-act="split"]').click()
    wait_for(lambda: not drv.find_elements(By.CSS_SELECTOR, "#rows textarea"))
    # 4. mark row 0 reviewed
    drv.execute_script("unmarkReview.focus(0)")
    body.send_keys("r")

    ops = drv.execute_script("return unmarkReview.ops()")
    assert ops == [
        {"op": "edit", "row": 1, "lang": "en", "text": "CTOC/COP/WG.7/2020/2 — corrected by the reviewer"},
        {"op": "merge", "row": 3},
        {"op": "split", "row": 5, "at": {"zh": zh_cut, "en": en_cut}},
        {"op": "review", "row": 0, "value": True},
    ]
    # the edited filter shows the edited, merged and split rows
    drv.find_element(By.CSS_SELECTOR, '[data-filter="edited"]').click()
    assert _visible_rows(drv) == [1, 3, 5, 6]
    drv.find_element(By.CSS_SELECTOR, '[data-filter="all"]').click()
    assert len(_visible_rows(drv)) == len(al.rows)  # one merge, one split

    shot = tmp_path / "review.png"
    drv.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("UNMARK_TEST_ARTIFACTS"):  # CI uploads this folder
        Path(os.environ["UNMARK_TEST_ARTIFACTS"]).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(os.environ["UNMARK_TEST_ARTIFACTS"]) / "review-page.png")

    # export: the downloads land in the download folder
    for act in ("tmx", "corr", "tsv", "jsonl"):
        drv.find_element(By.CSS_SELECTOR, f'[data-act="{act}"]').click()
    names = ["review.reviewed.tmx", "review.corrections.json", "review.reviewed.tsv", "review.reviewed.jsonl"]
    wait_for(lambda: all((dl / n).exists() and (dl / n).stat().st_size > 0 for n in names), 20)
    time.sleep(0.3)
    tmx = (dl / "review.reviewed.tmx").read_bytes()
    corr = json.loads((dl / "review.corrections.json").read_text(encoding="utf-8"))
    assert corr["document"] == document_hash(al) and corr["operations"] == ops

    # the expected TMX: the Python replay of the same operations, written by the Python writer
    fixed = apply_corrections(al, corr)
    assert tmx == to_tmx(fixed).encode("utf-8")
    assert (dl / "review.reviewed.tsv").read_bytes() == to_tsv(fixed).encode("utf-8")
    assert (dl / "review.reviewed.jsonl").read_bytes() == to_jsonl(fixed).encode("utf-8")
    text = tmx.decode("utf-8")
    assert "corrected by the reviewer" in text and text.count("<tu ") == len(fixed.rows) - 1  # the 1-0 row
    assert fixed.rows[5].cells["zh"].text == zh_text[:zh_cut] and fixed.rows[6].cells["en"].text == en_text[en_cut:]
    assert fixed.rows[0].confidence == 1.0 and fixed.rows[3].kind == "2-2-2"
    etree = pytest.importorskip("lxml.etree")
    dtd = etree.DTD(str(DATA / "tmx14.dtd"))
    assert dtd.validate(etree.fromstring(tmx)), dtd.error_log.filter_from_errors()

    # --apply on the page itself, and on the original documents, writes the same TMX bytes
    out = tmp_path / "applied.tmx"
    cp = dl / "review.corrections.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-m", "unmark", "align", str(page), "--apply", str(cp), "-o", str(out)],
                       capture_output=True, text=True, env=env, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes() == tmx
    xlsx = tmp_path / "applied.xlsx"
    r = subprocess.run([sys.executable, "-m", "unmark", "align", str(page), "--apply", str(cp), "-o", str(xlsx)],
                       capture_output=True, text=True, env=env, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    import pandas as pd

    df = pd.read_excel(xlsx)
    assert len(df) == len(fixed.rows) and "corrected by the reviewer" in df["en"][1]

    # progress survives a reload (local storage keyed by the document hash)
    _open(drv, page)
    assert drv.execute_script("return unmarkReview.ops()") == ops
    assert "restored 4" in drv.find_element(By.ID, "status").text
    drv.execute_script("localStorage.clear()")


def test_review_page_pages_long_documents(browser_env, tmp_path):
    """Rows are rendered a page at a time: a 2,500-row table puts 100 rows in the DOM, paging and
    keyboard navigation move through it, and the flagged filter covers the whole table."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    drv, _ = browser_env
    rows = tuple(AlignedRow({"zh": Segment("zh", f"第{k}段。"), "en": Segment("en", f"Paragraph {k}.")},
                            0.2 if k % 7 == 0 else 0.9) for k in range(2500))
    al = Alignment(("zh", "en"), rows, "paragraph")
    page = tmp_path / "long.html"
    write(al, str(page))
    _open(drv, page)
    assert len(_visible_rows(drv)) == 100
    assert drv.find_element(By.ID, "page").text == "page 1 / 25"
    body = drv.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.PAGE_DOWN)
    assert drv.find_element(By.ID, "page").text == "page 2 / 25" and _visible_rows(drv)[0] == 100
    body.send_keys(Keys.END)
    assert _visible_rows(drv)[-1] == 2499
    drv.find_element(By.CSS_SELECTOR, '[data-filter="flagged"]').click()
    assert drv.execute_script("return unmarkReview.view().length") == len(range(0, 2500, 7))
