import Calendrical
import Pathway

/// Finds the earliest mobilisation day 1 and admission that fit every rule and every capacity for one patient,
/// with everyone else's bookings as they are planned.
///
/// Candidate days start the day after `now` (nobody is booked for today) and at the planner's expected day 1 (the
/// first fit after the expected committee answer).
/// A mobilisation day 1 fits when
/// - it is a first fit, as the planner would choose it: open for its resource (a day-care chair) with apheresis
///   days 5–7 all open;
/// - the planner finds no `window_violated` or
///   `order_violated` for it (at least 14 days after the committee's answer, after fertility preservation, with an
///   open apheresis day on day 5–7);
/// - a chair is free that day, and the protocol's expected apheresis day (day 6) has a machine free;
/// - the staff its steps need are there, and the patient is not away on any of those days;
/// - and an admission fits 3–8 weeks after that harvest.
///
/// An admission fits when it is open for admissions, a bed is free on every day of the stay up to discharge
/// (expected in the expected view, D0+28 in the worst case), the staff are there and the patient is not away.
/// Recorded dates are kept: a patient with a recorded day 1 is only searched for an admission.
///
/// A worked case (see `SlotFinderTests`): two beds, both taken 4–30 January 2027; a patient whose admission
/// window opens on Monday 4 January gets Monday 1 February 2027 if that is within 3–8 weeks of the harvest, and
/// the rejection "isolation-beds full on that day (2 of 2)" for the open days from 4 January on.
public struct SlotFinder: Sendable {
    /// The analysis the patient is part of.
    public let analysis: CohortAnalysis
    /// Which reading of the other plans to fit against.
    public let view: DemandView
    /// How far ahead day 1 is searched (days after the first candidate).
    public var horizon = CohortScheduler.searchHorizon
    /// Everyone's bookings in `view`, when the caller has them already (the conflict finder asks for many slots).
    public var bookings: [[Booking]]?

    /// A finder.
    public init(analysis: CohortAnalysis, view: DemandView = .expected) {
        self.analysis = analysis
        self.view = view
    }

    /// The slot of patient number `index`.
    ///
    /// The dates come from the scheduler's engine (``CohortScheduler``: the same first fit `ahsct schedule` uses,
    /// with this patient alone to place); the reasons for earlier days come from re-planning each of them with the
    /// planner. Both apply the same rules; should they ever part, the engine's dates win and only the reasons for
    /// days before them are kept.
    public func slot(for index: Int) throws(NoSlot) -> Slot {
        var scheduler = CohortScheduler(analysis: analysis)
        scheduler.horizon = horizon
        let engine = scheduler.firstFit(for: index, view: view, bookings: bookings)
        let explained: Slot
        do {
            explained = try self.explained(for: index)
        } catch {
            if let engine, engine.unfit == nil { return try adopt(engine, index: index, rejections: error.rejections) }
            throw error
        }
        guard let engine else { return explained }  // the admission is recorded: nothing to choose
        if let reason = engine.unfit { throw NoSlot(patient: explained.patient, reason: reason, rejections: explained.rejections) }
        if engine.admission == explained.admission && (engine.day1 ?? explained.mobilisation) == explained.mobilisation {
            return explained
        }
        return try adopt(engine, index: index, rejections: explained.rejections)
    }

    /// A slot at the engine's dates, its harvest and discharge from the planner, and the reasons for earlier days.
    private func adopt(_ engine: (day1: CalendarDate?, admission: CalendarDate, unfit: NoSlot.Reason?), index: Int,
                       rejections: [Slot.Rejection]) throws(NoSlot) -> Slot {
        var record = analysis.records[index]
        if let day1 = engine.day1 { record.record(.mobilisation, on: day1) }
        record.record(.conditioning, on: engine.admission)
        let plan = analysis.planner.plan(record, now: analysis.now)
        guard let day1 = plan[.mobilisation]?.start.expected, let harvest = plan[.apheresis]?.start.expected,
              let discharge = plan[.discharge]?.start[view.chain] else {
            throw NoSlot(patient: record.id, reason: .noPlan, rejections: rejections)
        }
        let kept = rejections.filter { $0.step == .mobilisation ? $0.from < day1 : $0.from < engine.admission }
        return Slot(patient: record.id, mobilisation: day1, mobilisationRecorded: engine.day1 == nil,
                    apheresis: harvest, admission: engine.admission, admissionRecorded: false, discharge: discharge,
                    rejections: kept)
    }

    /// The planner-level search: every earlier day tried with the full planner, for the reasons it gives.
    func explained(for index: Int) throws(NoSlot) -> Slot {
        let record = analysis.records[index]
        let plan = analysis.plans[index]
        let others = analysis.intervals(bookings ?? analysis.bookings(view), excluding: index)
        let first = analysis.now.adding(days: 1)
        let span = first.daysSince1970...(first.daysSince1970 + horizon + 400)
        let (ledger, table) = analysis.ledger(others, covering: span)
        var search = Search(finder: self, record: record, ledger: ledger, table: table)
        let rules = analysis.planner.treatmentProtocol

        if let day1 = record.recorded[.mobilisation]?.date {
            let (trial, apheresis) = search.withApheresis(record, day1: day1)
            guard let apheresis else {
                throw NoSlot(patient: record.id, reason: .noHarvestAfterRecordedDayOne(dayOne: day1, days: rules.harvestDays),
                             rejections: search.rejections)
            }
            guard let (admission, discharge) = search.admission(trial, from: first) else {
                throw NoSlot(patient: record.id, reason: .noAdmissionAfterHarvest(harvest: apheresis, window: rules.admissionDays),
                             rejections: search.rejections)
            }
            return Slot(patient: record.id, mobilisation: day1, mobilisationRecorded: true, apheresis: apheresis,
                        admission: admission, admissionRecorded: trial.recorded[.conditioning] != nil,
                        discharge: discharge, rejections: search.rejections)
        }
        let start = max(first, plan[.mobilisation]?.start.expected ?? first)
        for offset in 0...horizon {
            let day1 = start.adding(days: offset)
            if let reason = search.closedReason(day1, step: .mobilisation) {
                search.reject(.mobilisation, day1, reason)
                continue
            }
            // The protocol's first-fit rule for a planned day 1: apheresis days 5–7 all open (room for repeats).
            if !analysis.planner.isFirstFit(.mobilisation, onDay: day1.daysSince1970) {
                search.reject(.mobilisation, day1, .harvestDaysNotOpen(days: rules.harvestDays))
                continue
            }
            var trial = record
            trial.record(.mobilisation, on: day1)
            let (withHarvest, apheresis) = search.withApheresis(trial, day1: day1)
            guard let apheresis else { continue }
            let before = search.rejections
            if let (admission, discharge) = search.admission(withHarvest, from: first) {
                return Slot(patient: record.id, mobilisation: day1, mobilisationRecorded: false, apheresis: apheresis,
                            admission: admission, admissionRecorded: false, discharge: discharge,
                            rejections: search.rejections)
            }
            // The admission days tried for this day 1 are summed up in one line.
            search.rejections = before
            search.reject(.mobilisation, day1, .noAdmissionAfterHarvest(harvestDay: day1.days(until: apheresis) + 1,
                                                                        window: rules.admissionDays))
        }
        throw NoSlot(patient: record.id, reason: .nothingUpTo(start.adding(days: horizon)), rejections: search.rejections)
    }

    /// The slot of the patient with pseudonym `id`, or `nil` when there is no such patient.
    public func slot(for id: String) throws(NoSlot) -> Slot? {
        guard let index = analysis.records.firstIndex(where: { $0.id == id }) else { return nil }
        return try slot(for: index)
    }
}

/// The state of one search: the ledger of the others and the rejections so far.
struct Search {
    let finder: SlotFinder
    let record: PatientRecord
    let ledger: OccupancyLedger
    let table: AvailabilityTable
    var rejections: [Slot.Rejection] = []

    init(finder: SlotFinder, record: PatientRecord, ledger: OccupancyLedger, table: AvailabilityTable) {
        self.finder = finder
        self.record = record
        self.ledger = ledger
        self.table = table
    }

    var analysis: CohortAnalysis { finder.analysis }
    var calendar: WorkingCalendar { analysis.planner.calendar }

    /// Adds a rejected day, joining it to the previous run when the reason and step are the same.
    mutating func reject(_ step: StepID, _ day: CalendarDate, _ reason: Slot.Rejection.Reason) {
        if var last = rejections.last, last.step == step, last.reason == reason, last.to.adding(days: 1) == day {
            last.to = day
            rejections[rejections.count - 1] = last
        } else {
            rejections.append(.init(step: step, from: day, to: day, reason: reason))
        }
    }

    /// Why `day` is not open for the step's resource, or `nil` when it is.
    func closedReason(_ day: CalendarDate, step: StepID) -> Slot.Rejection.Reason? {
        guard let rule = analysis.planner.treatmentProtocol.rule(step), rule.open != .everyDay else { return nil }
        let resource = rule.open == .resource ? rule.resource : nil
        if rule.open == .workingDays ? calendar.isWorkingDay(day) : calendar.isOpen(day, for: resource) { return nil }
        return .closed(resource: resource, ClosedReason(day, resource: resource, calendar: calendar))
    }

    /// The record with its first apheresis on the protocol's expected day (as the scheduler books it), when a
    /// machine, the staff and the patient are free then; `nil` (with a rejection) otherwise.
    mutating func withApheresis(_ trial: PatientRecord, day1: CalendarDate) -> (PatientRecord, CalendarDate?) {
        if let recorded = trial.apheresisSessions.first { return (trial, recorded) }
        let plan = analysis.planner.plan(trial, now: analysis.now)
        if let conflict = plan.conflicts.first(where: { [.mobilisation, .apheresis].contains($0.step) }) {
            reject(.mobilisation, day1, shortReason(conflict))
            return (trial, nil)
        }
        guard let window = plan[.apheresis]?.start else { return (trial, nil) }
        // The protocol's expected apheresis day (day 6 when open), as the scheduler books it.
        var withHarvest = trial
        withHarvest.apheresisSessions = [window.expected]
        if let problem = problem(analysis.planner.plan(withHarvest, now: analysis.now), steps: [.mobilisation, .apheresis]) {
            reject(.mobilisation, day1, problem)
            return (trial, nil)
        }
        return (withHarvest, window.expected)
    }

    /// The first admission that fits after `trial`'s harvest, and the discharge checked up to.
    mutating func admission(_ trial: PatientRecord, from first: CalendarDate) -> (CalendarDate, CalendarDate)? {
        let stay: [StepID] = [.conditioning, .reinfusion, .isolation, .discharge]
        if let recorded = trial.recorded[.conditioning] {
            let plan = analysis.planner.plan(trial, now: analysis.now)
            guard let discharge = plan[.discharge]?.start[finder.view.chain] else { return nil }
            return (recorded.date, discharge)
        }
        let plan = analysis.planner.plan(trial, now: analysis.now)
        guard let window = plan[.conditioning]?.start else { return nil }
        var day = max(window.earliest, first)
        while day <= window.latest {
            defer { day = day.adding(days: 1) }
            if let reason = closedReason(day, step: .conditioning) {
                reject(.conditioning, day, reason)
                continue
            }
            var admitted = trial
            admitted.record(.conditioning, on: day)
            let admittedPlan = analysis.planner.plan(admitted, now: analysis.now)
            if let conflict = admittedPlan.conflicts.first(where: { stay.contains($0.step) }) {
                reject(.conditioning, day, shortReason(conflict))
                continue
            }
            if let problem = problem(admittedPlan, steps: stay) {
                reject(.conditioning, day, problem)
                continue
            }
            return (day, admittedPlan[.discharge]?.start[finder.view.chain] ?? day)
        }
        return nil
    }

    /// The first reason `plan`'s bookings for `steps` do not fit: a full resource, missing staff, or the patient
    /// away. `nil` when they fit.
    func problem(_ plan: PatientPlan, steps: [StepID]) -> Slot.Rejection.Reason? {
        let treatmentProtocol = analysis.planner.treatmentProtocol
        let bookings = Booking.bookings(of: plan, protocol: treatmentProtocol, schedule: analysis.schedule,
                                        view: finder.view)
        for booking in bookings where steps.contains(booking.step) {
            guard let resource = analysis.index(of: booking.resource) else { continue }
            var day = booking.from
            while day <= booking.to {
                let number = day.daysSince1970
                if let available = table.available(resource, on: number),
                   ledger.demand(resource, on: number) + booking.amount > available {
                    let scheduled = table.scheduled(resource, on: number) ?? available
                    // Without a date when it is the candidate day itself, so runs of such days group.
                    let when = day == booking.from && booking.step == steps[0] ? nil : day
                    return .full(resource: booking.resource, day: when, taken: ledger.demand(resource, on: number),
                                 available: available, scheduled: scheduled)
                }
                day = day.adding(days: 1)
            }
        }
        for attended in Booking.attendance(of: plan, protocol: treatmentProtocol, view: finder.view)
        where steps.contains(attended.step) {
            if let span = record.unavailable.first(where: { $0.from <= attended.to && attended.from <= $0.to }) {
                return .away(from: span.from, to: span.to)
            }
        }
        return nil
    }

    /// A plan conflict as a reason without dates (so runs of days group).
    func shortReason(_ conflict: PlanConflict) -> Slot.Rejection.Reason {
        switch (conflict.code, conflict.step) {
        case (.orderViolated, _): .beforeFertilityPreservation
        case (.windowViolated, .mobilisation): .beforeFirstPossibleDayOne
        case (.windowViolated, .apheresis): .noHarvestDayOpen(days: analysis.planner.treatmentProtocol.harvestDays)
        case (.windowViolated, let step): .outsideWindow(step)
        case (.longStay, _): .longerStay
        }
    }
}
