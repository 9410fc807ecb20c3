import Calendrical
import Pathway

/// Finds every conflict in a cohort: broken rules in each plan, closed days, patients away, incomplete
/// eligibility, and days on which demand exceeds what the site can take.
///
/// Rule conflicts (`window_violated`, `order_violated`, and the warnings `long_stay` and `overdue`) are reported as
/// the plans carry them, past or future; `eligibility_incomplete` for every patient whose mobilisation day 1 is
/// still ahead. Conflicts about days
/// (`closed_day`, `patient_unavailable`, `capacity_exceeded`, `staff_unavailable`) are reported from `now` on:
/// what is past cannot be rebooked.
///
/// A worked case (see `ConflictFinderTests`): two beds, three patients admitted on Monday 4 January 2027 with the
/// expected discharge on 30 January: one `capacity_exceeded` on `isolation-beds` from 4 to 30 January, demand 3,
/// capacity 2, the three pseudonyms, and the suggestion to move the admission that is not yet booked to the first
/// day a bed is free.
public struct ConflictFinder: Sendable {
    /// The cohort.
    public let analysis: CohortAnalysis
    /// Which reading of the plans is counted.
    public let view: DemandView
    /// Whether to work out suggestions (a slot search per capacity conflict).
    public var suggestions = true
    /// Everyone's bookings in `view`, made once and shared by every slot search.
    let bookings: [[Booking]]

    /// A finder.
    public init(analysis: CohortAnalysis, view: DemandView = .expected) {
        self.init(analysis: analysis, view: view, bookings: analysis.bookings(view))
    }

    /// A finder with everyone's bookings made already.
    init(analysis: CohortAnalysis, view: DemandView, bookings: [[Booking]]) {
        self.analysis = analysis
        self.view = view
        self.bookings = bookings
    }

    /// Every conflict, in report order.
    public func conflicts() -> [CohortConflict] {
        conflicts(patientConflicts: analysis.records.indices.map(patientConflicts))
    }

    /// Every conflict, in report order, given each patient's own (``patientConflicts(_:)``).
    func conflicts(patientConflicts: [[CohortConflict]]) -> [CohortConflict] {
        var result = patientConflicts.flatMap { $0 }
        result += capacity()
        return result.sorted(by: CohortConflict.reportOrder)
    }

    /// The conflicts of one patient alone (patient `index`): broken rules in the plan, closed days, days away,
    /// an incomplete checklist. Without suggestions they depend on that patient's record and plan only.
    func patientConflicts(_ index: Int) -> [CohortConflict] {
        ruleConflicts(index) + closedDays(index) + unavailable(index) + eligibility(index)
    }

    var now: CalendarDate { analysis.now }
    var calendar: WorkingCalendar { analysis.planner.calendar }

    /// The cohort code of a plan's conflict.
    static func code(_ code: PlanConflict.Code) -> CohortConflict.Code {
        switch code {
        case .windowViolated: return .windowViolated
        case .orderViolated: return .orderViolated
        case .longStay: return .longStay
        case .overdue: return .overdue
        }
    }

    /// The plan's own conflicts.
    func ruleConflicts(_ index: Int) -> [CohortConflict] {
        let record = analysis.records[index]
        return analysis.plans[index].conflicts.map { conflict in
            CohortConflict(code: Self.code(conflict.code),
                           subject: conflict.step.rawValue, from: conflict.date, to: conflict.date,
                           patients: [record.id], detail: .plan(patient: record.id, step: conflict.step, conflict.detail),
                           advice: conflict.code == .overdue ? .recordOrReplan(patient: record.id, step: conflict.step) : nil)
        }
    }

    /// Steps (and visits) on days not open for what they need.
    func closedDays(_ index: Int) -> [CohortConflict] {
        var result: [CohortConflict] = []
        let chain = view.chain
        let record = analysis.records[index], plan = analysis.plans[index]
        for step in plan.steps {
            guard let rule = analysis.planner.treatmentProtocol.rule(step.step) else { continue }
            var days: [(CalendarDate, OpenNeed)] = []
            if rule.open != .everyDay {
                // A step the plan books nowhere here (a second opinion at another hospital) needs a working day
                // only: the treating site's closures are not its closures.
                let elsewhere = step.resource == nil && rule.resource != nil
                let need: OpenNeed = rule.open == .workingDays || elsewhere ? .workingDay : .open(rule.resource)
                if step.sessions.isEmpty {
                    days.append((step.start[chain], need))
                } else {
                    for session in step.sessions where !session.tentative { days.append((session.date[chain], need)) }
                }
            }
            if let visits = rule.visits {
                let shift = step.start.expected.days(until: step.start[chain])
                days += step.visits.map { ($0.adding(days: shift), .open(visits.resource)) }
            }
            for (day, need) in days where day >= now && !need.isOpen(day, calendar) {
                let resource = need.resource
                let next = need.nextOpen(day, calendar)
                result.append(CohortConflict(
                    code: .closedDay, subject: step.step.rawValue, from: day, to: day, patients: [record.id],
                    detail: .closedDay(patient: record.id, step: step.step, day: day, resource: resource,
                                       reason: ClosedReason(day, resource: resource, calendar: calendar)),
                    advice: .firstOpenDay(resource: resource, day: next)))
            }
        }
        return result
    }

    /// Days on which the patient has to come while they said they are away.
    func unavailable(_ index: Int) -> [CohortConflict] {
        var result: [CohortConflict] = []
        let record = analysis.records[index], plan = analysis.plans[index]
        guard !record.unavailable.isEmpty else { return [] }
        let attendance = Booking.attendance(of: plan, protocol: analysis.planner.treatmentProtocol, view: view)
        for span in record.unavailable {
            // One entry per period: the steps that need the patient inside it, and the days they cover.
            var steps: [StepID] = []
            var first: CalendarDate?
            var last: CalendarDate?
            for booking in attendance {
                let from = max(booking.from, span.from, now)
                let to = min(booking.to, span.to)
                guard from <= to else { continue }
                if !steps.contains(booking.step) { steps.append(booking.step) }
                first = min(first ?? from, from)
                last = max(last ?? to, to)
            }
            guard let first, let last else { continue }
            steps.sort()
            // The step to move: the first of them that is still planned (day 1 for the harvest, the admission for the stay).
            let movable = steps.lazy.compactMap(Self.movableStep).first { plan[$0]?.isFixed == false }
            result.append(CohortConflict(
                code: .patientUnavailable, subject: steps[0].rawValue, from: first, to: last, patients: [record.id],
                detail: .away(patient: record.id, away: span.from...span.to, steps: steps, first: first, last: last),
                advice: movable.flatMap { suggestion(moving: index, step: $0) } ?? .rebookWithPatient))
        }
        return result
    }

    /// The patient's eligibility checklist, when it is not complete while mobilisation is still ahead.
    func eligibility(_ index: Int) -> [CohortConflict] {
        let record = analysis.records[index], plan = analysis.plans[index]
        guard let mobilisation = plan[.mobilisation], record.recorded[.mobilisation].map({ $0.date > now }) ?? true
        else { return [] }
        let open = record.eligibility?.open ?? Eligibility.items.map(\.key)
        guard !open.isEmpty else { return [] }
        let day = mobilisation.start[view.chain]
        return [CohortConflict(code: .eligibilityIncomplete, subject: "eligibility", from: day, to: day,
                               patients: [record.id],
                               detail: .eligibility(patient: record.id, openItems: record.eligibility == nil ? nil : open,
                                                    dayOne: day, booked: record.recorded[.mobilisation] != nil),
                               advice: .confirmEligibility)]
    }

    /// Runs of days with more demand than capacity.
    func capacity() -> [CohortConflict] {
        let intervals = analysis.intervals(bookings)
        let (ledger, table) = analysis.ledger(intervals)
        let runs = ledger.overloads(limit: table, from: now.daysSince1970)
        let owners = OccupancyLedger.owners(of: runs, in: intervals)
        return zip(runs, owners).map { run, owners in
            let resource = analysis.resources[run.resource]
            let from = CalendarDate(daysSince1970: run.first)
            let to = CalendarDate(daysSince1970: run.last)
            let patients = owners.map { analysis.records[Int($0)].id }.sorted()
            let scheduled = table.scheduled(run.resource, on: run.first) ?? run.capacityAtPeak
            let detail: CohortConflict.Detail = run.dueToAbsence
                ? .staffAway(role: resource, demand: run.peakDemand, available: run.capacityAtPeak, scheduled: scheduled)
                : .overCapacity(resource: resource, demand: run.peakDemand, capacity: run.capacityAtPeak)
            return CohortConflict(code: run.dueToAbsence ? .staffUnavailable : .capacityExceeded, subject: resource,
                                  from: from, to: to, demand: run.peakDemand, capacity: run.capacityAtPeak,
                                  patients: patients, detail: detail,
                                  advice: suggestion(for: run, owners: owners, bookings: bookings))
        }
    }

    /// Who should move, and where to: the patient in the run whose booking starts last and is not fixed.
    func suggestion(for run: Overload, owners: [Int32], bookings: [[Booking]]) -> CohortConflict.Advice? {
        guard suggestions else { return nil }
        let resource = analysis.resources[run.resource]
        if resource == CapacitySchedule.committeeResource {
            return .nextCommitteeMeeting
        }
        var candidates: [(start: CalendarDate, patient: Int, step: StepID)] = []
        for owner in owners.map(Int.init) {
            for booking in bookings[owner] where booking.resource == resource
                && booking.from.daysSince1970 <= run.last && run.first <= booking.to.daysSince1970 {
                if let step = Self.movableStep(booking.step), analysis.plans[owner][step]?.isFixed == false {
                    candidates.append((booking.from, owner, step))
                }
            }
        }
        guard let chosen = candidates.max(by: { ($0.start, analysis.records[$0.patient].id) < ($1.start, analysis.records[$1.patient].id) })
        else { return .rebookOrRaiseCapacity }
        return suggestion(moving: chosen.patient, step: chosen.step)
    }

    /// The step a slot search moves to shift `step`: day 1 for the harvest, the admission for the stay.
    static func movableStep(_ step: StepID) -> StepID? {
        switch step {
        case .mobilisation, .apheresis: .mobilisation
        case .conditioning, .reinfusion, .isolation, .discharge: .conditioning
        default: nil
        }
    }

    /// Move P-0004's admission to Monday 11 January 2027, the first day that fits.
    func suggestion(moving patient: Int, step: StepID) -> CohortConflict.Advice? {
        guard suggestions else { return nil }
        let id = analysis.records[patient].id
        do {
            var finder = SlotFinder(analysis: analysis, view: view)
            finder.bookings = bookings
            let slot = try finder.slot(for: patient)
            if slot.mobilisationRecorded || slot.mobilisation == analysis.plans[patient][.mobilisation]?.start.expected {
                return .moveAdmission(patient: id, day: slot.admission)
            }
            return .moveDayOneAndAdmission(patient: id, dayOne: slot.mobilisation, admission: slot.admission)
        } catch {
            return .noDatesFit(patient: id, reason: error.reason)
        }
    }
}

/// What a day must be open for.
enum OpenNeed {
    /// A weekday that is not a public holiday (closures aside).
    case workingDay
    /// Open for a resource (`nil`: the site).
    case open(String?)

    var resource: String? {
        if case let .open(resource) = self { return resource }
        return nil
    }

    func isOpen(_ day: CalendarDate, _ calendar: WorkingCalendar) -> Bool {
        switch self {
        case .workingDay: calendar.isWorkingDay(day)
        case let .open(resource): calendar.isOpen(day, for: resource)
        }
    }

    func nextOpen(_ day: CalendarDate, _ calendar: WorkingCalendar) -> CalendarDate {
        switch self {
        case .workingDay:
            var next = day
            while !calendar.isWorkingDay(next) { next = next.adding(days: 1) }
            return next
        case let .open(resource):
            return calendar.nextOpen(onOrAfter: day, for: resource)
        }
    }
}
