import Calendrical
import ICalendar

/// FHIR's date, dateTime and instant values, written and read in a site's time zone.
///
/// Worked case (Europe/Amsterdam): an apheresis session on Tuesday 10 November 2026 at the site's 08:00–14:00 is
/// written `2026-11-10T08:00:00+01:00` … `2026-11-10T14:00:00+01:00` (winter time, UTC+1); one on 30 March 2027,
/// after the clocks changed, `2027-03-30T08:00:00+02:00`. Read back, an instant is turned into the site's local day
/// and time: `2026-11-10T07:00:00Z` is 08:00 on 10 November in Amsterdam, and `2026-11-09T23:30:00Z` is already
/// 00:30 on 10 November there.
public enum FHIRTime {
    /// A value as read.
    public enum Value: Sendable, Hashable {
        /// A day without a time (`2026-11-10`).
        case day(CalendarDate)
        /// A moment, in the site's local time.
        case local(LocalDateTime)
        /// A year or a month without a day (`2026`, `2026-11`): valid FHIR, but no day to record.
        case partial

        /// The site's local day.
        public var day: CalendarDate? {
            switch self {
            case let .day(day): return day
            case let .local(time): return time.date
            case .partial: return nil
            }
        }
    }

    /// Why a text is not a FHIR date or time.
    public enum Failure: Error, Sendable, Hashable {
        /// Not in the form FHIR gives (the message says which).
        case form(String)
        /// In the form, but the day does not exist (`2027-02-30`), or the time (`25:00`).
        case nonexistent(String)
    }

    /// `date` at `hour:minute` in `zone`, as an instant with the zone's offset then: `2026-11-10T08:00:00+01:00`.
    /// A time that the clocks skip (02:30 on the last Sunday of March) is taken as libical takes it, an hour later.
    public static func instant(_ date: CalendarDate, hour: Int, minute: Int, zone: String) -> String {
        let local = LocalDateTime(clamping: date, hour: hour, minute: minute)
        guard let instant = TimeZoneLibrary.instant(of: local, in: zone),
              let shown = TimeZoneLibrary.localTime(at: instant, in: zone) else {
            // The cohort reader accepts only zones libical knows; a wall time with a made-up offset would be a
            // wrong appointment time in the hospital's record.
            preconditionFailure("time zone '\(zone)' is not known to libical")
        }
        let offset = Int(shown.secondsSince1970AsUTC - instant.secondsSince1970) / 60
        let sign = offset < 0 ? "-" : "+"
        return "\(dateTimeText(shown))\(sign)\(zeroPadded(abs(offset) / 60, 2)):\(zeroPadded(abs(offset) % 60, 2))"
    }

    private static func dateTimeText(_ time: LocalDateTime) -> String {
        "\(time.date)T\(zeroPadded(time.hour, 2)):\(zeroPadded(time.minute, 2)):\(zeroPadded(time.second, 2))"
    }

    /// Reads a FHIR `date`, `dateTime` or (`instant: true`) `instant`, turning a moment into the local time of
    /// `zone`. A dateTime with a time must have a zone (`Z` or `±hh:mm`), as FHIR requires; an instant must have
    /// seconds and a zone.
    public static func read(_ text: String, instant: Bool, zone: String) -> Result<Value, Failure> {
        let scalars = Array(text.unicodeScalars)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= scalars.count,
                  scalars[range].allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
            return Int(String(String.UnicodeScalarView(scalars[range])))
        }
        let expected = instant ? "an instant YYYY-MM-DDThh:mm:ss with a zone (Z or +hh:mm)"
            : "a date YYYY-MM-DD or a dateTime YYYY-MM-DDThh:mm:ss with a zone (Z or +hh:mm)"
        guard let year = number(0..<4) else { return .failure(.form("'\(text)' is not \(expected)")) }
        if !instant, scalars.count == 4 { return .success(.partial) }
        guard scalars.count >= 7, scalars[4] == "-", let month = number(5..<7) else {
            return .failure(.form("'\(text)' is not \(expected)"))
        }
        guard (1...12).contains(month) else { return .failure(.nonexistent("there is no month \(month) ('\(text)')")) }
        if !instant, scalars.count == 7 { return .success(.partial) }
        guard scalars.count >= 10, scalars[7] == "-", let dayNumber = number(8..<10) else {
            return .failure(.form("'\(text)' is not \(expected)"))
        }
        guard (1900...2200).contains(year) else {
            return .failure(.nonexistent("the year \(year) is outside 1900–2200, the years the planner knows ('\(text)')"))
        }
        guard let day = CalendarDate(year: year, month: month, day: dayNumber) else {
            return .failure(.nonexistent("day \(dayNumber) does not exist in \(CalendarDate.monthNames[month - 1]) \(year) ('\(text)')"))
        }
        if scalars.count == 10 {
            return instant ? .failure(.form("'\(text)' has no time; expected \(expected)")) : .success(.day(day))
        }
        guard scalars[10] == "T", let hour = number(11..<13), scalars.count >= 16, scalars[13] == ":",
              let minute = number(14..<16) else {
            return .failure(.form("'\(text)' is not \(expected)"))
        }
        var index = 16
        var second = 0
        if index < scalars.count, scalars[index] == ":" {
            guard let value = number(17..<19) else { return .failure(.form("'\(text)' is not \(expected)")) }
            second = value
            index = 19
            if index < scalars.count, scalars[index] == "." {
                index += 1
                let start = index
                while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
                guard index > start else { return .failure(.form("'\(text)' is not \(expected)")) }
            }
        } else {
            // FHIR's dateTime and instant both spell the seconds.
            return .failure(.form("'\(text)' has no seconds; expected \(expected)"))
        }
        guard hour < 24, minute < 60, second < 60 else {
            return .failure(.nonexistent("the time \(zeroPadded(hour, 2)):\(zeroPadded(minute, 2)):\(zeroPadded(second, 2)) does not exist ('\(text)')"))
        }
        var offsetMinutes = 0
        if index < scalars.count, scalars[index] == "Z", index + 1 == scalars.count {
            offsetMinutes = 0
        } else if index < scalars.count, scalars[index] == "+" || scalars[index] == "-", scalars.count == index + 6,
                  scalars[index + 3] == ":", let hours = number(index + 1..<index + 3),
                  let minutes = number(index + 4..<index + 6), hours <= 14, minutes < 60 {
            offsetMinutes = (scalars[index] == "-" ? -1 : 1) * (hours * 60 + minutes)
        } else {
            return .failure(.form("'\(text)' has no valid zone; expected \(expected)"))
        }
        guard let wall = LocalDateTime(date: day, hour: hour, minute: minute, second: second) else {
            return .failure(.nonexistent("'\(text)' does not exist"))
        }
        let moment = Instant(secondsSince1970: wall.secondsSince1970AsUTC - Int64(offsetMinutes * 60))
        guard let local = TimeZoneLibrary.localTime(at: moment, in: zone) else {
            preconditionFailure("time zone '\(zone)' is not known to libical")  // as in instant(_:hour:minute:zone:)
        }
        return .success(.local(local))
    }
}
