#!/usr/bin/env python3
"""The coordinators' console in a real browser: Debian's Chromium, headless, driven by Selenium, against
`ahsct serve --port 0` on loopback, on a copy of the example cohort.

The path a coordinator takes, twice (once with the mouse, once with the keyboard only: Tab, typing, Enter, Space):
sign in, open P-0008, record a repeat apheresis (sessions 24 and 25 November), see the preview, confirm, see the
plan moved on the page and the patient's feed's ETag changed, sign out, and the back button shows nothing of the
console after sign-out. On the way, every console page (sign-in, overview, patient, preview, feed hand-out, audit)
is checked with axe-core 4.x at 1280 and 360 px (WCAG 2.2 AA and best practice): zero violations.

Usage: console_check.py --ahsct .build/debug/ahsct --axe axe.min.js --cohort calendars/cohort.yaml
Exit status 0 when every check passes.
"""
import argparse
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.action_chains import ActionChains

sys.path.insert(0, os.path.dirname(__file__))
from browser_check import browser, pdf_pages, run_axe, set_width  # noqa: E402

NOW = "2026-11-22"
PASSWORD = "a good long passphrase"
failures = []


def check(label, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + label + ("" if ok or not detail else f": {detail}"))
    if not ok:
        failures.append(label)


def axe_both_widths(driver, axe, label):
    """axe at 1280 and 360 px on the page the browser shows: the viewport is resized, the page laid out again, not
    loaded again (a preview is the answer to a POST)."""
    for width in (1280, 360):
        set_width(driver, width)
        violations = run_axe(driver, axe)
        detail = "; ".join(f"{v['id']} ({len(v['nodes'])}): {v['nodes'][:2]}" for v in violations)
        check(f"axe: {label} at {width} px has no violations", not violations, detail)
    set_width(driver, 1280)


def wait_for(driver, condition, timeout=30):
    """Waits (up to `timeout` s, polling the page, not the clock of the test) until `condition(driver)` holds after a
    form was submitted: a submit returns before the next page has loaded. False if it never does."""
    from selenium.webdriver.support.ui import WebDriverWait
    try:
        WebDriverWait(driver, timeout, poll_frequency=0.1).until(condition)
        return True
    except Exception:
        return False


def title_starts(text):
    return lambda driver: driver.title.startswith(text)


def sign_in(driver, base, user):
    """Signs in with the mouse, without checks (the coordinator's path checks the sign-in itself)."""
    driver.delete_all_cookies()
    driver.get(base + "/console/login")
    driver.find_element(By.ID, "user").send_keys(user)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]").click()
    wait_for(driver, title_starts("Overview"))


def feed_etag(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    return response.status, response.getheader("ETag")


def tab_to(driver, matches, limit=80):
    """Presses Tab until the focused element satisfies `matches` (keyboard only); False if it never does."""
    for _ in range(limit):
        element = driver.switch_to.active_element
        if matches(element):
            return True
        ActionChains(driver).send_keys(Keys.TAB).perform()
    return False


def start_server(ahsct, cohort):
    server = subprocess.Popen([ahsct, "serve", cohort, "--port", "0", "--now", NOW, "--console-lang", "en",
                               "--no-access-log"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    port = int(line.strip().rsplit(":", 1)[1])
    return server, port


def plan_cell(driver, step):
    """The expected date of `step` in the plan table of a console patient page."""
    for row in driver.find_elements(By.CSS_SELECTOR, "#plan-heading ~ div table tbody tr"):
        if row.find_element(By.TAG_NAME, "th").text == step:
            return row.find_elements(By.TAG_NAME, "td")[1].text
    return None


def shoot(driver, folder, name):
    """Screenshots of the page shown, at 1280 and 360 px, for the docs."""
    if not folder:
        return
    os.makedirs(folder, exist_ok=True)
    for width in (1280, 360):
        set_width(driver, width, height=1100)
        driver.save_screenshot(os.path.join(folder, f"console-{name}-{width}.png"))
    set_width(driver, 1280)


SHOTS = None


def coordinator_path(driver, axe, base, port, feed_path, keyboard, label):
    driver.delete_all_cookies()
    driver.get(base + "/console/")
    check(f"{label}: without a session the console sends you to sign in", driver.current_url.endswith("/console/login"))
    if not keyboard:
        axe_both_widths(driver, axe, "sign-in page")
    if keyboard:
        check(f"{label}: Tab reaches the user field", tab_to(driver, lambda e: e.get_attribute("id") == "user"))
        ActionChains(driver).send_keys("anna", Keys.TAB, PASSWORD, Keys.ENTER).perform()
    else:
        driver.find_element(By.ID, "user").send_keys("anna")
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]").click()
    wait_for(driver, title_starts("Overview"))
    check(f"{label}: signed in, on the overview", driver.current_url.endswith("/console/") and
          "Overview" in driver.find_element(By.TAG_NAME, "h1").text, driver.current_url)
    if not keyboard:
        axe_both_widths(driver, axe, "overview")
        shoot(driver, SHOTS, "overview")
    before_date = None
    if keyboard:
        check(f"{label}: Tab reaches P-0008's link", tab_to(driver, lambda e: e.tag_name == "a" and e.text.startswith("P-0008")))
        ActionChains(driver).send_keys(Keys.ENTER).perform()
    else:
        driver.find_element(By.PARTIAL_LINK_TEXT, "P-0008").click()
    wait_for(driver, title_starts("P-0008"))
    check(f"{label}: P-0008's page opens", driver.current_url.endswith("/console/patients/P-0008"), driver.current_url)
    before_date = plan_cell(driver, "control-visit")
    if not keyboard:
        axe_both_widths(driver, axe, "patient page")
        shoot(driver, SHOTS, "patient")
    # Record a repeat apheresis: two sessions, 24 and 25 November.
    if keyboard:
        check(f"{label}: Tab reaches the field list", tab_to(driver, lambda e: e.get_attribute("id") == "field"))
        ActionChains(driver).send_keys("apheresis").perform()
        check(f"{label}: Tab reaches the value", tab_to(driver, lambda e: e.get_attribute("id") == "value"))
        ActionChains(driver).send_keys("2026-11-24 2026-11-25").perform()
        check(f"{label}: Tab reaches the preview button",
              tab_to(driver, lambda e: e.tag_name == "button" and "changes" in e.text))
        ActionChains(driver).send_keys(Keys.ENTER).perform()
    else:
        from selenium.webdriver.support.ui import Select
        Select(driver.find_element(By.ID, "field")).select_by_value("apheresis")
        driver.find_element(By.ID, "value").send_keys("2026-11-24 2026-11-25")
        driver.find_element(By.XPATH, "//button[contains(., 'Show what changes')]").click()
    wait_for(driver, title_starts("Preview for P-0008"))
    heading = driver.find_element(By.TAG_NAME, "h1").text
    check(f"{label}: the preview shows", heading.startswith("Preview for P-0008"), heading)
    moves = driver.find_element(By.ID, "moves-heading").find_element(By.XPATH, "..").text
    check(f"{label}: the preview lists dates that move", "→" in moves, moves[:200])
    if not keyboard:
        axe_both_widths(driver, axe, "preview")
        shoot(driver, SHOTS, "preview")
    status, etag_before = feed_etag(port, feed_path)
    if keyboard:
        check(f"{label}: Tab reaches 'Write it'", tab_to(driver, lambda e: e.tag_name == "button" and e.text == "Write it"))
        ActionChains(driver).send_keys(Keys.ENTER).perform()
    else:
        driver.find_element(By.XPATH, "//button[. = 'Write it']").click()
    wait_for(driver, lambda d: "recorded=1" in d.current_url)
    check(f"{label}: back on the patient's page, recorded", "Recorded." in driver.page_source)
    after_date = plan_cell(driver, "control-visit")
    # The control visit is planned 14 days after the last session: from 25 Nov (expected harvest) to 9 Dec.
    check(f"{label}: the plan moved on the page (control visit {before_date} → {after_date})",
          after_date == "2026-12-09" and after_date != before_date, f"{before_date} → {after_date}")
    status, etag_after = feed_etag(port, feed_path)
    check(f"{label}: the patient's feed changed (ETag {etag_before} → {etag_after})",
          status == 200 and etag_after != etag_before)
    if keyboard:
        check(f"{label}: Tab reaches 'Sign out'", tab_to(driver, lambda e: e.tag_name == "button" and e.text == "Sign out"))
        ActionChains(driver).send_keys(Keys.ENTER).perform()
    else:
        driver.find_element(By.XPATH, "//button[. = 'Sign out']").click()
    wait_for(driver, title_starts("Sign in"))
    check(f"{label}: signed out, on the sign-in page", driver.current_url.endswith("/console/login"),
          driver.current_url + " " + driver.title)
    driver.back()
    wait_for(driver, lambda d: d.title.startswith("Sign in"))
    check(f"{label}: the back button shows nothing of the console after sign-out",
          driver.current_url.endswith("/console/login") and "P-0008" not in driver.page_source, driver.current_url)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ahsct", required=True)
    parser.add_argument("--axe", required=True)
    parser.add_argument("--cohort", default="calendars/cohort.yaml")
    parser.add_argument("--screenshots")
    args = parser.parse_args()
    global SHOTS
    SHOTS = args.screenshots
    axe = open(args.axe).read()
    ahsct = os.path.abspath(args.ahsct)
    with tempfile.TemporaryDirectory() as scratch:
        folder = os.path.join(scratch, "calendars")
        source = os.path.dirname(os.path.abspath(args.cohort))

        def fresh_copy():
            """The example's inputs (cohort, protocols, closures and absences), none of its outputs or state."""
            shutil.rmtree(folder, ignore_errors=True)
            shutil.copytree(source, folder, ignore=shutil.ignore_patterns(".ahsct", "*.html", "*.md", "plan.json",
                                                                         "patients", "staff", "ward.ics"))

        cohort = os.path.join(folder, os.path.basename(args.cohort))

        def prepared(accounts):
            """A fresh copy with these accounts and P-0008's feed issued, served: (feed path, server, port)."""
            fresh_copy()
            for user, role in accounts:
                added = subprocess.run([ahsct, "users", "add", cohort, "--user", user, "--role", role],
                                       input=PASSWORD + "\n", capture_output=True, text=True)
                check(f"ahsct users add {user}", added.returncode == 0, added.stderr)
            issued = subprocess.run([ahsct, "feeds", "issue", cohort, "--patient", "P-0008", "--format", "json"],
                                    capture_output=True, text=True)
            check("ahsct feeds issue P-0008", issued.returncode == 0, issued.stderr)
            return (json.loads(issued.stdout)["path"],) + start_server(ahsct, cohort)

        feed_path, server, port = prepared((("anna", "coordinator"), ("ward", "viewer")))
        driver = browser()
        try:
            base = f"http://127.0.0.1:{port}"
            coordinator_path(driver, axe, base, port, feed_path, keyboard=False, label="mouse")
            driver.delete_all_cookies()
            # A feed issued from the console: the one-time hand-out page with its QR code.
            sign_in(driver, base, "anna")
            driver.get(base + "/console/patients/P-0001")
            driver.find_element(By.XPATH, "//button[@value='issue' or @value='rotate']").click()
            wait_for(driver, title_starts("Calendar address"))
            check("feed issued: the hand-out with its QR code shows once",
                  len(driver.find_elements(By.CSS_SELECTOR, ".handout svg.qr")) == 1 and "/feeds/" in driver.page_source)
            axe_both_widths(driver, axe, "feed hand-out")
            with tempfile.TemporaryDirectory() as pdfs:
                pages = pdf_pages(driver, os.path.join(SHOTS or pdfs, "console-handout.pdf"))
            check(f"feed hand-out: prints on one A4 page (got {pages})", pages == 1)
            # The QR code read back by a third-party decoder (zbarimg, Debian's zbar-tools) from a screenshot: the
            # address it holds is the page address the hand-out prints.
            shown = driver.find_element(By.CSS_SELECTOR, ".handout .secret").text
            with tempfile.TemporaryDirectory() as shots:
                picture = os.path.join(shots, "handout.png")
                driver.save_screenshot(picture)
                decoded = subprocess.run(["zbarimg", "--raw", "-q", picture], capture_output=True, text=True).stdout.strip()
            check(f"feed hand-out: the QR code reads back as the page's address ({decoded[:40]}…)",
                  decoded == shown and decoded.endswith(".html"), f"{decoded!r} != {shown!r}")
            shoot(driver, SHOTS, "handout")
            # The patient's own served page (the subscribe variant) passes the same checks.
            driver.get(base + feed_path[:-len(".ics")] + ".html")
            check("served patient page: it opens", "BEGIN" not in driver.page_source and driver.title != "")
            axe_both_widths(driver, axe, "served patient page")
            driver.get(base + "/console/audit")
            check("audit: the record and the sign-ins are listed",
                  "apheresis" in driver.page_source and "sign-in" in driver.page_source)
            axe_both_widths(driver, axe, "audit")
            # A viewer sees pseudonyms and no forms.
            driver.delete_all_cookies()
            sign_in(driver, base, "ward")
            driver.get(base + "/console/patients/P-0001")
            check("viewer: no record form, no feed buttons, no name",
                  not driver.find_elements(By.ID, "field") and not driver.find_elements(By.XPATH, "//button[@name='action']")
                  and "de Vries" not in driver.page_source)
        finally:
            driver.quit()
            server.terminate()
            server.wait(30)
        # The keyboard-only path, on a fresh server and a fresh copy (the first path changed the cohort).
        feed_path, server, port = prepared((("anna", "coordinator"),))
        driver = browser()
        try:
            coordinator_path(driver, axe, f"http://127.0.0.1:{port}", port, feed_path, keyboard=True, label="keyboard")
        finally:
            driver.quit()
            server.terminate()
            server.wait(30)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
