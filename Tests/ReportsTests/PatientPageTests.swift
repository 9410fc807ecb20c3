import Calendrical
import Foundation
import ICalendar
import Interchange
import Pathway
import Reports
import Testing
import TestSupport

// The patient's own page as a phone reader meets it (issue 25): landmarks, what comes next and the numbers to call
// at the top, repeats folded, and every entry of the calendar on it. The example cohort (calendars/cohort.yaml) as
// of Sunday 22 November 2026, the day `make example` writes its pages for.

/// The example cohort, read once per test.
private func example() throws -> Cohort {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return try CohortReader().read(contentsOf: root.appendingPathComponent("calendars/cohort.yaml").path)
}

/// The page of patient `id`, planned as of 22 November 2026, linking `P-0001.ics`-style to its calendar.
private func page(_ cohort: Cohort, _ id: String) throws -> String {
    let record = try #require(cohort.patients.first { $0.id == id })
    let plan = try cohort.planner().plan(record, now: PatientFixture.today)
    return PatientPage(site: cohort.site, now: PatientFixture.today).html(plan, record: record, calendarFile: "\(id).ics")
}

/// Every value of `attribute` on the page, in order.
private func values(of attribute: String, in html: String) -> [String] {
    html.components(separatedBy: " \(attribute)=\"").dropFirst().map { $0.components(separatedBy: "\"")[0] }
}

/// The text between `start` and the first `end` after it.
private func between(_ html: String, _ start: String, _ end: String) -> String? {
    guard let from = html.range(of: start), let to = html.range(of: end, range: from.upperBound..<html.endIndex) else { return nil }
    return String(html[from.upperBound..<to.lowerBound])
}

/// The page without its tags: the text a reader sees, still escaped.
private func visible(_ html: String) -> String {
    var out = "", inTag = false
    for character in html {
        if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { out.append(character) }
    }
    return out
}

private func count(_ needle: String, in html: String) -> Int { html.components(separatedBy: needle).count - 1 }

@Suite struct PatientPageTests {
    /// One `header` (the title and the as-of line), one `main`, every section named by its heading, each id once,
    /// no script; on all ten example pages, in both languages.
    @Test func landmarksAndIds() throws {
        let cohort = try example()
        for record in cohort.patients {
            let html = try page(cohort, record.id)
            #expect(count("<main>", in: html) == 1 && count("</main>", in: html) == 1, "\(record.id)")
            #expect(between(html, "<body>\n", "<main>")?.hasPrefix("<header>\n<h1>") == true, "\(record.id)")
            #expect(between(html, "<header>", "</header>")?.contains("<p class=\"meta\">") == true, "\(record.id)")
            // Nothing outside a landmark: the body is the header, then main.
            #expect(between(html, "</header>\n", "<section") == "<main>\n", "\(record.id)")
            #expect(html.hasSuffix("</section>\n</main>\n</body>\n</html>\n"), "\(record.id)")
            let ids = values(of: "id", in: html)
            #expect(Set(ids).count == ids.count, "\(record.id) repeats an id")
            let labelled = values(of: "aria-labelledby", in: html)
            #expect(labelled.count == count("<section", in: html) && labelled.allSatisfy(ids.contains), "\(record.id)")
            for link in values(of: "href", in: html) where link.hasPrefix("#") { #expect(ids.contains(String(link.dropFirst())), "\(record.id) \(link)") }
            #expect(!html.contains("<script") && !html.contains("javascript:"), "\(record.id)")
        }
    }

    /// P-0001 on Sunday 22 November 2026 (its collection on Tue 10 and Wed 11 November, H = Wed 11 Nov, admission
    /// recorded for Mon 4 Jan 2027): the control visit, `open≥(H+14)` = Wed 25 Nov 2026, is the first entry not done
    /// on or after today. It is not booked, so the page says what is expected next, where, and then the first
    /// booked appointment after it: the stay from A = Mon 4 Jan 2027.
    @Test func theExampleOpensWithWhatComesNext() throws {
        let html = try page(try example(), "P-0001")
        let next = try #require(between(html, "<section id=\"next\"", "</section>"))
        // Its heading leads to the step: the eighth entry (second opinion, answer, evaluation, day 1, injections,
        // two collection days, then the control visit).
        #expect(next.contains("<h2 id=\"next-heading\">Wat hierna komt</h2>\n<h3><a href=\"#step-8\">Polikliniek: controle</a></h3>"))
        #expect(next.contains("<dt>Wanneer</dt><dd>woensdag 25 november 2026 — verwacht, nog niet afgesproken</dd>"))
        #expect(next.contains("<dt>Waar</dt><dd>Polikliniek, Amsterdam UMC, locatie VUmc</dd>"))
        #expect(next.contains("<p>Daarna vast afgesproken: In het ziekenhuis, vanaf maandag 4 januari 2027.</p>"))
        #expect(html.contains("<li id=\"step-8\" class=\"planned small\"><h3>Polikliniek: controle</h3>\n<p class=\"when\"><strong>Verwacht</strong> — Datum: woensdag 25 november 2026."))
        // At the top: what comes next first, then the numbers, then the steps.
        let order = ["<section id=\"next\"", "<section id=\"phone-numbers\"", "<section id=\"steps\"", "<section id=\"own-calendar\""]
            .map { html.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil } && order == order.sorted { ($0 ?? html.endIndex) < ($1 ?? html.endIndex) })

        // A booked next appointment is called one: P-0007's evaluation on Friday 1 January 2027 at 09:30 (New Year's
        // Day, booked by mistake; the step says the hospital will confirm it).
        let booked = try page(try example(), "P-0007")
        #expect(booked.contains("<h2 id=\"next-heading\">Your next appointment</h2>\n<h3><a href=\"#step-3\">Clinic appointment: pre-treatment tests</a></h3>"))
        #expect(booked.contains("<dd>Friday 1 January 2027, 09:30 — booked</dd>"))
    }

    /// The numbers to call, each with when to use it (the calendar's words), as `tel:` links of digits (and a
    /// leading +) only; the numbers inside the advice are links too.
    @Test func phoneNumbersAreLinksToCall() throws {
        let html = try page(try example(), "P-0001")
        let phones = try #require(between(html, "<section id=\"phone-numbers\"", "</section>"))
        #expect(phones.contains("<h2 id=\"phones-heading\">Telefoonnummers</h2>"))
        #expect(phones.contains("<li><span class=\"use\">Afspraak maken of verzetten</span> <a class=\"tel\" href=\"tel:0204441160\">020 444 11 60</a></li>"))
        #expect(phones.contains("<li><span class=\"use\">Dringend, op werkdagen tijdens kantooruren</span> <a class=\"tel\" href=\"tel:0204440775\">020 444 07 75</a></li>"))
        #expect(phones.contains("<li><span class=\"use\">Dringend, ’s avonds, ’s nachts en in het weekend</span> <a class=\"tel\" href=\"tel:0204444444\">020 444 44 44</a></li>"))
        let calls = values(of: "href", in: html).filter { $0.hasPrefix("tel:") }
        #expect(calls.count > 3)
        for call in calls {
            let number = call.dropFirst(4)
            #expect(!number.isEmpty && number.enumerated().allSatisfy { $1.isASCII && ($1.isNumber || ($1 == "+" && $0 == 0)) }, "\(call)")
        }
        #expect(html.contains("Bel dan meteen het ziekenhuis. Op werkdagen tijdens kantooruren: <a href=\"tel:0204440775\">020 444 07 75</a>."))
        #expect(PatientPage.dialled("+31 (0)20 444-07 75") == "+31204440775" && PatientPage.dialled("(020) 444 07 75") == "0204440775")
    }

    /// What repeats is folded: the steps behind the patient under one fold (but day 1, whose contraception note
    /// still applies, stays open), and of the four checks after going home the first in full, the other three under
    /// their dates. Discharge expected Sat 30 Jan 2027; checks on days 7, 14, 21 and 28 after it, each on the
    /// clinic's next open day: Sat 6 Feb → Mon 8 Feb, Sat 13 → Mon 15, Sat 20 → Mon 22 Feb, Sat 27 Feb → Mon 1 Mar.
    @Test func repeatsAreFolded() throws {
        let html = try page(try example(), "P-0001")
        #expect(html.contains("<details class=\"past\"><summary>Al gedaan: 6 stappen</summary>"))
        let past = try #require(between(html, "<details class=\"past\">", "</details>"))
        #expect(past.contains("<h3>Polikliniek: tweede mening</h3>") && past.contains("<h3>Afspraak: cellen verzamelen</h3>"))
        #expect(!past.contains("Dagbehandeling: infuus"))
        let open = html.replacingOccurrences(of: past, with: "")
        #expect(open.contains("<h3>Dagbehandeling: infuus</h3>") && open.contains("Gebruik goede anticonceptie tot uw arts zegt dat u mag stoppen."))
        #expect(html.contains("<p>Controle 1 van 4 na thuiskomst. De arts kijkt naar uw bloedwaarden, hoe het met u gaat en uw medicijnen.</p>\n<details class=\"more-days\"><summary>Nog 3 keer: maandag 15 februari 2027, maandag 22 februari 2027 en maandag 1 maart 2027</summary>"))
        #expect(count("<h3>Polikliniek: controle na thuiskomst</h3>", in: html) == 1)
        // Before day 1 nothing with the fertility and pregnancy notes is folded: P-0007 (answer on 2 November).
        let early = try page(try example(), "P-0007")
        #expect(!early.contains("class=\"past\"") || !(between(early, "class=\"past\"", "</details>") ?? "").contains("pregnant"))
        #expect(early.contains("You cannot have this treatment if you are pregnant or breastfeeding."))
    }

    /// The page says what the calendar says: every paragraph of every event (the phone block aside, which the page
    /// gives once at the top) stands on the page, for all ten example patients.
    @Test func thePageSaysWhatTheCalendarSays() throws {
        let cohort = try example()
        for (index, record) in cohort.patients.enumerated() {
            let text = visible(try page(cohort, record.id))
            let document = try PatientFixture.patientCalendar(cohort, index)
            for event in document.events {
                for paragraph in (event.description ?? "").components(separatedBy: "\n\n")
                where !paragraph.hasPrefix("Telefoonnummers") && !paragraph.hasPrefix("Phone numbers") {
                    #expect(text.contains(Format.html(paragraph)), "\(record.id) \(event.summary): \(paragraph.prefix(60))")
                }
            }
        }
    }

    /// An English page marks the site's Dutch name `lang="nl"`; a Dutch page has no need. The calendar link says
    /// what it is.
    @Test func foreignNamesAndLinkTexts() throws {
        let cohort = try example()
        let english = try page(cohort, "P-0004")
        #expect(english.contains("<p class=\"meta\">As of Sunday 22 November 2026. <span lang=\"nl\">Amsterdam UMC, locatie VUmc</span>.</p>"))
        #expect(!english.contains("Amsterdam UMC, locatie VUmc") || count("Amsterdam UMC, locatie VUmc", in: english) == count("<span lang=\"nl\">Amsterdam UMC, locatie VUmc</span>", in: english))
        #expect(english.contains("<a class=\"download\" href=\"P-0004.ics\" type=\"text/calendar\">Download your calendar (.ics)</a>"))
        let dutch = try page(cohort, "P-0001")
        #expect(!dutch.contains("lang=\"nl\">") || dutch.hasPrefix("<!DOCTYPE html>\n<html lang=\"nl\">") && count("lang=\"nl\"", in: dutch) == 1)
        #expect(dutch.contains(">Download uw agenda (.ics)</a>"))
        // On paper the link is followed by its address; on screen the links to call and download are 44 px high.
        #expect(PatientPage.style.contains("a.download[href]::after,a.subscribe[href]::after{content:\" (\" attr(href) \")\""))
        #expect(PatientPage.style.contains("min-height:44px") && PatientPage.style.contains("font-size:112.5%"))
    }

    /// A declined treatment is said at the top, once: S Mon 26 Oct, the answer on Tue 17 Nov 2026 was no.
    @Test func aDeclinedTreatmentIsSaidAtTheTop() throws {
        let cohort = try PatientFixture.read(PatientFixture.siteText
            + "patients:\n  - {id: P-1, second-opinion: 2026-10-26, committee-answer: {date: 2026-11-17, outcome: declined}}\n")
        let plan = try cohort.planner().plan(cohort.patients[0], now: PatientFixture.today)
        let html = PatientPage(site: cohort.site, now: PatientFixture.today).html(plan, record: cohort.patients[0], calendarFile: "P-1.ics")
        let next = try #require(between(html, "<section id=\"next\"", "</section>"))
        #expect(next.contains("<p>De landelijke commissie heeft besloten dat deze behandeling voor u niet doorgaat. Bespreek met uw neuroloog wat dit voor u betekent.</p>"))
        #expect(count("niet doorgaat", in: html) == 1)
    }
}
