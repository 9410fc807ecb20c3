import ICalendar
import Calendrical

/// The one-line description `ahsct ics check` prints for a clean file:
/// `12 events (2 recurring, 1 cancelled), 2026-10-19 – 2027-04-30, zones: Europe/Amsterdam`:
struct CalendarSummary: CustomStringConvertible {
    let document: CalendarDocument

    init(_ document: CalendarDocument) { self.document = document }

    var description: String {
        let events = document.events
        var parts: [String] = []
        let recurring = events.filter { $0.recurrence != nil }.count
        let cancelled = events.filter { $0.status == .cancelled }.count
        if recurring > 0 { parts.append("\(recurring) recurring") }
        if cancelled > 0 { parts.append("\(cancelled) cancelled") }
        var text = "\(events.count) event\(events.count == 1 ? "" : "s")"
        if !parts.isEmpty { text += " (\(parts.joined(separator: ", ")))" }
        // The last day an event covers: an all-day DTEND is exclusive, so its last day is the one before.
        let lastDays = events.compactMap { event -> CalendarDate? in
            guard let end = event.end else { return nil }
            if case .allDay(let day) = end { return max(event.start.date, day.adding(days: -1)) }
            return end.date
        }
        let days = events.map(\.start.date) + lastDays
        if let first = days.min(), let last = days.max() { text += ", \(first) – \(last)" }
        let zones = Set(events.flatMap { [$0.start.timeZone, $0.end?.timeZone].compactMap { $0 } })
            .union(document.definedTimeZones)
        text += ", zones: " + (zones.isEmpty ? "none" : zones.sorted().joined(separator: ", "))
        return text
    }
}
