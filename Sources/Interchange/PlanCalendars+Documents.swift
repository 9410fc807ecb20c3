import Calendrical
import ICalendar
import Pathway
import Reports

extension PlanCalendars {
    /// The staff calendars and which events go into each.
    public static let staffRoles: [(role: String, kinds: Set<String>)] = [
        ("apheresis-unit", [CalendarEventKind.apheresis.rawValue, CalendarEventKind.heldApheresis.rawValue]),
        ("day-care", [CalendarEventKind.infusion.rawValue]),
        ("neurology", [CalendarEventKind.secondOpinion.rawValue, CalendarEventKind.committeeAnswer.rawValue,
                       CalendarEventKind.evaluation.rawValue, CalendarEventKind.controlVisit.rawValue,
                       CalendarEventKind.homeCheck.rawValue, CalendarEventKind.followUpVisit.rawValue,
                       CalendarEventKind.followUpScan.rawValue]),
    ]

    /// The kinds the ward calendar shows.
    static let wardKinds: Set<CalendarEventKind> = [.admission, .reinfusion, .isolation, .bloodCounts, .discharge]

    /// One patient's own calendar, in their language: every step of their plan (until the committee's answer, the
    /// two visits and the possible treatment period), with dates in words, what happens there, and the site's
    /// phone numbers. Their name appears only here (in the calendar's name).
    ///
    /// Only what is booked looks booked: a date that is neither recorded nor confirmed is an all-day, tentative
    /// event with its window in words and no reminder. A booked event has a clock time only when the data gives one
    /// (else it is all-day and says the time comes with the appointment letter), a reminder at 18:00 the evening
    /// before (three evenings before the admission), and blocks the patient's time; nothing that starts while they
    /// are in the ward reminds them.
    public func patientCalendar(_ plan: PatientPlan, record: PatientRecord) -> CalendarDocument {
        let texts = CalendarTexts(language: record.language)
        let contacts = texts.contacts(site.contacts)
        // The site's day of the run's instant: what "today" means for the patient's texts.
        let today = TimeZoneLibrary.localTime(at: now, in: site.timeZone)?.date ?? now.utc.date
        let events = entries.entries(plan, record: record, today: today).map { entry in
            var event = self.event(entry.item, pseudonym: plan.patientID, title: entry.title, clock: entry.clock)
            event.status = entry.item.fixed ? .confirmed : .tentative
            event.description = (entry.paragraphs + [contacts].compactMap { $0 }).joined(separator: "\n\n")
            event.location = entry.location
            event.classification = .private
            event.transparency = entry.busy ? .opaque : .transparent
            if let days = entry.reminderDaysAhead {
                event.alarms = [Alarm(trigger: .beforeStart(seconds: Self.reminderLead(days: days, clock: entry.clock)),
                                      message: texts.reminder(entry.item.kind, daysAhead: days))]
            }
            return event
        }
        let name = record.name.map { "\(texts.calendarName): \($0)" } ?? texts.calendarName
        return CalendarDocument(productID: "-//ahsct-planner//patient//\(record.language.rawValue.uppercased())",
                                name: name, timeZone: site.timeZone, events: events)
    }

    /// Seconds before the start that a reminder `days` ahead fires at 18:00 on the wall clock: an all-day event
    /// starts at midnight, so the day before at 18:00 is 6 hours ahead (`-PT6H`); a 09:30 visit is 15 h 30 min ahead.
    /// (On the night the clocks change the reminder is an hour early or late.)
    static func reminderLead(days: Int, clock: ClockSpan?) -> Int {
        let start = clock?.fromMinutes ?? 0
        return (days - 1) * 86_400 + (start + (24 - PatientEntries.reminderHour) * 60) * 60
    }

    /// The ward's calendar: admissions, reinfusions, isolation spans, blood counts and discharges of every patient,
    /// by pseudonym, `CLASS:CONFIDENTIAL`.
    public func wardCalendar(_ plans: [PatientPlan], language: PatientRecord.Language = .nl) -> CalendarDocument {
        let texts = CalendarTexts(language: language)
        let events = plans.flatMap { plan in
            CalendarItem.items(of: plan).filter { Self.wardKinds.contains($0.kind) }.map { item in
                staffEvent(item, pseudonym: plan.patientID, texts: texts)
            }
        }
        return CalendarDocument(productID: "-//ahsct-planner//ward//\(language.rawValue.uppercased())",
                                name: texts.wardCalendarName,
                                timeZone: site.timeZone, events: events)
    }

    /// One calendar per staff role (`apheresis-unit`, `day-care`, `neurology`), by pseudonym, `CLASS:CONFIDENTIAL`.
    public func staffCalendars(_ plans: [PatientPlan], language: PatientRecord.Language = .nl) -> [(role: String, calendar: CalendarDocument)] {
        let texts = CalendarTexts(language: language)
        return Self.staffRoles.map { role, kinds in
            let events = plans.flatMap { plan in
                CalendarItem.items(of: plan).filter { kinds.contains($0.kind.rawValue) }.map { item in
                    staffEvent(item, pseudonym: plan.patientID, texts: texts)
                }
            }
            return (role, CalendarDocument(productID: "-//ahsct-planner//staff//\(language.rawValue.uppercased())",
                                           name: role, timeZone: site.timeZone, events: events))
        }
    }

    private func staffEvent(_ item: CalendarItem, pseudonym: String, texts: CalendarTexts) -> Event {
        // Staff see the site's hours whether or not the date is fixed; there are no built-in hours.
        let clock = item.first == item.last || item.repeatDaily != nil || item.bloodCountCount != nil ? site.time(for: item.kind) : nil
        var event = self.event(item, pseudonym: pseudonym, title: "\(pseudonym): \(texts.title(item.kind, fixed: item.fixed))",
                               clock: clock)
        event.status = item.fixed ? .confirmed : .tentative
        // Spans do not block the day in free/busy; visits do.
        event.transparency = clock != nil || item.first == item.last && item.repeatDaily == nil ? .opaque : .transparent
        var description = [texts.when(item.first, time: clock, letterGivesTime: false)]
        if let window = item.window { description.append(texts.staffWindow(window)) }
        event.description = description.joined(separator: "\n")
        event.classification = .confidential
        return event
    }

    /// The event common to every audience: time, UID, recurrence.
    private func event(_ item: CalendarItem, pseudonym: String, title: String, clock: ClockSpan?) -> Event {
        let start: EventTime, end: EventTime?
        if let clock {
            start = .zoned(LocalDateTime(clamping: item.first, hour: clock.from.hour, minute: clock.from.minute), timeZone: site.timeZone)
            // A start without an end: the event has no length (RFC 5545 reads a missing DTEND so).
            end = clock.to.map { .zoned(LocalDateTime(clamping: item.first, hour: $0.hour, minute: $0.minute), timeZone: site.timeZone) }
        } else {
            start = .allDay(item.first)
            end = .allDay(item.last.adding(days: 1))  // DTEND is exclusive
        }
        var event = Event(uid: Self.uid(pseudonym, item), summary: title, start: start, end: end)
        event.stamp = now
        if let count = item.repeatDaily { event.recurrence = RecurrenceRule(frequency: .daily, end: .count(count)) }
        if let count = item.bloodCountCount, clock == nil {
            // All-day counts: the same weekdays, counted rather than dated.
            event.recurrence = RecurrenceRule(frequency: .weekly, daysOfTheWeek: item.weekdays.map { .init($0) },
                                              end: .count(count))
        }
        if item.bloodCountCount != nil, let clock,
           let last = TimeZoneLibrary.instant(of: LocalDateTime(clamping: item.last, hour: clock.from.hour, minute: clock.from.minute),
                                              in: site.timeZone) {
            // Until the last count before the expected discharge (UNTIL in UTC, as RFC 5545 wants for zoned starts).
            event.recurrence = RecurrenceRule(frequency: .weekly, daysOfTheWeek: item.weekdays.map { .init($0) },
                                              end: .until(.utc(last.utc)))
        }
        return event
    }
}
