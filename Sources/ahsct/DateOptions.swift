import ArgumentParser
import Calendrical
import ICalendar

/// `YYYY-MM-DD` as a date, for options: `--from 2026-11-22`.
func parseCalendarDate(_ text: String) throws -> CalendarDate {
    guard let date = CalendarDate(iso: text) else {
        throw ValidationError("'\(text)' is not a date; expected YYYY-MM-DD, e.g. 2026-11-22")
    }
    return date
}

/// `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM:SSZ` as an instant, for `--now`: `2026-11-22` and
/// `2026-11-22T00:00:00Z` are the same instant.
func parseInstant(_ text: String) throws -> Instant {
    if text.count == 10 { return Instant(utc: LocalDateTime(clamping: try parseCalendarDate(text), hour: 0, minute: 0)) }
    let pieces = text.split(separator: "T")
    guard pieces.count == 2, pieces[1].hasSuffix("Z") else {
        throw ValidationError("'\(text)' is not a time; expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ")
    }
    let clock = pieces[1].dropLast().split(separator: ":")
    guard clock.count == 3, let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2]),
          let time = LocalDateTime(date: try parseCalendarDate(String(pieces[0])), hour: hour, minute: minute, second: second) else {
        throw ValidationError("'\(text)' is not a time; expected YYYY-MM-DDTHH:MM:SSZ")
    }
    return Instant(utc: time)
}
