import Foundation
import ICalendar
import Testing
import TestSupport

@Suite struct CalendarReaderTests {
    /// What we write, we read back as the same values (DTSTAMP becomes explicit).
    @Test func roundTripsEveryFeature() throws {
        let document = allFeaturesDocument()
        let back = try readValid(try CalendarWriter(now: fixedNow).write(document))
        #expect(back.productID == document.productID)
        #expect(back.method == "PUBLISH")
        #expect(back.name == document.name)
        #expect(back.timeZone == "Europe/Amsterdam")
        #expect(back.definedTimeZones == ["Europe/Amsterdam"])
        #expect(back.events.count == document.events.count)
        for (read, written) in zip(back.events, document.events) {
            var expected = written
            expected.stamp = written.stamp ?? fixedNow
            #expect(read == expected)
        }
    }

    @Test func durationBecomesAnEnd() throws {
        let text = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//t//EN\r
            BEGIN:VEVENT\r
            UID:d1\r
            DTSTAMP:20261122T000000Z\r
            DTSTART;TZID=Europe/Amsterdam:20261024T230000\r
            DURATION:PT2H\r
            SUMMARY:Nacht\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:d2\r
            DTSTAMP:20261122T000000Z\r
            DTSTART;VALUE=DATE:20261230\r
            DURATION:P3D\r
            SUMMARY:Dagen\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        let document = try readValid(text)
        // 23:00 + 2 hours on the wall clock is 01:00 the next day.
        #expect(document.events[0].end == amsterdam(2026, 10, 25, 1, 0))
        // 30 December + 3 days is 2 January (exclusive end).
        #expect(document.events[1].end == .allDay(day(2027, 1, 2)))
        // Europe/Amsterdam is not defined in the file, but is an IANA zone: accepted.
        #expect(document.definedTimeZones.isEmpty)
    }

    @Test func libicalSilentAcceptancesAreLocatedErrors() {
        func check(_ line: String) -> [String] {
            diagnostics(of: Array("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:1\r\n\(line)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8))
        }
        // Line 6 holds the property under test; columns count from 1.
        #expect(check("DTSTART:20230230") == ["6:15 invalid_date"])  // day digits start at column 15
        #expect(check("DTSTART:20231301T100000") == ["6:13 invalid_date"])  // month digits
        #expect(check("DTSTART:20230101T250000") == ["6:18 invalid_time"])  // hour digits after the T
        #expect(check("DTSTART:20230101T106000") == ["6:20 invalid_time"])
        #expect(check("DTSTART;TZID=Mars/Olympus:20230101T100000") == ["6:14 unknown_tzid"])
        #expect(check("DTSTART:20230101\r\nSEQUENCE:abc") == ["7:10 invalid_integer"])
        #expect(check("DTSTART:20230101\r\nRRULE:FREQ=DAILY;UNTIL=20230231") == ["7:30 invalid_date"])
        #expect(check("DTSTART:20230101\r\nRRULE:COUNT=3") == ["7:7 invalid_rrule"])
        #expect(check("DTSTART:20230101\r\nEXDATE:20230102,20230132") == ["7:23 invalid_date"])  // second item's day
        #expect(check("DTSTART:20230101\r\nSUMMARY:a\u{0}b") == ["7:10 nul_byte"])
        #expect(check("DTSTART:20240229") == [])  // a real leap day
    }

    @Test func structuralProblems() {
        #expect(diagnostics(of: []) == ["1:1 not_icalendar"])
        #expect(diagnostics(of: Array("hello\n".utf8)) == ["1:1 not_icalendar"])
        // Truncated: reported where the file ends (line 4 is the first line after the last one).
        #expect(diagnostics(of: Array("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\n".utf8)) == ["4:1 truncated"])
        #expect(diagnostics(of: Array("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VTODO\r\nEND:VCALENDAR\r\n".utf8)) == ["3:5 mismatched_end"])
        let deep = "BEGIN:VCALENDAR\r\n" + String(repeating: "BEGIN:X-DEEP\r\n", count: 100_000)
        #expect(diagnostics(of: Array(deep.utf8)) == ["33:1 nesting_too_deep"])
        // 0xFF on line 2, after "SUMMARY:" and one 2-byte character: column 10.
        var bytes = Array("BEGIN:VCALENDAR\r\nSUMMARY:é".utf8)
        bytes.append(0xFF)
        #expect(diagnostics(of: bytes) == ["2:10 invalid_utf8"])
        #expect(diagnostics(of: Array("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8))
                == ["3:1 missing_property"])
    }

    @Test func byteOrderMarkAndLongLines() throws {
        let text = try CalendarWriter(now: fixedNow).write(allFeaturesDocument())
        // A UTF-8 byte-order mark before BEGIN:VCALENDAR is not text: the file reads as without it.
        let marked = try CalendarReader().read(bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8), file: "bom.ics")
        #expect(marked == (try readValid(text)))
        // 1,000,001 bytes on line 2 (folded or not, the unfolded line counts): refused before libical sees it.
        let long = "BEGIN:VCALENDAR\r\nX-BIG:" + String(repeating: "a", count: 1_000_001 - 6) + "\r\nEND:VCALENDAR\r\n"
        #expect(diagnostics(of: Array(long.utf8)) == ["2:1 line_too_long"])
    }

    @Test func errorsOnFoldedLinesPointAtThePhysicalLine() {
        // The UNTIL value is split by a fold; its bad day (31 Feb) sits on physical line 8, after the leading space.
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20230101\r\nRRULE:FREQ=DAILY;UNTIL=2023\r\n 0231\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        #expect(diagnostics(of: Array(text.utf8)) == ["8:4 invalid_date"])
    }

    @Test func libicalErrorsAreMappedToTheirLine() {
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20230101\r\nDTSTRAT:20230101\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        #expect(diagnostics(of: Array(text.utf8)) == ["7:1 invalid_value"])
    }

    @Test(arguments: try fixtureNames("invalid"))
    func invalidFixture(_ name: String) throws {
        let folder = TestPaths.fixtures.appendingPathComponent("invalid")
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name + ".ics")))
        let expected = try expectations(folder.appendingPathComponent(name + ".expected"))
        #expect(diagnostics(of: bytes, file: name + ".ics") == expected)
    }

    @Test(arguments: try fixtureNames("valid"))
    func validFixture(_ name: String) throws {
        let folder = TestPaths.fixtures.appendingPathComponent("valid")
        let document = try CalendarReader().read(contentsOf: folder.appendingPathComponent(name + ".ics").path)
        let expected = try expectations(folder.appendingPathComponent(name + ".expected"))
        #expect(["ok \(document.events.count)"] == expected)
    }

    @Test func unreadableFiles() {
        #expect(throws: ICalendarParseError.self) { try CalendarReader().read(contentsOf: "/nonexistent/x.ics") }
        do {
            _ = try CalendarReader().read(contentsOf: NSTemporaryDirectory())
            Issue.record("a folder was read as a calendar")
        } catch {
            #expect(error.diagnostics.map(\.code) == [.unreadableFile])
        }
    }
}

/// The fixture names (without `.ics`) in a subfolder, sorted.
func fixtureNames(_ folder: String) throws -> [String] {
    let url = TestPaths.fixtures.appendingPathComponent(folder)
    guard FileManager.default.fileExists(atPath: url.path) else { return [] }
    return try FileManager.default.contentsOfDirectory(atPath: url.path)
        .filter { $0.hasSuffix(".ics") }.map { String($0.dropLast(4)) }.sorted()
}

/// The non-comment lines of an `.expected` file.
func expectations(_ url: URL) throws -> [String] {
    try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        .map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty && !$0.hasPrefix("#") }
}
