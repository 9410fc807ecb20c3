import ICalendar
import Calendrical

/// The demonstration calendar `ahsct ics sample` writes: one made-up patient's autumn 2026, using every
/// feature the planner's calendars rely on. Summer time ends on Sunday 25 October 2026, inside the
/// blood-count series, so a client that gets zones wrong shows the later visits an hour off.
enum SampleCalendar {
    static let zone = "Europe/Amsterdam"

    static var document: CalendarDocument {
        CalendarDocument(productID: "-//ahsct-planner//sample//EN", name: "Voorbeeld behandelplan",
                         timeZone: zone, events: events)
    }

    static func at(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int) -> EventTime {
        .zoned(LocalDateTime(clamping: CalendarDate(clamping: year, month, day), hour: hour, minute: minute), timeZone: zone)
    }

    static func day(_ year: Int, _ month: Int, _ day: Int) -> EventTime {
        .allDay(CalendarDate(clamping: year, month, day))
    }

    static var events: [Event] {
        var infusion = Event(uid: "sample-0001-mobilisation-day1@ahsct-planner", summary: "Dagbehandeling: infuus",
                             start: at(2026, 9, 14, 9, 0), end: at(2026, 9, 14, 13, 0))
        infusion.status = .confirmed
        infusion.location = "Dagbehandeling"
        infusion.description = "Maandag 14 september 2026, 09:00–13:00 (Nederlandse tijd).\nNeem uw ID-bewijs, verzekeringspas en medicijnoverzicht mee."
        infusion.category = "Behandeling"
        infusion.alarms = [Alarm(trigger: .beforeStart(seconds: 86_400), message: "Morgen: dagbehandeling om 09:00")]

        var injections = Event(uid: "sample-0001-gcsf@ahsct-planner", summary: "Injectie (dagelijks)",
                               start: at(2026, 9, 15, 8, 0), end: at(2026, 9, 15, 8, 15))
        injections.status = .confirmed
        injections.recurrence = RecurrenceRule(frequency: .daily, end: .count(5))

        var harvest = Event(uid: "sample-0001-apheresis-1@ahsct-planner", summary: "Afspraak stamcelafname",
                            start: at(2026, 9, 18, 8, 0), end: at(2026, 9, 18, 14, 0))
        harvest.status = .tentative
        harvest.transparency = .opaque

        var admission = Event(uid: "sample-0001-conditioning@ahsct-planner", summary: "Opname verpleegafdeling",
                              start: day(2026, 10, 19), end: day(2026, 10, 24))
        admission.status = .tentative
        admission.transparency = .transparent
        admission.description = "Tussen maandag 12 oktober en maandag 26 oktober 2026; verwacht maandag 19 oktober."
        admission.alarms = [Alarm(trigger: .beforeStart(seconds: 3 * 86_400), message: "Over drie dagen: opname")]

        var counts = Event(uid: "sample-0001-blood-counts@ahsct-planner", summary: "Bloedafname",
                           start: at(2026, 10, 23, 8, 30), end: at(2026, 10, 23, 8, 45))
        counts.status = .tentative
        counts.recurrence = RecurrenceRule(
            frequency: .weekly, daysOfTheWeek: [.init(.monday), .init(.wednesday), .init(.friday)],
            end: .until(.utc(LocalDateTime(clamping: CalendarDate(clamping: 2026, 11, 13), hour: 7, minute: 30))))
        counts.exceptionDates = [at(2026, 11, 4, 8, 30)]
        counts.classification = .confidential

        var recovery = Event(uid: "sample-0001-recovery@ahsct-planner", summary: "Herstel thuis",
                             start: day(2026, 11, 14), end: day(2027, 5, 15))
        recovery.status = .tentative
        recovery.transparency = .transparent
        recovery.organizer = Organizer(address: "mailto:planning@example.org", commonName: "Planning")
        return [infusion, injections, harvest, admission, counts, recovery]
    }
}
