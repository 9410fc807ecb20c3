/// A reminder (VALARM with ACTION:DISPLAY).
///
/// "The day before at the same time" is `Alarm(trigger: .beforeStart(seconds: 86_400), message: "…")`,
/// written `TRIGGER:-P1D`.
public struct Alarm: Sendable, Hashable {
    /// When the reminder fires.
    public enum Trigger: Sendable, Hashable {
        /// This many seconds before the event's start (negative: after it).
        case beforeStart(seconds: Int)
        /// This many seconds before the event's end (negative: after it).
        case beforeEnd(seconds: Int)
        /// At a fixed instant.
        case at(Instant)
    }

    /// When it fires.
    public var trigger: Trigger
    /// The text shown (DESCRIPTION).
    public var message: String

    /// A display reminder.
    public init(trigger: Trigger, message: String) {
        self.trigger = trigger
        self.message = message
    }
}
