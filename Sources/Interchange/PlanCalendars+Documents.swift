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
                       CalendarEventKind.homeCheck.rawValue, CalendarEventKind.followUpVisit.rawValue,
                       CalendarEventKind.followUpScan.rawValue]),
    ]

    /// The kinds the ward calendar shows.
    static let wardKinds: Set<CalendarEventKind> = [.admission, .reinfusion, .isolation, .bloodCounts, .discharge]

    /// One patient's own calendar, in their language: every step of their plan (until the committee's answer, the
    /// two visits and the possible treatment period), with dates in words, advice and the site's phone numbers. Their
    /// name appears only here (in the calendar's name).
    ///
    /// What is not booked does not look booked: a date that is neither recorded nor confirmed is an all-day,
    /// tentative event with its window in words and no reminder; only recorded or confirmed appointments get a clock
    /// time and a reminder.
    public func patientCalendar(_ plan: PatientPlan, record: PatientRecord) -> CalendarDocument {
        let texts = CalendarTexts(language: record.language)
        let context = Self.adviceContext(plan, record: record, site: site)
        let events = Self.patientItems(plan, record: record).map { item in
            let times = item.fixed ? time(item.kind) : nil
            var event = self.event(item, pseudonym: plan.patientID, texts: texts,
                                   title: texts.title(item.kind, fixed: item.fixed), times: times)
            var description = [texts.when(item.first, from: times?.from, to: times?.to)]
            if item.last != item.first {
                description.append(record.language == .nl ? "Tot en met \(texts.date(item.last))." : "Until \(texts.date(item.last)) inclusive.")
            }
            if let window = item.window { description.append(texts.window(window)) }
            var itemContext = context
            itemContext.monthsAfterDayZero = item.months
            description += texts.advice(item.kind, itemContext)
            if let contacts = texts.contacts(site.contacts) { description.append(contacts) }
            event.description = description.joined(separator: "\n\n")
            event.location = (item.kind == .secondOpinion || item.kind == .committeeAnswer)
                ? record.secondOpinionSite ?? site.name : site.name
            event.classification = .private
            let daysAhead = item.kind == .admission ? 3 : 1
            if item.fixed, !Self.withoutReminder.contains(item.kind) {
                event.alarms = [Alarm(trigger: .beforeStart(seconds: daysAhead * 86_400),
                                      message: texts.reminder(item.kind, daysAhead: daysAhead))]
            }
            return event
        }
        let name = record.name.map { "\(texts.calendarName): \($0)" } ?? texts.calendarName
        return CalendarDocument(productID: "-//ahsct-planner//patient//\(record.language.rawValue.uppercased())",
                                name: name, timeZone: site.timeZone, events: events)
    }

    /// Spans and series that need no reminder of their own.
    static let withoutReminder: Set<CalendarEventKind> = [.injection, .bloodCounts, .isolation, .recovery, .treatmentPeriod,
                                                           .vaccination]

    /// What the patient's texts depend on beyond each event's kind.
    static func adviceContext(_ plan: PatientPlan, record: PatientRecord, site: Site) -> CalendarTexts.Context {
        var context = CalendarTexts.Context(siteName: site.name, contacts: site.contacts)
        if let fertility = record.fertility, fertility.wanted, fertility.done == nil,
           plan[.evaluation]?.toDo.isEmpty == false, let day1 = plan[.mobilisation]?.start.expected {
            context.fertilityBefore = day1
        }
        context.discharge = plan[.discharge]?.start
        context.twoDayReinfusion = (record.bags ?? 0) > 10
        if let day1 = plan[.mobilisation]?.start.earliest, let end = plan[.discharge]?.start.latest {
            context.possiblePeriod = (day1, end)
        }
        return context
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
        var event = self.event(item, pseudonym: pseudonym, texts: texts,
                               title: "\(pseudonym): \(texts.title(item.kind, fixed: item.fixed))", times: time(item.kind))
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
    private func event(_ item: Item, pseudonym: String, texts: CalendarTexts, title: String,
                       times: (from: (Int, Int), to: (Int, Int))?) -> Event {
        let start: EventTime, end: EventTime
        if let times {
            start = .zoned(LocalDateTime(clamping: item.first, hour: times.from.0, minute: times.from.1), timeZone: site.timeZone)
            end = .zoned(LocalDateTime(clamping: item.first, hour: times.to.0, minute: times.to.1), timeZone: site.timeZone)
        } else {
            start = .allDay(item.first)
            end = .allDay(item.last.adding(days: 1))  // DTEND is exclusive
        }
        var event = Event(uid: Self.uid(pseudonym, item), summary: title, start: start, end: end)
        event.stamp = now
        event.status = item.fixed ? .confirmed : .tentative
        // Spans do not block the day in free/busy; visits do.
        event.transparency = times == nil ? .transparent : .opaque
        if let count = item.repeatDaily { event.recurrence = RecurrenceRule(frequency: .daily, end: .count(count)) }
        if let count = item.bloodCountCount, times == nil {
            // All-day counts (not booked yet): the same weekdays, counted rather than dated.
            event.recurrence = RecurrenceRule(frequency: .weekly, daysOfTheWeek: item.weekdays.map { .init($0) },
                                              end: .count(count))
        }
        if item.bloodCountCount != nil, let times,
           let last = TimeZoneLibrary.instant(of: LocalDateTime(clamping: item.last, hour: times.from.0, minute: times.from.1),
                                              in: site.timeZone) {
            // Until the last count before the expected discharge (UNTIL in UTC, as RFC 5545 wants for zoned starts).
            event.recurrence = RecurrenceRule(frequency: .weekly, daysOfTheWeek: item.weekdays.map { .init($0) },
                                              end: .until(.utc(last.utc)))
        }
        return event
    }
}
