import Calendrical
import Pathway

/// Why a day is closed for something: a weekend, a public holiday, or a closure of the site (with the site's own
/// note, as the cohort gives it). Reports words it.
public enum ClosedReason: Sendable, Hashable {
    /// Saturday or Sunday.
    case weekend
    /// A Dutch public holiday.
    case holiday(DutchHolidays.Holiday)
    /// A closure `from`…`to`, with the site's note.
    case closure(from: CalendarDate, to: CalendarDate, note: String?)
    /// Not closed at all.
    case open

    /// Why `day` is closed for `resource` (`nil`: the whole site) on `calendar`.
    public init(_ day: CalendarDate, resource: String?, calendar: WorkingCalendar) {
        if day.weekday >= .saturday {
            self = .weekend
        } else if let holiday = calendar.holiday(on: day) {
            self = .holiday(holiday)
        } else if let closure = calendar.closures.first(where: { $0.closes(day, for: resource) }) {
            self = .closure(from: closure.from, to: closure.to, note: closure.reason)
        } else {
            self = .open
        }
    }
}
