import Calendrical
import Dispatch

/// Computes patients' date plans from a protocol and a working calendar.
///
/// Starts and ends are computed in dependency order (the protocol's steps may refer to later steps, like the
/// evaluation that must come before mobilisation day 1), each in three chains: earliest from earliest, expected
/// from expected, latest from latest. A recorded date sets all three and anchors everything after it.
///
/// Worked case, with `amsterdamUMC` and Dutch holidays: mobilisation recorded on Thursday 5 November 2026 and
/// apheresis sessions on Tuesday 10 and Wednesday 11 November (a repeat). The harvest H is 11 November, so the
/// control visit is `open≥(H+14)` = Wednesday 25 November and the admission window runs from `open≥(H+21)` =
/// Wednesday 2 December to `open≤(H+56)` = Wednesday 6 January 2027.
public struct Planner: Sendable {
    /// The protocol was not usable; see ``TreatmentProtocol/problems()``.
    public struct InvalidProtocol: Error, Sendable, CustomStringConvertible {
        /// What is wrong with it.
        public var problems: [ProtocolProblem]
        public var description: String { problems.map(\.description).joined(separator: "\n") }
    }

    /// The protocol.
    public let treatmentProtocol: TreatmentProtocol
    /// The working calendar.
    public let calendar: WorkingCalendar
    let rules: [StepRule]              // by StepID.index
    let openDays: [OpenDayTable]       // by StepID.index: the days each step may start on
    let visitDays: [OpenDayTable?]     // by StepID.index: the days its follow-up visits may fall on
    let order: [Anchor]
    let formulas: [String]             // by StepID.index: the rule text, made once
    let followUpDays: [OpenDayTable?]  // by follow-up: the days it may fall on (nil: any day)

    /// A planner; throws ``InvalidProtocol`` when the protocol has problems.
    public init(protocol treatmentProtocol: TreatmentProtocol, calendar: WorkingCalendar) throws(InvalidProtocol) {
        let problems = treatmentProtocol.problems()
        guard problems.isEmpty else { throw InvalidProtocol(problems: problems) }
        self.treatmentProtocol = treatmentProtocol
        self.calendar = calendar
        // A protocol without problems has a rule for every step (missing_step is one of the problems checked above).
        let rules = StepID.allCases.map { treatmentProtocol.rule($0)! }
        self.rules = rules
        // Steps that share an open-day rule and resource share one table.
        var cache: [String: OpenDayTable] = [:]
        let workingDays = OpenDayTable.workingDays(calendar)
        func table(_ open: StepRule.OpenDays, _ resource: String?) -> OpenDayTable {
            let key = "\(open.rawValue)|\(resource ?? "")"
            if let table = cache[key] { return table }
            let table = OpenDayTable(open, resource: resource, calendar: calendar, workingDays: workingDays)
            cache[key] = table
            return table
        }
        self.openDays = rules.map { table($0.open, $0.resource) }
        self.visitDays = rules.map { rule in rule.visits.map { table(.resource, $0.resource) } }
        self.order = TreatmentProtocol.evaluationOrder(of: treatmentProtocol).order
        self.formulas = rules.map(\.formula)
        self.followUpDays = treatmentProtocol.followUps.map { followUp in followUp.resource.map { table(.resource, $0) } }
    }

    /// The plan of one patient, with statuses against `now` (a civil date in the site's zone).
    public func plan(_ record: PatientRecord, now: CalendarDate) -> PatientPlan {
        var state = PlanState(record: record)
        state.now = now.daysSince1970
        for node in order {
            if node.point == .start {
                computeStart(rules[node.step.index], &state)
            } else {
                computeEnd(rules[node.step.index], &state)
            }
        }
        checkFertility(record, &state, now: now)
        // A declined answer ends the pathway at the answer visit: nothing after it is planned or booked.
        let last = record.isDeclined ? StepID.committeeAnswer : StepID.recovery
        let steps = StepID.allCases.filter { $0 <= last }.map { stepPlan($0, state, record, now: now.daysSince1970) }
        let conflicts = state.conflicts.filter { $0.step <= last }.sorted { ($0.date, $0.step) < ($1.date, $1.step) }
        var plan = PatientPlan(patientID: record.id, steps: steps, conflicts: conflicts, declined: record.isDeclined)
        if !record.isDeclined, let d0 = state.starts[StepID.reinfusion.index] {
            plan.followUps = zip(treatmentProtocol.followUps, followUpDays).map { followUp, table in
                let day = CalendarDate(daysSince1970: d0[.expected]).adding(months: followUp.months).daysSince1970
                return .init(followUp: followUp, date: CalendarDate(daysSince1970: table?.next(onOrAfter: day) ?? day))
            }
        }
        return plan
    }

    /// The plans of many patients, in the order given; large cohorts are planned on every core (plans are
    /// independent, and each lands in its own slot, so the result does not depend on the number of cores).
    public func plan(_ records: [PatientRecord], now: CalendarDate) -> [PatientPlan] {
        let chunk = 2048
        guard records.count > chunk else { return records.map { plan($0, now: now) } }
        let chunks = (records.count + chunk - 1) / chunk
        return [PatientPlan](unsafeUninitializedCapacity: records.count) { buffer, initialized in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { part in
                let range = (part * chunk)..<min(records.count, (part + 1) * chunk)
                // A buffer of more than 2,048 plans has a base address.
                for index in range { (slots.baseAddress! + index).initialize(to: plan(records[index], now: now)) }
            }
            initialized = records.count
        }
    }
}

/// Three day numbers (days since 1970): the earliest, expected and latest reading of one date.
struct Days: Equatable {
    var values: (Int, Int, Int)

    init(_ earliest: Int, _ expected: Int, _ latest: Int) { values = (earliest, expected, latest) }
    init(fixed day: Int) { values = (day, day, day) }

    /// The day number of one chain: `days[.expected]`.
    subscript(chain: Chain) -> Int {
        get {
            switch chain {
            case .earliest: values.0
            case .expected: values.1
            case .latest: values.2
            }
        }
        set {
            switch chain {
            case .earliest: values.0 = newValue
            case .expected: values.1 = newValue
            case .latest: values.2 = newValue
            }
        }
    }

    var isSingleDay: Bool { values.0 == values.1 && values.1 == values.2 }

    var window: DateWindow {
        DateWindow(earliest: CalendarDate(daysSince1970: values.0), expected: CalendarDate(daysSince1970: values.1),
                   latest: CalendarDate(daysSince1970: values.2))
    }

    static func == (lhs: Days, rhs: Days) -> Bool { lhs.values == rhs.values }
}

/// What the planner knows so far about one patient.
struct PlanState {
    let record: PatientRecord
    var starts = [Days?](repeating: nil, count: StepID.allCases.count)
    var ends = [Days?](repeating: nil, count: StepID.allCases.count)
    var startFixed = [Bool](repeating: false, count: StepID.allCases.count)
    var endFixed = [Bool](repeating: false, count: StepID.allCases.count)
    var sessions: [(Days, tentative: Bool)] = []
    var conflicts: [PlanConflict] = []
    /// The day plans are judged against (a day number).
    var now = Int.min
    /// Steps whose expected start was a past guess and was moved after now (still overdue).
    var movedPastNow = [Bool](repeating: false, count: StepID.allCases.count)
    /// The last step (by index) with a recorded date: steps after it are still to come. A scheduler's proposal is a
    /// plan, not a fact, so it does not count.
    let lastRecorded: Int

    init(record: PatientRecord) {
        self.record = record
        var last = record.apheresisSessions.isEmpty ? -1 : StepID.apheresis.index
        for (step, recorded) in record.recorded where !recorded.proposed { last = max(last, step.index) }
        lastRecorded = last
    }

    /// The value of an anchor (a step without an end ends on its start).
    func value(_ anchor: Anchor) -> Days {
        let index = anchor.step.index
        if anchor.point == .end, let end = ends[index] { return end }
        // Anchors are read only after their step's start (the evaluation order follows the dependencies).
        return starts[index]!
    }

    /// Whether an anchor's value follows from recorded dates alone.
    func isFixed(_ anchor: Anchor) -> Bool {
        let index = anchor.step.index
        if anchor.point == .end, ends[index] != nil { return endFixed[index] }
        return startFixed[index]
    }

    mutating func conflict(_ code: PlanConflict.Code, _ step: StepID, _ day: Int, _ detail: PlanConflict.Detail) {
        conflicts.append(PlanConflict(code: code, step: step, date: CalendarDate(daysSince1970: day), detail: detail))
    }
}

extension Planner {
    /// Whether `step` may start on day number `day` (days since 1970) by its protocol rule: the table lookup the
    /// planner itself uses (weekends, holidays and closures of the step's resource already painted in).
    package func mayStart(_ step: StepID, onDay day: Int) -> Bool { openDays[step.index].isOpen(day) }

    /// Whether `step` may start on `date` by its protocol rule (weekends, holidays and closures of its resource).
    public func mayStart(_ step: StepID, on date: CalendarDate) -> Bool { mayStart(step, onDay: date.daysSince1970) }

    /// Whether day number `day` is a first fit for a step planned by first fit (mobilisation day 1): open for the
    /// step, and every harvest day (apheresis days 5–7) open too. `false` for other steps.
    package func isFirstFit(_ step: StepID, onDay day: Int) -> Bool {
        guard case let .firstFit(_, harvest) = rules[step.index].start,
              case let .dayOf(_, first, _, last, _) = rules[harvest.index].start else { return false }
        return openDays[step.index].isOpen(day)
            && ((first - 1)...(last - 1)).allSatisfy { openDays[harvest.index].isOpen(day + $0) }
    }

    /// Whether `date` is a first fit for `step` (mobilisation day 1 with its harvest days open).
    public func isFirstFit(_ step: StepID, on date: CalendarDate) -> Bool { isFirstFit(step, onDay: date.daysSince1970) }
}
