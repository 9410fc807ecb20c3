import ICalendar
import Testing
import TestSupport
import Calendrical

@Suite struct RecurrenceExpansionTests {
    func occurrences(_ document: CalendarDocument, from: CalendarDate, to: CalendarDate) throws -> [Occurrence] {
        let text = try CalendarWriter(now: fixedNow).write(document)
        return try CalendarReader().occurrences(bytes: Array(text.utf8), file: "t.ics", from: from, to: to)
    }

    /// Mon/Wed/Fri at 08:30 Amsterdam from Friday 23 October 2026 until 6 November (07:30 UTC), without
    /// Wednesday 28 October (EXDATE). Summer time ends Sunday 25 October: the wall clock stays 08:30,
    /// the UTC time moves from 06:30 (UTC+2) to 07:30 (UTC+1).
    @Test func weeklySeriesAcrossTheDSTChange() throws {
        let series = allFeaturesDocument().events[2]
        let found = try occurrences(CalendarDocument(productID: "-//t//EN", events: [series]),
                                    from: day(2026, 10, 1), to: day(2026, 12, 1))
        #expect(found.map(\.start) == [23, 26, 30].map { amsterdam(2026, 10, $0, 8, 30) }
                + [2, 4, 6].map { amsterdam(2026, 11, $0, 8, 30) })
        #expect(found.map { $0.utcStart!.utc } == [local(2026, 10, 23, 6, 30), local(2026, 10, 26, 7, 30),
                                                    local(2026, 10, 30, 7, 30), local(2026, 11, 2, 7, 30),
                                                    local(2026, 11, 4, 7, 30), local(2026, 11, 6, 7, 30)])
        #expect(found.allSatisfy { $0.end == .zoned(LocalDateTime(date: $0.start.date, hour: 8, minute: 45)!, timeZone: "Europe/Amsterdam") })
    }

    /// COUNT=6 daily from 15 September gives 15…20 September; the range cuts at its end (exclusive).
    @Test func countAndRange() throws {
        let daily = allFeaturesDocument().events[3]
        let document = CalendarDocument(productID: "-//t//EN", events: [daily])
        #expect(try occurrences(document, from: day(2026, 9, 1), to: day(2026, 10, 1)).map(\.start.date)
                == (15...20).map { day(2026, 9, $0) })
        #expect(try occurrences(document, from: day(2026, 9, 17), to: day(2026, 9, 19)).map(\.start.date)
                == [day(2026, 9, 17), day(2026, 9, 18)])
    }

    /// An all-day span is one occurrence on its first day, its exclusive end kept.
    @Test func allDaySpan() throws {
        let span = allFeaturesDocument().events[1]
        let found = try occurrences(CalendarDocument(productID: "-//t//EN", events: [span]),
                                    from: day(2026, 12, 1), to: day(2027, 2, 1))
        #expect(found.map(\.start) == [.allDay(day(2026, 12, 28))])
        #expect(found.map(\.end) == [.allDay(day(2027, 1, 2))])
        #expect(found[0].utcStart == nil)
    }

    /// A RECURRENCE-ID override replaces the occurrence it names (Wednesday 7 January 2026 moves to 14:00).
    @Test func overrideReplacesItsOccurrence() throws {
        let text = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//t//EN\r
            BEGIN:VEVENT\r
            UID:s1\r
            DTSTAMP:20261122T000000Z\r
            DTSTART;TZID=Europe/Amsterdam:20260105T090000\r
            DTEND;TZID=Europe/Amsterdam:20260105T100000\r
            RRULE:FREQ=DAILY;COUNT=3\r
            SUMMARY:Reeks\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:s1\r
            DTSTAMP:20261122T000000Z\r
            RECURRENCE-ID;TZID=Europe/Amsterdam:20260106T090000\r
            DTSTART;TZID=Europe/Amsterdam:20260106T140000\r
            DTEND;TZID=Europe/Amsterdam:20260106T150000\r
            SUMMARY:Verplaatst\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        let found = try CalendarReader().occurrences(bytes: Array(text.utf8), file: "t.ics", from: day(2026, 1, 1), to: day(2026, 2, 1))
        #expect(found.map(\.start) == [amsterdam(2026, 1, 5, 9, 0), amsterdam(2026, 1, 6, 14, 0), amsterdam(2026, 1, 7, 9, 0)])
        #expect(found.map(\.summary) == ["Reeks", "Verplaatst", "Reeks"])
    }

    /// A rule that would expand into hundreds of millions of occurrences is refused, not run.
    @Test func runawayExpansionIsRefused() throws {
        var event = Event(uid: "fast", summary: "x", start: .utc(local(2026, 1, 1, 0, 0)))
        event.recurrence = RecurrenceRule(frequency: .secondly)
        #expect(throws: ICalendarParseError.self) {
            try occurrences(CalendarDocument(productID: "-//t//EN", events: [event]), from: day(2026, 1, 1), to: day(2036, 1, 1))
        }
    }
}

@Suite struct TimeZoneLibraryTests {
    @Test func knowsIANAZonesOnly() {
        #expect(TimeZoneLibrary.isKnown("Europe/Amsterdam"))
        #expect(TimeZoneLibrary.isKnown("America/New_York"))
        #expect(!TimeZoneLibrary.isKnown("Mars/Olympus"))
        #expect(!TimeZoneLibrary.isKnown(""))
    }

    /// 12:00 on the Saturday before the change is summer time (UTC+2); on the Sunday after, winter time (UTC+1).
    @Test func convertsAroundTheDSTChange() {
        let zone = "Europe/Amsterdam"
        #expect(TimeZoneLibrary.instant(of: local(2026, 10, 24, 12, 0), in: zone)?.utc == local(2026, 10, 24, 10, 0))
        #expect(TimeZoneLibrary.instant(of: local(2026, 10, 25, 12, 0), in: zone)?.utc == local(2026, 10, 25, 11, 0))
        // Spring: 29 March 2026 at 12:00 is summer time already.
        #expect(TimeZoneLibrary.instant(of: local(2026, 3, 29, 12, 0), in: zone)?.utc == local(2026, 3, 29, 10, 0))
        // 02:30 on 25 October happens twice (CEST, then CET): RFC 5545 §3.3.5 takes the first, 00:30 UTC.
        #expect(TimeZoneLibrary.instant(of: local(2026, 10, 25, 2, 30), in: zone)?.utc == local(2026, 10, 25, 0, 30))
        #expect(TimeZoneLibrary.localTime(at: Instant(utc: local(2026, 10, 25, 11, 0)), in: zone) == local(2026, 10, 25, 12, 0))
        #expect(TimeZoneLibrary.instant(of: local(2026, 10, 25, 12, 0), in: "Mars/Olympus") == nil)
    }

    /// A zone is kept once made (its table of changes with it) and shared: many threads converting through the
    /// same zones at once get what one thread gets, before and after the clocks change, in both directions.
    @Test func keptZonesAgreeAcrossThreads() async {
        let zones = ["Europe/Amsterdam", "America/New_York", "Australia/Sydney"]
        // Noon on every 7th day of 2026–2027, in each zone: around every change of the clocks.
        let days = stride(from: 0, to: 730, by: 7).map { CalendarDate(clamping: 2026, 1, 1).adding(days: $0) }
        func convert(_ zone: String) -> [Int64] {
            days.flatMap { day -> [Int64] in
                let instant = TimeZoneLibrary.instant(of: LocalDateTime(clamping: day, hour: 12, minute: 0), in: zone)
                let back = instant.flatMap { TimeZoneLibrary.localTime(at: $0, in: zone) }
                return [instant?.secondsSince1970 ?? -1, back == LocalDateTime(clamping: day, hour: 12, minute: 0) ? 1 : 0]
            }
        }
        let alone = Dictionary(uniqueKeysWithValues: zones.map { ($0, convert($0)) })
        let together = await withTaskGroup(of: (String, [Int64]).self) { group in
            for index in 0..<24 { group.addTask { (zones[index % 3], convert(zones[index % 3])) } }
            return await group.reduce(into: [(String, [Int64])]()) { $0.append($1) }
        }
        #expect(together.count == 24 && together.allSatisfy { alone[$0.0] == $0.1 })
        // 12:00 in Amsterdam on Thursday 1 January 2026 (winter, UTC+1) is 11:00 UTC; every round trip came back.
        #expect(alone["Europe/Amsterdam"]?.first == Instant(utc: local(2026, 1, 1, 11, 0)).secondsSince1970)
        #expect(alone.values.allSatisfy { values in stride(from: 1, to: values.count, by: 2).allSatisfy { values[$0] == 1 } })
    }

    @Test func vtimezoneHasThePlainTZID() throws {
        let text = try #require(TimeZoneLibrary.vtimezoneText(for: "Europe/Amsterdam"))
        #expect(text.hasPrefix("BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam\r\n"))
        #expect(text.utf8.count < 4000)  // truncated from 1970, not the full history back to 1835
    }
}

/// libical's builtin-zone table is global: many threads writing and reading at once must not race.
@Suite struct ConcurrencyTests {
    @Test func parallelWritesAndReadsAgree() async throws {
        let zones = ["Europe/Amsterdam", "Europe/London", "America/New_York", "Asia/Tokyo", "Australia/Sydney",
                     "Europe/Berlin", "America/Sao_Paulo", "Africa/Cairo"]
        let expected = try CalendarWriter(now: fixedNow).write(allFeaturesDocument())
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask {
                    var document = allFeaturesDocument()
                    if index % 2 == 0 {
                        // Fresh zones, looked up from many threads at once.
                        document.events[0].start = .zoned(local(2026, 10, 23, 9, 30), timeZone: zones[index / 2 % zones.count])
                        document.events[0].end = nil
                        let text = try CalendarWriter(now: fixedNow).write(document)
                        return try readValid(text).events[0].start == document.events[0].start
                    }
                    let text = try CalendarWriter(now: fixedNow).write(document)
                    let count = try readValid(text).events.count
                    return text == expected && count == 5
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 64 && results.allSatisfy { $0 })
    }
}
