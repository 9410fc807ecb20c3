import Calendrical
import ICalendar
import Pathway

extension PlanCalendars {
    /// The staff calendars and which events go into each.
    public static let staffRoles: [(role: String, kinds: Set<String>)] = [
        ("apheresis-unit", [CalendarEventKind.apheresis.rawValue, CalendarEventKind.heldApheresis.rawValue]),
        ("day-care", [CalendarEventKind.infusion.rawValue]),
        ("neurology", [CalendarEventKind.secondOpinion.rawValue, CalendarEventKind.committeeAnswer.rawValue,
                       CalendarEventKind.evaluation.rawValue, CalendarEventKind.controlVisit.rawValue,
                       CalendarEventKind.homeCheck.rawValue]),
    ]

    /// The kinds the ward calendar shows.
    static let wardKinds: Set<CalendarEventKind> = [.admission, .reinfusion, .isolation, .bloodCounts, .discharge]

    /// One patient's own calendar, in their language: every step of their plan, with dates in words, advice and
    /// the site's phone numbers. Their name appears only here (in the calendar's name).
    public func patientCalendar(_ plan: PatientPlan, record: PatientRecord) -> CalendarDocument {
        let texts = CalendarTexts(language: record.language)
        let events = Self.items(plan).map { item in
            var event = self.event(item, pseudonym: plan.patientID, texts: texts, title: texts.title(item.kind))
            var description = [texts.when(item.first, from: time(item.kind)?.from, to: time(item.kind)?.to)]
            if item.last != item.first {
                description.append(record.language == .nl ? "Tot en met \(texts.date(item.last))." : "Until \(texts.date(item.last)) inclusive.")
            }
            if let window = item.window { description.append(texts.window(window)) }
            description += texts.advice(item.kind)
            if let contacts = texts.contacts(site.contacts) { description.append(contacts) }
            event.description = description.joined(separator: "\n\n")
            event.classification = .private
            let daysAhead = item.kind == .admission ? 3 : 1
            if item.kind != .injection && item.kind != .bloodCounts && item.kind != .isolation && item.kind != .recovery {
                event.alarms = [Alarm(trigger: .beforeStart(seconds: daysAhead * 86_400),
                                      message: texts.reminder(item.kind, daysAhead: daysAhead))]
            }
            return event
        }
        let name = record.name.map { "\(texts.calendarName): \($0)" } ?? texts.calendarName
        return CalendarDocument(productID: "-//ahsct-planner//patient//\(record.language.rawValue.uppercased())",
                                name: name, timeZone: site.timeZone, events: events)
    }

    /// The ward's calendar: admissions, reinfusions, isolation spans, blood counts and discharges of every patient,
    /// by pseudonym, `CLASS:CONFIDENTIAL`.
    public func wardCalendar(_ plans: [PatientPlan], language: PatientRecord.Language = .nl) -> CalendarDocument {
        let texts = CalendarTexts(language: language)
        let events = plans.flatMap { plan in
            Self.items(plan).filter { Self.wardKinds.contains($0.kind) }.map { item in
                staffEvent(item, pseudonym: plan.patientID, texts: texts)
            }
        }
        return CalendarDocument(productID: "-//ahsct-planner//ward//\(language.rawValue.uppercased())",
                                name: language == .nl ? "Afdeling: opnames en isolatie" : "Ward: admissions and isolation",
                                timeZone: site.timeZone, events: events)
    }

    /// One calendar per staff role (`apheresis-unit`, `day-care`, `neurology`), by pseudonym, `CLASS:CONFIDENTIAL`.
    public func staffCalendars(_ plans: [PatientPlan], language: PatientRecord.Language = .nl) -> [(role: String, calendar: CalendarDocument)] {
        let texts = CalendarTexts(language: language)
        return Self.staffRoles.map { role, kinds in
            let events = plans.flatMap { plan in
                Self.items(plan).filter { kinds.contains($0.kind.rawValue) }.map { item in
                    staffEvent(item, pseudonym: plan.patientID, texts: texts)
                }
            }
            return (role, CalendarDocument(productID: "-//ahsct-planner//staff//\(language.rawValue.uppercased())",
                                           name: role, timeZone: site.timeZone, events: events))
        }
    }

    private func staffEvent(_ item: Item, pseudonym: String, texts: CalendarTexts) -> Event {
        var event = self.event(item, pseudonym: pseudonym, texts: texts, title: "\(pseudonym): \(texts.title(item.kind))")
        var description = [texts.when(item.first, from: time(item.kind)?.from, to: time(item.kind)?.to)]
        if let window = item.window {
            description.append(texts.language == .nl
                ? "Venster: \(window.earliest) … \(window.latest)."
                : "Window: \(window.earliest) … \(window.latest).")
        }
        event.description = description.joined(separator: "\n")
        event.classification = .confidential
        return event
    }

    /// The event common to every audience: time, status, UID, recurrence.
    private func event(_ item: Item, pseudonym: String, texts: CalendarTexts, title: String) -> Event {
        let start: EventTime, end: EventTime
        if let times = time(item.kind) {
            start = .zoned(LocalDateTime(date: item.first, hour: times.from.0, minute: times.from.1)!, timeZone: site.timeZone)
            end = .zoned(LocalDateTime(date: item.first, hour: times.to.0, minute: times.to.1)!, timeZone: site.timeZone)
        } else {
            start = .allDay(item.first)
            end = .allDay(item.last.adding(days: 1))  // DTEND is exclusive
        }
        var event = Event(uid: Self.uid(pseudonym, item), summary: title, start: start, end: end)
        event.stamp = now
        event.status = item.fixed ? .confirmed : .tentative
        // Spans do not block the day in free/busy; visits do.
        event.transparency = time(item.kind) == nil ? .transparent : .opaque
        if let count = item.repeatDaily { event.recurrence = RecurrenceRule(frequency: .daily, end: .count(count)) }
        if item.bloodCountCount != nil, let times = time(item.kind),
           let last = TimeZoneLibrary.instant(of: LocalDateTime(date: item.last, hour: times.from.0, minute: times.from.1)!,
                                              in: site.timeZone) {
            // Until the last count before the expected discharge (UNTIL in UTC, as RFC 5545 wants for zoned starts).
            event.recurrence = RecurrenceRule(frequency: .weekly, daysOfTheWeek: item.weekdays.map { .init($0) },
                                              end: .until(.utc(last.utc)))
        }
        return event
    }
}
