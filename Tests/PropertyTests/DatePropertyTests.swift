import Foundation
import ICalendar
import Interchange
import PropertyBased
import Testing
import Calendrical

// Dates that break naive code, drawn at random over the whole supported range (1900–2200) and checked against
// Foundation's Gregorian calendar and time-zone database, not against our own arithmetic.
private let utc = TimeZone(identifier: "UTC")!
private let gregorian: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = utc
    return calendar
}()
/// Day numbers of 1900-01-01 … 2200-12-31.
private let supportedDays = -25_567...84_005

private func foundationDate(_ day: Int) -> Date { Date(timeIntervalSince1970: Double(day) * 86_400) }

@Suite struct DatePropertyTests {
    /// A day number and Foundation agree on year, month, day and weekday; converting back gives the same number.
    @Test func dayNumbersMatchFoundation() async {
        await propertyCheck(count: 2_000, input: Gen.int(in: supportedDays)) { day in
            let date = CalendarDate(daysSince1970: day)
            let parts = gregorian.dateComponents([.year, .month, .day, .weekday], from: foundationDate(day))
            let ours: [Int] = [date.year, date.month, date.day]
            let theirs = try [#require(parts.year), #require(parts.month), #require(parts.day)]
            #expect(ours == theirs)
            // Foundation: 1 = Sunday … 7 = Saturday; ISO: 1 = Monday … 7 = Sunday.
            let weekday = try #require(parts.weekday)
            #expect(date.weekday.isoNumber == (weekday + 5) % 7 + 1)
            #expect(date.daysSince1970 == day)
        }
    }

    /// Adding days across month ends, year ends and leap days lands where Foundation lands.
    @Test func addingDaysMatchesFoundation() async {
        await propertyCheck(count: 2_000, input: Gen.int(in: supportedDays.lowerBound...(supportedDays.upperBound - 800)),
                            Gen.int(in: -400...400)) { day, offset in
            let moved = CalendarDate(daysSince1970: day).adding(days: offset)
            let expected = try #require(gregorian.date(byAdding: .day, value: offset, to: foundationDate(day)))
            let parts = gregorian.dateComponents([.year, .month, .day], from: expected)
            let ours: [Int] = [moved.year, moved.month, moved.day]
            let theirs = try [#require(parts.year), #require(parts.month), #require(parts.day)]
            #expect(ours == theirs)
        }
    }

    /// Months are added with the day clamped to the month's end (31 January + 1 month = 28 or 29 February), as
    /// Foundation's calendar does; 29 February exists exactly in Foundation's leap years.
    @Test func monthsAndLeapDaysMatchFoundation() async {
        await propertyCheck(count: 2_000, input: Gen.int(in: supportedDays.lowerBound...(supportedDays.upperBound - 400)),
                            Gen.int(in: 0...12)) { day, months in
            let start = CalendarDate(daysSince1970: day)
            let moved = start.adding(months: months)
            let expected = try #require(gregorian.date(byAdding: .month, value: months, to: foundationDate(day)))
            let parts = gregorian.dateComponents([.year, .month, .day], from: expected)
            let ours: [Int] = [moved.year, moved.month, moved.day]
            let theirs = try [#require(parts.year), #require(parts.month), #require(parts.day)]
            #expect(ours == theirs)
            let february = try #require(gregorian.date(from: DateComponents(year: start.year, month: 2, day: 1)))
            let leap = try #require(gregorian.range(of: .day, in: .month, for: february)).count == 29
            #expect((CalendarDate(year: start.year, month: 2, day: 29) != nil) == leap)
        }
    }

    /// Every clock time a cohort may book (a recorded `time:` or a site's `times:`: the readers refuse any that
    /// touches 02:00–03:00), on any day of 1970–2100, is a wall-clock time that exists exactly once in
    /// Europe/Amsterdam: converting it to an instant and back gives the same wall time, and Foundation's time-zone
    /// database gives the same instant.
    @Test func bookableTimesNeverFallInADSTGap() async throws {
        let zone = try #require(TimeZone(identifier: "Europe/Amsterdam"))
        let times = (0..<1440).filter { !ClockSpan(fromMinutes: $0).touchesClockChangeHour }.map { ($0 / 60, $0 % 60) }
        #expect(times.count == 1440 - 60)
        await propertyCheck(count: 1_500, input: Gen.int(in: 0...47_482), Gen.int(in: 0..<times.count)) { day, index in
            let (hour, minute) = times[index]
            let date = CalendarDate(daysSince1970: day)
            let local = try #require(LocalDateTime(date: date, hour: hour, minute: minute))
            guard let instant = TimeZoneLibrary.instant(of: local, in: "Europe/Amsterdam") else {
                Issue.record("no instant for \(local)")
                return
            }
            #expect(TimeZoneLibrary.localTime(at: instant, in: "Europe/Amsterdam") == local)
            var parts = DateComponents(year: date.year, month: date.month, day: date.day, hour: hour, minute: minute)
            parts.timeZone = zone
            var amsterdam = Calendar(identifier: .gregorian)
            amsterdam.timeZone = zone
            let foundation = try #require(amsterdam.date(from: parts))
            #expect(Int64(foundation.timeIntervalSince1970) == instant.secondsSince1970)
        }
    }
}
