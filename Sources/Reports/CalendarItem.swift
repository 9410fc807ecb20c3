import Calendrical
import Capacity
import Pathway

/// What an event in a plan calendar is; its title and texts follow from it (and, in the `.ics` files, its UID).
package enum CalendarEventKind: String, Sendable, CaseIterable {
    case secondOpinion = "second-opinion", committeeAnswer = "committee-answer", evaluation
    /// Fertility preservation wanted and not done: the last day to have it finished, before mobilisation day 1.
    case fertilityDeadline = "fertility-deadline"
    case infusion, injection, apheresis, heldApheresis = "apheresis-held", controlVisit = "control-visit"
    case admission, reinfusion, isolation, bloodCounts = "blood-counts", discharge
    case homeCheck = "home-check", recovery
    /// Before the committee's answer: one span for the whole treatment that may follow.
    case treatmentPeriod = "treatment-period"
    /// Follow-up milestones a site's protocol turns on.
    case followUpVisit = "follow-up-visit", followUpScan = "follow-up-scan", vaccination

    /// The event of a follow-up milestone.
    package init(_ kind: TreatmentProtocol.FollowUp.Kind) {
        switch kind {
        case .visit: self = .followUpVisit
        case .scan: self = .followUpScan
        case .vaccination: self = .vaccination
        }
    }
}

/// One planned event, before it is worded for an audience: what the patient's entries (``PatientEntries``) and the
/// calendars Interchange writes (the patient's, the ward's, the staff's) are made from.
///
/// A worked case: a mobilisation with day 1 on Friday 4 December 2026 and the harvest expected on Wednesday 9
/// December is two items — the infusion on 4 December, and the daily injections from Saturday 5 to Wednesday 9
/// December (`repeatDaily` 5, the days from day 1 to the harvest).
package struct CalendarItem: Sendable {
    package var kind: CalendarEventKind
    package var number: Int
    package var first: CalendarDate
    package var last: CalendarDate       // the last day (all-day spans), or the day itself
    package var fixed: Bool
    package var window: DateWindow?      // when not fixed
    package var repeatDaily: Int?        // daily injections: how many
    package var bloodCountCount: Int?    // blood counts: how many
    package var weekdays: [Weekday] = [] // blood counts: on which weekdays
    package var months: Int?             // follow-up milestones: months after day 0
    package var step: StepID?            // the step it belongs to
    package var resource: String?        // what the step books (for the closed-day note)
    package var time: ClockSpan?         // the time recorded for this appointment
    package var happened = false         // not recorded, but a later step is (StepPlan.hasEvidentlyHappened)
    package var done = false             // every day of it is before now

    /// An item; the rest of its fields are set where they apply.
    package init(kind: CalendarEventKind, number: Int, first: CalendarDate, last: CalendarDate, fixed: Bool,
                 window: DateWindow?) {
        self.kind = kind
        self.number = number
        self.first = first
        self.last = last
        self.fixed = fixed
        self.window = window
    }

    /// The events of one plan, in order.
    package static func items(of plan: PatientPlan) -> [CalendarItem] {
        var items: [CalendarItem] = []
        func add(_ kind: CalendarEventKind, _ step: StepPlan, first: CalendarDate? = nil, last: CalendarDate? = nil,
                 number: Int = 1, fixed: Bool? = nil) {
            let isFixed = fixed ?? (step.isFixed || step.status == .done || step.status == .confirmed)
            let day = first ?? step.start.expected
            var item = CalendarItem(kind: kind, number: number, first: day, last: last ?? day, fixed: isFixed,
                                    window: isFixed || step.start.isSingleDay ? nil : step.start)
            item.step = step.step
            item.resource = step.resource
            item.done = step.status == .done
            item.happened = step.hasEvidentlyHappened
            items.append(item)
        }
        for step in plan.steps {
            switch step.step {
            case .secondOpinion: add(.secondOpinion, step)
            case .committeeAnswer: add(.committeeAnswer, step)
            case .evaluation: add(.evaluation, step)
            case .mobilisation:
                add(.infusion, step)
                let harvest = step.end?.expected ?? step.start.expected
                let days = step.start.expected.days(until: harvest)
                if days > 0 {
                    var item = CalendarItem(kind: .injection, number: 1, first: step.start.expected.adding(days: 1),
                                            last: harvest, fixed: step.isFixed, window: nil)
                    item.repeatDaily = days
                    item.step = .mobilisation
                    item.happened = step.hasEvidentlyHappened
                    items.append(item)
                }
            case .apheresis:
                for (index, session) in step.sessions.enumerated() {
                    let fixed = step.isFixed || step.status == .done
                    var item = CalendarItem(kind: session.tentative ? .heldApheresis : .apheresis, number: index + 1,
                                            first: session.date.expected, last: session.date.expected,
                                            fixed: fixed && !session.tentative,
                                            window: fixed || session.date.isSingleDay ? nil : session.date)
                    item.step = .apheresis
                    item.resource = step.resource
                    item.done = fixed && !session.tentative && step.status == .done
                    item.happened = step.hasEvidentlyHappened
                    items.append(item)
                }
            case .controlVisit: add(.controlVisit, step)
            case .conditioning: add(.admission, step, last: step.end?.expected)
            case .reinfusion: add(.reinfusion, step, last: step.end?.expected)
            case .isolation:
                let end = step.end?.expected ?? step.start.expected
                add(.isolation, step, last: end)
                // Blood counts on the protocol's weekdays from day 0 up to the expected discharge.
                let weekdays = Set(step.bloodCountDays)
                let days = (0...max(0, step.start.expected.days(until: end))).map { step.start.expected.adding(days: $0) }
                    .filter { weekdays.contains($0.weekday) }
                if let firstCount = days.first {
                    var item = CalendarItem(kind: .bloodCounts, number: 1, first: firstCount, last: days.last ?? firstCount,
                                            fixed: step.isFixed, window: nil)
                    item.bloodCountCount = days.count
                    item.weekdays = step.bloodCountDays
                    items.append(item)
                }
            case .discharge: add(.discharge, step)
            case .recovery:
                add(.recovery, step, last: step.end?.expected)
                for (index, visit) in step.visits.enumerated() {
                    var item = CalendarItem(kind: .homeCheck, number: index + 1, first: visit, last: visit, fixed: false, window: nil)
                    item.step = .recovery
                    items.append(item)
                }
            }
        }
        for (index, planned) in plan.followUps.enumerated() {
            let kind = CalendarEventKind(planned.followUp.kind)
            var item = CalendarItem(kind: kind, number: index + 1, first: planned.date, last: planned.date, fixed: false, window: nil)
            item.months = planned.followUp.months
            items.append(item)
        }
        return items
    }

}

extension Site {
    /// The site's own hours for an event kind, if it gives them (`times: {apheresis: "08:00-14:00"}`); there are
    /// no built-in hours.
    package func time(for kind: CalendarEventKind) -> ClockSpan? { times[kind.rawValue] }
}
