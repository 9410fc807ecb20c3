import Calendrical
import FHIR
import ICalendar
import Testing
import TestSupport

/// FHIR's instants written and read in the site's zone (Europe/Amsterdam: UTC+1 in winter, UTC+2 in summer).
@Suite struct FHIRTimeTests {
    let zone = "Europe/Amsterdam"

    /// Tuesday 10 November 2026 is winter time (+01:00); Tuesday 30 March 2027 is after the change of Sunday
    /// 28 March (+02:00).
    @Test func instantsCarryTheOffsetOfTheDay() {
        #expect(FHIRTime.instant(day(2026, 11, 10), hour: 8, minute: 0, zone: zone) == "2026-11-10T08:00:00+01:00")
        #expect(FHIRTime.instant(day(2027, 3, 30), hour: 8, minute: 0, zone: zone) == "2027-03-30T08:00:00+02:00")
        #expect(FHIRTime.instant(day(2026, 11, 22), hour: 0, minute: 0, zone: zone) == "2026-11-22T00:00:00+01:00")
    }

    /// 23:30 UTC on 24 November is 00:30 on 25 November in Amsterdam: the day recorded is the 25th.
    @Test func instantsBecomeTheSitesLocalDay() throws {
        let late = try FHIRTime.read("2026-11-24T23:30:00Z", instant: true, zone: zone).get()
        #expect(late.day == day(2026, 11, 25))
        let summer = try FHIRTime.read("2027-06-01T22:15:00.250-00:00", instant: true, zone: zone).get()
        #expect(summer == .local(LocalDateTime(clamping: day(2027, 6, 2), hour: 0, minute: 15)))
        #expect(try FHIRTime.read("2026-12-01", instant: false, zone: zone).get() == .day(day(2026, 12, 1)))
        #expect(try FHIRTime.read("2026-12", instant: false, zone: zone).get() == .partial)
    }

    /// The nights the clocks change. A whole day runs from midnight to the next midnight at that day's offsets:
    /// Sunday 25 October 2026 starts in summer time (+02:00) and ends in winter time (+01:00), 25 hours; Sunday
    /// 28 March 2027 the other way round, 23 hours. Read back, 02:30 on 25 October exists twice (at +02:00, then at
    /// +01:00): both are 25 October in Amsterdam. On 28 March the clocks jump at 01:00 UTC from 02:00 to 03:00:
    /// 00:30 UTC is 01:30 winter time, 01:30 UTC is 03:30 summer time, both the 28th.
    @Test func theNightsTheClocksChange() throws {
        #expect(FHIRTime.instant(day(2026, 10, 25), hour: 0, minute: 0, zone: zone) == "2026-10-25T00:00:00+02:00")
        #expect(FHIRTime.instant(day(2026, 10, 26), hour: 0, minute: 0, zone: zone) == "2026-10-26T00:00:00+01:00")
        #expect(FHIRTime.instant(day(2027, 3, 28), hour: 0, minute: 0, zone: zone) == "2027-03-28T00:00:00+01:00")
        #expect(FHIRTime.instant(day(2027, 3, 29), hour: 0, minute: 0, zone: zone) == "2027-03-29T00:00:00+02:00")
        #expect(FHIRTime.instant(day(2026, 10, 25), hour: 12, minute: 0, zone: zone) == "2026-10-25T12:00:00+01:00")
        let first = try FHIRTime.read("2026-10-25T02:30:00+02:00", instant: true, zone: zone).get()
        let second = try FHIRTime.read("2026-10-25T02:30:00+01:00", instant: true, zone: zone).get()
        #expect(first == .local(LocalDateTime(clamping: day(2026, 10, 25), hour: 2, minute: 30)))
        #expect(second == .local(LocalDateTime(clamping: day(2026, 10, 25), hour: 2, minute: 30)))
        let before = try FHIRTime.read("2027-03-28T00:30:00Z", instant: true, zone: zone).get()
        #expect(before == .local(LocalDateTime(clamping: day(2027, 3, 28), hour: 1, minute: 30)))
        let after = try FHIRTime.read("2027-03-28T01:30:00Z", instant: true, zone: zone).get()
        #expect(after == .local(LocalDateTime(clamping: day(2027, 3, 28), hour: 3, minute: 30)))
    }

    @Test(arguments: [
        ("2027-02-30", false, true),           // no 30 February
        ("2026-13-01", false, true),           // no month 13
        ("2026-11-10T25:00:00Z", true, true),  // no hour 25
        ("2026-11-10", true, false),           // an instant needs a time
        ("2026-11-10T08:00:00", false, false), // a time needs a zone
        ("2026-11-10T08:00Z", true, false),    // and seconds
        ("10-11-2026", false, false),
    ])
    func badValuesAreRefused(_ text: String, _ instant: Bool, _ nonexistent: Bool) {
        switch FHIRTime.read(text, instant: instant, zone: zone) {
        case .success: Issue.record("\(text) was read")
        case .failure(.nonexistent): #expect(nonexistent, "\(text)")
        case .failure(.form): #expect(!nonexistent, "\(text)")
        }
    }
}
