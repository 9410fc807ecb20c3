import Calendrical

/// What is known about one patient: the dates already recorded and the facts that shape the plan.
///
/// Recorded dates are facts (or fixed appointments); every step without one is planned from the protocol.
/// ```swift
/// var record = PatientRecord(id: "P-0001", secondOpinion: CalendarDate(clamping: 2026, 9, 7))
/// record.record(.mobilisation, on: CalendarDate(clamping: 2026, 11, 5))
/// record.apheresisSessions = [CalendarDate(clamping: 2026, 11, 10), CalendarDate(clamping: 2026, 11, 11)]
/// ```
public struct PatientRecord: Sendable, Hashable {
    /// The language of the patient's own texts.
    public enum Language: String, Sendable, Hashable, CaseIterable {
        case nl, en
    }

    /// A recorded date, and whether it is a confirmed appointment.
    public struct Recorded: Sendable, Hashable {
        /// The day.
        public var date: CalendarDate
        /// Confirmed with the patient and the ward (a future date; past dates are simply done).
        public var confirmed: Bool
        /// Proposed by the scheduler (`ahsct schedule --out`): planned around like a recorded date, but a later
        /// schedule may move it.
        public var proposed: Bool
        /// The clock time booked for the appointment (`time: "09:30-10:00"`), when the appointment letter gives one.
        public var time: ClockSpan?

        /// A recorded date.
        public init(_ date: CalendarDate, confirmed: Bool = false, proposed: Bool = false, time: ClockSpan? = nil) {
            self.date = date
            self.confirmed = confirmed
            self.proposed = proposed
            self.time = time
        }
    }

    /// The national committee's answer: a recorded answer date alone means approved.
    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        /// Treatment may go ahead.
        case approved
        /// Treatment does not go ahead: the pathway ends at the answer visit.
        case declined
    }

    /// Whether eggs or sperm are to be frozen before chemotherapy, and when that was done.
    public struct FertilityPreservation: Sendable, Hashable {
        /// Wanted by the patient.
        public var wanted: Bool
        /// The day it was done, if it has been.
        public var done: CalendarDate?

        /// A fertility-preservation record.
        public init(wanted: Bool, done: CalendarDate? = nil) {
            self.wanted = wanted
            self.done = done
        }
    }

    /// A span of days, both ends included.
    public struct DaySpan: Sendable, Hashable {
        /// The first day.
        public var from: CalendarDate
        /// The last day (included).
        public var to: CalendarDate

        /// A span.
        public init(from: CalendarDate, to: CalendarDate) {
            self.from = from
            self.to = to
        }

        /// Whether `date` is in the span.
        public func contains(_ date: CalendarDate) -> Bool { from <= date && date <= to }
    }

    /// The pseudonym used everywhere but the patient's own calendar (`P-0001`).
    public var id: String
    /// The patient's name: only ever written into their own calendar.
    public var name: String?
    /// The language of their texts.
    public var language: Language
    /// Recorded dates of the single-date steps (all but apheresis, isolation and recovery).
    public var recorded: [StepID: Recorded]
    /// Apheresis sessions held or booked, in order; the last one is the harvest.
    public var apheresisSessions: [CalendarDate]
    /// Fertility preservation, when the patient was asked.
    public var fertility: FertilityPreservation?
    /// Number of stem-cell bags (more than 10 splits the reinfusion over two days).
    public var bags: Int?
    /// Spans the patient said they cannot come.
    public var unavailable: [DaySpan]
    /// The eligibility checklist, when the coordinator keeps one (`nil`: not started).
    public var eligibility: Eligibility?
    /// The committee's answer (`approved` unless a recorded answer says `declined`).
    public var committeeOutcome: Outcome
    /// The hospital of the second-opinion visit and the committee's answer (`nil`: the treating site).
    public var secondOpinionSite: String?
    /// Whether that hospital is another than the treating site: then those two visits book nothing there.
    public var secondOpinionElsewhere = false
    /// The patient's own hospital, for coordinators only (never in ward or staff calendars).
    public var referredBy: String?

    /// The six hospitals that hold second-opinion visits (`docs/clinical-rules.md`, "Where visits happen").
    public static let secondOpinionSites = ["Amsterdam UMC", "St Antonius", "Erasmus MC", "Alrijne", "Rijnstate",
                                            "Zuyderland"]

    /// Whether the committee's answer is recorded as declined: no step after the answer visit is planned.
    public var isDeclined: Bool { committeeOutcome == .declined && recorded[.committeeAnswer] != nil }

    /// A record with the second opinion, the one date every plan needs.
    public init(id: String, name: String? = nil, language: Language = .nl, secondOpinion: CalendarDate) {
        self.id = id
        self.name = name
        self.language = language
        self.recorded = [.secondOpinion: Recorded(secondOpinion)]
        self.apheresisSessions = []
        self.fertility = nil
        self.bags = nil
        self.unavailable = []
        self.eligibility = nil
        self.committeeOutcome = .approved
    }

    /// The record without the scheduler's proposals: what a new schedule starts from.
    public var withoutProposals: PatientRecord {
        var copy = self
        copy.recorded = recorded.filter { !$0.value.proposed }
        return copy
    }

    /// Records a step's date.
    public mutating func record(_ step: StepID, on date: CalendarDate, confirmed: Bool = false) {
        precondition(step != .apheresis, "apheresis is recorded as a list of sessions")
        recorded[step] = Recorded(date, confirmed: confirmed)
    }

    /// Whether the step has a recorded date (apheresis: at least one session).
    public func hasRecord(_ step: StepID) -> Bool {
        step == .apheresis ? !apheresisSessions.isEmpty : recorded[step] != nil
    }
}
