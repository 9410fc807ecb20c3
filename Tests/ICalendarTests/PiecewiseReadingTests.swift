import Foundation
import ICalendar
import Testing
import TestSupport

/// libical parses a calendar in pieces (the VCALENDAR without its VEVENTs, then each VEVENT on its own); what comes
/// out must be what one parse of the whole text gives, also where libical and the scanner see the components
/// differently.
@Suite struct PiecewiseReadingTests {
    /// A VEVENT of 8 lines with UID `uid`: 08:00–09:00 in Amsterdam on 5 January 2026, weekly, 3 times.
    func event(_ uid: String) -> String {
        """
        BEGIN:VEVENT\r
        UID:\(uid)\r
        DTSTAMP:20260101T000000Z\r
        DTSTART;TZID=Europe/Amsterdam:20260105T080000\r
        DTEND;TZID=Europe/Amsterdam:20260105T090000\r
        RRULE:FREQ=WEEKLY;COUNT=3\r
        SUMMARY:s\(uid)\r
        END:VEVENT\r

        """
    }

    let head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
    let amsterdamZone = """
        BEGIN:VTIMEZONE\r
        TZID:Europe/Amsterdam\r
        BEGIN:STANDARD\r
        DTSTART:19701025T030000\r
        TZOFFSETFROM:+0200\r
        TZOFFSETTO:+0100\r
        RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
        END:STANDARD\r
        BEGIN:DAYLIGHT\r
        DTSTART:19700329T020000\r
        TZOFFSETFROM:+0100\r
        TZOFFSETTO:+0200\r
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
        END:DAYLIGHT\r
        END:VTIMEZONE\r

        """

    /// To the scanner `BEGIN:VEVENT,X` opens a component named `VEVENT,X`; libical stops at the comma and makes a
    /// VEVENT of it. The calendar is then read whole, and the event keeps its place between the others.
    @Test func aVEVENTOnlyLibicalSeesKeepsItsPlace() throws {
        let text = head + event("1") + "BEGIN:VEVENT,X\r\nUID:2\r\nDTSTART:20260106\r\nEND:VEVENT,X\r\n" + event("3")
            + "END:VCALENDAR\r\n"
        #expect(try readValid(text).events.map(\.uid) == ["1", "2", "3"])
    }

    /// `begın` (a dotless i) upper-cases to BEGIN, but libical compares ASCII only and takes it for a property with a
    /// bad name: the calendar is read whole, and that line (12) is the error.
    @Test func aBeginOnlyTheScannerSeesIsLocated() {
        let text = head + event("1") + "begın:VEVENT\r\nUID:2\r\nDTSTART:20260106\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        #expect(diagnostics(of: Array(text.utf8)) == ["12:1 invalid_value"])
    }

    /// libical drops white space at the end of a name, so `END⏎:VEVENT` (a stray CR) ends the first event for it,
    /// the `END:VEVENT` after it ends the calendar, and the second event is left outside any calendar: one event,
    /// as one parse of the whole text gives, where the pieces would have given two.
    @Test func aNameWithWhiteSpaceAtItsEndIsReadAsLibicalReadsIt() throws {
        let text = head + event("1").replacingOccurrences(of: "END:VEVENT", with: "END\r:VEVENT\r\nEND:VEVENT")
            + event("2") + "END:VCALENDAR\r\n"
        #expect(try readValid(text).events.map(\.uid) == ["1"])
    }

    /// libical joins a line that starts with a space to an empty line before it: ` END:VEVENT` there ends the event.
    @Test func aSpaceLedLineAfterAnEmptyLineIsReadAsLibicalReadsIt() throws {
        let text = head + event("1").replacingOccurrences(of: "END:VEVENT", with: "\r\n END:VEVENT\r\nEND:VEVENT")
            + event("2") + "END:VCALENDAR\r\n"
        #expect(try readValid(text).events.map(\.uid) == ["1"])
    }

    /// libical's errors are counted in every piece: in the calendar's own lines (line 4) and in an event (line 19).
    @Test func errorsInAnyPieceAreLocated() {
        let inCalendar = head + "DTSTRAT:1\r\n" + event("1") + "END:VCALENDAR\r\n"
        #expect(diagnostics(of: Array(inCalendar.utf8)) == ["4:1 invalid_value"])
        let inEvent = head + event("1") + event("2").replacingOccurrences(of: "SUMMARY", with: "DTSTRAT:1\r\nSUMMARY")
            + "END:VCALENDAR\r\n"
        #expect(diagnostics(of: Array(inEvent.utf8)) == ["18:1 invalid_value"])
    }

    /// Two calendars in one file: the events of both, in order; the later calendar's name wins, as before.
    @Test func severalCalendars() throws {
        let text = head + event("1") + "END:VCALENDAR\r\n" + head + "X-WR-CALNAME:two\r\n" + event("2") + amsterdamZone
            + "END:VCALENDAR\r\n"
        let document = try readValid(text)
        #expect(document.events.map(\.uid) == ["1", "2"])
        #expect(document.name == "two")
        #expect(document.definedTimeZones == ["Europe/Amsterdam"])
    }

    /// A VTIMEZONE after the events still gives them their zone when expanding: 08:00 in Amsterdam on 5, 12 and
    /// 19 January 2026 (winter time, UTC+1) is 07:00 UTC.
    @Test func aZoneDefinedAfterTheEvents() throws {
        let text = head + event("1") + amsterdamZone + "END:VCALENDAR\r\n"
        let found = try CalendarReader().occurrences(bytes: Array(text.utf8), file: "t.ics",
                                                     from: day(2026, 1, 1), to: day(2026, 2, 1))
        #expect(found.map(\.start) == [5, 12, 19].map { amsterdam(2026, 1, $0, 8, 0) })
        #expect(found.map { $0.utcStart!.utc } == [5, 12, 19].map { local(2026, 1, $0, 7, 0) })
    }
}
