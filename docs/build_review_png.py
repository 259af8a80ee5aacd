"""Write docs/review.png: the review page of a three-way sentence alignment in headless Chromium, with
a flagged row in view, one row edited and one marked reviewed.

    python docs/build_review_png.py
"""
from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "align"))


def main() -> int:
    from test_review_browser import CHROMIUM, DRIVER, HAVE_SELENIUM, review_alignment, start_browser, stop_browser

    if not (CHROMIUM and DRIVER and HAVE_SELENIUM):
        print("SKIP: needs chromium, chromium-driver and selenium")
        return 0
    from unmark.align.export import write

    tmp = Path(tempfile.mkdtemp())
    page = tmp / "A_74_292.html"
    write(review_alignment(), str(page))
    drv = start_browser()
    try:
        drv.set_window_size(1280, 860)
        drv.get(page.as_uri())
        while drv.execute_script("return document.body.getAttribute('data-ready')") != "1":
            time.sleep(0.05)
        drv.execute_script("localStorage.clear()")
        drv.get(page.as_uri())
        time.sleep(0.3)
        drv.execute_script("""
            var u = unmarkReview;
            u.apply({op: 'edit', row: 1, lang: 'en', text: 'CTOC/COP/WG.7/2020/2'});
            u.apply({op: 'review', row: 0, value: true});
            u.apply({op: 'review', row: 2, value: true});
            u.focus(5);""")
        time.sleep(0.3)
        out = ROOT / "docs" / "review.png"
        drv.save_screenshot(str(out))
        drv.execute_script("localStorage.clear()")
        print(f"wrote {out}")
    finally:
        stop_browser(drv)
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
