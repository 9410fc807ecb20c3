internal import CLibical
import Locations
import Calendrical

/// Reads one libical VEVENT into an ``Event``.
enum EventDecoder {
    /// The event; a missing UID or DTSTART is reported at `location` (the VEVENT's BEGIN line).
    static func event(from vevent: OpaquePointer, at location: SourceLocation) throws(ICalendarParseError) -> Event {
        var uid: String?
        var start: EventTime?
        var end: EventTime?
        var duration: icaldurationtype?
        var event = Event(uid: "", summary: "", start: .allDay(CalendarDate(daysSince1970: 0)))
        for property in properties(of: vevent) {
            switch icalproperty_isa(property) {
            case ICAL_UID_PROPERTY: uid = copyString(icalproperty_get_uid(property))
            case ICAL_DTSTAMP_PROPERTY:
                event.stamp = LocalDateTime(icalproperty_get_dtstamp(property)).map(Instant.init(utc:))
            case ICAL_SEQUENCE_PROPERTY: event.sequence = Int(icalproperty_get_sequence(property))
            case ICAL_STATUS_PROPERTY: event.status = EventStatus(icalproperty_get_status(property))
            case ICAL_SUMMARY_PROPERTY: event.summary = copyString(icalproperty_get_summary(property)) ?? ""
            case ICAL_DESCRIPTION_PROPERTY: event.description = copyString(icalproperty_get_description(property))
            case ICAL_LOCATION_PROPERTY: event.location = copyString(icalproperty_get_location(property))
            case ICAL_CATEGORIES_PROPERTY:
                if event.category == nil { event.category = copyString(icalproperty_get_categories(property)) }
            case ICAL_CLASS_PROPERTY: event.classification = Classification(icalproperty_get_class(property))
            case ICAL_TRANSP_PROPERTY: event.transparency = Transparency(icalproperty_get_transp(property))
            case ICAL_ORGANIZER_PROPERTY:
                let name = icalproperty_get_first_parameter(property, ICAL_CN_PARAMETER)
                    .flatMap { copyString(icalparameter_get_cn($0)) }
                event.organizer = Organizer(address: copyString(icalproperty_get_organizer(property)) ?? "", commonName: name)
            case ICAL_DTSTART_PROPERTY: start = eventTime(icalproperty_get_dtstart(property), property)
            case ICAL_DTEND_PROPERTY: end = eventTime(icalproperty_get_dtend(property), property)
            case ICAL_DURATION_PROPERTY: duration = icalproperty_get_duration(property)
            case ICAL_RRULE_PROPERTY:
                var rule = icalproperty_get_rrule(property)
                event.recurrence = RecurrenceRule(libicalText: takeString(icalrecurrencetype_as_string_r(&rule)))
            case ICAL_EXDATE_PROPERTY:
                if let time = eventTime(icalproperty_get_exdate(property), property) { event.exceptionDates.append(time) }
            default: break
            }
        }
        for valarm in children(of: vevent, kind: ICAL_VALARM_COMPONENT, includingSelf: false) {
            if let alarm = alarm(from: valarm) { event.alarms.append(alarm) }
        }
        var missing: [String] = []
        if uid == nil || uid == "" { missing.append("UID") }
        if start == nil { missing.append("DTSTART") }
        guard let uid, let start, missing.isEmpty else {
            throw ICalendarParseError([Diagnostic(location: location, code: .missingProperty,
                                                  message: "VEVENT has no \(missing.joined(separator: " or ")); expected both UID and DTSTART")])
        }
        event.uid = uid
        event.start = start
        event.end = end ?? duration.flatMap { self.end(of: start, after: $0) }
        return event
    }

    /// A DTSTART/DTEND/EXDATE value as an ``EventTime``, the TZID parameter naming the zone.
    static func eventTime(_ time: icaltimetype, _ property: OpaquePointer) -> EventTime? {
        if time.is_date != 0 {
            return CalendarDate(year: Int(time.year), month: Int(time.month), day: Int(time.day)).map(EventTime.allDay)
        }
        guard let local = LocalDateTime(time) else { return nil }
        if icaltime_is_utc(time) != 0 { return .utc(local) }
        if let parameter = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER),
           let zone = copyString(icalparameter_get_tzid(parameter)) {
            return .zoned(local, timeZone: zone)
        }
        return .floating(local)
    }

    /// DTSTART plus a DURATION, on the start's own clock (a day is a calendar day, not 86,400 seconds).
    private static func end(of start: EventTime, after duration: icaldurationtype) -> EventTime? {
        switch start {
        case .allDay(let date):
            return .allDay(date.adding(days: Int(icaldurationtype_as_int(duration)) / 86_400))
        case .zoned(let local, let zone):
            return LocalDateTime(icaltime_add(icaltimetype(local, zone: nil), duration)).map { .zoned($0, timeZone: zone) }
        case .utc(let local):
            return LocalDateTime(icaltime_add(icaltimetype(local, zone: nil), duration)).map(EventTime.utc)
        case .floating(let local):
            return LocalDateTime(icaltime_add(icaltimetype(local, zone: nil), duration)).map(EventTime.floating)
        }
    }

    /// A VALARM's trigger and text.
    private static func alarm(from valarm: OpaquePointer) -> Alarm? {
        guard let property = icalcomponent_get_first_property(valarm, ICAL_TRIGGER_PROPERTY) else { return nil }
        let trigger = icalproperty_get_trigger(property)
        let message = icalcomponent_get_first_property(valarm, ICAL_DESCRIPTION_PROPERTY)
            .flatMap { copyString(icalproperty_get_description($0)) } ?? ""
        if icaltime_is_null_time(trigger.time) == 0, let time = LocalDateTime(trigger.time) {
            return Alarm(trigger: .at(Instant(utc: time)), message: message)
        }
        let seconds = -Int(icaldurationtype_as_int(trigger.duration))
        let related = icalproperty_get_first_parameter(property, ICAL_RELATED_PARAMETER).map(icalparameter_get_related)
        return Alarm(trigger: related == ICAL_RELATED_END ? .beforeEnd(seconds: seconds) : .beforeStart(seconds: seconds),
                     message: message)
    }
}

extension EventStatus {
    init?(_ status: icalproperty_status) {
        switch status {
        case ICAL_STATUS_TENTATIVE: self = .tentative
        case ICAL_STATUS_CONFIRMED: self = .confirmed
        case ICAL_STATUS_CANCELLED: self = .cancelled
        default: return nil
        }
    }
}

extension Classification {
    init?(_ value: icalproperty_class) {
        switch value {
        case ICAL_CLASS_PUBLIC: self = .public
        case ICAL_CLASS_PRIVATE: self = .private
        case ICAL_CLASS_CONFIDENTIAL: self = .confidential
        default: return nil
        }
    }
}

extension Transparency {
    init?(_ value: icalproperty_transp) {
        switch value {
        case ICAL_TRANSP_OPAQUE: self = .opaque
        case ICAL_TRANSP_TRANSPARENT: self = .transparent
        default: return nil
        }
    }
}

extension RecurrenceRule {
    /// A rule from libical's canonical text (`FREQ=WEEKLY;UNTIL=20270201T073000Z;BYDAY=MO,WE,FR`).
    init?(libicalText text: String) {
        var frequency: Frequency?
        var rule = RecurrenceRule(frequency: .daily)
        for (key, value) in Self.parts(of: text) {
            switch key {
            case "FREQ": frequency = Frequency(rawValue: value.uppercased())
            case "COUNT": rule.end = Int(value).map(End.count)
            case "UNTIL": rule.end = EventTime(compact: value).map(End.until)
            case "INTERVAL": rule.interval = Int(value) ?? 1
            case "BYDAY":
                rule.daysOfTheWeek = value.split(separator: ",").compactMap { item in
                    guard let weekday = Weekday(rawValue: String(item.suffix(2)).uppercased()) else { return nil }
                    let position = item.dropLast(2)
                    return Day(weekday, position: position.isEmpty ? nil : Int(position))
                }
            case "BYMONTHDAY": rule.daysOfTheMonth = value.split(separator: ",").compactMap { Int($0) }
            case "BYMONTH": rule.months = value.split(separator: ",").compactMap { Int($0) }
            default: rule.otherParts[key] = value
            }
        }
        guard let frequency else { return nil }
        rule.frequency = frequency
        self = rule
    }

    /// The `KEY=value` parts of a rule's text, keys upper-cased; parts without a value are left out.
    /// libical writes ASCII, which is split as bytes: splitting as Characters (for anything else) costs
    /// some 50 µs a rule, a tenth of a second on a calendar of 75,000 events.
    private static func parts(of text: String) -> [(key: String, value: String)] {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return text.split(separator: ";").compactMap { part in
                let pieces = part.split(separator: "=", maxSplits: 1).map(String.init)
                return pieces.count == 2 ? (pieces[0].uppercased(), pieces[1]) : nil
            }
        }
        var text = text
        return text.withUTF8 { bytes in
            bytes.split(separator: UInt8(ascii: ";")).compactMap { part in
                let pieces = part.split(separator: UInt8(ascii: "="), maxSplits: 1)
                guard pieces.count == 2 else { return nil }
                let key = pieces[0].map { (0x61...0x7A).contains($0) ? $0 - 0x20 : $0 }  // ASCII upper case
                return (String(decoding: key, as: UTF8.self), String(decoding: pieces[1], as: UTF8.self))
            }
        }
    }
}

extension EventTime {
    /// From the iCalendar basic form: `20270201` (all-day), `20270201T073000Z` (UTC) or without `Z` (floating).
    init?(compact text: String) {
        let bytes = Array(text.utf8)
        func number(_ from: Int, _ length: Int) -> Int? {
            guard from + length <= bytes.count else { return nil }
            return Int(String(decoding: bytes[from..<(from + length)], as: UTF8.self))
        }
        guard let year = number(0, 4), let month = number(4, 2), let day = number(6, 2),
              let date = CalendarDate(year: year, month: month, day: day) else { return nil }
        if bytes.count == 8 {
            self = .allDay(date)
            return
        }
        guard bytes.count >= 15, let hour = number(9, 2), let minute = number(11, 2), let second = number(13, 2),
              let local = LocalDateTime(date: date, hour: hour, minute: minute, second: second) else { return nil }
        self = bytes.count == 16 && bytes[15] == UInt8(ascii: "Z") ? .utc(local) : .floating(local)
    }
}
