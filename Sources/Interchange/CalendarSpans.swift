import Calendrical
import ICalendar
import Pathway

/// The days each event of an `.ics` file covers, recurrences expanded: the common ground of closures and staff
/// absences imported from a ward's or a team's calendar.
///
/// An all-day event on 24–26 December (DTEND 27 December, exclusive) covers 24, 25 and 26 December; a timed event
/// covers the days of its start and its end (an end at midnight covers nothing of that day).
enum CalendarSpans {
    /// One occurrence's days.
    struct Span {
        var uid: String
        var category: String?
        var summary: String
        var from: CalendarDate
        var to: CalendarDate
    }

    /// The years events are expanded over: those of the working calendar.
    static let from = CalendarDate(clamping: WorkingCalendar.supportedYears.lowerBound, 1, 1)
    static let to = CalendarDate(clamping: WorkingCalendar.supportedYears.upperBound, 12, 31)

    /// Every occurrence in the file at `path`, with its event's CATEGORIES.
    static func spans(fromICS path: String) throws(InputErrors) -> (spans: [Span], bytes: [UInt8]) {
        let bytes = try FileInput.bytes(of: path)
        let reader = CalendarReader()
        do {
            let document = try reader.read(bytes: bytes, file: path)
            var categories: [String: String] = [:]
            for event in document.events { if let category = event.category { categories[event.uid] = category } }
            let spans = try reader.occurrences(bytes: bytes, file: path, from: from, to: to).map { occurrence in
                let first = occurrence.start.date
                var last = occurrence.end?.date ?? first
                if case .allDay = occurrence.start, last > first { last = last.adding(days: -1) }
                if last < first { last = first }
                return Span(uid: occurrence.uid, category: categories[occurrence.uid], summary: occurrence.summary,
                            from: first, to: last)
            }
            return (spans, bytes)
        } catch {
            throw InputErrors(error.diagnostics.map {
                InputError(location: $0.location, code: .init(rawValue: $0.code.rawValue), message: $0.message)
            })
        }
    }

    /// The line of the event's `UID:` property (1 when it cannot be found), for errors about one event.
    static func line(ofUID uid: String, in bytes: [UInt8]) -> Int {
        let text = String(decoding: bytes, as: UTF8.self)
        var line = 1
        // CRLF is one Character in Swift: split on any line break.
        for content in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if content.hasPrefix("UID:"), content.dropFirst(4) == uid {
                return line
            }
            line += 1
        }
        return 1
    }
}
