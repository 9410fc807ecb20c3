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
    }

    /// The code.
    public var code: Code
    /// The step concerned.
    public var step: StepID
    /// The day concerned.
    public var date: CalendarDate
    /// What is wrong, in words.
    public var message: String

    /// A conflict.
    public init(code: Code, step: StepID, date: CalendarDate, message: String) {
        self.code = code
        self.step = step
        self.date = date
        self.message = message
    }

    public var description: String { "\(date) \(step): \(message) [\(code.rawValue)]" }
}
