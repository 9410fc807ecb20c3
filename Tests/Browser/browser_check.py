#!/usr/bin/env python3
"""The pages ahsct writes, checked in a real browser.

Debian's Chromium, headless, driven by Selenium through Debian's chromium-driver, opens each HTML page and:

- runs axe-core 4.x (injected from the file given with --axe) with the tags wcag2a, wcag2aa, wcag21a, wcag21aa,
  wcag22aa and best-practice, at 1280 and at 360 CSS px wide: every violation is a failure;
- at 320 px, checks that the page itself does not scroll sideways (a chart may scroll inside its own box);
- measures the smallest chart text as drawn (font size times the SVG's scale) at 360 and 768 px: at least 11 px;
- lists every id the page repeats;
- prints the page to A4 PDF through the DevTools protocol (what "Print → Save as PDF" does) and counts its pages with
  pdfinfo: a patient page (a file named P-*.html) takes at most 3.

Usage:
    browser_check.py --axe axe.min.js [--pdf-folder DIR] [--screenshots DIR] PAGE.html ...
    browser_check.py --axe axe.min.js --self-test

Exit status 0 when every page passes, 1 otherwise; each problem is one line naming the page and the width.
"""
import argparse
import base64
import json
import os
import subprocess
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_WIDTHS = [1280, 360]
MIN_CHART_TEXT_PX = 11.0
MAX_PATIENT_PAGES = 3


def browser():
    """Headless Chromium at a fixed height; root needs --no-sandbox. Selenium is pointed at Debian's driver so it
    never tries to download one."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--force-device-scale-factor=1", "--hide-scrollbars", "--lang=nl-NL"]:
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)


def set_width(driver, width, height=900):
    """The layout viewport `width` CSS px wide (what a phone of that width shows)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def run_axe(driver, axe_source):
    driver.execute_script(axe_source)
    script = """
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})
           .then(r => done(JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                 nodes: v.nodes.map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').split('\\n').slice(1, 2).join(''))})))))
           .catch(e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}])));
    """ % json.dumps(TAGS)
    driver.set_script_timeout(120)
    return json.loads(driver.execute_async_script(script))


# Every id the page repeats (axe 4 no longer reports duplicate ids on its own; a repeated id breaks labels and links).
DUPLICATE_IDS = """
    const seen = new Map();
    for (const element of document.querySelectorAll('[id]')) seen.set(element.id, (seen.get(element.id) || 0) + 1);
    return [...seen].filter(([, count]) => count > 1).map(([id, count]) => id + ' ×' + count);
"""

SIDEWAYS = "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];"

# The drawn size of every <text> in every <svg>: its computed font size times the SVG's horizontal scale
# (rendered width over viewBox width). Text in a hidden SVG counts as 0 and is skipped.
CHART_TEXT = """
    const sizes = [];
    for (const svg of document.querySelectorAll('svg')) {
        const box = svg.viewBox && svg.viewBox.baseVal;
        const width = svg.getBoundingClientRect().width;
        if (!width) continue;
        const scale = box && box.width ? width / box.width : 1;
        for (const text of svg.querySelectorAll('text')) {
            const size = parseFloat(getComputedStyle(text).fontSize) * scale;
            if (size > 0) sizes.push(size);
        }
    }
    return sizes.length ? Math.min(...sizes) : null;
"""


def pdf_pages(driver, out_path):
    printed = driver.execute_cdp_cmd("Page.printToPDF", {
        "paperWidth": 8.27, "paperHeight": 11.69, "printBackground": True, "preferCSSPageSize": True})
    with open(out_path, "wb") as handle:
        handle.write(base64.b64decode(printed["data"]))
    info = subprocess.run(["pdfinfo", out_path], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def check(driver, page, axe_source, pdf_folder, screenshots):
    problems = []
    name = os.path.basename(page)
    url = "file://" + os.path.abspath(page)
    figures = {}
    for width in AXE_WIDTHS:
        set_width(driver, width)
        driver.get(url)
        for violation in run_axe(driver, axe_source):
            nodes = violation["nodes"]
            shown = "; ".join(nodes[:3]) + (f"; … {len(nodes) - 3} more" if len(nodes) > 3 else "")
            problems.append(f"{name} @{width}px: axe {violation['id']} ({violation['impact']}): {violation['help']}"
                            f" — {len(nodes)} node(s): {shown}")
        if width == AXE_WIDTHS[0]:
            for repeated in driver.execute_script(DUPLICATE_IDS):
                problems.append(f"{name}: the id {repeated} is repeated; expected each id once")
        if screenshots:
            os.makedirs(screenshots, exist_ok=True)
            driver.save_screenshot(os.path.join(screenshots, f"{name[:-5]}-{width}.png"))
    set_width(driver, 320)
    driver.get(url)
    scroll, client = driver.execute_script(SIDEWAYS)
    figures["width at 320"] = scroll
    if scroll > client:
        problems.append(f"{name} @320px: the page scrolls sideways ({scroll} px of content in {client} px)")
    for width in [360, 768]:
        set_width(driver, width)
        driver.get(url)
        smallest = driver.execute_script(CHART_TEXT)
        if smallest is not None:
            figures[f"chart text at {width}"] = round(smallest, 1)
            if smallest < MIN_CHART_TEXT_PX:
                problems.append(f"{name} @{width}px: chart text drawn at {smallest:.1f} px; expected at least "
                                f"{MIN_CHART_TEXT_PX:g} px")
    set_width(driver, 1280)
    driver.get(url)
    with tempfile.TemporaryDirectory() as scratch:
        pdf = os.path.join(pdf_folder or scratch, name[:-5] + ".pdf")
        pages = pdf_pages(driver, pdf)
    figures["A4 pages"] = pages
    if name.startswith("P-") and pages > MAX_PATIENT_PAGES:
        problems.append(f"{name}: prints on {pages} A4 pages; expected at most {MAX_PATIENT_PAGES}")
    return problems, figures


# Pages that must fail, each for a known reason: the check is only worth something if it can fail.
BAD_PAGES = {
    "no-main.html": ("<!doctype html><html lang=en><head><title>x</title></head><body><p>text outside any"
                     " landmark</p></body></html>", "axe region"),
    "low-contrast.html": ("<!doctype html><html lang=en><head><title>x</title></head><body><main><p"
                          " style='color:#bbb;background:#fff'>grey on white</p></main></body></html>",
                          "axe color-contrast"),
    "sideways.html": ("<!doctype html><html lang=en><head><title>x</title><meta name=viewport"
                      " content='width=device-width'></head><body><main><div style='width:900px'>wide</div>"
                      "</main></body></html>", "scrolls sideways"),
    "tiny-chart.html": ("<!doctype html><html lang=en><head><title>x</title><meta name=viewport"
                        " content='width=device-width'></head><body><main><svg viewBox='0 0 2000 100'"
                        " style='width:100%' role=img aria-label=chart><text x=0 y=50 font-size=12>a</text></svg>"
                        "</main></body></html>", "chart text drawn at"),
    "twice.html": ("<!doctype html><html lang=en><head><title>x</title></head><body><main><p id=a>1</p>"
                   "<p id=a>2</p></main></body></html>", "the id a ×2 is repeated"),
    "P-long.html": ("<!doctype html><html lang=en><head><title>x</title></head><body><main>"
                    + "".join(f"<p>line {n}</p>" for n in range(400)) + "</main></body></html>", "A4 pages"),
}


def self_test(driver, axe_source):
    failures = 0
    with tempfile.TemporaryDirectory() as folder:
        for name, (html, expected) in BAD_PAGES.items():
            path = os.path.join(folder, name)
            with open(path, "w") as handle:
                handle.write(html)
            problems, _ = check(driver, path, axe_source, None, None)
            if not any(expected in problem for problem in problems):
                failures += 1
                print(f"FAIL self-test: {name} should fail with '{expected}', got: {problems}")
    if not failures:
        print(f"ok self-test: {len(BAD_PAGES)} bad pages each caught")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--axe", required=True, help="axe.min.js (axe-core 4.x)")
    parser.add_argument("--pdf-folder", help="keep the printed PDFs here")
    parser.add_argument("--screenshots", help="keep screenshots at 1280 and 360 px here")
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("pages", nargs="*")
    args = parser.parse_args()
    with open(args.axe) as handle:
        axe_source = handle.read()
    driver = browser()
    try:
        version = driver.execute_script(axe_source + "; return axe.version;")
        print(f"axe-core {version}, {driver.capabilities.get('browserName')} "
              f"{driver.capabilities.get('browserVersion')}")
        if not version.startswith("4."):
            print("FAIL: axe-core 4.x expected")
            return 1
        if args.self_test:
            return 1 if self_test(driver, axe_source) else 0
        if not args.pages:
            print("FAIL: no pages given")
            return 1
        if args.pdf_folder:
            os.makedirs(args.pdf_folder, exist_ok=True)
        failed = 0
        for page in args.pages:
            problems, figures = check(driver, page, axe_source, args.pdf_folder, args.screenshots)
            shown = ", ".join(f"{key} {value}" for key, value in figures.items())
            if problems:
                failed += 1
                for problem in problems:
                    print("FAIL " + problem)
            print(f"{'ok  ' if not problems else 'bad '} {os.path.basename(page)}: {shown}")
        print(f"{len(args.pages) - failed} of {len(args.pages)} pages pass")
        return 1 if failed else 0
    finally:
        driver.quit()


if __name__ == "__main__":
    sys.exit(main())
