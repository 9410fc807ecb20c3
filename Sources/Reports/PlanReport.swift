import Calendrical
import Pathway

/// Patients' date plans as text for people, Markdown for notes and tickets, or JSON for programs.
///
/// The text form is one timeline per patient:
/// ```
/// P-0001  (plan as of Sun 2026-11-22)
///   done         second-opinion    Mon 2026-09-07
///   planned      conditioning      Mon 2027-01-04 → Fri 2027-01-08      isolation-beds
///   planned      discharge         Sat 2027-01-30   window Sat 2027-01-23 … Sat 2027-02-06
/// ```
public struct PlanReport: Sendable {
    /// The plans, in cohort order.
    public var plans: [PatientPlan]
    /// The day statuses are measured against.
    public var now: CalendarDate
    /// The site's name, for headings.
    public var siteName: String
    /// The protocol's name.
    public var protocolName: String
    /// For coordinators, by pseudonym: where the patient was referred from and where their second opinion is
    /// (shown in this report only, never in calendars).
    public var origins: [String: Origin] = [:]

    /// Where a patient comes from.
    public struct Origin: Sendable, Hashable {
        /// The referring hospital.
        public var referredBy: String?
        /// The second-opinion hospital, when not the treating site.
        public var secondOpinionSite: String?

        /// An origin.
        public init(referredBy: String?, secondOpinionSite: String?) {
            self.referredBy = referredBy
            self.secondOpinionSite = secondOpinionSite
        }

        var words: String? {
            let parts = [referredBy.map { "referred by \($0)" }, secondOpinionSite.map { "second opinion at \($0)" }]
                .compactMap { $0 }
            return parts.isEmpty ? nil : parts.joined(separator: "; ")
        }
    }

    /// A report.
    public init(plans: [PatientPlan], now: CalendarDate, siteName: String, protocolName: String) {
        self.plans = plans
        self.now = now
        self.siteName = siteName
        self.protocolName = protocolName
    }

    /// `Follow-up visit, 3 months after day 0 (visit-3m)`.
    static func followUpTitle(_ followUp: TreatmentProtocol.FollowUp) -> String {
        let what = followUp.kind == .visit ? "Follow-up visit" : followUp.kind == .scan ? "Scan" : "Vaccinations possible again"
        return "\(what), \(followUp.months) months after day 0 (\(followUp.id))"
    }

    /// The indent of a step's detail lines.
    static let detail = "      "

    // MARK: Text

    /// The readable timeline.
    public func text() -> String {
        var out = "\(siteName) — protocol \(protocolName) — plan as of \(Format.day(now))\n"
        for plan in plans {
            out += "\n\(plan.patientID)\n"
            if let words = origins[plan.patientID]?.words { out += "  (\(words))\n" }
            for step in plan.steps {
                // The first line fits 80 columns: status, step, dates; details follow, indented by six.
                var line = "  " + Format.padded(step.status.rawValue + (step.isOverdue ? "!" : ""), 13)
                line += Format.padded(step.step.rawValue, 18)
                var when = Format.day(step.start.expected)
                if let end = step.end, end.expected != step.start.expected { when += " → " + Format.day(end.expected) }
                out += (line + when).trimmingTrailingSpaces() + "\n"
                out += Self.detail + step.step.title + (step.resource.map { " · " + $0 } ?? "") + "\n"
                if !step.start.isSingleDay {
                    out += Self.detail + "window \(Format.day(step.start.earliest)) … \(Format.day(step.start.latest))\n"
                }
                let held = step.sessions.filter { !$0.tentative }, tentative = step.sessions.filter(\.tentative)
                if held.count > 1 {
                    out += Self.detail
                        + "sessions: " + held.map { Format.day($0.date.expected) }.joined(separator: ", ") + "\n"
                }
                if !tentative.isEmpty {
                    out += Self.detail
                        + "held for a repeat: " + tentative.map { Format.day($0.date.expected) }.joined(separator: ", ") + "\n"
                }
                if let recovery = step.recoveryDays {
                    out += Self.detail
                        + "marrow recovery expected \(Format.day(recovery.lowerBound)) … \(Format.day(recovery.upperBound))\n"
                }
                if !step.visits.isEmpty {
                    out += Self.detail
                        + "checks: " + step.visits.map { Format.day($0) }.joined(separator: ", ") + "\n"
                }
                for item in step.toDo { out += Self.detail + "to do: \(Words(.en).toDo(item))\n" }
            }
            for conflict in plan.conflicts {
                out += "  conflict [\(conflict.code.rawValue)] \(Format.day(conflict.date)) \(conflict.step): \(Words(.en).plan(conflict.detail, step: conflict.step))\n"
            }
            for planned in plan.followUps {
                var line = "  " + Format.padded(StepPlan.Status.planned.rawValue, 13) + Format.padded("follow-up", 18)
                line += Format.day(planned.date)
                out += line + "\n" + Self.detail + Self.followUpTitle(planned.followUp)
                    + (planned.followUp.resource.map { " · " + $0 } ?? "") + "\n"
            }
            if plan.declined { out += "  the committee declined: the pathway ends with the answer visit\n" }
        }
        // One line: fit folds it at 80 columns with the continuation indented, like every other long line.
        out += "\nStatus: done, in-progress, confirmed, planned; '!' marks an overdue step: not recorded by the day its "
            + "rule expected, so it is expected on the first day after now that its rule allows.\n"
        return TerminalText.fit(out)
    }

    // MARK: Markdown

    /// One table per patient.
    public func markdown() -> String {
        var out = "# Plans: \(siteName)\n\nProtocol `\(protocolName)`, as of \(Format.day(now)).\n"
        for plan in plans {
            out += "\n## \(plan.patientID)\n\n| Step | Status | Start (expected) | Window | End (expected) | Resource | Rule |\n"
            out += "|---|---|---|---|---|---|---|\n"
            for step in plan.steps {
                let window = step.start.isSingleDay ? "" : "\(step.start.earliest) … \(step.start.latest)"
                let status = step.status.rawValue + (step.isOverdue ? " (overdue)" : "")
                let cells = [step.step.rawValue, status, Format.day(step.start.expected), window,
                             step.end.map { Format.day($0.expected) } ?? "", step.resource ?? "", step.rule]
                out += "| " + cells.map { $0.replacingPipes() }.joined(separator: " | ") + " |\n"
            }
            for planned in plan.followUps {
                let cells = ["follow-up", "planned", Format.day(planned.date), "", "", planned.followUp.resource ?? "",
                             Self.followUpTitle(planned.followUp)]
                out += "| " + cells.map { $0.replacingPipes() }.joined(separator: " | ") + " |\n"
            }
            if let words = origins[plan.patientID]?.words { out += "\n*\(words.prefix(1).uppercased() + words.dropFirst()).*\n" }
            let toDo = plan.steps.flatMap(\.toDo).map(Words(.en).toDo)
            if !toDo.isEmpty { out += "\n**To do:** " + toDo.joined(separator: "; ").replacingPipes() + "\n" }
            if plan.declined { out += "\nThe committee declined: the pathway ends with the answer visit.\n" }
            if !plan.conflicts.isEmpty {
                out += "\n**Conflicts**\n\n"
                for conflict in plan.conflicts {
                    out += "- `\(conflict.code.rawValue)` \(Format.day(conflict.date)), \(conflict.step): \(Words(.en).plan(conflict.detail, step: conflict.step).replacingPipes())\n"
                }
            }
        }
        return out
    }

    // MARK: JSON

    /// `{"now":…,"patients":[{"id":…,"steps":[{"step":…,"start":{"earliest":…},…}]}]}`.
    public func json() -> String {
        JSONValue.object([
            ("site", .string(siteName)),
            ("protocol", .string(protocolName)),
            ("now", .string(now.description)),
            ("patients", .array(plans.map { Self.json($0, origin: origins[$0.patientID]) })),
        ]).text(indent: 2) + "\n"
    }

    static func json(_ window: DateWindow) -> JSONValue {
        .object([("earliest", .string(window.earliest.description)), ("expected", .string(window.expected.description)),
                 ("latest", .string(window.latest.description))])
    }

    static func json(_ plan: PatientPlan, origin: Origin? = nil) -> JSONValue {
        .object([
            ("id", .string(plan.patientID)),
            ("declined", .bool(plan.declined)),
            ("referred-by", origin?.referredBy.map(JSONValue.string) ?? .null),
            ("second-opinion-site", origin?.secondOpinionSite.map(JSONValue.string) ?? .null),
            ("steps", .array(plan.steps.map { step in
                var fields: [(String, JSONValue)] = [
                    ("step", .string(step.step.rawValue)),
                    ("start", json(step.start)),
                    ("end", step.end.map(json) ?? .null),
                    ("status", .string(step.status.rawValue)),
                    ("fixed", .bool(step.isFixed)),
                    ("overdue", .bool(step.isOverdue)),
                    ("resource", step.resource.map(JSONValue.string) ?? .null),
                    ("rule", .string(step.rule)),
                    ("source", .string(step.source)),
                ]
                if !step.sessions.isEmpty {
                    fields.append(("sessions", .array(step.sessions.map {
                        .object([("date", json($0.date)), ("tentative", .bool($0.tentative))])
                    })))
                }
                if !step.visits.isEmpty { fields.append(("visits", .array(step.visits.map { .string($0.description) }))) }
                if !step.bloodCountDays.isEmpty {
                    fields.append(("blood-counts", .array(step.bloodCountDays.map { .string($0.rawValue) })))
                }
                if let days = step.recoveryDays {
                    fields.append(("recovery", .object([("from", .string(days.lowerBound.description)),
                                                        ("to", .string(days.upperBound.description))])))
                }
                if !step.toDo.isEmpty { fields.append(("to-do", .array(step.toDo.map { .string(Words(.en).toDo($0)) }))) }
                return .object(fields)
            })),
            ("follow-ups", .array(plan.followUps.map {
                .object([("id", .string($0.followUp.id)), ("kind", .string($0.followUp.kind.rawValue)),
                         ("months", .number($0.followUp.months)), ("date", .string($0.date.description)),
                         ("resource", $0.followUp.resource.map(JSONValue.string) ?? .null)])
            })),
            ("conflicts", .array(plan.conflicts.map {
                .object([("code", .string($0.code.rawValue)), ("step", .string($0.step.rawValue)),
                         ("date", .string($0.date.description)), ("message", .string(Words(.en).plan($0.detail, step: $0.step)))])
            })),
        ])
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }

    func replacingPipes() -> String {
        var out = ""
        for character in self { if character == "|" { out += "\\|" } else if character == "\n" { out += " " } else { out.append(character) } }
        return out
    }
}
