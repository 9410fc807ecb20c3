import Calendrical
import Pathway

/// One use of a resource by one patient's step: a span of days (both ends included).
public struct Booking: Sendable, Hashable {
    /// The resource or role (`isolation-beds`, `apheresis-nurses`, `committee`).
    public var resource: String
    /// The step that books it (for a stay over several steps, the first: the admission).
    public var step: StepID
    /// First day.
    public var from: CalendarDate
    /// Last day (included).
    public var to: CalendarDate
    /// Units each day (1 for a bed; a need's count for staff).
    public var amount: Int

    /// A booking.
    public init(resource: String, step: StepID, from: CalendarDate, to: CalendarDate, amount: Int = 1) {
        self.resource = resource
        self.step = step
        self.from = from
        self.to = to
        self.amount = amount
    }
}

extension Booking {
    /// What one patient's plan books, in one view.
    ///
    /// - A step that runs every calendar day, or lasts a fixed number of days, books its resource on every day
    ///   from its start to its end: conditioning (A…A+4), reinfusion and isolation (D0…discharge) each hold the bed.
    /// - Apheresis books each session day (tentative repeats only in the worst case).
    /// - Any other step books its first day only: mobilisation takes a day-care chair on day 1, not for the G-CSF
    ///   days after it.
    /// - Follow-up visits book their own resource on their days.
    ///
    /// Bookings of one resource by one patient that touch or overlap are merged (a patient holds one bed, not one
    /// per step), keeping the first step's name. Staff needs are booked per step on the step's days, `count` people
    /// each. The committee case is booked on the meeting before the committee answer.
    ///
    /// A worked case, expected view: admission Monday 4 January 2027, 12 bags: conditioning 4–8 January,
    /// reinfusion 9–10 January, isolation 9–30 January (discharge D0+21) → one `isolation-beds` booking 4–30 January.
    public static func bookings(of plan: PatientPlan, protocol treatmentProtocol: TreatmentProtocol,
                                schedule: CapacitySchedule, view: DemandView) -> [Booking] {
        let chain = view.chain
        var equipment: [Booking] = []
        var staff: [Booking] = []
        for step in plan.steps {
            guard let rule = treatmentProtocol.rule(step.step) else { continue }
            var days: [(CalendarDate, CalendarDate)] = []
            if !step.sessions.isEmpty {
                for session in step.sessions where view == .worstCase || !session.tentative {
                    days.append((session.date[chain], session.date[chain]))
                }
            } else if rule.open == .everyDay || isFixedLength(rule.end) {
                let start = step.start[chain]
                days.append((start, max(start, step.end?[chain] ?? start)))
            } else {
                days.append((step.start[chain], step.start[chain]))
            }
            if let resource = step.resource {
                equipment += days.map { Booking(resource: resource, step: step.step, from: $0.0, to: $0.1) }
            }
            for need in schedule.needs where need.step == step.step {
                staff += days.map { Booking(resource: need.role, step: step.step, from: $0.0, to: $0.1, amount: need.count) }
            }
            if let visits = rule.visits, let resource = visits.resource, !step.visits.isEmpty {
                // Visits are planned on expected days; in the worst case they move with the step's latest start.
                let shift = step.start.expected.days(until: step.start[chain])
                for visit in step.visits {
                    let day = visit.adding(days: shift)
                    equipment.append(Booking(resource: resource, step: step.step, from: day, to: day))
                }
            }
        }
        // Follow-up milestones book their resource on their expected day (in either view).
        for planned in plan.followUps {
            guard let resource = planned.followUp.resource else { continue }
            equipment.append(Booking(resource: resource, step: .recovery, from: planned.date, to: planned.date))
        }
        if let committee = schedule.committee, let answer = plan[.committeeAnswer] {
            let meeting = committee.meeting(before: answer.start[chain])
            equipment.append(Booking(resource: CapacitySchedule.committeeResource, step: .committeeAnswer,
                                     from: meeting, to: meeting))
        }
        return merged(equipment) + staff
    }

    /// The days the patient has to be at the hospital for each step (for `patient_unavailable`): from start to end
    /// of every step that books a resource or is a single visit, apheresis sessions, and follow-up visits; a step
    /// spent at home (recovery) counts its visits only.
    public static func attendance(of plan: PatientPlan, protocol treatmentProtocol: TreatmentProtocol,
                                  view: DemandView) -> [Booking] {
        let chain = view.chain
        var result: [Booking] = []
        for step in plan.steps {
            let atHome = step.resource == nil && step.end != nil
            if !atHome {
                let start = step.start[chain]
                result.append(Booking(resource: "", step: step.step, from: start, to: max(start, step.end?[chain] ?? start)))
            }
            for session in step.sessions where view == .worstCase || !session.tentative {
                result.append(Booking(resource: "", step: step.step, from: session.date[chain], to: session.date[chain]))
            }
            let shift = step.start.expected.days(until: step.start[chain])
            for visit in step.visits {
                let day = visit.adding(days: shift)
                result.append(Booking(resource: "", step: step.step, from: day, to: day))
            }
        }
        return result
    }

    static func isFixedLength(_ end: StepRule.End) -> Bool {
        if case .lasts = end { return true }
        return false
    }

    /// Merges bookings of the same resource that overlap or touch, keeping the earliest one's step.
    static func merged(_ bookings: [Booking]) -> [Booking] {
        var result: [Booking] = []
        var byResource: [String: [Booking]] = [:]
        var order: [String] = []
        for booking in bookings {
            if byResource[booking.resource] == nil { order.append(booking.resource) }
            byResource[booking.resource, default: []].append(booking)
        }
        for resource in order {
            let sorted = byResource[resource, default: []].sorted { ($0.from, $0.to, $0.step) < ($1.from, $1.to, $1.step) }
            guard var current = sorted.first else { continue }
            for booking in sorted.dropFirst() {
                if booking.from <= current.to.adding(days: 1) {
                    current.to = max(current.to, booking.to)
                } else {
                    result.append(current)
                    current = booking
                }
            }
            result.append(current)
        }
        return result
    }
}
