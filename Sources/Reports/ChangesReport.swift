import Calendrical
import Capacity
import Pathway

/// What changed between two versions of a cohort, as text for people, Markdown for notes or JSON for programs
/// (`ahsct changes`, and the consequences `ahsct record` prints).
///
/// ```
/// Changes as of Sun 2026-11-22: 1 patient changed, 0 conflicts new, 0 resolved
///
/// P-0001  changed
///   apheresis         Tue 2026-11-10 – Wed 2026-11-11
///                  →  Tue 2026-11-10 – Thu 2026-11-12
///   control-visit     Wed 2026-11-25  →  Thu 2026-11-26
/// ```
public struct ChangesReport: Sendable {
    /// The changes.
    public var changes: CohortChanges
    /// The day both versions were planned on.
    public var now: CalendarDate

    /// A report.
    public init(changes: CohortChanges, now: CalendarDate) {
        self.changes = changes
        self.now = now
    }

    /// `2 patients changed, 1 added, 1 conflict new, 0 resolved`.
    public var summary: String {
        guard !changes.isEmpty else { return "nothing changed" }
        var parts: [String] = []
        for kind in [KeyedComparison<String, PatientPlan>.Kind.changed, .added, .removed] {
            let count = changes.patients.count { $0.change == kind }
            if count > 0 { parts.append("\(count) patient\(count == 1 ? "" : "s") \(kind.rawValue)") }
        }
        if parts.isEmpty { parts.append("no dates moved") }
        let new = changes.newConflicts.count
        parts.append("\(new) conflict\(new == 1 ? "" : "s") new")
        parts.append("\(changes.resolvedConflicts.count) resolved")
        return parts.joined(separator: ", ")
    }

    static func dates(_ dates: CohortChanges.Dates?) -> String {
        guard let dates else { return "not planned" }
        guard let end = dates.end, end != dates.start else { return Format.day(dates.start) }
        return "\(Format.day(dates.start)) – \(Format.day(end))"
    }

    static func conflictLine(_ conflict: CohortConflict) -> String {
        var line = Format.padded(conflict.code.rawValue, 23) + Format.padded(conflict.subject, 19)
            + ConflictReport.span(conflict)
        if let load = ConflictReport.load(conflict) { line += "  " + load }
        return line + "  " + conflict.patients.joined(separator: ", ")
    }

    // MARK: Text

    /// A block per patient, then the conflicts.
    public func text() -> String {
        var out = "Changes as of \(Format.day(now)): \(summary)\n"
        for patient in changes.patients {
            out += "\n\(patient.id)  \(patient.change.rawValue)\n"
            for move in patient.steps {
                // One line when it fits in 80 columns, else the new dates under the old ones.
                let head = "  " + Format.padded(move.step.rawValue, 18) + Self.dates(move.from)
                let line = head + "  →  " + Self.dates(move.to)
                out += line.count <= 80 ? line + "\n"
                    : head + "\n" + String(repeating: " ", count: 17) + "→  " + Self.dates(move.to) + "\n"
            }
        }
        for (title, list) in [("new conflicts", changes.newConflicts), ("resolved conflicts", changes.resolvedConflicts)]
        where !list.isEmpty {
            out += "\n\(title)\n"
            for conflict in list {
                out += "  " + Self.conflictLine(conflict) + "\n"
                out += "    " + Words(.en).message(conflict) + "\n"
            }
        }
        return TerminalText.fit(out)
    }

    // MARK: Markdown

    /// A table per patient, a list per conflict kind.
    public func markdown() -> String {
        var out = "# Changes\n\nAs of \(Format.day(now)): \(summary).\n"
        for patient in changes.patients {
            out += "\n## \(patient.id) — \(patient.change.rawValue)\n\n| step | before | after |\n|---|---|---|\n"
            for move in patient.steps {
                out += "| `\(move.step.rawValue)` | \(Self.dates(move.from)) | \(Self.dates(move.to)) |\n"
            }
        }
        for (title, list) in [("New conflicts", changes.newConflicts), ("Resolved conflicts", changes.resolvedConflicts)]
        where !list.isEmpty {
            out += "\n## \(title)\n\n"
            for conflict in list {
                out += "- **`\(conflict.code.rawValue)`** `\(conflict.subject)` — \(ConflictReport.span(conflict))"
                out += " — \(conflict.patients.joined(separator: ", "))  \n  "
                out += Format.markdown(Words(.en).message(conflict)) + "\n"
            }
        }
        return out
    }

    // MARK: JSON

    /// `{"now", "patients": [{"id", "change", "steps": [{"step", "from": {"start", "end"}, "to": …}]}],
    /// "conflicts": {"new": […], "resolved": […]}}`, conflicts as `ahsct conflicts --format json` writes them.
    public func json() -> String {
        func dates(_ dates: CohortChanges.Dates?) -> JSONValue {
            guard let dates else { return .null }
            return .object([("start", .string(dates.start.description)),
                            ("end", dates.end.map { .string($0.description) } ?? .null)])
        }
        return JSONValue.object([
            ("now", .string(now.description)),
            ("patients", .array(changes.patients.map { patient in
                .object([
                    ("id", .string(patient.id)),
                    ("change", .string(patient.change.rawValue)),
                    ("steps", .array(patient.steps.map { move in
                        .object([("step", .string(move.step.rawValue)), ("from", dates(move.from)),
                                 ("to", dates(move.to))])
                    })),
                ])
            })),
            ("conflicts", .object([
                ("new", .array(changes.newConflicts.map { ConflictReport.json($0) })),
                ("resolved", .array(changes.resolvedConflicts.map { ConflictReport.json($0) })),
            ])),
        ]).text(indent: 2) + "\n"
    }
}
