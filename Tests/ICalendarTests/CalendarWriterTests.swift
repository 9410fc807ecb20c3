import ICalendar
import Testing
import TestSupport

/// A calendar that uses every feature the planner's calendars rely on.
func allFeaturesDocument() -> CalendarDocument {
    var visit = Event(uid: "p-7f3a-visit-1@ahsct-planner", summary: "Polikliniek: controle",
                      start: amsterdam(2026, 10, 23, 9, 30), end: amsterdam(2026, 10, 23, 10, 0))
    visit.status = .confirmed
    visit.sequence = 3
    visit.location = "Polikliniek, 1e etage"
    visit.category = "Afspraak"
    visit.classification = .private
    visit.transparency = .opaque
    visit.organizer = Organizer(address: "mailto:planning@example.org", commonName: "Planning, afdeling")
    // Long Dutch text with diacritics, a comma, a semicolon and newlines: libical folds and escapes it.
    visit.description = "Vrijdag 23 oktober 2026, 09:30 (Nederlandse tijd).\nNeem mee: ID-bewijs; verzekeringspas, medicijnoverzicht.\nVragen? Bel de polikliniek – privé-nummer staat in uw brief. Één kop koffie mag."
    visit.alarms = [Alarm(trigger: .beforeStart(seconds: 86_400), message: "Morgen om 09:30: controle")]

    var span = Event(uid: "p-7f3a-admission@ahsct-planner", summary: "Opname", start: .allDay(day(2026, 12, 28)),
                     end: .allDay(day(2027, 1, 2)))
    span.status = .tentative
    span.transparency = .transparent
    span.alarms = [Alarm(trigger: .beforeStart(seconds: 3 * 86_400), message: "Over drie dagen: opname"),
                   Alarm(trigger: .beforeEnd(seconds: 0), message: "Einde opname")]

    var series = Event(uid: "p-7f3a-counts@ahsct-planner", summary: "Bloedafname",
                       start: amsterdam(2026, 10, 23, 8, 30), end: amsterdam(2026, 10, 23, 8, 45))
    series.recurrence = RecurrenceRule(frequency: .weekly, daysOfTheWeek: [.init(.monday), .init(.wednesday), .init(.friday)],
                                       end: .until(.utc(local(2026, 11, 6, 7, 30))))
    series.exceptionDates = [amsterdam(2026, 10, 28, 8, 30)]
    series.classification = .confidential

    var daily = Event(uid: "p-7f3a-injections@ahsct-planner", summary: "Injectie", start: amsterdam(2026, 9, 15, 8, 0))
    daily.recurrence = RecurrenceRule(frequency: .daily, end: .count(6))

    var cancelled = Event(uid: "p-7f3a-old@ahsct-planner", summary: "Vervallen afspraak", start: .utc(local(2026, 9, 1, 7, 0)),
                          end: .utc(local(2026, 9, 1, 8, 0)))
    cancelled.status = .cancelled
    cancelled.sequence = 2
    cancelled.stamp = Instant(utc: local(2026, 8, 30, 12, 0))
    cancelled.alarms = [Alarm(trigger: .at(Instant(utc: local(2026, 8, 31, 18, 0))), message: "Herinnering")]

    return CalendarDocument(productID: "-//ahsct-planner//tests//EN", name: "Testkalender", timeZone: "Europe/Amsterdam",
                            events: [visit, span, series, daily, cancelled])
}

@Suite struct CalendarWriterTests {
    @Test func matchesGoldenFile() throws {
        let text = try CalendarWriter(now: fixedNow).write(allFeaturesDocument())
        try assertMatchesSnapshot(text, named: "all-features.ics")
    }

    @Test func isDeterministic() throws {
        let writer = CalendarWriter(now: fixedNow)
        #expect(try writer.write(allFeaturesDocument()) == writer.write(allFeaturesDocument()))
    }

    @Test func writesWhatClientsNeed() throws {
        let text = try CalendarWriter(now: fixedNow).write(allFeaturesDocument())
        let lines = text.components(separatedBy: "\r\n")
        // CRLF everywhere, and libical folds at 75 octets.
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.contains("METHOD:PUBLISH"))
        #expect(lines.contains("X-WR-TIMEZONE:Europe/Amsterdam"))
        // The plain TZID, not libical's /freeassociation.sourceforge.net/ prefix; one VTIMEZONE for one zone.
        #expect(lines.contains("TZID:Europe/Amsterdam"))
        #expect(!text.contains("freeassociation"))
        #expect(lines.filter { $0 == "BEGIN:VTIMEZONE" }.count == 1)
        // Truncated to 1970 onwards: no observance starts before 1970.
        let observanceYears = lines.filter { $0.hasPrefix("DTSTART:") }.compactMap { Int($0.dropFirst(8).prefix(4)) }
        #expect(!observanceYears.isEmpty && observanceYears.allSatisfy { $0 >= 1970 })
        #expect(lines.contains("DTSTART;TZID=Europe/Amsterdam:20261023T093000"))
        // All-day: VALUE=DATE and an exclusive end (28 Dec … 1 Jan → DTEND 2 Jan).
        #expect(lines.contains("DTSTART;VALUE=DATE:20261228"))
        #expect(lines.contains("DTEND;VALUE=DATE:20270102"))
        #expect(lines.contains("RRULE:FREQ=WEEKLY;UNTIL=20261106T073000Z;BYDAY=MO,WE,FR"))
        #expect(lines.contains("RRULE:FREQ=DAILY;COUNT=6"))
        #expect(lines.contains("EXDATE;TZID=Europe/Amsterdam:20261028T083000"))
        #expect(lines.contains("TRIGGER:-P1D"))
        #expect(lines.contains("TRIGGER:-P3D"))
        #expect(lines.contains("TRIGGER;RELATED=END:PT0S") || lines.contains("TRIGGER;RELATED=END:P0D"))
        #expect(lines.contains("STATUS:CANCELLED") && lines.contains("SEQUENCE:2"))
        // The injected now is every DTSTAMP but the event that carries its own.
        #expect(lines.filter { $0 == "DTSTAMP:20261122T091500Z" }.count == 4)
        #expect(lines.contains("DTSTAMP:20260830T120000Z"))
        // TEXT escaping by libical.
        #expect(text.contains("ID-bewijs\\; verzekeringspas\\, medicijnoverzicht.\\nVragen?"))
        #expect(lines.contains("ORGANIZER;CN=\"Planning, afdeling\":mailto:planning@example.org")
                || lines.contains("ORGANIZER;CN=Planning\\, afdeling:mailto:planning@example.org"))
    }

    @Test func foldsWithoutSplittingCharacters() throws {
        var event = Event(uid: "u1", summary: String(repeating: "é", count: 100), start: .allDay(day(2026, 1, 5)))
        event.description = String(repeating: "ĳ€", count: 80)
        let text = try CalendarWriter(now: fixedNow).write(CalendarDocument(productID: "-//t//EN", events: [event]))
        // Every physical line is valid UTF-8 on its own: no character was cut in two by a fold.
        let bytes = Array(text.utf8)
        var lineStart = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            #expect(String(validating: bytes[lineStart..<index], as: UTF8.self) != nil)
            lineStart = index + 1
        }
        let back = try readValid(text)
        #expect(back.events[0].summary == event.summary)
        #expect(back.events[0].description == event.description)
    }

    @Test func rejectsWhatICalendarCannotHold() {
        let writer = CalendarWriter(now: fixedNow)
        func code(_ change: (inout Event) -> Void) -> ICalendarWriteError.Code? {
            var event = Event(uid: "u1", summary: "x", start: amsterdam(2026, 1, 5, 9, 0))
            change(&event)
            do {
                _ = try writer.write(CalendarDocument(productID: "-//t//EN", events: [event]))
                return nil
            } catch {
                return error.code
            }
        }
        #expect(code { _ in } == nil)
        #expect(code { $0.start = .zoned(local(2026, 1, 5, 9, 0), timeZone: "Mars/Olympus") } == .unknownTimeZone)
        #expect(code { $0.category = "a,b" } == .invalidText)
        // "\r\n" and "," followed by a combining mark are single Characters in Swift, but libical splits on the byte.
        #expect(code { $0.category = "a\r\nb" } == .invalidText)
        #expect(code { $0.category = "a,\u{301}b" } == .invalidText)
        #expect(code { $0.organizer = Organizer(address: "mailto:x@example.org", commonName: "a\u{0}b") } == .invalidText)
        #expect(code { $0.summary = "before\u{0}after" } == .invalidText)
        #expect(code { $0.uid = "" } == .invalidEvent)
        #expect(code { $0.end = .allDay(day(2026, 1, 6)) } == .invalidEvent)  // timed start, all-day end
        // A zoned start needs a UTC UNTIL (RFC 5545 §3.3.10).
        #expect(code { $0.recurrence = RecurrenceRule(frequency: .daily, end: .until(amsterdam(2026, 2, 1, 9, 0))) } == .invalidRecurrence)
        #expect(code { $0.recurrence = RecurrenceRule(frequency: .daily, end: .until(.utc(local(2026, 2, 1, 8, 0)))) } == nil)
    }
}
