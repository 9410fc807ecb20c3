import ICalendar
let ams = "Europe/Amsterdam"
var e = Event(uid: "a1@x", summary: "Bloedafname, test; ok", start: .zoned(LocalDateTime(year: 2026, month: 10, day: 23, hour: 8, minute: 30)!, timeZone: ams), end: .zoned(LocalDateTime(year: 2026, month: 10, day: 23, hour: 8, minute: 45)!, timeZone: ams))
e.recurrence = RecurrenceRule(frequency: .weekly, daysOfTheWeek: [.init(.monday), .init(.wednesday), .init(.friday)], end: .until(.utc(LocalDateTime(year: 2026, month: 11, day: 2, hour: 7, minute: 30)!)))
e.alarms = [Alarm(trigger: .beforeStart(seconds: 86400), message: "Morgen")]
e.status = .tentative; e.classification = .confidential; e.transparency = .opaque; e.category = "Ziekenhuis"
e.organizer = Organizer(address: "mailto:planning@example.org", commonName: "Planning")
e.description = "Regel één\nRegel twee met een heel lange tekst die zeker gevouwen moet worden door libical omdat hij langer is dan vijfenzeventig"
var d = Event(uid: "a2@x", summary: "Opname", start: .allDay(CalendarDate(year: 2026, month: 12, day: 24)!), end: .allDay(CalendarDate(year: 2026, month: 12, day: 29)!))
d.exceptionDates = []
let w = CalendarWriter(now: Instant(utc: LocalDateTime(year: 2026, month: 11, day: 22, hour: 0, minute: 0)!))
print(try w.write(CalendarDocument(productID: "-//t//EN", name: "Test", timeZone: ams, events: [e, d])))
print(TimeZoneLibrary.instant(of: LocalDateTime(year: 2026, month: 10, day: 25, hour: 12, minute: 0)!, in: ams)!)
