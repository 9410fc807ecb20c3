import Calendrical
import Capacity
import Pathway

extension PatientPage {
    /// Writes the steps of the page: one `<li>` per step, its heading, when (with its standing), and what happens.
    struct StepRenderer {
        let texts: CalendarTexts
        let words: PageWords
        let marker: Marker

        /// One step of `run` (indices into `entries`, of one kind and standing, in a row): the first entry in full;
        /// the others, whose words repeat the first's, folded under their dates.
        func step(_ run: [Int], of entries: [PageEntry]) -> String {
            guard let first = run.first else { return "" }
            let head = entries[first]
            let rest = run.dropFirst().map { entries[$0] }
            let small = rest.isEmpty && head.entry.paragraphs.filter { $0 != texts.bring }.count <= 2
            var out = "<li id=\"step-\(first + 1)\" class=\"\(head.state.rawValue)\(small ? " small" : "")\">"
            out += "<h3>\(Format.html(head.entry.pageTitle))</h3>\n" + body(head)
            if !rest.isEmpty {
                let days = rest.map { texts.date($0.item.first) }
                out += "<details class=\"more-days\"><summary>\(words.moreTimes(rest.count, days: days))</summary>\n"
                for (index, entry) in zip(run.dropFirst(), rest) {
                    out += "<div id=\"step-\(index + 1)\" class=\"again\">\n" + body(entry) + "</div>\n"
                }
                out += "</details>\n"
            }
            return out + "</li>\n"
        }

        /// The paragraphs of one entry: the first says when (with the window in words while the date is open) after
        /// its standing; what to bring is said once at the top of the steps.
        private func body(_ entry: PageEntry) -> String {
            var out = "<p class=\"when\"><strong>\(words.word(entry.state))</strong> — \(marker(entry.entry.paragraphs[0]))</p>\n"
            for line in entry.entry.paragraphs.dropFirst() where line != texts.bring { out += "<p>\(marker(line))</p>\n" }
            return out
        }
    }

    /// Text for the page: escaped, each of the site's phone numbers a link to call, and, on an English page, the
    /// site's Dutch names (its name, its own department names, the hospital of a second opinion) marked
    /// `lang="nl"` (``siteLanguage``).
    struct Marker {
        /// Escaped text to find, and what stands in its place.
        private var marks: [(find: String, replace: String)] = []

        init(site: Site, record: PatientRecord) {
            let numbers = [site.contacts.appointments, site.contacts.ward, site.contacts.urgent, site.contacts.outOfHours]
            for number in numbers.compactMap({ $0 }) where !number.isEmpty {
                let shown = Format.html(number)
                marks.append((shown, "<a href=\"tel:\(PatientPage.dialled(number))\">\(shown)</a>"))
            }
            if record.language != PatientPage.siteLanguage {
                let names = [site.name] + site.departments.values.sorted() + [record.secondOpinionSite].compactMap { $0 }
                for name in names where !name.isEmpty {
                    let shown = Format.html(name)
                    marks.append((shown, "<span lang=\"\(PatientPage.siteLanguage.rawValue)\">\(shown)</span>"))
                }
            }
            // At one place, the longest wins (a department named after the site).
            marks.sort { $0.find.count > $1.find.count }
        }

        /// `text`, escaped and marked; marks never overlap (the earliest, then the longest, wins).
        func callAsFunction(_ text: String) -> String {
            let escaped = Format.html(text)
            var out = ""
            var rest = escaped[...]
            while !rest.isEmpty {
                var best: (range: Range<Substring.Index>, replace: String)?
                for mark in marks {
                    guard let range = Self.range(of: mark.find, in: rest) else { continue }
                    if best == nil || range.lowerBound < (best?.range.lowerBound ?? range.lowerBound) {
                        best = (range, mark.replace)
                    }
                }
                guard let best else { break }
                out += rest[..<best.range.lowerBound] + best.replace
                rest = rest[best.range.upperBound...]
            }
            return out + rest
        }

        /// The first place `needle` stands in `text`.
        private static func range(of needle: String, in text: Substring) -> Range<Substring.Index>? {
            guard let head = needle.first else { return nil }
            var from = text.startIndex
            while let found = text[from...].firstIndex(of: head) {
                if text[found...].starts(with: needle) { return found..<text.index(found, offsetBy: needle.count) }
                from = text.index(after: found)
            }
            return nil
        }
    }
}
