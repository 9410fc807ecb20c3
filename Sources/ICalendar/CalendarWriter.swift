internal import CLibical
import Calendrical

/// Turns a ``CalendarDocument`` into iCalendar text through libical.
///
/// libical builds the tree and serializes it (`icalcomponent_as_ical_string_r`): CRLF line ends, lines folded
/// at 75 octets without splitting a UTF-8 character, TEXT values escaped. The writer adds what every calendar
/// needs and is deterministic: DTSTAMP is the injected ``now`` (or the event's own stamp), and one VTIMEZONE is
/// emitted for each zone the events use, in name order.
///
/// ```swift
/// let writer = CalendarWriter(now: Instant(utc: LocalDateTime(clamping: CalendarDate(clamping: 2026, 11, 22), hour: 0, minute: 0)))
/// let text = try writer.write(CalendarDocument(productID: "-//ahsct-planner//EN", name: "Afspraken",
///                                              timeZone: "Europe/Amsterdam", events: events))
/// ```
public struct CalendarWriter: Sendable {
    /// The DTSTAMP for events that carry none.
    public var now: Instant

    /// A writer whose "now" is fixed by the caller, never read from the clock.
    public init(now: Instant) { self.now = now }

    /// The iCalendar text of `document`.
    ///
    /// - Throws: ``ICalendarWriteError`` for values iCalendar cannot hold: an unknown zone, a NUL in a text,
    ///   a `,` in a category, an UNTIL of the wrong form, an empty UID.
    public func write(_ document: CalendarDocument) throws(ICalendarWriteError) -> String {
        precondition(TimeZoneLibrary.initialized)
        let root = ComponentTree(kind: ICAL_VCALENDAR_COMPONENT)
        icalcomponent_add_property(root.pointer, try withCText(document.productID, what: "PRODID", icalproperty_new_prodid))
        icalcomponent_add_property(root.pointer, icalproperty_new_version("2.0"))
        if let method = document.method {
            let kind = icalproperty_string_to_method(method)
            guard kind != ICAL_METHOD_NONE, kind != ICAL_METHOD_X else {
                throw ICalendarWriteError(code: .invalidText, message: "unknown METHOD '\(method)'; expected PUBLISH, REQUEST, …")
            }
            icalcomponent_add_property(root.pointer, icalproperty_new_method(kind))
        }
        if let name = document.name {
            try addExtension(root.pointer, "X-WR-CALNAME", name)
        }
        if let zone = document.timeZone {
            guard TimeZoneLibrary.isKnown(zone) else {
                throw ICalendarWriteError(code: .unknownTimeZone, message: "X-WR-TIMEZONE '\(zone)' is not an IANA zone")
            }
            try addExtension(root.pointer, "X-WR-TIMEZONE", zone)
        }
        if let seconds = document.refreshInterval {
            guard seconds > 0, seconds <= 366 * 86_400 else {
                throw ICalendarWriteError(code: .invalidText, message: "REFRESH-INTERVAL of \(seconds) s is not between 1 s and a year")
            }
            let interval = icaldurationtype_from_int(Int32(seconds))
            let refresh = icalproperty_new_refreshinterval(interval)
            // RFC 7986 requires the VALUE parameter although DURATION is the only type allowed.
            icalproperty_add_parameter(refresh, icalparameter_new_value(ICAL_VALUE_DURATION))
            icalcomponent_add_property(root.pointer, refresh)
            try addExtension(root.pointer, "X-PUBLISHED-TTL", takeString(icaldurationtype_as_ical_string_r(interval)))
        }
        for zone in document.events.usedTimeZones.sorted() {
            guard let text = TimeZoneLibrary.vtimezoneText(for: zone),
                  let vtimezone = icalcomponent_new_from_string(text) else {
                throw ICalendarWriteError(code: .unknownTimeZone, message: "time zone '\(zone)' is not an IANA zone known to this system")
            }
            icalcomponent_add_component(root.pointer, vtimezone)
        }
        for event in document.events {
            let component = try makeEvent(event)
            icalcomponent_add_component(root.pointer, component.release())
        }
        return takeString(icalcomponent_as_ical_string_r(root.pointer))
    }

    /// Builds one VEVENT.
    private func makeEvent(_ event: Event) throws(ICalendarWriteError) -> ComponentTree {
        let uid = event.uid
        guard !uid.isEmpty else { throw ICalendarWriteError(code: .invalidEvent, message: "an event has an empty UID") }
        let vevent = ComponentTree(kind: ICAL_VEVENT_COMPONENT)
        let pointer = vevent.pointer
        icalcomponent_add_property(pointer, try withCText(uid, what: "UID", uid: uid, icalproperty_new_uid))
        var stamp = icaltimetype((event.stamp ?? now).utc, zone: nil)
        stamp.zone = icaltimezone_get_utc_timezone()
        icalcomponent_add_property(pointer, icalproperty_new_dtstamp(stamp))
        guard event.sequence >= 0, event.sequence <= Int(Int32.max) else {
            throw ICalendarWriteError(code: .invalidEvent, uid: uid, message: "SEQUENCE \(event.sequence) is out of range")
        }
        icalcomponent_add_property(pointer, icalproperty_new_sequence(Int32(event.sequence)))
        if let status = event.status {
            icalcomponent_add_property(pointer, icalproperty_new_status(status.libical))
        }
        icalcomponent_add_property(pointer, try withCText(event.summary, what: "SUMMARY", uid: uid, icalproperty_new_summary))
        if let description = event.description {
            icalcomponent_add_property(pointer, try withCText(description, what: "DESCRIPTION", uid: uid,
                                                              icalproperty_new_description))
        }
        if let location = event.location {
            icalcomponent_add_property(pointer, try withCText(location, what: "LOCATION", uid: uid, icalproperty_new_location))
        }
        if let category = event.category {
            // Bytes, not Characters: "\r\n" and "," followed by a combining mark are each one Character that
            // a Character test lets through, yet libical splits on the "," byte all the same.
            if category.utf8.contains(where: { ",;\\\n\r".utf8.contains($0) }) {
                throw ICalendarWriteError(code: .invalidText, uid: uid,
                                          message: "category '\(category)' contains one of , ; \\ or a newline")
            }
            icalcomponent_add_property(pointer, try withCText(category, what: "CATEGORIES", uid: uid,
                                                              icalproperty_new_categories))
        }
        if let classification = event.classification {
            icalcomponent_add_property(pointer, icalproperty_new_class(classification.libical))
        }
        if let transparency = event.transparency {
            icalcomponent_add_property(pointer, icalproperty_new_transp(transparency.libical))
        }
        if let organizer = event.organizer {
            let property = try withCText(organizer.address, what: "ORGANIZER", uid: uid, icalproperty_new_organizer)
            if let name = organizer.commonName {
                do {
                    icalproperty_add_parameter(property, try withCText(name, what: "ORGANIZER CN", uid: uid, icalparameter_new_cn))
                } catch {
                    icalproperty_free(property)
                    throw error
                }
            }
            icalcomponent_add_property(pointer, property)
        }
        icalcomponent_add_property(pointer, timeProperty(icalproperty_new_dtstart, event.start))
        if let end = event.end {
            guard end.isSameKind(as: event.start) else {
                throw ICalendarWriteError(code: .invalidEvent, uid: uid,
                                          message: "DTEND \(end) is not of the same kind as DTSTART \(event.start)")
            }
            icalcomponent_add_property(pointer, timeProperty(icalproperty_new_dtend, end))
        }
        if let rule = event.recurrence {
            icalcomponent_add_property(pointer, try recurrenceProperty(rule, start: event.start, uid: uid))
        }
        for exception in event.exceptionDates {
            guard exception.isSameKind(as: event.start) else {
                throw ICalendarWriteError(code: .invalidEvent, uid: uid,
                                          message: "EXDATE \(exception) is not of the same kind as DTSTART \(event.start)")
            }
            icalcomponent_add_property(pointer, timeProperty(icalproperty_new_exdate, exception))
        }
        for alarm in event.alarms {
            let description = try withCText(alarm.message, what: "VALARM DESCRIPTION", uid: uid, icalproperty_new_description)
            icalcomponent_add_component(pointer, makeAlarm(alarm, description: description))
        }
        return vevent
    }

    /// A DTSTART/DTEND/EXDATE property with its TZID parameter when zoned.
    private func timeProperty(_ make: (icaltimetype) -> OpaquePointer?, _ time: EventTime) -> OpaquePointer? {
        switch time {
        case .allDay(let date):
            return make(icaltimetype(date))
        case .floating(let local):
            return make(icaltimetype(local, zone: nil))
        case .utc(let local):
            var value = icaltimetype(local, zone: nil)
            value.zone = icaltimezone_get_utc_timezone()
            return make(value)
        case .zoned(let local, let zone):
            let property = make(icaltimetype(local, zone: nil))
            // The zone was checked (known, no NUL) when its VTIMEZONE was added.
            icalproperty_add_parameter(property, zone.withCString(icalparameter_new_tzid))
            return property
        }
    }

    /// The RRULE property, checked by libical's own reader of the rule text.
    private func recurrenceProperty(_ rule: RecurrenceRule, start: EventTime, uid: String) throws(ICalendarWriteError) -> OpaquePointer? {
        if case .until(let until)? = rule.end {
            let fits: Bool
            switch (start, until) {
            case (.allDay, .allDay), (.zoned, .utc), (.utc, .utc), (.floating, .floating): fits = true
            default: fits = false
            }
            guard fits else {
                throw ICalendarWriteError(code: .invalidRecurrence, uid: uid,
                                          message: "UNTIL \(until) does not fit DTSTART \(start): expected a date for all-day events and a UTC time for zoned ones")
            }
        }
        let text = rule.iCalendarText
        guard !text.utf8.contains(0) else {
            throw ICalendarWriteError(code: .invalidRecurrence, uid: uid, message: "RRULE contains a NUL byte")
        }
        ahsct_clear_icalerrno()
        let recurrence = icalrecurrencetype_from_string(text)
        guard recurrence.freq != ICAL_NO_RECURRENCE, ahsct_icalerrno() == ICAL_NO_ERROR else {
            throw ICalendarWriteError(code: .invalidRecurrence, uid: uid, message: "libical rejects the rule '\(text)'")
        }
        return icalproperty_new_rrule(recurrence)
    }

    /// A VALARM with ACTION:DISPLAY; `description` is its DESCRIPTION property, made from the message.
    private func makeAlarm(_ alarm: Alarm, description: OpaquePointer?) -> OpaquePointer? {
        let valarm = icalcomponent_new(ICAL_VALARM_COMPONENT)
        icalcomponent_add_property(valarm, icalproperty_new_action(ICAL_ACTION_DISPLAY))
        var trigger = icaltriggertype_from_int(0)
        var related: icalparameter_related?
        switch alarm.trigger {
        case .beforeStart(let seconds):
            trigger.duration = icaldurationtype_from_int(Int32(clamping: -seconds))
        case .beforeEnd(let seconds):
            trigger.duration = icaldurationtype_from_int(Int32(clamping: -seconds))
            related = ICAL_RELATED_END
        case .at(let instant):
            trigger.duration = icaldurationtype_null_duration()
            var time = icaltimetype(instant.utc, zone: nil)
            time.zone = icaltimezone_get_utc_timezone()
            trigger.time = time
        }
        let property = icalproperty_new_trigger(trigger)
        if let related { icalproperty_add_parameter(property, icalparameter_new_related(related)) }
        icalcomponent_add_property(valarm, property)
        icalcomponent_add_property(valarm, description)
        return valarm
    }

    /// Adds an `X-…` property with a TEXT value.
    private func addExtension(_ component: OpaquePointer, _ name: String, _ value: String) throws(ICalendarWriteError) {
        let property = try withCText(value, what: name, icalproperty_new_x)
        icalproperty_set_x_name(property, name)
        icalcomponent_add_property(component, property)
    }

    /// Calls `make` with `text` as a C string and returns what it made; throws when a NUL byte would cut the text short.
    ///
    /// Used for every text instead of a separate NUL check plus an implicit `String`-to-pointer conversion:
    /// that conversion copies the text into a new heap array on every call, and `text.utf8.contains(0)` walks
    /// the string index by index. `withCString` lends the string's own NUL-terminated UTF-8 (a small string is
    /// copied to the stack) and the NUL scan runs over that plain buffer.
    private func withCText<T>(_ text: String, what: String, uid: String? = nil,
                              _ make: (UnsafePointer<CChar>) -> T) throws(ICalendarWriteError) -> T {
        let made: T? = text.withCString { pointer in
            UnsafeBufferPointer(start: pointer, count: text.utf8.count).contains(0) ? nil : make(pointer)
        }
        guard let made else {
            throw ICalendarWriteError(code: .invalidText, uid: uid, message: "\(what) contains a NUL byte")
        }
        return made
    }

}

extension Array where Element == Event {
    /// The zones the events' times name (start, end, exceptions), without building an array per event.
    var usedTimeZones: Set<String> {
        var zones = Set<String>()
        for event in self {
            if let zone = event.start.timeZone { zones.insert(zone) }
            if let zone = event.end?.timeZone { zones.insert(zone) }
            for exception in event.exceptionDates {
                if let zone = exception.timeZone { zones.insert(zone) }
            }
        }
        return zones
    }
}

extension EventTime {
    /// Whether two times are both all-day, both zoned/UTC, or both floating (DTSTART and DTEND must agree).
    func isSameKind(as other: EventTime) -> Bool {
        switch (self, other) {
        case (.allDay, .allDay), (.floating, .floating): true
        case (.zoned, .zoned), (.zoned, .utc), (.utc, .zoned), (.utc, .utc): true
        default: false
        }
    }
}

extension EventStatus {
    var libical: icalproperty_status {
        switch self {
        case .tentative: ICAL_STATUS_TENTATIVE
        case .confirmed: ICAL_STATUS_CONFIRMED
        case .cancelled: ICAL_STATUS_CANCELLED
        }
    }
}

extension Classification {
    var libical: icalproperty_class {
        switch self {
        case .public: ICAL_CLASS_PUBLIC
        case .private: ICAL_CLASS_PRIVATE
        case .confidential: ICAL_CLASS_CONFIDENTIAL
        }
    }
}

extension Transparency {
    var libical: icalproperty_transp {
        switch self {
        case .opaque: ICAL_TRANSP_OPAQUE
        case .transparent: ICAL_TRANSP_TRANSPARENT
        }
    }
}
