"""docs/img/miniprogram.png: the jisuwen-chat component at phone width.

    .venv/bin/python scripts/miniprogram_screenshot.py [--out docs/img/miniprogram.png]

miniprogram-simulate renders the component through a recorded conversation (用电报装要多久 →
quick replies → 非居民 → the card and the 好差评 row; miniprogram/tests/screenshot/page.test.js
writes that DOM with the component's WXSS converted to CSS), and headless Chromium photographs it
on a 375 px wide screen at 2× (880 px tall: a phone screen plus a little, so that the
quick replies, the answer, its card and the 好差评 row fit in one picture).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "img" / "miniprogram.png")
    ap.add_argument("--height", type=int, default=880)
    ap.add_argument("--large", action="store_true", help="with 大字 (适老化) switched on")
    ap.add_argument("--related", action="store_true",
                    help="a told situation's related-matters bubble (its first 依据 open) instead")
    args = ap.parse_args()
    html = Path(tempfile.mkdtemp(prefix="jisuwen-mp-")) / "conversation.html"
    subprocess.run(["npx", "jest", "tests/screenshot", "--ci"], cwd=ROOT / "miniprogram",
                   env={**os.environ, "SCREENSHOT_HTML": str(html),
                        "SCREENSHOT_LARGE": "1" if args.large else "",
                        "SCREENSHOT_RELATED": "1" if args.related else ""}, check=True)

    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 375, "height": args.height},
                                device_scale_factor=2)
        page.goto(html.as_uri())
        # from the quick replies (非居民 chosen) down to the 好差评 row
        page.evaluate("""() => {
          const scroller = document.querySelector('.jisuwen-chat--jc-scroller');
          const groups = document.querySelectorAll('.jisuwen-chat--jc-quick');
          const last = groups[groups.length - 1];
          const gap = last.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
          scroller.scrollTop += gap - 12;
        }""")
        args.out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.out))
        browser.close()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
