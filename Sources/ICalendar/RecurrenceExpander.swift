internal import CLibical
import Locations
import Calendrical

/// Expands a parsed calendar's events into occurrences with libical's `icalcomponent_foreach_recurrence`
/// (which honours EXDATE), then applies RECURRENCE-ID overrides: an override replaces the occurrence of
/// its series whose start it names.
///
/// Zones are resolved from the file's own VTIMEZONE components; a TZID that names an IANA zone the file
/// does not define is given the system's definition first.
struct RecurrenceExpander {
    /// The parsed tree (owned by the caller, confined to this thread).
    let root: OpaquePointer
    /// The same events as Swift values, in tree order.
    let document: CalendarDocument

    /// The most occurrences one expansion may produce before it is refused (a SECONDLY rule over ten years
    /// would otherwise keep the machine busy for hours).
    static let maximumOccurrences = 5_000_000

    /// Refuses an expansion whose estimated size is past ``maximumOccurrences``.
    static func checkBudget(_ document: CalendarDocument, eventLines: [Int], from: CalendarDate, to: CalendarDate,
                            file: String) throws(ICalendarParseError) {
        let rangeSeconds = Double(max(0, to.daysSince1970 - from.daysSince1970 + 2)) * 86_400
        var total = 0.0
        for (index, event) in document.events.enumerated() {
            guard let rule = event.recurrence else {
                total += 1
                continue
            }
            let period: Double = switch rule.frequency {
            case .secondly: 1
            case .minutely: 60
            case .hourly: 3600
            case .daily: 86_400
            case .weekly: 604_800
            case .monthly: 2_419_200
            case .yearly: 31_536_000
            }
            var estimate = rangeSeconds / (period * Double(max(1, rule.interval))) * Double(max(1, rule.daysOfTheWeek.count))
            if case .count(let count)? = rule.end { estimate = min(estimate, Double(count)) }
            total += estimate
            if total > Double(maximumOccurrences) {
                let line = index < eventLines.count ? eventLines[index] : 1
                throw ICalendarParseError([Diagnostic(
                    location: SourceLocation(file: file, line: line, column: 1), code: .invalidRecurrence,
                    message: "expanding from \(from) to \(to) would give more than \(maximumOccurrences) occurrences; narrow the range")])
            }
        }
    }

    /// Every occurrence starting on a day in `from ..< to`, sorted by start, then UID.
    func occurrences(from: CalendarDate, to: CalendarDate) -> [Occurrence] {
        let calendars = children(of: root, kind: ICAL_VCALENDAR_COMPONENT, includingSelf: true)
        for calendar in calendars { addMissingZones(to: calendar) }
        var vevents: [(calendar: OpaquePointer, vevent: OpaquePointer)] = []
        for calendar in calendars {
            for vevent in children(of: calendar, kind: ICAL_VEVENT_COMPONENT, includingSelf: false) {
                vevents.append((calendar, vevent))
            }
        }
        // Instants (or UTC-read wall clocks) named by RECURRENCE-ID, per UID: those series occurrences are replaced.
        var overridden: Set<String> = []
        var isOverride: [Bool] = []
        for (index, pair) in vevents.enumerated() {
            if let property = icalcomponent_get_first_property(pair.vevent, ICAL_RECURRENCEID_PROPERTY),
               let time = EventDecoder.eventTime(icalproperty_get_recurrenceid(property), property) {
                overridden.insert(key(document.events[index].uid, instant(of: time, in: pair.calendar)))
                isOverride.append(true)
            } else {
                isOverride.append(false)
            }
        }
        let rangeStart = utcTime(from.adding(days: -2))
        let rangeEnd = utcTime(to.adding(days: 2))
        var result: [Occurrence] = []
        for (index, pair) in vevents.enumerated() {
            let event = document.events[index]
            let spans: [icaltime_span]
            if isOverride[index] {
                spans = [icaltime_span(start: time_t(instant(of: event.start, in: pair.calendar)), end: 0, is_busy: 1)]
            } else {
                let collector = SpanCollector()
                icalcomponent_foreach_recurrence(pair.vevent, rangeStart, rangeEnd, { _, span, data in
                    guard let span, let data else { return }
                    Unmanaged<SpanCollector>.fromOpaque(data).takeUnretainedValue().spans.append(span.pointee)
                }, Unmanaged.passUnretained(collector).toOpaque())
                spans = collector.spans.filter { !overridden.contains(key(event.uid, Int64($0.start))) }
            }
            let length = event.end.map { end in
                (end, instant(of: end, in: pair.calendar) - instant(of: event.start, in: pair.calendar))
            }
            for span in spans {
                let start = time(at: Int64(span.start), like: event.start, in: pair.calendar)
                guard start.date >= from, start.date < to else { continue }
                let end = length.map { time(at: Int64(span.start) + $0.1, like: $0.0, in: pair.calendar) }
                let utcStart: Instant? = switch start {
                case .zoned, .utc: Instant(secondsSince1970: Int64(span.start))
                case .allDay, .floating: nil
                }
                result.append(Occurrence(uid: event.uid, summary: event.summary, start: start, end: end, utcStart: utcStart))
            }
        }
        return result.sorted { a, b in
            let left = a.utcStart?.secondsSince1970 ?? Int64(a.start.date.daysSince1970) * 86_400
            let right = b.utcStart?.secondsSince1970 ?? Int64(b.start.date.daysSince1970) * 86_400
            return (left, a.uid) < (right, b.uid)
        }
    }

    /// Adds the system's VTIMEZONE for IANA zones the calendar's events use but do not define.
    private func addMissingZones(to calendar: OpaquePointer) {
        let used = document.events.usedTimeZones
        for zone in used.subtracting(document.definedTimeZones).sorted() {
            if let text = TimeZoneLibrary.vtimezoneText(for: zone), let vtimezone = icalcomponent_new_from_string(text) {
                icalcomponent_add_component(calendar, vtimezone)
            }
        }
    }

    /// Seconds since 1970 of a time; all-day and floating times are read as UTC wall clocks, as libical does.
    private func instant(of time: EventTime, in calendar: OpaquePointer) -> Int64 {
        switch time {
        case .allDay(let date): Int64(date.daysSince1970) * 86_400
        case .utc(let local), .floating(let local): local.secondsSince1970AsUTC
        case .zoned(let local, let zone):
            Int64(icaltime_as_timet_with_zone(icaltimetype(local, zone: nil), icalcomponent_get_timezone(calendar, zone)))
        }
    }

    /// The time at `seconds` on the clock of `like` (same kind and zone).
    private func time(at seconds: Int64, like: EventTime, in calendar: OpaquePointer) -> EventTime {
        let utc = LocalDateTime(utcSecondsSince1970: seconds)
        switch like {
        case .allDay: return .allDay(utc.date)
        case .utc: return .utc(utc)
        case .floating: return .floating(utc)
        case .zoned(_, let zone):
            let local = LocalDateTime(icaltime_from_timet_with_zone(time_t(seconds), 0, icalcomponent_get_timezone(calendar, zone)))
            return .zoned(local ?? utc, timeZone: zone)
        }
    }

    private func key(_ uid: String, _ seconds: Int64) -> String { "\(seconds) \(uid)" }

    private func utcTime(_ date: CalendarDate) -> icaltimetype {
        var time = icaltimetype(LocalDateTime(clamping: date, hour: 0, minute: 0), zone: nil)
        time.zone = icaltimezone_get_utc_timezone()
        return time
    }
}

/// Receives spans from libical's callback.
private final class SpanCollector {
    var spans: [icaltime_span] = []
}
