import Calendrical

/// Which days are open, per resource: Monday to Friday, not a public holiday, not a closure for that resource.
///
/// The protocol's `open≥(d)` is ``nextOpen(onOrAfter:for:)`` and `open≤(d)` is ``lastOpen(onOrBefore:for:)``.
/// Around Christmas 2026 with Dutch holidays: `open≥(Friday 25 December)` is Monday 28 December, and
/// `open≤(Sunday 3 January 2027)` is Thursday 31 December (1 January is New Year's Day).
///
/// The calendar carries its own time zone name: dates are civil dates in that zone, and nothing here reads
/// the machine's clock or zone.
public struct WorkingCalendar: Sendable {
    /// Which public holidays close the site.
    public enum Holidays: String, Sendable, Hashable, CaseIterable {
        /// The Dutch holidays of ``DutchHolidays``.
        case netherlands = "NL"
        /// None.
        case none
    }

    /// The IANA zone the site's dates are in, e.g. `Europe/Amsterdam`.
    public let timeZone: String
    /// The holiday rules.
    public let holidays: Holidays
    /// The site's closures.
    public let closures: [Closure]
    /// Holidays by day number (days since 1970), computed once for the supported years.
    private let holidayTable: [Int: DutchHolidays.Holiday]

    /// The years whose holidays are known: 1900–2200.
    public static let supportedYears = 1900...2200

    /// A working calendar.
    public init(timeZone: String = "Europe/Amsterdam", holidays: Holidays = .netherlands, closures: [Closure] = []) {
        self.timeZone = timeZone
        self.holidays = holidays
        self.closures = closures
        var table: [Int: DutchHolidays.Holiday] = [:]
        if holidays == .netherlands {
            for year in Self.supportedYears {
                for (date, holiday) in DutchHolidays.holidays(in: year) { table[date.daysSince1970] = holiday }
            }
        }
        self.holidayTable = table
    }

    /// The public holiday on `date`, if any.
    public func holiday(on date: CalendarDate) -> DutchHolidays.Holiday? { holidayTable[date.daysSince1970] }

    /// Whether `date` is open for `resource` (`nil`: the site as a whole, e.g. an outpatient visit).
    public func isOpen(_ date: CalendarDate, for resource: String? = nil) -> Bool {
        isWorkingDay(date) && !closures.contains { $0.closes(date, for: resource) }
    }

    /// Whether `date` is a weekday that is not a public holiday (closures aside): what applies to a visit at
    /// another hospital, such as the committee's answer.
    public func isWorkingDay(_ date: CalendarDate) -> Bool {
        date.weekday < .saturday && holiday(on: date) == nil
    }

    /// `open≥(d)`: the first day on or after `date` that is open for `resource`.
    public func nextOpen(onOrAfter date: CalendarDate, for resource: String? = nil) -> CalendarDate {
        var day = date
        while !isOpen(day, for: resource) { day = day.adding(days: 1) }
        return day
    }

    /// `open≤(d)`: the last day on or before `date` that is open for `resource`.
    public func lastOpen(onOrBefore date: CalendarDate, for resource: String? = nil) -> CalendarDate {
        var day = date
        while !isOpen(day, for: resource) { day = day.adding(days: -1) }
        return day
    }
}
