import Foundation
import Calendrical
import Testing
import TestSupport


/// Civil dates on their own: these tests link no libical (Calendrical is pure arithmetic).
@Suite struct CalendarDateTests {
    @Test func invalidDaysDoNotExist() {
        #expect(CalendarDate(year: 2023, month: 2, day: 30) == nil)
        #expect(CalendarDate(year: 2023, month: 2, day: 29) == nil)  // 2023 is not a leap year
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)  // divisible by 4
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)  // century not divisible by 400
        #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)  // divisible by 400
        #expect(CalendarDate(year: 2026, month: 13, day: 1) == nil)
        #expect(CalendarDate(year: 2026, month: 4, day: 31) == nil)
        #expect(CalendarDate(year: 2026, month: 1, day: 0) == nil)
    }

    @Test func knownDaysCountAndWeekdays() {
        #expect(day(1970, 1, 1).daysSince1970 == 0)
        #expect(day(1970, 1, 1).weekday == .thursday)
        #expect(day(2026, 11, 22).weekday == .sunday)
        #expect(day(2000, 3, 1).daysSince1970 - day(2000, 2, 28).daysSince1970 == 2)  // 29 Feb 2000 between
        #expect(day(1900, 3, 1).daysSince1970 - day(1900, 2, 28).daysSince1970 == 1)  // no 29 Feb 1900
        #expect(day(2026, 12, 31).adding(days: 1) == day(2027, 1, 1))
        #expect(day(2024, 3, 1).adding(days: -1) == day(2024, 2, 29))
    }

    /// Every day from 1900 to 2200 against Foundation's Gregorian calendar: day count, weekday and round trip.
    @Test func agreesWithFoundationFrom1900To2200() throws {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = try #require(TimeZone(identifier: "UTC"))
        let start = try #require(gregorian.date(from: DateComponents(year: 1900, month: 1, day: 1)))
        let first = day(1900, 1, 1).daysSince1970
        let last = day(2200, 12, 31).daysSince1970
        var mismatches = 0
        for count in stride(from: first, through: last, by: 1) {
            let value = CalendarDate(daysSince1970: count)
            let foundationDate = start.addingTimeInterval(Double(count - first) * 86_400)
            let parts = gregorian.dateComponents([.year, .month, .day, .weekday], from: foundationDate)
            // Foundation numbers Sunday 1 … Saturday 7; ISO numbers Monday 1 … Sunday 7.
            let isoWeekday = try (#require(parts.weekday) + 5) % 7 + 1
            if parts.year != value.year || parts.month != value.month || parts.day != value.day
                || isoWeekday != value.weekday.isoNumber || value.daysSince1970 != count {
                mismatches += 1
            }
        }
        #expect(mismatches == 0)
    }
}

@Suite struct ISODateTests {
    /// `YYYY-MM-DD` and nothing else: real days parse, 30 February has parts but no day, other shapes have neither.
    @Test func parsing() throws {
        #expect(CalendarDate(iso: "2027-01-04") == CalendarDate(year: 2027, month: 1, day: 4))
        #expect(CalendarDate(iso: "2027-02-30") == nil)
        #expect(try #require(CalendarDate.isoParts("2027-02-30")) == (2027, 2, 30))
        for text in ["2027-2-3", "tomorrow", "2027-01-04T00", "２０２７-01-04", "+027-01-04", "2027-01- 4", ""] {
            #expect(CalendarDate.isoParts(text) == nil, "\(text)")
        }
    }
}
