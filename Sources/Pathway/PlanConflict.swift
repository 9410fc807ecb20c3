import Calendrical

/// A place where one patient's plan breaks a protocol rule. Conflicts are values in the plan, not errors:
/// the plan is still made, and reports show them.
public struct PlanConflict: Sendable, Hashable, CustomStringConvertible {
    /// Stable codes, shared with the conflict report.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A window with no open day in it (closures), or a recorded date outside its window.
        case windowViolated = "window_violated"
        /// Steps in the wrong order (fertility preservation not done before mobilisation day 1).
        case orderViolated = "order_violated"
        /// A warning: a recorded discharge later than the discharge window allows — a longer stay than usual, not a
        /// broken rule.
        case longStay = "long_stay"
        /// A warning: a step still to come whose rule-expected day has passed without a recorded date, so the plan
        /// guesses it after now (`docs/clinical-rules.md`, "Past guesses"). A guess is not a fact: it never makes a
        /// `window_violated` of its own.
        case overdue
    }

    /// The code.
    public var code: Code
    /// The step concerned.
    public var step: StepID
    /// The day concerned.
    public var date: CalendarDate
    /// What is wrong, as values (Reports puts it into words, in Dutch or English).
    public var detail: Detail

    /// What is wrong: the facts a report needs, with the protocol's own numbers and notation.
    public enum Detail: Sendable, Hashable {
        /// A step the protocol cannot plan was not recorded (a second opinion without a date).
        case notPlannable
        /// No open day between `from` and `to` (the window's rule in notation); the step moved past the window.
        case emptyWindow(from: CalendarDate, to: CalendarDate, rule: String)
        /// No first fit within the search limit from `from`: no start has `harvest` days `first`–`last` open.
        case noFirstFit(from: CalendarDate, harvest: StepID, first: Int, last: Int)
        /// None of days `first`–`last` of `anchor` (`from` … `to`) is open for `resource` (nil: the site).
        case noOpenDayOf(anchor: Anchor, first: Int, last: Int, from: CalendarDate, to: CalendarDate, resource: String?)
        /// A recorded first-fit start on `day`, before its first possible day `first` (`rule` in notation).
        case beforeFirstPossible(day: CalendarDate, first: CalendarDate, rule: String)
        /// A recorded `day` outside the window `earliest` … `latest` that `bounds` give.
        case outsideWindow(day: CalendarDate, earliest: CalendarDate, latest: CalendarDate, bounds: Bounds)
        /// A recorded discharge on `day`, `daysOver` days after the usual latest `usualLatest`.
        case longStay(day: CalendarDate, daysOver: Int, usualLatest: CalendarDate)
        /// Not recorded, though its rule expected it on `expected` (on or before now): the plan moved it after now.
        case overdue(expected: CalendarDate)
        /// Fertility preservation recorded on `done`, not before mobilisation day 1 (`dayOne`).
        case fertilityNotBefore(done: CalendarDate, dayOne: CalendarDate)
        /// Fertility preservation wanted, not recorded, and mobilisation began on `dayOne`.
        case fertilityMissing(dayOne: CalendarDate)
    }

    /// The bounds of a window, as the protocol states them.
    public enum Bounds: Sendable, Hashable {
        /// Days `first`–`last` of `anchor` (apheresis on day 5–7 of mobilisation).
        case dayOf(anchor: Anchor, first: Int, last: Int)
        /// From one bound to another, in notation (`open≥(apheresis.end+21)` … `open≤(apheresis.end+56)`).
        case window(earliest: String, latest: String)
        /// The step's whole rule, in notation.
        case rule(String)
    }

    /// A conflict.
    public init(code: Code, step: StepID, date: CalendarDate, detail: Detail) {
        self.code = code
        self.step = step
        self.date = date
        self.detail = detail
    }

    public var description: String { "\(date) \(step) [\(code.rawValue)]" }
}
