import Calendrical
import Pathway
import Testing
import TestSupport


@Suite struct DutchHolidaysTests {
    /// Known Easter Sundays (checked against python-dateutil's independent `easter()`): the computus must hit each.
    @Test(arguments: [(2026, 4, 5), (2025, 4, 20), (2024, 3, 31), (2008, 3, 23), (2038, 4, 25), (2000, 4, 23),
                      (1913, 3, 23), (1943, 4, 25), (2100, 3, 28), (2200, 4, 6)])
    func easter(_ year: Int, _ month: Int, _ date: Int) {
        #expect(DutchHolidays.easterSunday(year: year) == day(year, month, date))
    }

    /// 2026: Easter 5 April → Easter Monday 6 April, Ascension 5 Apr + 39 = 14 May, Whit Monday 5 Apr + 50 = 25 May;
    /// 27 April is a Monday, so King's Day stays there; 2026 is not divisible by 5: no Liberation Day.
    @Test func year2026() {
        let found = DutchHolidays.holidays(in: 2026).map { "\($0.date) \($0.holiday.rawValue)" }
        #expect(found == ["2026-01-01 new-years-day", "2026-04-06 easter-monday", "2026-04-27 kings-day",
                          "2026-05-14 ascension-day", "2026-05-25 whit-monday", "2026-12-25 christmas-day",
                          "2026-12-26 boxing-day"])
    }

    /// 27 April 2025 is a Sunday → King's Day on Saturday 26 April; 2025 is divisible by 5 → 5 May is Liberation Day.
    @Test func kingsDayOnSundayAndLiberationDay() {
        let found = Dictionary(uniqueKeysWithValues: DutchHolidays.holidays(in: 2025).map { ($0.holiday, $0.date) })
        #expect(found[.kingsDay] == day(2025, 4, 26))
        #expect(found[.liberationDay] == day(2025, 5, 5))
    }

    /// Queen's Day before 2014: 30 April 2000 was a Sunday → Saturday 29 April; 2013 on 30 April (a Tuesday);
    /// none before 1949; no Liberation Day before 1945.
    @Test func queensDayYears() {
        let in2000 = DutchHolidays.holidays(in: 2000).map(\.holiday)
        #expect(DutchHolidays.holidays(in: 2000).first { $0.holiday == .queensDay }?.date == day(2000, 4, 29))
        #expect(DutchHolidays.holidays(in: 2013).first { $0.holiday == .queensDay }?.date == day(2013, 4, 30))
        #expect(!in2000.contains(.kingsDay))
        #expect(!DutchHolidays.holidays(in: 1948).contains { $0.holiday == .queensDay })
        #expect(!DutchHolidays.holidays(in: 1940).contains { $0.holiday == .liberationDay })
        #expect(DutchHolidays.holidays(in: 1945).contains { $0.holiday == .liberationDay })
    }
}

@Suite struct WorkingCalendarTests {
    let calendar = WorkingCalendar(closures: [
        Closure(from: day(2026, 12, 24), to: day(2026, 12, 24), resources: ["apheresis-machines"], reason: "Kerst"),
        Closure(from: day(2026, 12, 30), to: day(2027, 1, 4), reason: "Jaarwisseling"),
    ])

    /// Open day = Monday–Friday, not a holiday, not a closure for that resource.
    @Test func openDays() {
        #expect(calendar.isOpen(day(2026, 11, 23)))                          // a Monday
        #expect(!calendar.isOpen(day(2026, 11, 22)))                         // a Sunday
        #expect(!calendar.isOpen(day(2026, 4, 6)))                           // Easter Monday
        #expect(calendar.isOpen(day(2026, 4, 3)))                            // Good Friday is open by default
        #expect(calendar.isOpen(day(2026, 12, 24), for: "daycare-chairs"))   // the closure names only the machines
        #expect(!calendar.isOpen(day(2026, 12, 24), for: "apheresis-machines"))
        #expect(!calendar.isOpen(day(2026, 12, 30), for: "daycare-chairs"))       // 30 Dec: everything closed
        // Both ends of a closure are closed: 4 January 2027 (a Monday) is the closure's last day.
        #expect(!calendar.isOpen(day(2027, 1, 4)))
        #expect(calendar.isOpen(day(2027, 1, 5)))
    }

    /// open≥ and open≤ across Christmas and New Year 2026–27.
    @Test func nextAndLastOpen() {
        // Thu 24 Dec is closed for the machine → Fri 25 and Sat 26 holidays, Sun 27 → Mon 28.
        #expect(calendar.nextOpen(onOrAfter: day(2026, 12, 24), for: "apheresis-machines") == day(2026, 12, 28))
        // For a chair, 24 December itself is open.
        #expect(calendar.nextOpen(onOrAfter: day(2026, 12, 24), for: "daycare-chairs") == day(2026, 12, 24))
        // 30 Dec – 4 Jan closed for everything → Tuesday 5 January.
        #expect(calendar.nextOpen(onOrAfter: day(2026, 12, 30)) == day(2027, 1, 5))
        // Backwards from Sunday 3 January: closure back to 30 Dec, then Tue 29 Dec is open.
        #expect(calendar.lastOpen(onOrBefore: day(2027, 1, 3)) == day(2026, 12, 29))
        // Without closures: open≤(Sun 3 Jan 2027) skips New Year's Day → Thursday 31 December.
        #expect(WorkingCalendar().lastOpen(onOrBefore: day(2027, 1, 3)) == day(2026, 12, 31))
        // Holidays off: Christmas Day 2026 (a Friday) is open.
        #expect(WorkingCalendar(holidays: .none).isOpen(day(2026, 12, 25)))
    }
}
