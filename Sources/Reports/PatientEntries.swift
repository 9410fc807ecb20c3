import Calendrical
import Capacity
import Pathway

/// One thing in a patient's plan as the patient reads it — in their calendar (an event) and on their page (an
/// entry): its title, when, where, what happens there, and whether it reminds them.
package struct PatientEntry: Sendable {
    /// The planned event behind it.
    package var item: CalendarItem
    /// The title (never a diagnosis or treatment word).
    package var title: String
    /// The heading on the page (the title, said in full where the title is vague for lock screens).
    package var pageTitle: String
    /// The clock time, when one is booked; `nil`: all-day.
    package var clock: ClockSpan?
    /// The paragraphs: when (with the window in words while the date is open), what to bring (once), and what
    /// happens there; not the phone numbers.
    package var paragraphs: [String]
    /// The department and hospital (`nil`: not at the hospital).
    package var location: String?
    /// Days ahead of the start its reminder fires, in the evening at 18:00 (`nil`: no reminder).
    package var reminderDaysAhead: Int?
    /// Whether it blocks the patient's time in free/busy.
    package var busy: Bool
}

/// The one list of entries a patient reads, for one site: the patient's calendar (Interchange's `PlanCalendars`
/// writes each entry as an event) and their page (``PatientPage``) are both made from it, so the page says what the
/// calendar says.
package struct PatientEntries: Sendable {
    /// The site (zone, contacts, hours, departments).
    package let site: Site
    /// The site's working calendar, made once for every patient (its holiday table covers 1900–2200).
    package let calendar: WorkingCalendar

    /// Entries for the patients of `site`.
    package init(site: Site) {
        self.site = site
        self.calendar = site.calendar
    }

    /// Event kinds that ask the patient to come in (and so need an open day, and carry what to bring).
    package static let visitKinds: Set<CalendarEventKind> = [
        .secondOpinion, .committeeAnswer, .evaluation, .infusion, .apheresis, .controlVisit, .admission, .homeCheck,
        .followUpVisit, .followUpScan,
    ]

    /// Events that never remind: series and spans at home, and everything that happens during the stay (the
    /// patient is in the ward then).
    package static let withoutReminder: Set<CalendarEventKind> = [
        .injection, .bloodCounts, .isolation, .recovery, .treatmentPeriod, .vaccination, .reinfusion, .discharge,
        .fertilityDeadline,
    ]

    /// The hour reminders fire on the evening before: 18:00, never at midnight.
    package static let reminderHour = 18

    /// The entries of one patient, in order, as of `today` (a civil date in the site's zone).
    ///
    /// Worked case (P-0001 of the example on 22 November 2026): admitted on Monday 4 January 2027 (recorded), day 0
    /// on Saturday 9 January, discharge expected D0+21 = Saturday 30 January. The stay is one busy all-day span from
    /// 4 to 30 January, titled "In het ziekenhuis", with a reminder at 18:00 on Friday 1 January (three days ahead);
    /// the return of the cells (9 and 10 January, 12 bags) and the expected discharge sit inside it without reminders.
    package func entries(_ plan: PatientPlan, record: PatientRecord, today: CalendarDate) -> [PatientEntry] {
        let texts = CalendarTexts(language: record.language)
        var context = adviceContext(plan, record: record, today: today, calendar: calendar)
        let items = self.items(plan, record: record, today: today, context: context)
        let stay = items.first { $0.kind == .admission }.map { $0.first...$0.last }
        // What to bring, said once: in the first visit still to come.
        let bringAt = items.firstIndex { Self.visitKinds.contains($0.kind) && $0.first >= today && !$0.happened }
        let homeChecks = items.filter { $0.kind == .homeCheck }.count
        // Overdue steps by index, with the day their rule first expected them.
        var overdue: [Int: CalendarDate] = [:]
        for conflict in plan.conflicts { if case let .overdue(expected) = conflict.detail { overdue[conflict.step.index] = expected } }
        return items.enumerated().map { index, item in
            // A recorded time belongs to its step's own appointment (a single day); the site's hours to booked events.
            let recordedTime = item.step.flatMap { record.recorded[$0]?.time }
            let ownEvent = item.step.map { Self.mainKind($0) == item.kind } ?? false
            var clock: ClockSpan?
            if item.fixed, item.first == item.last || item.repeatDaily != nil, !item.happened {
                clock = (ownEvent ? recordedTime : nil) ?? site.time(for: item.kind)
            }
            var when: String
            if item.happened {
                when = texts.happened(item.first)
            } else if item.kind == .injection, item.last >= today {
                when = texts.injections(from: item.first, until: item.last)
            } else if item.first != item.last {
                when = texts.span(item.first, item.last)
                if !item.fixed, item.kind != .treatmentPeriod { when += " " + texts.spanNotFixed }
                if ownEvent, let recordedTime { when += " " + texts.when(item.first, time: recordedTime, letterGivesTime: false) }
            } else if let window = item.window, item.kind == .reinfusion || item.kind == .discharge, !context.admissionFixed {
                // Inside a stay that is not booked yet: its own window would only confuse; it follows the admission.
                when = texts.followsAdmission(window.expected)
            } else if var window = item.window {
                // Not fixed: the window in words says the expected day itself; a day already past is no option.
                if window.earliest < today { window.earliest = window.expected }
                when = texts.window(window)
                if let first = overdue[item.step.map(\.index) ?? -1], item.kind == item.step.flatMap(Self.mainKind) {
                    when += " " + texts.firstExpected(first)
                }
                if Self.visitKinds.contains(item.kind), item.kind != .apheresis, window.expected.days(until: today) > -14,
                   let ask = texts.notBookedYet(site.contacts) {
                    when += " " + ask
                }
            } else {
                let letter = item.fixed && !item.done && Self.visitKinds.contains(item.kind)
                when = texts.when(item.first, time: clock ?? (ownEvent ? recordedTime : nil), letterGivesTime: letter)
                if !item.fixed, !item.done, item.last >= today {
                    // One day by its rule, yet not booked: say so, and what it hangs on.
                    when += " " + texts.dayNotFixed
                    if item.kind == .homeCheck { when += " " + texts.followsDischarge }
                    if Self.visitKinds.contains(item.kind), item.first.days(until: today) > -14, let ask = texts.notBookedYet(site.contacts) {
                        when += " " + ask
                    }
                }
            }
            // A booked visit on a day the hospital is closed for it is to be confirmed: no reminder until it is.
            let closed = item.fixed && !item.done && !item.happened && Self.visitKinds.contains(item.kind)
                && !isOpen(item, calendar, record)
            if closed { when += " " + texts.closedDay(site.contacts) }
            var paragraphs = [when]
            if index == bringAt { paragraphs.append(texts.bring) }
            context.monthsAfterDayZero = item.months
            context.number = item.number
            context.count = item.kind == .homeCheck ? homeChecks : 1
            paragraphs += texts.advice(item.kind, context)
            let inStay = stay.map { $0.contains(item.first) && item.first != $0.lowerBound } ?? false
            let reminds = item.fixed && !item.happened && !inStay && !closed && !Self.withoutReminder.contains(item.kind)
            return PatientEntry(item: item, title: texts.title(item.kind, fixed: item.fixed || item.happened),
                                pageTitle: texts.pageTitle(item.kind, fixed: item.fixed || item.happened), clock: clock,
                                paragraphs: paragraphs, location: location(item, record: record, texts: texts),
                                reminderDaysAhead: reminds ? (item.kind == .admission ? 3 : 1) : nil,
                                busy: item.fixed && !item.happened && Self.visitKinds.contains(item.kind))
        }
    }

    /// The events of a patient's own calendar.
    ///
    /// Until the committee's answer is recorded: the second-opinion visit, the answer visit and one span for the
    /// treatment that may follow — not a detailed calendar for a treatment that is not decided. The span starts no
    /// earlier than mobilisation day 1 can follow the answer's expected day (the protocol's minimum), and ends on the
    /// latest discharge.
    ///
    /// After it: every step, with the stay as one span from the admission to the expected discharge (the isolation
    /// and its blood counts are said once, in the stay), and, when fertility preservation is wanted and not done
    /// before day 1, the last day to have it finished.
    func items(_ plan: PatientPlan, record: PatientRecord, today: CalendarDate,
               context: CalendarTexts.Context) -> [CalendarItem] {
        let all = CalendarItem.items(of: plan)
        if record.recorded[.committeeAnswer] == nil, !plan.declined,
           let day1 = plan[.mobilisation]?.start, let end = plan[.discharge]?.start.latest {
            var result = all.filter { $0.kind == .secondOpinion || $0.kind == .committeeAnswer }
            result.append(CalendarItem(kind: .treatmentPeriod, number: 1, first: max(day1.earliest, day1.expected),
                                       last: end, fixed: false, window: nil))
            return result.map { markHappened($0, record: record, today: today) }
        }
        let discharge = plan[.discharge]
        var result: [CalendarItem] = []
        for var item in all where item.kind != .isolation && item.kind != .bloodCounts {
            // Recovery starts on the day of going home: its window is the discharge's, said there.
            if item.kind == .recovery { item.window = nil }
            if item.kind == .admission, let discharge {
                // The stay as it is felt: from the admission to the (expected or recorded) discharge.
                item.last = max(item.last, discharge.start.expected)
            }
            if item.kind == .infusion, case let .explain(true, deadline?) = context.fertility {
                var last = CalendarItem(kind: .fertilityDeadline, number: 1, first: deadline, last: deadline, fixed: item.fixed,
                                        window: nil)
                last.step = .evaluation
                result.append(last)
            }
            result.append(markHappened(item, record: record, today: today))
        }
        return result
    }

    /// Checks after going home follow a recorded discharge; those whose days have passed are behind the patient.
    /// (Steps say so themselves: ``StepPlan/hasEvidentlyHappened``.)
    private func markHappened(_ item: CalendarItem, record: PatientRecord, today: CalendarDate) -> CalendarItem {
        guard item.kind == .homeCheck, item.last < today else { return item }
        var item = item
        item.happened = record.hasRecord(.discharge)
        return item
    }

    /// The event that stands for a step's own recorded date (mobilisation: the infusion on day 1).
    package static func mainKind(_ step: StepID) -> CalendarEventKind? {
        switch step {
        case .secondOpinion: .secondOpinion
        case .committeeAnswer: .committeeAnswer
        case .evaluation: .evaluation
        case .mobilisation: .infusion
        case .apheresis: .apheresis
        case .controlVisit: .controlVisit
        case .conditioning: .admission
        case .reinfusion: .reinfusion
        case .isolation: nil
        case .discharge: .discharge
        case .recovery: .recovery
        }
    }

    /// Whether a visit's day is open for what it needs (a second opinion or answer at another hospital: a working
    /// day only).
    private func isOpen(_ item: CalendarItem, _ calendar: WorkingCalendar, _ record: PatientRecord) -> Bool {
        let elsewhere = record.secondOpinionElsewhere && (item.kind == .secondOpinion || item.kind == .committeeAnswer)
        return elsewhere ? calendar.isWorkingDay(item.first) : calendar.isOpen(item.first, for: item.resource)
    }

    /// `Dagbehandeling, Amsterdam UMC, locatie VUmc`; `nil` for what happens at home.
    private func location(_ item: CalendarItem, record: PatientRecord, texts: CalendarTexts) -> String? {
        let department: Site.Department
        switch item.kind {
        case .secondOpinion, .committeeAnswer:
            if record.secondOpinionElsewhere, let elsewhere = record.secondOpinionSite { return elsewhere }
            department = .outpatientClinic
        case .evaluation, .controlVisit, .homeCheck, .followUpVisit: department = .outpatientClinic
        case .infusion: department = .dayCare
        case .apheresis, .heldApheresis: department = .apheresisUnit
        case .admission, .reinfusion, .isolation, .bloodCounts, .discharge: department = .haematologyWard
        case .followUpScan: return site.name
        case .injection, .recovery, .treatmentPeriod, .fertilityDeadline, .vaccination: return nil
        }
        return "\(texts.department(department, site: site)), \(site.name)"
    }

    /// What the patient's texts depend on beyond each event's kind.
    func adviceContext(_ plan: PatientPlan, record: PatientRecord, today: CalendarDate,
                       calendar: WorkingCalendar) -> CalendarTexts.Context {
        var context = CalendarTexts.Context(siteName: site.name, contacts: site.contacts)
        let mobilisation = plan[.mobilisation]
        let begun = record.recorded[.mobilisation].map { $0.date <= today } ?? false
        context.beforeDayOne = !begun && !plan.declined
        context.dayOne = mobilisation?.start.expected
        context.collectionFrom = plan[.apheresis]?.start.earliest
        if context.beforeDayOne {
            switch (record.fertility?.wanted, record.fertility?.done) {
            case (false?, _): context.fertility = nil
            case let (_, done?): context.fertility = .done(done)
            case (let wanted, nil):
                // The last working day before day 1, and not before today.
                let deadline = mobilisation.map { day1 -> CalendarDate in
                    var day = day1.start.expected.adding(days: -1)
                    while !calendar.isWorkingDay(day) { day = day.adding(days: -1) }
                    return max(day, today)
                }
                context.fertility = .explain(wanted: wanted == true, deadline: wanted == true ? deadline : nil)
            }
        }
        if let discharge = plan[.discharge] {
            context.discharge = discharge.start
            context.dischargeRecorded = record.recorded[.discharge] != nil
        }
        context.marrowRecovery = plan[.isolation]?.recoveryDays
        context.admissionFixed = plan[.conditioning]?.isFixed ?? false
        context.undecided = record.recorded[.committeeAnswer] == nil && !plan.declined
        context.twoDayReinfusion = (record.bags ?? 0) > 10
        if let day1 = mobilisation?.start, let end = plan[.discharge]?.start.latest {
            context.possiblePeriod = (max(day1.earliest, day1.expected), end)
        }
        return context
    }
}
