import Calendrical
import Capacity
import Pathway

/// A patient's own page: their plan in plain words, in their language, with what each phase means for them and the
/// calendar file to import. One self-contained HTML file (inline CSS, no script, nothing fetched).
///
/// It is written for someone reading on a phone, perhaps with poor sight, tired or with a tremor (WCAG 2.2 AA):
/// - a `header` (the title, the as-of line), one `main`, and named sections (`aria-labelledby`);
/// - at the top, what comes next (what, when, where) and the phone numbers as links to call (`tel:`), each with
///   when to use it;
/// - then the steps. Steps that are behind the patient are folded away (`<details>`) unless their words still
///   apply; visits of one kind in a row (four checks after going home) show the first in full and fold the rest.
///
/// A worked case (P-0001 of the example on Sunday 22 November 2026): seven steps are done (second opinion to the
/// second collection day on 11 November). The control visit is not booked; its rule day is Wednesday 25 November
/// (the collection of 11 November + 14 days), so the page opens with "Wat hierna komt: Polikliniek: controle,
/// woensdag 25 november 2026, verwacht", then the first booked appointment after it, the stay from Monday 4 January
/// 2027, then the three numbers.
///
/// It holds this patient only. The name appears only in the heading, and only when the cohort gives one (the page
/// is the patient's, like their calendar).
public struct PatientPage: Sendable {
    /// The site (contacts).
    public let site: Site
    /// Today.
    public let now: CalendarDate

    /// A page maker.
    public init(site: Site, now: CalendarDate) {
        self.site = site
        self.now = now
    }

    /// The language of the names a site gives (its own name, its departments, a hospital for a second opinion):
    /// Dutch. The planner is for Dutch hospitals (their holidays, "Nederlandse tijd"), and `Site` has no language of
    /// its own, so on an English page those names are marked `lang="nl"` for screen readers.
    public static let siteLanguage = PatientRecord.Language.nl

    /// A calendar feed the patient can subscribe to (``html(_:record:calendarFile:subscription:)``): the same
    /// address twice, once as `webcal://` (Apple Calendar, Outlook and Thunderbird open it as a subscription) and
    /// once as the plain web address to paste into Google Calendar or Outlook on the web.
    public struct Subscription: Sendable, Hashable {
        /// `webcal://planner.example.nl/feeds/…ics`.
        public var webcal: String
        /// `https://planner.example.nl/feeds/…ics`.
        public var web: String

        /// The subscription at `web` (`https://…` or `http://…`); the `webcal://` form is derived from it.
        public init(web: String) {
            self.web = web
            if let colon = web.firstIndex(of: ":") {
                webcal = "webcal" + web[colon...]
            } else {
                webcal = web
            }
        }
    }

    /// The page of `record`'s `plan`; `calendarFile` is the `.ics` to import, relative to where the page is kept.
    /// With a `subscription`, the page offers that feed instead of the file: it updates itself, with steps per app.
    ///
    /// It says what the calendar says, entry by entry (the same words: both are made from `PatientEntries`); what
    /// to bring and the phone numbers are said once, near the top.
    public func html(_ plan: PatientPlan, record: PatientRecord, calendarFile: String,
                     subscription: Subscription? = nil) -> String {
        let texts = CalendarTexts(language: record.language)
        let words = PageWords(language: record.language)
        let marker = Marker(site: site, record: record)
        let entries = PatientEntries(site: site).entries(plan, record: record, today: now)
            .map { PageEntry(entry: $0, state: Self.state($0, today: now)) }
        var out = "<!DOCTYPE html>\n<html lang=\"\(record.language.rawValue)\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        out += "<title>\(escaped(texts.calendarName))</title>\n<style>\(Self.style)</style>\n</head>\n<body>\n"
        out += "<header>\n<h1>\(escaped(texts.calendarName))\(record.name.map { " — " + escaped($0) } ?? "")</h1>\n"
        out += "<p class=\"meta\">\(words.asOf) \(texts.date(now)). \(marker(site.name)).</p>\n</header>\n<main>\n"
        out += next(entries, declined: plan.declined, texts: texts, words: words, marker: marker)
        out += phoneNumbers(texts, words: words)
        out += steps(entries, record: record, texts: texts, words: words, marker: marker)
        out += ownCalendar(calendarFile: calendarFile, subscription: subscription, words: words)
        return out + "</main>\n</body>\n</html>\n"
    }

    /// Where an entry stands today, for its mark on the page.
    enum State: String {
        case done, inProgress = "in-progress", booked = "confirmed", expected = "planned", possible = "possible"
    }

    static func state(_ entry: PatientEntry, today: CalendarDate) -> State {
        let item = entry.item
        if item.kind == .treatmentPeriod { return .possible }
        if item.happened || (item.fixed && item.last < today) { return .done }
        if item.fixed && item.first <= today { return .inProgress }
        return item.fixed ? .booked : .expected
    }

    /// An entry with where it stands today.
    struct PageEntry {
        var entry: PatientEntry
        var state: State
        var item: CalendarItem { entry.item }
    }

    /// The entry the page opens with: the first one not done whose day is today or later (the earliest day; on
    /// one day, the first in the plan's order). With `booked`, the first booked one from `from` on.
    static func next(_ entries: [PatientEntry], today: CalendarDate, from: CalendarDate? = nil,
                     booked: Bool = false) -> Int? {
        entries.indices.filter {
            let state = state(entries[$0], today: today)
            return state != .done && entries[$0].item.first >= (from ?? today) && (!booked || state == .booked)
        }.min { entries[$0].item.first < entries[$1].item.first }
    }

    // MARK: What comes next

    /// What comes next (what, when, where), and, when that is not booked yet, the first booked appointment after
    /// it; a declined treatment says so here.
    private func next(_ entries: [PageEntry], declined: Bool, texts: CalendarTexts, words: PageWords,
                      marker: Marker) -> String {
        let index = Self.next(entries.map(\.entry), today: now)
        let booked = index.map { entries[$0].state == .booked } ?? false
        var out = "<section id=\"next\" class=\"next\" aria-labelledby=\"next-heading\">\n"
        out += "<h2 id=\"next-heading\">\(booked ? words.nextAppointment : words.whatComesNext)</h2>\n"
        if declined {
            return out + "<p>\(words.declined)</p>\n</section>\n"
        }
        guard let index else {
            return out + "<p>\(words.nothingAhead)</p>\n</section>\n"
        }
        let next = entries[index]
        // The heading leads to the step itself, further down.
        out += "<h3><a href=\"#step-\(index + 1)\">\(escaped(next.entry.pageTitle))</a></h3>\n<dl>\n"
        out += "<dt>\(words.when)</dt><dd>\(when(next, texts: texts, words: words)) — \(words.standing(next.state))</dd>\n"
        if let location = next.entry.location { out += "<dt>\(words.where_)</dt><dd>\(marker(location))</dd>\n" }
        out += "</dl>\n"
        if !booked, let found = Self.next(entries.map(\.entry), today: now, from: next.item.first, booked: true) {
            let later = entries[found]
            out += "<p>\(words.nextBooked): \(escaped(later.entry.pageTitle)), \(later.item.first == later.item.last ? when(later, texts: texts, words: words) : words.from(texts.date(later.item.first))).</p>\n"
        }
        return out + "</section>\n"
    }

    /// `woensdag 25 november 2026`, `maandag 11 januari 2027, 10:30–11:15`, or `van … tot en met …`.
    private func when(_ entry: PageEntry, texts: CalendarTexts, words: PageWords) -> String {
        let item = entry.item
        guard item.first == item.last else { return words.span(texts.date(item.first), texts.date(item.last)) }
        return texts.date(item.first) + (entry.entry.clock.map { ", " + texts.time($0) } ?? "")
    }

    // MARK: Phone numbers

    /// The site's numbers, each a link to call with when to use it (the words of the calendar's phone block).
    private func phoneNumbers(_ texts: CalendarTexts, words: PageWords) -> String {
        let lines = texts.contactLines(site.contacts)
        guard !lines.isEmpty else { return "" }
        var out = "<section id=\"phone-numbers\" class=\"phones\" aria-labelledby=\"phones-heading\">\n"
        out += "<h2 id=\"phones-heading\">\(escaped(texts.phoneNumbers))</h2>\n<ul>\n"
        for line in lines {
            out += "<li><span class=\"use\">\(escaped(line.use))</span> "
            out += "<a class=\"tel\" href=\"tel:\(Self.dialled(line.number))\">\(escaped(line.number))</a></li>\n"
        }
        return out + "</ul>\n</section>\n"
    }

    /// What a phone dials: the digits, and a leading `+` (`020 444 07 75` → `0204440775`). In an international
    /// number the `(0)` that is not dialled from abroad is dropped: `+31 (0)20 444 07 75` → `+31204440775`.
    package static func dialled(_ number: String) -> String {
        var text = number
        if let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")"),
           text.first == "+", text[open...close] == "(0)" {
            text.removeSubrange(open...close)
        }
        return String(text.enumerated().compactMap { offset, character in
            character.isASCII && character.isNumber ? character : (character == "+" && offset == 0 ? character : nil)
        })
    }

    // MARK: The steps

    private func steps(_ entries: [PageEntry], record: PatientRecord, texts: CalendarTexts, words: PageWords,
                       marker: Marker) -> String {
        var out = "<section id=\"steps\" aria-labelledby=\"steps-heading\">\n<h2 id=\"steps-heading\">\(words.steps)</h2>\n"
        // What to bring is the same for every visit: said once, here.
        out += "<p class=\"bring\">\(escaped(texts.bring))</p>\n"
        let render = StepRenderer(texts: texts, words: words, marker: marker)
        // Steps behind the patient are folded away, unless their words still apply: before day 1, the fertility
        // and pregnancy notes (in the evaluation, or the answer); until the recovery is over, day 1's contraception.
        let dayOneBegun = record.recorded[.mobilisation].map { $0.date <= now } ?? false
        let recoveryOver = entries.contains { $0.item.kind == .recovery && $0.state == .done }
        func stillApplies(_ entry: PageEntry) -> Bool {
            switch entry.item.kind {
            case .evaluation, .committeeAnswer: !dayOneBegun
            case .infusion: !recoveryOver
            default: false
            }
        }
        let behind = entries.prefix { $0.state == .done }.count
        let folded = entries.indices.prefix(behind).filter { !stillApplies(entries[$0]) }
        if folded.count > 1 {
            out += "<details class=\"past\"><summary>\(words.alreadyDone(folded.count))</summary>\n<ol class=\"phases\">\n"
            for index in folded { out += render.step([index], of: entries) }
            out += "</ol>\n</details>\n"
        }
        out += "<ol class=\"phases\">\n"
        for kept in entries.indices.prefix(behind) where folded.count < 2 || !folded.contains(kept) {
            out += render.step([kept], of: entries)
        }
        var index = behind
        // Entries of one kind and standing in a row are one step: the first in full, the others folded.
        while index < entries.count {
            var run = [index]
            while let last = run.last, last + 1 < entries.count, entries[last + 1].item.kind == entries[index].item.kind,
                  entries[last + 1].state == entries[index].state {
                run.append(last + 1)
            }
            out += render.step(run, of: entries)
            index += run.count
        }
        return out + "</ol>\n</section>\n"
    }

    func escaped(_ text: String) -> String { Format.html(text) }
}
