import Calendrical
import Pathway

/// Why a day is closed, in words: `Saturday`, `public holiday christmas-day`, or the closure's reason.
enum ClosedDay {
    static func reason(_ day: CalendarDate, resource: String?, calendar: WorkingCalendar) -> String {
        if day.weekday >= .saturday { return "weekend" }
        if let holiday = calendar.holiday(on: day) { return "public holiday \(holiday.rawValue)" }
        if let closure = calendar.closures.first(where: { $0.closes(day, for: resource) }) {
            return "closure \(closure.from)…\(closure.to)" + (closure.reason.map { ": \($0)" } ?? "")
        }
        return "open"
    }
}
