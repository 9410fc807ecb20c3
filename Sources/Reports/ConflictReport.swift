import Calendrical
import Capacity
import Foundation
import Pathway

/// A cohort's conflicts as text for people, Markdown for notes, JSON for programs or CSV for spreadsheets.
///
/// The text form is grouped per day: every conflict that starts on a day sits under that day's heading, and a run
/// of over-full days is one entry:
/// ```
/// Mon 2027-01-04
///   capacity_exceeded  isolation-beds  Mon 2027-01-04 … Sat 2027-01-30 (27 days)  demand 3, capacity 2
///     patients  P-0001, P-0002, P-0006
///     isolation-beds: 3 booked, capacity 2, on Monday 4 January 2027 … Saturday 30 January 2027
///     suggest   move P-0006's admission to Monday 1 February 2027, the first day that fits
/// ```
public struct ConflictReport: Sendable {
    /// The conflicts, in report order.
    public var conflicts: [CohortConflict]
    /// The day the report is made on.
    public var now: CalendarDate
    /// The view the capacity conflicts were counted in.
    public var view: DemandView
    /// The site's name, for the heading.
    public var siteName: String
    /// The language of the words (codes, keys and subjects stay as they are: scripts read them).
    public var language: PatientRecord.Language

    /// A report.
    public init(conflicts: [CohortConflict], now: CalendarDate, view: DemandView, siteName: String,
                language: PatientRecord.Language = .en) {
        self.conflicts = conflicts
        self.now = now
        self.view = view
        self.siteName = siteName
        self.language = language
    }

    private var words: Words { Words(language) }
    private var dutch: Bool { language == .nl }
    private func t(_ english: String, _ dutchText: String) -> String { dutch ? dutchText : english }

    /// `3 conflicts: 1 capacity_exceeded, 2 closed_day` (codes in their stable order).
    public var summary: String {
        guard !conflicts.isEmpty else { return t("no conflicts", "geen conflicten") }
        let counts = CohortConflict.Code.allCases.compactMap { code -> String? in
            let count = conflicts.count { $0.code == code }
            return count == 0 ? nil : "\(count) \(code.rawValue)"
        }
        return (dutch ? "\(conflicts.count) conflict\(conflicts.count == 1 ? "" : "en"): "
                      : "\(conflicts.count) conflict\(conflicts.count == 1 ? "" : "s"): ") + counts.joined(separator: ", ")
    }

    /// `Mon 2027-01-04` / `ma 2027-01-04`.
    private func day(_ date: CalendarDate) -> String { Format.day(date, language) }

    private var grouped: [(CalendarDate, [CohortConflict])] {
        var groups: [(CalendarDate, [CohortConflict])] = []
        for conflict in conflicts {
            if groups.last?.0 == conflict.from { groups[groups.count - 1].1.append(conflict) } else {
                groups.append((conflict.from, [conflict]))
            }
        }
        return groups
    }

    private func span(_ conflict: CohortConflict) -> String { Self.span(conflict, dutch: dutch) }
    private func load(_ conflict: CohortConflict) -> String? { Self.load(conflict, dutch: dutch) }

    /// `Mon 2027-01-04 … Sat 2027-01-30 (27 days)`.
    static func span(_ conflict: CohortConflict, dutch: Bool = false) -> String {
        let language: PatientRecord.Language = dutch ? .nl : .en
        guard conflict.from != conflict.to else { return Format.day(conflict.from, language) }
        return "\(Format.day(conflict.from, language)) … \(Format.day(conflict.to, language)) (\(conflict.from.days(until: conflict.to) + 1) \(dutch ? "dagen" : "days"))"
    }

    /// `demand 3, capacity 2`.
    static func load(_ conflict: CohortConflict, dutch: Bool = false) -> String? {
        guard let demand = conflict.demand, let capacity = conflict.capacity else { return nil }
        return dutch ? "vraag \(demand), capaciteit \(capacity)" : "demand \(demand), capacity \(capacity)"
    }

    // MARK: Text

    /// Grouped per day.
    public func text() -> String {
        var out = t("\(siteName) — conflicts as of \(day(now)) — \(view.rawValue) view\n",
                    "\(siteName) — conflicten per \(day(now)) — \(view.rawValue)\n") + "\(summary)\n"
        for (first, list) in grouped {
            out += "\n\(day(first))\n"
            for conflict in list {
                var head = "  " + Format.padded(conflict.code.rawValue, 23) + Format.padded(conflict.subject, 19)
                head += span(conflict)
                if let load = load(conflict) { head += "  " + load }
                out += head + "\n"
                out += t("    patients  ", "    patiënten ") + conflict.patients.joined(separator: ", ") + "\n"
                out += "    " + words.message(conflict) + "\n"
                if let advice = conflict.advice { out += t("    suggest   ", "    voorstel  ") + words.advice(advice) + "\n" }
            }
        }
        return TerminalText.fit(out)
    }

    // MARK: Markdown

    /// A heading per day, an item per conflict.
    public func markdown() -> String {
        var out = t("# Conflicts — \(siteName)\n\nAs of \(day(now)), \(view.rawValue) view: \(summary).\n",
                    "# Conflicten — \(siteName)\n\nPer \(day(now)), \(view.rawValue): \(summary).\n")
        for (first, list) in grouped {
            out += "\n## \(day(first))\n\n"
            for conflict in list {
                out += "- **`\(conflict.code.rawValue)`** `\(conflict.subject)` — \(span(conflict))"
                if let load = load(conflict) { out += " — \(load)" }
                out += " — \(conflict.patients.joined(separator: ", "))\n"
                out += "  \(Format.markdown(words.message(conflict)))\n"
                if let advice = conflict.advice {
                    out += t("  *Suggestion:* ", "  *Voorstel:* ") + Format.markdown(words.advice(advice)) + "\n"
                }
            }
        }
        return out
    }

    // MARK: JSON and CSV

    /// `{"site", "now", "view", "summary", "conflicts": [...]}` with keys in a fixed order.
    public func json() -> String {
        JSONValue.object([
            ("site", .string(siteName)),
            ("now", .string(now.description)),
            ("view", .string(view.rawValue)),
            ("count", .number(conflicts.count)),
            ("conflicts", .array(conflicts.map { Self.json($0, words: words) })),
        ]).text(indent: 2) + "\n"
    }

    /// One conflict as the `conflicts` array of ``json()`` holds it (also used by ``ChangesReport``).
    static func json(_ conflict: CohortConflict, words: Words = Words(.en)) -> JSONValue {
        .object([
            ("code", .string(conflict.code.rawValue)),
            ("subject", .string(conflict.subject)),
            ("from", .string(conflict.from.description)),
            ("to", .string(conflict.to.description)),
            ("days", .number(conflict.from.days(until: conflict.to) + 1)),
            ("demand", conflict.demand.map { .number($0) } ?? .null),
            ("capacity", conflict.capacity.map { .number($0) } ?? .null),
            ("patients", .array(conflict.patients.map { .string($0) })),
            ("message", .string(words.message(conflict))),
            ("suggestion", conflict.advice.map { .string(words.advice($0)) } ?? .null),
        ])
    }

    /// One row per conflict; patients separated by `;`.
    public func csv() -> String {
        var out = CSV.row(["code", "subject", "from", "to", "demand", "capacity", "patients", "message", "suggestion"])
        for conflict in conflicts {
            out += CSV.row([conflict.code.rawValue, conflict.subject, conflict.from.description, conflict.to.description,
                            conflict.demand.map(String.init) ?? "", conflict.capacity.map(String.init) ?? "",
                            conflict.patients.joined(separator: ";"), words.message(conflict),
                            conflict.advice.map(words.advice) ?? ""])
        }
        return out
    }
}
