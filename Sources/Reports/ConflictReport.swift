import Calendrical
import Capacity
import Foundation

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

    /// A report.
    public init(conflicts: [CohortConflict], now: CalendarDate, view: DemandView, siteName: String) {
        self.conflicts = conflicts
        self.now = now
        self.view = view
        self.siteName = siteName
    }

    /// `3 conflicts: 1 capacity_exceeded, 2 closed_day` (codes in their stable order).
    public var summary: String {
        guard !conflicts.isEmpty else { return "no conflicts" }
        let counts = CohortConflict.Code.allCases.compactMap { code -> String? in
            let count = conflicts.count { $0.code == code }
            return count == 0 ? nil : "\(count) \(code.rawValue)"
        }
        return "\(conflicts.count) conflict\(conflicts.count == 1 ? "" : "s"): " + counts.joined(separator: ", ")
    }

    private var grouped: [(CalendarDate, [CohortConflict])] {
        var groups: [(CalendarDate, [CohortConflict])] = []
        for conflict in conflicts {
            if groups.last?.0 == conflict.from { groups[groups.count - 1].1.append(conflict) } else {
                groups.append((conflict.from, [conflict]))
            }
        }
        return groups
    }

    static func span(_ conflict: CohortConflict) -> String {
        guard conflict.from != conflict.to else { return PlanReport.day(conflict.from) }
        return "\(PlanReport.day(conflict.from)) … \(PlanReport.day(conflict.to)) (\(conflict.from.days(until: conflict.to) + 1) days)"
    }

    static func load(_ conflict: CohortConflict) -> String? {
        guard let demand = conflict.demand, let capacity = conflict.capacity else { return nil }
        return "demand \(demand), capacity \(capacity)"
    }

    // MARK: Text

    /// Grouped per day.
    public func text() -> String {
        var out = "\(siteName) — conflicts as of \(PlanReport.day(now)) — \(view.rawValue) view\n\(summary)\n"
        for (day, list) in grouped {
            out += "\n\(PlanReport.day(day))\n"
            for conflict in list {
                var head = "  " + PlanReport.pad(conflict.code.rawValue, 23) + PlanReport.pad(conflict.subject, 19)
                head += Self.span(conflict)
                if let load = Self.load(conflict) { head += "  " + load }
                out += head + "\n"
                out += "    patients  " + conflict.patients.joined(separator: ", ") + "\n"
                out += "    " + conflict.message + "\n"
                if let suggestion = conflict.suggestion { out += "    suggest   " + suggestion + "\n" }
            }
        }
        return TerminalText.fit(out)
    }

    // MARK: Markdown

    /// A heading per day, an item per conflict.
    public func markdown() -> String {
        var out = "# Conflicts — \(siteName)\n\nAs of \(PlanReport.day(now)), \(view.rawValue) view: \(summary).\n"
        for (day, list) in grouped {
            out += "\n## \(PlanReport.day(day))\n\n"
            for conflict in list {
                out += "- **`\(conflict.code.rawValue)`** `\(conflict.subject)` — \(Self.span(conflict))"
                if let load = Self.load(conflict) { out += " — \(load)" }
                out += " — \(conflict.patients.joined(separator: ", "))\n"
                out += "  \(Self.markdownEscaped(conflict.message))\n"
                if let suggestion = conflict.suggestion { out += "  *Suggestion:* \(Self.markdownEscaped(suggestion))\n" }
            }
        }
        return out
    }

    static func markdownEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>|#".contains(character) { out.append("\\") }
            out.append(character)
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
            ("conflicts", .array(conflicts.map(Self.json))),
        ]).text(indent: 2) + "\n"
    }

    /// One conflict as the `conflicts` array of ``json()`` holds it (also used by ``ChangesReport``).
    static func json(_ conflict: CohortConflict) -> JSONValue {
        .object([
            ("code", .string(conflict.code.rawValue)),
            ("subject", .string(conflict.subject)),
            ("from", .string(conflict.from.description)),
            ("to", .string(conflict.to.description)),
            ("days", .number(conflict.from.days(until: conflict.to) + 1)),
            ("demand", conflict.demand.map { .number($0) } ?? .null),
            ("capacity", conflict.capacity.map { .number($0) } ?? .null),
            ("patients", .array(conflict.patients.map { .string($0) })),
            ("message", .string(conflict.message)),
            ("suggestion", conflict.suggestion.map { .string($0) } ?? .null),
        ])
    }

    /// One row per conflict; patients separated by `;`.
    public func csv() -> String {
        var out = CSV.row(["code", "subject", "from", "to", "demand", "capacity", "patients", "message", "suggestion"])
        for conflict in conflicts {
            out += CSV.row([conflict.code.rawValue, conflict.subject, conflict.from.description, conflict.to.description,
                            conflict.demand.map(String.init) ?? "", conflict.capacity.map(String.init) ?? "",
                            conflict.patients.joined(separator: ";"), conflict.message, conflict.suggestion ?? ""])
        }
        return out
    }
}
