import Calendrical

/// A repetition rule (RRULE), in Swift terms.
///
/// `RecurrenceRule(frequency: .weekly, daysOfTheWeek: [.init(.monday), .init(.wednesday), .init(.friday)],
/// end: .until(.utc(…2027-02-01 07:30…)))` is written `FREQ=WEEKLY;UNTIL=20270201T073000Z;BYDAY=MO,WE,FR`;
/// `RecurrenceRule(frequency: .daily, end: .count(7))` is `FREQ=DAILY;COUNT=7`.
///
/// Parts this type does not model (BYSETPOS, BYHOUR, …) survive a read and re-write in ``otherParts``.
public struct RecurrenceRule: Sendable, Hashable {
    /// How often the rule repeats (FREQ).
    public enum Frequency: String, Sendable, Hashable, CaseIterable {
        case secondly = "SECONDLY", minutely = "MINUTELY", hourly = "HOURLY", daily = "DAILY",
             weekly = "WEEKLY", monthly = "MONTHLY", yearly = "YEARLY"
    }

    /// Where the repetition stops.
    public enum End: Sendable, Hashable {
        /// After this many occurrences (COUNT), the first included.
        case count(Int)
        /// At this time (UNTIL), included: a UTC time for timed events, a date for all-day events.
        case until(EventTime)
    }

    /// A weekday, optionally with its position in the month or year (`-1FR`: the last Friday).
    public struct Day: Sendable, Hashable {
        /// The weekday.
        public var weekday: Weekday
        /// `nil` for every such weekday; 1 for the first, -1 for the last.
        public var position: Int?

        /// Every `weekday`, or only the `position`-th one.
        public init(_ weekday: Weekday, position: Int? = nil) {
            self.weekday = weekday
            self.position = position
        }
    }

    /// FREQ.
    public var frequency: Frequency
    /// INTERVAL, at least 1.
    public var interval: Int
    /// COUNT or UNTIL, or `nil` for a rule without end.
    public var end: End?
    /// BYDAY.
    public var daysOfTheWeek: [Day]
    /// BYMONTHDAY (1…31, or -31…-1 from the month's end).
    public var daysOfTheMonth: [Int]
    /// BYMONTH (1…12).
    public var months: [Int]
    /// Any other parts, by name (`BYSETPOS` → `-1`), kept as read.
    public var otherParts: [String: String]

    /// A rule; only the frequency is required.
    public init(frequency: Frequency, interval: Int = 1, daysOfTheWeek: [Day] = [], daysOfTheMonth: [Int] = [],
                months: [Int] = [], end: End? = nil, otherParts: [String: String] = [:]) {
        self.frequency = frequency
        self.interval = interval
        self.end = end
        self.daysOfTheWeek = daysOfTheWeek
        self.daysOfTheMonth = daysOfTheMonth
        self.months = months
        self.otherParts = otherParts
    }
}
