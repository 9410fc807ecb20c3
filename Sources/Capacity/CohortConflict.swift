import Calendrical
import Pathway

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
        /// A warning: a step still to come whose rule-expected day has passed without a recorded date; the plan
        /// guesses it after now. Once per patient and step, dated on the day the rule expected it.
        case overdue
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
    /// What is wrong, as values: Reports words it in Dutch or English.
    public var detail: Detail
    /// What would fix it, when the planner can tell.
    public var advice: Advice?

    /// What is wrong, with the numbers a report needs.
    public enum Detail: Sendable, Hashable {
        /// One patient's plan breaks a protocol rule (their step `step`).
        case plan(patient: String, step: StepID, PlanConflict.Detail)
        /// `patient`'s `step` is on `day`, which is closed for `resource` (`nil`: visits) for `reason`.
        case closedDay(patient: String, step: StepID, day: CalendarDate, resource: String?, reason: ClosedReason)
        /// `patient` is away `away`, and `steps` need them from `first` to `last`.
        case away(patient: String, away: ClosedRange<CalendarDate>, steps: [StepID], first: CalendarDate, last: CalendarDate)
        /// `patient`'s eligibility checklist: `openItems` still open (`nil`: no checklist at all), with mobilisation
        /// day 1 `booked` or expected on `dayOne`.
        case eligibility(patient: String, openItems: [String]?, dayOne: CalendarDate, booked: Bool)
        /// `demand` booked against `capacity` of `resource` on the worst day of the run.
        case overCapacity(resource: String, demand: Int, capacity: Int)
        /// `demand` needed, `available` there of `scheduled` staff of `role` (the rest away).
        case staffAway(role: String, demand: Int, available: Int, scheduled: Int)
        /// P(more than `capacity` of `resource`) up to `chance` on `day`, above `limit`; the likeliest patients there
        /// with their chances.
        case overflowRisk(resource: String, capacity: Int, chance: Double, day: CalendarDate, limit: Double,
                          likeliest: [Likely])
    }

    /// One patient's chance of needing a resource on a day.
    public struct Likely: Sendable, Hashable {
        /// The pseudonym.
        public var patient: String
        /// The chance, 0…1.
        public var chance: Double

        /// A patient's chance.
        public init(patient: String, chance: Double) {
            self.patient = patient
            self.chance = chance
        }
    }

    /// What would fix a conflict.
    public enum Advice: Sendable, Hashable {
        /// The first open day for `resource` (`nil`: visits) is `day`.
        case firstOpenDay(resource: String?, day: CalendarDate)
        /// The dates are recorded: rebook with the patient.
        case rebookWithPatient
        /// Confirm the checklist with the treating neurologist before day 1.
        case confirmEligibility
        /// `patient`'s `step` is overdue: record the date it happened, or plan a new date with the patient.
        case recordOrReplan(patient: String, step: StepID)
        /// Move a case to the committee's next meeting, or ask for an extra one.
        case nextCommitteeMeeting
        /// Every booking on these days is recorded: rebook one, or raise the capacity.
        case rebookOrRaiseCapacity
        /// Move `patient`'s admission to `day`, the first day that fits.
        case moveAdmission(patient: String, day: CalendarDate)
        /// Move `patient`'s mobilisation day 1 and admission to the first dates that fit.
        case moveDayOneAndAdmission(patient: String, dayOne: CalendarDate, admission: CalendarDate)
        /// No dates fit `patient` (`reason`): move another patient or raise the capacity.
        case noDatesFit(patient: String, reason: NoSlot.Reason)
        /// Move `patient`'s admission later, or schedule within the risk `limit`.
        case admitLaterOrSchedule(patient: String, limit: Double)
        /// Every likely stay is booked: keep a unit of `resource` free, or raise the capacity.
        case keepOneFree(resource: String)
    }

    /// A conflict.
    public init(code: Code, subject: String, from: CalendarDate, to: CalendarDate, demand: Int? = nil,
                capacity: Int? = nil, patients: [String], detail: Detail, advice: Advice? = nil) {
        self.code = code
        self.subject = subject
        self.from = from
        self.to = to
        self.demand = demand
        self.capacity = capacity
        self.patients = patients
        self.detail = detail
        self.advice = advice
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
