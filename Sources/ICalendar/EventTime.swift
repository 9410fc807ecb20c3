import Calendrical

/// The start or end of an event: an all-day date, a wall-clock time in a named zone, a UTC time,
/// or a floating time (the same wall-clock time wherever the reader is).
///
/// Written as iCalendar:
/// - `.allDay(2026-12-28)` → `DTSTART;VALUE=DATE:20261228`
/// - `.zoned(2026-03-30 09:00, timeZone: "Europe/Amsterdam")` → `DTSTART;TZID=Europe/Amsterdam:20260330T090000`
/// - `.utc(2026-03-30 07:00)` → `DTSTART:20260330T070000Z`
/// - `.floating(2026-03-30 09:00)` → `DTSTART:20260330T090000`
public enum EventTime: Sendable, Hashable, CustomStringConvertible {
    /// A whole day (VALUE=DATE).
    case allDay(CalendarDate)
    /// A wall-clock time in an IANA zone such as `Europe/Amsterdam` (a TZID parameter).
    case zoned(LocalDateTime, timeZone: String)
    /// A UTC time (the `Z` form).
    case utc(LocalDateTime)
    /// A wall-clock time with no zone.
    case floating(LocalDateTime)

    /// The day this time falls on, as its own clock shows it.
    public var date: CalendarDate {
        switch self {
        case .allDay(let date): date
        case .zoned(let time, _), .utc(let time), .floating(let time): time.date
        }
    }

    /// The zone named by a `.zoned` time, else `nil`.
    public var timeZone: String? {
        if case .zoned(_, let zone) = self { return zone }
        return nil
    }

    /// `2026-12-28`, `2026-03-30T09:00:00 Europe/Amsterdam`, `2026-03-30T07:00:00Z` or `2026-03-30T09:00:00`.
    public var description: String {
        switch self {
        case .allDay(let date): "\(date)"
        case .zoned(let time, let zone): "\(time) \(zone)"
        case .utc(let time): "\(time)Z"
        case .floating(let time): "\(time)"
        }
    }
}
