import Calendrical
import Pathway

/// What one version of a cohort changed against another: patients added or removed, the steps whose expected dates
/// moved, and the conflicts that appeared or went away.
///
/// Dates are expected dates (start, and end for steps that last). Worked case: a second apheresis session recorded
/// for P-0001 on Thursday 12 November 2026 after one on Wednesday 11 November moves the harvest H one day, so the
/// apheresis end moves 11 → 12 November and the control visit `open≥(H+14)` 25 → 26 November; an admission that was
/// already recorded stays where it is, and the steps after it do not move.
///
/// Conflicts are matched on what they are about (code, subject, first and last day, patients), not on their words:
/// a capacity run that grows by a day is one resolved and one new conflict.
public struct CohortChanges: Sendable, Hashable {
    /// A step's expected dates.
    public struct Dates: Sendable, Hashable {
        /// The expected start.
        public var start: CalendarDate
        /// The expected end, for steps that last.
        public var end: CalendarDate?

        /// Dates.
        public init(start: CalendarDate, end: CalendarDate?) {
            self.start = start
            self.end = end
        }

        /// The expected dates of `step`.
        public init(_ step: StepPlan) { self.init(start: step.start.expected, end: step.end?.expected) }
    }

    /// One step whose expected dates moved (or that appeared or went away with its patient).
    public struct StepMove: Sendable, Hashable {
        /// The step.
        public var step: StepID
        /// Before (`nil`: the step was not planned).
        public var from: Dates?
        /// After (`nil`: the step is no longer planned).
        public var to: Dates?

        /// A move.
        public init(step: StepID, from: Dates?, to: Dates?) {
            self.step = step
            self.from = from
            self.to = to
        }
    }

    /// One patient that was added, removed or had steps move.
    public struct PatientChange: Sendable, Hashable {
        /// The pseudonym.
        public var id: String
        /// `added`, `removed` or `changed`.
        public var change: KeyedComparison<String, PatientPlan>.Kind
        /// The steps that moved (every step, for an added or removed patient).
        public var steps: [StepMove]
    }

    /// The patients that changed, sorted by pseudonym; patients whose expected dates did not move are left out.
    public var patients: [PatientChange]
    /// Conflicts in the new version that the old one did not have, in report order.
    public var newConflicts: [CohortConflict]
    /// Conflicts of the old version that the new one no longer has, in report order.
    public var resolvedConflicts: [CohortConflict]

    /// Whether nothing changed.
    public var isEmpty: Bool { patients.isEmpty && newConflicts.isEmpty && resolvedConflicts.isEmpty }

    /// Compares two versions' plans and conflicts.
    public init(old: [PatientPlan], new: [PatientPlan], oldConflicts: [CohortConflict],
                newConflicts: [CohortConflict]) {
        // Equal plans move nothing (most patients, when one fact is recorded): no need to pair their steps.
        let byPatient = KeyedComparison(old: old, new: new, key: \.patientID) { $0 == $1 || Self.moves($0, $1).isEmpty }
        var patients: [PatientChange] = []
        for pair in byPatient.pairs where pair.kind != .unchanged {
            let id = (pair.new ?? pair.old)?.patientID ?? ""
            patients.append(PatientChange(id: id, change: pair.kind, steps: Self.moves(pair.old, pair.new)))
        }
        self.patients = patients.sorted { $0.id < $1.id }
        let conflicts = KeyedComparison(old: oldConflicts, new: newConflicts, key: Identity.init) { _, _ in true }
        self.newConflicts = conflicts.pairs(.added).compactMap(\.new).sorted(by: CohortConflict.reportOrder)
        self.resolvedConflicts = conflicts.pairs(.removed).compactMap(\.old).sorted(by: CohortConflict.reportOrder)
    }

    /// The steps whose expected dates differ between two plans of one patient (either may be missing).
    static func moves(_ old: PatientPlan?, _ new: PatientPlan?) -> [StepMove] {
        let steps = KeyedComparison(old: old?.steps ?? [], new: new?.steps ?? [], key: \.step) {
            Dates($0) == Dates($1)
        }
        return steps.pairs.filter { $0.kind != .unchanged }.compactMap { pair in
            guard let step = (pair.new ?? pair.old)?.step else { return nil }
            return StepMove(step: step, from: pair.old.map(Dates.init), to: pair.new.map(Dates.init))
        }.sorted { $0.step < $1.step }
    }

    /// What a conflict is about, without its words.
    struct Identity: Hashable {
        let code: CohortConflict.Code
        let subject: String
        let from: CalendarDate
        let to: CalendarDate
        let patients: [String]

        init(_ conflict: CohortConflict) {
            code = conflict.code
            subject = conflict.subject
            from = conflict.from
            to = conflict.to
            patients = conflict.patients
        }
    }
}
