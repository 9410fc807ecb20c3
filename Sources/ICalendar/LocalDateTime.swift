import Calendrical

/// A wall-clock date and time with no zone attached: what a clock on the wall in some place shows.
///
/// Which place is said by ``EventTime``: the same `LocalDateTime` 2026-03-29 10:00 is 08:00 UTC in
/// `Europe/Amsterdam` (summer time began at 02:00 that morning) but 09:00 UTC a day earlier.
public struct LocalDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The day.
    public let date: CalendarDate
    /// 0…23.
    public let hour: Int
    /// 0…59.
    public let minute: Int
    /// 0…59 (a leap second 60 is read but never written).
    public let second: Int

    /// A date and time, or `nil` when the hour, minute or second is out of range.
    public init?(date: CalendarDate, hour: Int, minute: Int, second: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// A time written in code or already checked (a site's visit times): never fails, because the hour is brought
    /// into 0…23 and the minute into 0…59. `LocalDateTime(clamping: day, hour: 9, minute: 0)` is 09:00 that day.
    public init(clamping date: CalendarDate, hour: Int, minute: Int) {
        self.date = date
        self.hour = min(23, max(0, hour))
        self.minute = min(59, max(0, minute))
        self.second = 0
    }

    /// Convenience: a date and time from its numbers, or `nil` when any of them is out of range.
    public init?(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int = 0) {
        guard let date = CalendarDate(year: year, month: month, day: day) else { return nil }
        self.init(date: date, hour: hour, minute: minute, second: second)
    }

    /// Seconds since 1970-01-01 00:00:00 when this wall-clock time is read as UTC.
    public var secondsSince1970AsUTC: Int64 {
        Int64(date.daysSince1970) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// The UTC wall-clock time of an instant.
    public init(utcSecondsSince1970 seconds: Int64) {
        let days = Int((seconds >= 0 ? seconds : seconds - 86_399) / 86_400)
        let rest = Int(seconds - Int64(days) * 86_400)
        self.date = CalendarDate(daysSince1970: days)
        self.hour = rest / 3600
        self.minute = rest % 3600 / 60
        self.second = rest % 60
    }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        (lhs.date, lhs.hour, lhs.minute, lhs.second) < (rhs.date, rhs.hour, rhs.minute, rhs.second)
    }

    /// ISO 8601 form without zone, `2026-03-29T10:00:00`.
    public var description: String {
        "\(date)T\(zeroPadded(hour, 2)):\(zeroPadded(minute, 2)):\(zeroPadded(second, 2))"
    }
}
