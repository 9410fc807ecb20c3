import Calendrical

extension Planner {
    /// Sets a step's start: the recorded date, or the protocol's rule in each chain.
    func computeStart(_ rule: StepRule, _ state: inout PlanState) {
        let index = rule.id.index
        let recorded = rule.id == .apheresis ? state.record.apheresisSessions.first : state.record.recorded[rule.id]?.date
        guard let recorded else {
            var (days, violation) = planStart(rule, state)
            // A ward step (every day) on one day that recorded dates alone decide is as good as recorded:
            // reinfusion the day after a recorded admission, isolation from it, recovery from a recorded discharge.
            let fixed = rule.open == .everyDay && days.isSingleDay && rule.startDependencies.allSatisfy(state.isFixed)
            // A past guess: a step still to come (after the last recorded one, and not decided by recorded dates) whose
            // expected start is on or before now (docs/clinical-rules.md, "Past guesses") is expected on the first day
            // after now its rule allows; its latest is at least that day, its earliest as the rule gives it.
            if !fixed, index > state.lastRecorded, days[.expected] <= state.now {
                let expected = days[.expected]
                let moved = firstAllowed(rule, onOrAfter: state.now + 1, state)
                days[.expected] = moved
                days[.latest] = max(days[.latest], moved)
                state.movedPastNow[index] = true
                // Reported once, on the day the rule expected it. A guessed date is not a fact, so an empty window
                // met while guessing is no `window_violated` of its own ("Rules the conflict report checks").
                state.conflict(.overdue, rule.id, expected, .overdue(expected: CalendarDate(daysSince1970: expected)))
                violation = nil
            }
            state.starts[index] = days
            if let violation { state.conflict(.windowViolated, rule.id, violation.day, violation.detail) }
            state.startFixed[index] = fixed
            return
        }
        let day = recorded.daysSince1970
        state.starts[index] = Days(fixed: day)
        state.startFixed[index] = true
        checkRecorded(rule, day: day, state: &state)
    }

    /// The first day on or after `day` that `rule` may start on: open for what it needs (for a first-fit step, a
    /// first fit; for a step that runs every day, `day` itself).
    private func firstAllowed(_ rule: StepRule, onOrAfter day: Int, _ state: PlanState) -> Int {
        if case .firstFit = rule.start {
            return (day..<(day + OpenDayTable.searchLimit)).first { isFirstFit(rule.id, onDay: $0) } ?? day
        }
        return openDays[rule.id.index].next(onOrAfter: day)
    }

    /// A recorded date outside the window the protocol would give it is a `window_violated` conflict; a recorded
    /// discharge after the window is a longer stay than usual (`long_stay`).
    private func checkRecorded(_ rule: StepRule, day: Int, state: inout PlanState) {
        let planned: Days
        switch rule.start {
        case .given:
            return
        case .firstFit:
            // Mobilisation may start on any day at or after its first possible day; the harvest check decides the rest.
            // Fertility preservation is left out here: a day 1 before it is an order_violated conflict of its own.
            let from = earliestStart(rule, state, chain: .earliest, includingFertility: false)
            guard day < from else { return }
            state.conflict(.windowViolated, rule.id, day,
                           .beforeFirstPossible(day: CalendarDate(daysSince1970: day), first: CalendarDate(daysSince1970: from),
                                                rule: rule.formula))
            return
        case let .dayOf(anchor, first, _, last, _):
            let base = state.value(anchor)
            planned = Days(base[.earliest] + first - 1, 0, base[.latest] + last - 1)
        case .window:
            planned = planStart(rule, state).days
        }
        guard day < planned[.earliest] || day > planned[.latest] else { return }
        if rule.id == .discharge, day > planned[.latest] {
            state.conflict(.longStay, rule.id, day,
                           .longStay(day: CalendarDate(daysSince1970: day), daysOver: day - planned[.latest],
                                     usualLatest: CalendarDate(daysSince1970: planned[.latest])))
            return
        }
        let bounds: PlanConflict.Bounds
        switch rule.start {
        case let .dayOf(anchor, first, _, last, _): bounds = .dayOf(anchor: anchor, first: first, last: last)
        case let .window(earliest, _, latest): bounds = .window(earliest: earliest.formula, latest: latest.formula)
        default: bounds = .rule(rule.formula)
        }
        state.conflict(.windowViolated, rule.id, day,
                       .outsideWindow(day: CalendarDate(daysSince1970: day), earliest: CalendarDate(daysSince1970: planned[.earliest]),
                                      latest: CalendarDate(daysSince1970: planned[.latest]), bounds: bounds))
    }

    /// The three chains of an unrecorded start, and the first window found empty, if any.
    private func planStart(_ rule: StepRule, _ state: PlanState) -> (days: Days, violation: (day: Int, detail: PlanConflict.Detail)?) {
        let open = openDays[rule.id.index]
        var days = Days(fixed: 0)
        var violation: (day: Int, detail: PlanConflict.Detail)?
        switch rule.start {
        case .given:
            // Only reached without a recorded date (the cohort reader refuses such a patient): the plan keeps
            // going from 1970-01-01 and carries a conflict that says why.
            let day = 0
            return (Days(fixed: day), (day, .notPlannable))
        case let .window(earliest, expected, latest):
            for chain in Chain.allCases {
                let lo = open.snap(state.value(earliest.anchor)[chain] + earliest.days, earliest.snap)
                let rawHi = state.value(latest.anchor)[chain] + latest.days
                let hi = open.snap(rawHi, latest.snap)
                if lo > hi {
                    days[chain] = open.next(onOrAfter: rawHi + 1)
                    if violation == nil {
                        violation = (days[chain], .emptyWindow(from: CalendarDate(daysSince1970: lo),
                                                               to: CalendarDate(daysSince1970: hi), rule: rule.formula))
                    }
                    continue
                }
                switch chain {
                case .earliest: days[.earliest] = lo
                case .latest: days[.latest] = hi
                case .expected:
                    let want = open.snap(state.value(expected.anchor)[.expected] + expected.days, expected.snap)
                    days[.expected] = min(max(want, lo), hi)
                }
            }
        case let .firstFit(_, harvest):
            guard case let .dayOf(_, first, _, last, _) = rules[harvest.index].start else { preconditionFailure() }
            for chain in Chain.allCases {
                let from = earliestStart(rule, state, chain: chain)
                if let found = (from..<(from + OpenDayTable.searchLimit)).first(where: { isFirstFit(rule.id, onDay: $0) }) {
                    days[chain] = found
                } else {
                    days[chain] = open.next(onOrAfter: from)
                    if violation == nil {
                        violation = (days[chain], .noFirstFit(from: CalendarDate(daysSince1970: from), harvest: harvest,
                                                              first: first, last: last))
                    }
                }
            }
        case let .dayOf(anchor, first, expected, last, _):
            let base = state.value(anchor)
            for chain in Chain.allCases {
                let day1 = base[chain]
                let candidates = ((first - 1)...(last - 1)).map { day1 + $0 }.filter(open.isOpen)
                guard let firstOpen = candidates.first, let lastOpen = candidates.last else {
                    days[chain] = open.next(onOrAfter: day1 + first - 1)
                    if violation == nil {
                        violation = (days[chain], .noOpenDayOf(anchor: anchor, first: first, last: last,
                                                               from: CalendarDate(daysSince1970: day1 + first - 1),
                                                               to: CalendarDate(daysSince1970: day1 + last - 1),
                                                               resource: rule.resource))
                    }
                    continue
                }
                switch chain {
                case .earliest: days[.earliest] = firstOpen
                case .latest: days[.latest] = lastOpen
                case .expected:
                    let target = day1 + expected - 1
                    // The nearest open day to the target; `min(by:)` keeps the first (earlier) one on a tie.
                    days[.expected] = candidates.min { abs($0 - target) < abs($1 - target) }!
                }
            }
        }
        return (days, violation)
    }

    /// The first day a first-fit step may start in a chain: the latest of its bounds (recorded-only bounds when
    /// recorded) and the day after a wanted and recorded fertility preservation.
    func earliestStart(_ rule: StepRule, _ state: PlanState, chain: Chain, includingFertility: Bool = true) -> Int {
        guard case let .firstFit(notBefore, _) = rule.start else { return 0 }
        var from = Int.min
        for bound in notBefore {
            if bound.onlyIfRecorded {
                // Not a dependency: read the record itself, since the anchor may be computed after this step.
                let step = bound.anchor.step
                let recorded = step == .apheresis
                    ? (bound.anchor.point == .end ? state.record.apheresisSessions.last : state.record.apheresisSessions.first)
                    : state.record.recorded[step]?.date
                if let recorded { from = max(from, recorded.daysSince1970 + bound.days) }
            } else {
                from = max(from, state.value(bound.anchor)[chain] + bound.days)
            }
        }
        if includingFertility, let fertility = state.record.fertility, fertility.wanted, let done = fertility.done {
            from = max(from, done.daysSince1970 + 1)
        }
        return from
    }

    /// Sets a step's end from its start and the rule.
    func computeEnd(_ rule: StepRule, _ state: inout PlanState) {
        let index = rule.id.index
        // Ends are computed after their own start (the evaluation order puts a step's start before its end).
        let start = state.starts[index]!
        switch rule.end {
        case .none:
            state.ends[index] = nil
        case let .lasts(count):
            state.ends[index] = Days(start[.earliest] + count - 1, start[.expected] + count - 1, start[.latest] + count - 1)
            state.endFixed[index] = state.startFixed[index]
        case let .until(anchor):
            var end = state.value(anchor)
            for chain in Chain.allCases { end[chain] = max(end[chain], start[chain]) }
            state.ends[index] = end
            state.endFixed[index] = state.isFixed(anchor)
        case .lastSession:
            planSessions(rule, &state)
            let held = state.sessions.filter { !$0.tentative }
            state.ends[index] = held.last?.0 ?? start
            state.endFixed[index] = !state.record.apheresisSessions.isEmpty
        case let .nextDayAbove(bags):
            let extra = (state.record.bags ?? 0) > bags ? 1 : 0
            state.ends[index] = Days(start[.earliest] + extra, start[.expected] + extra, start[.latest] + extra)
            state.endFixed[index] = state.startFixed[index]
        case let .monthsAfter(anchor, earliest, expected, latest):
            let base = state.value(anchor)
            func add(_ day: Int, _ months: Int) -> Int {
                CalendarDate(daysSince1970: day).adding(months: months).daysSince1970
            }
            state.ends[index] = Days(add(base[.earliest], earliest), add(base[.expected], expected), add(base[.latest], latest))
            state.endFixed[index] = state.isFixed(anchor) && earliest == latest
        }
    }

    /// Recorded sessions as held; otherwise the planned session and its tentative repeats on the next open days.
    private func planSessions(_ rule: StepRule, _ state: inout PlanState) {
        let recorded = state.record.apheresisSessions
        if !recorded.isEmpty {
            state.sessions = recorded.map { (Days(fixed: $0.daysSince1970), tentative: false) }
            return
        }
        // The sessions follow the step's start, set just before in the evaluation order.
        let start = state.starts[rule.id.index]!
        state.sessions = [(start, tentative: false)]
        guard case let .dayOf(_, _, _, _, repeats) = rule.start, repeats > 0 else { return }
        let open = openDays[rule.id.index]
        var previous = start
        for _ in 0..<repeats {
            var next = previous
            for chain in Chain.allCases { next[chain] = open.next(onOrAfter: previous[chain] + 1) }
            state.sessions.append((next, tentative: true))
            previous = next
        }
    }

    /// Fertility preservation must be done before mobilisation day 1
    /// (`docs/clinical-rules.md`, "Fertility preservation").
    func checkFertility(_ record: PatientRecord, _ state: inout PlanState, now: CalendarDate) {
        guard let fertility = record.fertility, fertility.wanted else { return }
        let mobilisation = state.value(Anchor(.mobilisation))
        let day1 = CalendarDate(daysSince1970: mobilisation[.expected])
        if let done = fertility.done {
            if done.daysSince1970 >= mobilisation[.expected] {
                state.conflict(.orderViolated, .mobilisation, done.daysSince1970,
                               .fertilityNotBefore(done: done, dayOne: day1))
            }
        } else if state.startFixed[StepID.mobilisation.index], mobilisation[.expected] <= now.daysSince1970 {
            state.conflict(.orderViolated, .mobilisation, mobilisation[.expected], .fertilityMissing(dayOne: day1))
        }
    }

    /// The finished plan of one step, with its status against `now` (a day number).
    func stepPlan(_ step: StepID, _ state: PlanState, _ record: PatientRecord, now: Int) -> StepPlan {
        let index = step.index
        let rule = rules[index]
        // Every step's start is set before the plan is read out (the evaluation order covers every step).
        let start = state.starts[index]!
        let end = state.ends[index]
        let startFixed = state.startFixed[index]
        // "Its recorded or expected end": a single visit ends on its day.
        let endDay = end?[.expected] ?? start[.expected]
        let status: StepPlan.Status
        if startFixed, start[.expected] <= now {
            status = endDay < now ? .done : .inProgress
        } else if record.recorded[step]?.confirmed == true {
            status = .confirmed
        } else {
            status = .planned
        }
        var visits: [CalendarDate] = []
        if let series = rule.visits, let table = visitDays[index] {
            visits = (0..<series.count).map {
                CalendarDate(daysSince1970: table.next(onOrAfter: start[.expected] + ($0 + 1) * series.everyDays))
            }
        }
        var toDo: [StepPlan.ToDo] = []
        let day1 = state.value(Anchor(.mobilisation))
        // Still to do while mobilisation day 1 has not begun (planned, or booked for a later day).
        if step == .evaluation, let fertility = record.fertility, fertility.wanted, fertility.done == nil,
           !(state.startFixed[StepID.mobilisation.index] && day1[.expected] <= now) {
            toDo.append(.fertilityPreservation(dayOne: CalendarDate(daysSince1970: day1[.expected])))
        }
        // The second opinion and the answer at another hospital book nothing at the treating site.
        let elsewhere = record.secondOpinionElsewhere && (step == .secondOpinion || step == .committeeAnswer)
        // A step before the last recorded one must have happened, recorded or not: it keeps its rule dates and is
        // never overdue (docs/clinical-rules.md, "Past guesses").
        let happened = !startFixed && index < state.lastRecorded && start[.expected] < now
        return StepPlan(
            step: step, start: start.window, end: end?.window, status: status, isFixed: startFixed,
            isOverdue: !startFixed && !happened && (start[.expected] < now || state.movedPastNow[index]),
            hasEvidentlyHappened: happened,
            resource: elsewhere ? nil : rule.resource, rule: formulas[index], source: rule.source,
            sessions: step == .apheresis ? state.sessions.map { .init(date: $0.0.window, tentative: $0.tentative) } : [],
            visits: visits, bloodCountDays: rule.bloodCountDays,
            recoveryDays: rule.recoveryDays.map {
                CalendarDate(daysSince1970: start[.expected] + $0.lowerBound)...CalendarDate(daysSince1970: start[.expected] + $0.upperBound)
            },
            toDo: toDo)
    }
}
