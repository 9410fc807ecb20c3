import Calendrical

/// One step of a patient's plan: when it starts and ends (as windows), its status and where its rule comes from.
public struct StepPlan: Sendable, Hashable {
    /// Where the step stands against "now".
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Every date of the step is before now.
        case done
        /// Begun on or before now, and its recorded or expected end is on or after now.
        case inProgress = "in-progress"
        /// A confirmed appointment in the future.
        case confirmed
        /// Everything else: computed from the protocol, or recorded but not confirmed.
        case planned
    }

    /// One apheresis session.
    public struct Session: Sendable, Hashable {
        /// Its day (a window while it is planned).
        public var date: DateWindow
        /// A held day for a repeat, booked only if too few cells are collected.
        public var tentative: Bool

        /// A session.
        public init(date: DateWindow, tentative: Bool) {
            self.date = date
            self.tentative = tentative
        }
    }

    /// The step.
    public var step: StepID
    /// Its first day.
    public var start: DateWindow
    /// Its last day, for steps that last (`nil` for single visits).
    public var end: DateWindow?
    /// Where it stands against now.
    public var status: Status
    /// Whether its start is known from recorded dates alone (recorded, or fixed by them, like D0 after a recorded
    /// admission).
    public var isFixed: Bool
    /// Not fixed, not evidently happened, and its rule-expected start is already past (the plan then expects it on
    /// the first day after now its rule allows, see "Past guesses" in `docs/clinical-rules.md`): the report flags it,
    /// and the plan carries an `overdue` conflict for it.
    public var isOverdue: Bool
    /// Not fixed, before the patient's last recorded step, and its expected start is before now: it must have
    /// happened even though nobody recorded it, so it keeps its rule dates and is never overdue.
    ///
    /// Worked case: day 1 Tue 15 Sep 2026, the harvest Mon 21 Sep, the admission recorded Fri 20 Nov. On Sun 22 Nov
    /// the unrecorded control visit, `open≥(H+14)` = Mon 5 Oct, has evidently happened.
    public var hasEvidentlyHappened: Bool
    /// What it books.
    public var resource: String?
    /// The rule it came from, in the notation of `docs/clinical-rules.md`.
    public var rule: String
    /// Where that rule comes from.
    public var source: String
    /// Apheresis sessions (held and tentative); empty for other steps.
    public var sessions: [Session]
    /// Follow-up visits (expected days); empty when the step has none.
    public var visits: [CalendarDate]
    /// Blood-count days while the step lasts, up to its expected end.
    public var bloodCountDays: [Weekday]
    /// The days on which recovery is expected (marrow recovery during isolation).
    public var recoveryDays: ClosedRange<CalendarDate>?
    /// Things still to do before this step, as values (Reports words them).
    public var toDo: [ToDo]

    /// Something still to do before a step.
    public enum ToDo: Sendable, Hashable {
        /// Fertility preservation, wanted and not yet done, before mobilisation day 1 (expected on `dayOne`).
        case fertilityPreservation(dayOne: CalendarDate)
    }
}
