import Calendrical

extension RecurrenceRule {
    /// The RRULE value text: `FREQ=WEEKLY;UNTIL=20270201T073000Z;BYDAY=MO,WE,FR`.
    ///
    /// Handed to libical's `icalrecurrencetype_from_string`, which checks it and writes it back out.
    var iCalendarText: String {
        var parts = ["FREQ=\(frequency.rawValue)"]
        switch end {
        case .count(let count)?: parts.append("COUNT=\(count)")
        case .until(let until)?: parts.append("UNTIL=\(until.compactText)")
        case nil: break
        }
        if interval != 1 { parts.append("INTERVAL=\(interval)") }
        if !daysOfTheWeek.isEmpty {
            parts.append("BYDAY=" + daysOfTheWeek.map { "\($0.position.map(String.init) ?? "")\($0.weekday.rawValue)" }
                .joined(separator: ","))
        }
        if !daysOfTheMonth.isEmpty { parts.append("BYMONTHDAY=" + daysOfTheMonth.map(String.init).joined(separator: ",")) }
        if !months.isEmpty { parts.append("BYMONTH=" + months.map(String.init).joined(separator: ",")) }
        for (name, value) in otherParts.sorted(by: { $0.key < $1.key }) { parts.append("\(name)=\(value)") }
        return parts.joined(separator: ";")
    }
}

extension EventTime {
    /// The iCalendar basic form: `20270201`, `20270201T073000Z` or `20270201T083000`.
    var compactText: String {
        switch self {
        case .allDay(let date): date.compactText
        case .utc(let time): time.compactText + "Z"
        case .zoned(let time, _), .floating(let time): time.compactText
        }
    }
}

extension CalendarDate {
    /// `20270201`.
    var compactText: String { zeroPadded(year, 4) + zeroPadded(month, 2) + zeroPadded(day, 2) }
}

extension LocalDateTime {
    /// `20270201T073000`.
    var compactText: String { date.compactText + "T" + zeroPadded(hour, 2) + zeroPadded(minute, 2) + zeroPadded(second, 2) }
}
