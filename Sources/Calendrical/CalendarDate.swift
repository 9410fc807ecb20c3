/// A day on the Gregorian calendar, with no time and no zone: the value of an all-day event.
///
/// An all-day event that covers Saturday 26 and Sunday 27 December 2026 starts on
/// `CalendarDate(clamping: 2026, 12, 26)` and, because iCalendar's DTEND is exclusive,
/// ends on `CalendarDate(clamping: 2026, 12, 28)`.
///
/// Invalid days do not exist as values: `CalendarDate(year: 2023, month: 2, day: 30)` is `nil`
/// (libical itself would quietly turn that into 2 March).
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, 1…9999.
    public let year: Int
    /// The month, 1…12.
    public let month: Int
    /// The day of the month, 1…28/29/30/31.
    public let day: Int

    /// A date, or `nil` when the day does not exist (30 February, month 13, year 0).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDate.daysInMonth(year: year, month: month)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// A date written in code (`CalendarDate(clamping: year, 1, 1)`): never fails, because each part is brought into
    /// range (a year into 1…9999, a month into 1…12, a day to the month's last day: 30 February is 28 or 29 February).
    /// For dates from input use the failable ``init(year:month:day:)``, which refuses instead.
    public init(clamping year: Int, _ month: Int, _ day: Int) {
        let year = min(9999, max(1, year)), month = min(12, max(1, month))
        self.year = year
        self.month = month
        self.day = min(CalendarDate.daysInMonth(year: year, month: month), max(1, day))
    }

    /// The date `count` days since 1970-01-01 (negative before it).
    ///
    /// `CalendarDate(daysSince1970: 0)` is 1970-01-01; `CalendarDate(daysSince1970: 20_000)` is 2024-10-04.
    public init(daysSince1970 count: Int) {
        // Civil-from-days over 400-year eras of 146_097 days (proleptic Gregorian).
        let z = count + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01: the inverse of ``init(daysSince1970:)``.
    public var daysSince1970: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * mp + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `count` days later (earlier when negative).
    public func adding(days count: Int) -> CalendarDate {
        CalendarDate(daysSince1970: daysSince1970 + count)
    }

    /// The day of the week; 1970-01-01 was a Thursday.
    public var weekday: Weekday {
        let index = ((daysSince1970 % 7) + 7 + 3) % 7  // 0 = Monday
        return Weekday.allCases[index]
    }

    /// The number of days in a month of the proleptic Gregorian calendar.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Whether the year has a 29 February (divisible by 4, except centuries not divisible by 400).
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// ISO 8601 form, `2026-12-26`.
    public var description: String {
        "\(zeroPadded(year, 4))-\(zeroPadded(month, 2))-\(zeroPadded(day, 2))"
    }
}

/// Left-pads a non-negative number with zeros to `width` digits: `zeroPadded(7, 2)` is `"07"`.
public func zeroPadded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

extension CalendarDate {
    /// The same day `count` calendar months later, clamped to the last day of a shorter month.
    ///
    /// 31 August 2026 plus 6 months is 28 February 2027 (February has no 31st); 15 January plus 3 months is 15 April.
    public func adding(months count: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + count
        let newYear = index / 12, newMonth = index % 12 + 1
        let newDay = Swift.min(day, CalendarDate.daysInMonth(year: newYear, month: newMonth))
        return CalendarDate(clamping: newYear, newMonth, newDay)
    }

    /// Whole days from `self` to `other` (negative when `other` is earlier).
    public func days(until other: CalendarDate) -> Int { other.daysSince1970 - daysSince1970 }
}
