import Calendrical

/// One place where the cohort's plans break a rule or exceed what the site can take.
///
/// Conflicts are values, not errors: reports list them and the CLI's exit status says whether there were any.
/// A run of over-full days is one conflict (`from`…`to`), with the demand and capacity of its worst day.
public struct CohortConflict: Sendable, Hashable {
    /// Stable codes, for scripts and for people who search the docs.
    public enum Code: String, Sendable, Hashable, CaseIterable, Comparable {
        /// More demand than scheduled capacity for a resource, role or the committee.
        case capacityExceeded = "capacity_exceeded"
        /// Within the scheduled staff, but over it once absences are taken off.
        case staffUnavailable = "staff_unavailable"
        /// A step on a day that is not open for what it needs (a weekend, public holiday or closure).
        case closedDay = "closed_day"
        /// A window with no open day, or a recorded date outside its window.
        case windowViolated = "window_violated"
        /// Steps in the wrong order (fertility preservation after mobilisation day 1).
        case orderViolated = "order_violated"
        /// A warning: a recorded discharge after the discharge window — a longer stay than usual.
        case longStay = "long_stay"
        /// A step in a period the patient said they are away.
        case patientUnavailable = "patient_unavailable"
        /// Eligibility checklist not complete while mobilisation is still ahead.
        case eligibilityIncomplete = "eligibility_incomplete"
        /// A warning: days on which the chance of more demand than capacity is above the limit asked for
        /// (`ahsct conflicts --risk-limit`).
        case overflowRisk = "overflow_risk"

        public static func < (lhs: Code, rhs: Code) -> Bool {
            // Every code is one of allCases, so both are found; the fallback only keeps the order total.
            (allCases.firstIndex(of: lhs) ?? allCases.count) < (allCases.firstIndex(of: rhs) ?? allCases.count)
        }
    }

    /// The code.
    public var code: Code
    /// The resource, role or step concerned (`isolation-beds`, `conditioning`, `eligibility`).
    public var subject: String
    /// First day concerned.
    public var from: CalendarDate
    /// Last day concerned (included).
    public var to: CalendarDate
    /// Demand on the worst day, for capacity conflicts.
    public var demand: Int?
    /// Capacity on that day, for capacity conflicts.
    public var capacity: Int?
    /// The patients involved (pseudonyms), sorted.
    public var patients: [String]
    /// What is wrong, in words.
    public var message: String
    /// What would fix it, when the planner can tell.
    public var suggestion: String?

    /// A conflict.
    public init(code: Code, subject: String, from: CalendarDate, to: CalendarDate, demand: Int? = nil,
                capacity: Int? = nil, patients: [String], message: String, suggestion: String? = nil) {
        self.code = code
        self.subject = subject
        self.from = from
        self.to = to
        self.demand = demand
        self.capacity = capacity
        self.patients = patients
        self.message = message
        self.suggestion = suggestion
    }

    /// The report order: by first day, then code, subject and patients.
    public static func reportOrder(_ lhs: CohortConflict, _ rhs: CohortConflict) -> Bool {
        if lhs.from != rhs.from { return lhs.from < rhs.from }
        if lhs.code != rhs.code { return lhs.code < rhs.code }
        if lhs.subject != rhs.subject { return lhs.subject < rhs.subject }
        if lhs.patients != rhs.patients { return lhs.patients.lexicographicallyPrecedes(rhs.patients) }
        return lhs.to < rhs.to
    }
}
