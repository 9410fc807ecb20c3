import Calendrical
import ICalendar
import Pathway

/// What an event in a plan calendar is; the UID, title and texts follow from it.
enum CalendarEventKind: String, Sendable, CaseIterable {
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
    init(_ kind: TreatmentProtocol.FollowUp.Kind) {
        switch kind {
        case .visit: self = .followUpVisit
        case .scan: self = .followUpScan
        case .vaccination: self = .vaccination
        }
    }
}

/// Turns plans into the calendars people import: one per patient (in their language), the ward's, and one per
/// staff role — the last two by pseudonym only and `CLASS:CONFIDENTIAL`.
///
/// Only what is booked looks booked. A clock time comes from the data alone: the time recorded for that appointment
/// (`evaluation: {date: 2027-01-12, time: "09:30-10:15"}`) or the site's own `times:`; every other event is all-day.
/// A date that is not fixed yet is `TENTATIVE` and its description gives the window in words; done, confirmed and
/// fixed dates are `CONFIRMED`. UIDs are `<token>-<what>-<n>@ahsct-planner`, where the token is a hash of the
/// pseudonym: stable across runs, and without a name or date in it.
public struct PlanCalendars: Sendable {
    /// The site (zone, contacts, hours, departments).
    public let site: Site
    /// DTSTAMP of every event: the run's `--now`.
    public let now: Instant
    /// The site's working calendar, made once for every patient (its holiday table covers 1900–2200).
    let calendar: WorkingCalendar

    /// A builder.
    public init(site: Site, now: Instant) {
        self.site = site
        self.now = now
        self.calendar = site.calendar
    }

    /// The site's own hours for an event kind, if it gives them.
    func siteTime(_ kind: CalendarEventKind) -> ClockSpan? { site.times[kind.rawValue] }

    /// One planned event, before it is worded for an audience.
    struct Item {
        var kind: CalendarEventKind
        var number: Int
        var first: CalendarDate
        var last: CalendarDate       // the last day (all-day spans), or the day itself
        var fixed: Bool
        var window: DateWindow?      // when not fixed
        var repeatDaily: Int?        // daily injections: how many
        var bloodCountCount: Int?    // blood counts: how many
        var weekdays: [Weekday] = [] // blood counts: on which weekdays
        var months: Int?             // follow-up milestones: months after day 0
        var step: StepID?            // the step it belongs to
        var resource: String?        // what the step books (for the closed-day note)
        var time: ClockSpan?         // the time recorded for this appointment
        var happened = false         // not recorded, but a later step is (StepPlan.hasEvidentlyHappened)
        var done = false             // every day of it is before now
    }

    /// The events of one plan, in order.
    static func items(_ plan: PatientPlan) -> [Item] {
        var items: [Item] = []
        func add(_ kind: CalendarEventKind, _ step: StepPlan, first: CalendarDate? = nil, last: CalendarDate? = nil,
                 number: Int = 1, fixed: Bool? = nil) {
            let isFixed = fixed ?? (step.isFixed || step.status == .done || step.status == .confirmed)
            let day = first ?? step.start.expected
            var item = Item(kind: kind, number: number, first: day, last: last ?? day, fixed: isFixed,
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
                    var item = Item(kind: .injection, number: 1, first: step.start.expected.adding(days: 1),
                                    last: harvest, fixed: step.isFixed, window: nil)
                    item.repeatDaily = days
                    item.step = .mobilisation
                    item.happened = step.hasEvidentlyHappened
                    items.append(item)
                }
            case .apheresis:
                for (index, session) in step.sessions.enumerated() {
                    let fixed = step.isFixed || step.status == .done
                    var item = Item(kind: session.tentative ? .heldApheresis : .apheresis, number: index + 1,
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
                    var item = Item(kind: .bloodCounts, number: 1, first: firstCount, last: days.last ?? firstCount,
                                    fixed: step.isFixed, window: nil)
                    item.bloodCountCount = days.count
                    item.weekdays = step.bloodCountDays
                    items.append(item)
                }
            case .discharge: add(.discharge, step)
            case .recovery:
                add(.recovery, step, last: step.end?.expected)
                for (index, visit) in step.visits.enumerated() {
                    var item = Item(kind: .homeCheck, number: index + 1, first: visit, last: visit, fixed: false, window: nil)
                    item.step = .recovery
                    items.append(item)
                }
            }
        }
        for (index, planned) in plan.followUps.enumerated() {
            let kind = CalendarEventKind(planned.followUp.kind)
            var item = Item(kind: kind, number: index + 1, first: planned.date, last: planned.date, fixed: false, window: nil)
            item.months = planned.followUp.months
            items.append(item)
        }
        return items
    }

    /// A stable, non-identifying token for a pseudonym (FNV-1a, 64 bits, hex).
    static func token(_ pseudonym: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in pseudonym.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func uid(_ pseudonym: String, _ item: Item) -> String {
        "\(token(pseudonym))-\(item.kind.rawValue)-\(item.number)@ahsct-planner"
    }
}
