import Calendrical
import ICalendar
import Pathway

/// Site closures from an iCalendar file (a ward's "closed" calendar exported from Outlook or Google).
///
/// Each occurrence closes every day it touches: an all-day event on 24–26 December (DTEND 27 December, exclusive)
/// closes 24, 25 and 26 December; a timed event closes the days of its start and its end. Recurring events are
/// expanded (a closure every first Monday of the month works). An event whose CATEGORIES is one of the protocol's
/// resources closes only that resource; any other event closes the whole site. The SUMMARY becomes the reason.
public enum ClosureImport {
    /// The years closures are expanded over: those of the working calendar.
    static let from = CalendarDate(year: WorkingCalendar.supportedYears.lowerBound, month: 1, day: 1)!
    static let to = CalendarDate(year: WorkingCalendar.supportedYears.upperBound, month: 12, day: 31)!

    /// The closures in the `.ics` file at `path`.
    public static func closures(fromICS path: String, resources: [String]) throws(InputErrors) -> [Closure] {
        let bytes = try FileInput.bytes(of: path)
        let reader = CalendarReader()
        do {
            let document = try reader.read(bytes: bytes, file: path)
            var categories: [String: String] = [:]
            for event in document.events {
                if let category = event.category, resources.contains(category) { categories[event.uid] = category }
            }
            return try reader.occurrences(bytes: bytes, file: path, from: from, to: to).map { occurrence in
                let first = occurrence.start.date
                var last = occurrence.end?.date ?? first
                // An all-day DTEND is exclusive; a timed end at midnight closes nothing of that day either.
                if case .allDay = occurrence.start, last > first { last = last.adding(days: -1) }
                if last < first { last = first }
                return Closure(from: first, to: last, resources: categories[occurrence.uid].map { [$0] },
                               reason: occurrence.summary.isEmpty ? nil : occurrence.summary)
            }
        } catch {
            throw InputErrors(error.diagnostics.map {
                InputError(location: $0.location, code: .init(rawValue: $0.code.rawValue), message: $0.message)
            })
        }
    }
}
