extension TreatmentProtocol {
    /// Everything that makes this protocol unusable, in step order; empty for a usable protocol.
    ///
    /// Checks: every step exactly once; resources known; windows whose bounds count from the same anchor in
    /// order (earliest ≤ expected ≤ latest); day and month ranges in order; positive durations and counts;
    /// a first-fit harvest that is a `dayOf` step on this step; and no step whose dates need themselves
    /// (`conditioning` counted from `conditioning.end`, or a longer loop).
    public func problems() -> [ProtocolProblem] {
        var problems: [ProtocolProblem] = []
        var seen: Set<StepID> = []
        for rule in steps {
            if !seen.insert(rule.id).inserted {
                problems.append(.init(code: .duplicateStep, step: rule.id, message: "step '\(rule.id)' is listed twice"))
            }
            problems += resourceProblems(rule) + rangeProblems(rule) + referenceProblems(rule)
        }
        for id in StepID.allCases where !seen.contains(id) {
            problems.append(.init(code: .missingStep, step: id,
                                  message: "the protocol has no step '\(id)'; every step of the pathway needs a rule"))
        }
        for followUp in followUps {
            if let name = followUp.resource, !resources.contains(name) {
                problems.append(.init(code: .unknownResource, step: .recovery, field: "follow-up",
                                      message: "follow-up '\(followUp.id)': unknown resource '\(name)'; expected one of: \(resources.joined(separator: ", "))"))
            }
            if !(1...240).contains(followUp.months) {
                problems.append(.init(code: .invalidNumber, step: .recovery, field: "follow-up",
                                      message: "follow-up '\(followUp.id)': \(followUp.months) months; expected 1 to 240"))
            }
        }
        if problems.isEmpty { problems += cycleProblems() }
        return problems
    }

    private func resourceProblems(_ rule: StepRule) -> [ProtocolProblem] {
        var problems: [ProtocolProblem] = []
        for (field, name) in [("resource", rule.resource), ("visits", rule.visits?.resource)] {
            if let name, !resources.contains(name) {
                problems.append(.init(code: .unknownResource, step: rule.id, field: field,
                                      message: "unknown resource '\(name)'; expected one of: \(resources.joined(separator: ", "))"))
            }
        }
        return problems
    }

    private func rangeProblems(_ rule: StepRule) -> [ProtocolProblem] {
        var problems: [ProtocolProblem] = []
        func inverted(_ field: String, _ text: String) {
            problems.append(.init(code: .windowInverted, step: rule.id, field: field, message: text))
        }
        func number(_ field: String, _ text: String) {
            problems.append(.init(code: .invalidNumber, step: rule.id, field: field, message: text))
        }
        switch rule.start {
        case let .window(earliest, expected, latest):
            if earliest.anchor == latest.anchor, earliest.days > latest.days {
                inverted("earliest", "the window's earliest (\(earliest.formula)) is after its latest (\(latest.formula))")
            } else if earliest.anchor == expected.anchor, earliest.days > expected.days {
                inverted("expected", "the expected day (\(expected.formula)) is before the earliest (\(earliest.formula))")
            } else if expected.anchor == latest.anchor, expected.days > latest.days {
                inverted("expected", "the expected day (\(expected.formula)) is after the latest (\(latest.formula))")
            }
        case let .dayOf(_, first, expected, last, repeats):
            if first < 1 { number("first", "day \(first) does not exist; the anchor's first day is day 1") }
            if !(first <= expected && expected <= last) {
                inverted("expected", "days must satisfy first ≤ expected ≤ last; got \(first), \(expected), \(last)")
            }
            if repeats < 0 { number("tentative-repeats", "expected 0 or more tentative repeats, got \(repeats)") }
        case .given, .firstFit:
            break
        }
        switch rule.end {
        case let .lasts(days) where days < 1:
            number("lasts", "a step lasts at least 1 day, got \(days)")
        case let .nextDayAbove(bags) where bags < 0:
            number("split-above-bags", "expected a number of bags of 0 or more, got \(bags)")
        case let .monthsAfter(_, earliest, expected, latest) where !(0 <= earliest && earliest <= expected && expected <= latest):
            inverted("months", "months must satisfy 0 ≤ earliest ≤ expected ≤ latest; got \(earliest), \(expected), \(latest)")
        default:
            break
        }
        if let range = rule.recoveryDays, range.lowerBound < 0 {
            number("recovery-days", "recovery days count from the start and cannot be negative")
        }
        if let visits = rule.visits, visits.count < 0 || visits.everyDays < 1 {
            number("visits", "visits need a count of 0 or more and an interval of at least 1 day")
        }
        return problems
    }

    private func referenceProblems(_ rule: StepRule) -> [ProtocolProblem] {
        var problems: [ProtocolProblem] = []
        if case let .firstFit(_, harvest) = rule.start {
            let isDayOfThis: Bool
            if case let .dayOf(anchor, _, _, _, _)? = self.rule(harvest)?.start {
                isDayOfThis = anchor.step == rule.id
            } else {
                isDayOfThis = false
            }
            if !isDayOfThis {
                problems.append(.init(code: .invalidReference, step: rule.id, field: "harvest",
                                      message: "the harvest step '\(harvest)' must be a day-of step counted from '\(rule.id)'"))
            }
        }
        if case .lastSession = rule.end, !isDayOf(rule) {
            problems.append(.init(code: .invalidReference, step: rule.id, field: "end",
                                  message: "only a day-of step (sessions) can end with its last session"))
        }
        return problems
    }

    private func isDayOf(_ rule: StepRule) -> Bool {
        if case .dayOf = rule.start { return true }
        return false
    }

    /// Depth-first search over (step, start|end) nodes; reports the first cycle found, at the step that closes it.
    private func cycleProblems() -> [ProtocolProblem] {
        if let cycle = Self.evaluationOrder(of: self).cycle, let closing = cycle.last {
            let path = cycle.map(\.description).joined(separator: " → ")
            return [.init(code: .dependencyCycle, step: closing.step, field: nil,
                          message: "step '\(cycle.last!.step)' depends on itself: \(path)")]
        }
        return []
    }

    /// The order in which starts and ends can be computed, or the cycle that prevents it.
    static func evaluationOrder(of proto: TreatmentProtocol) -> (order: [Anchor], cycle: [Anchor]?) {
        var state: [Anchor: Int] = [:]  // 1 visiting, 2 done
        var order: [Anchor] = []
        var stack: [Anchor] = []
        func dependencies(_ node: Anchor) -> [Anchor] {
            guard let rule = proto.rule(node.step) else { return [] }
            if node.point == .start { return rule.startDependencies }
            return [Anchor(node.step)] + rule.endDependencies
        }
        func visit(_ node: Anchor) -> [Anchor]? {
            if state[node] == 2 { return nil }
            if state[node] == 1 {
                // A node being visited is on the stack; were it not, the cycle would be reported from the start.
                let from = stack.firstIndex(of: node) ?? 0
                return Array(stack[from...]) + [node]
            }
            state[node] = 1
            stack.append(node)
            for dependency in dependencies(node) {
                if let cycle = visit(dependency) { return cycle }
            }
            stack.removeLast()
            state[node] = 2
            order.append(node)
            return nil
        }
        for rule in proto.steps {
            for point in [Anchor.Point.start, .end] {
                if let cycle = visit(Anchor(rule.id, point)) { return (order, cycle) }
            }
        }
        return (order, nil)
    }
}
