import Calendrical
import Locations
import Pathway
internal import Yams

/// Reads a protocol file: the built-in `amsterdam-umc` protocol's shape, with a site's own numbers.
///
/// `calendars/protocols/amsterdam-umc.yaml` is the built-in protocol written out; copy it and edit it. A file that
/// is not a usable protocol is refused with every problem located, e.g.
/// `my-protocol.yaml:52:15: error: the window's earliest (apheresis.end+60) is after its latest
/// (apheresis.end+56) [window_inverted]`.
public struct ProtocolReader: Sendable {
    /// A reader.
    public init() {}

    /// The protocols built in, by name.
    public static let builtIn: [String: TreatmentProtocol] = [TreatmentProtocol.amsterdamUMC.name: .amsterdamUMC]

    /// Reads and checks the protocol file at `path`.
    public func read(contentsOf path: String) throws(InputErrors) -> TreatmentProtocol {
        try read(bytes: try FileInput.bytes(of: path), file: path)
    }

    /// Reads and checks a protocol from `bytes`, reporting locations in `file`.
    public func read(bytes: [UInt8], file: String) throws(InputErrors) -> TreatmentProtocol {
        var reader = YAMLReader(file: file)
        guard let root = reader.parse(bytes) else { throw InputErrors(reader.errors) }
        var locations = ProblemLocations(fallback: reader.at(root))
        let result = decode(root, &reader, &locations)
        guard reader.errors.isEmpty, let result else { throw InputErrors(reader.errors) }
        let problems = result.problems()
        guard problems.isEmpty else {
            throw InputErrors(problems.map {
                InputError(location: locations.location(of: $0), code: .init(rawValue: $0.code.rawValue), message: $0.message)
            })
        }
        return result
    }

    /// Where each step and field was in the file, to place the problems ``TreatmentProtocol/problems()`` finds.
    struct ProblemLocations {
        /// Where problems without a step of their own (a missing step) are reported: the `steps` key once read.
        var fallback: SourceLocation
        var steps: [StepID: SourceLocation] = [:]
        var fields: [String: SourceLocation] = [:]

        func location(of problem: ProtocolProblem) -> SourceLocation {
            if let field = problem.field, let location = fields["\(problem.step).\(field)"] { return location }
            return steps[problem.step] ?? fallback
        }
    }

    static let stepKeys = ["step", "resource", "open", "source", "start", "earliest", "expected", "latest",
                           "first-fit", "day-of", "end", "blood-counts", "recovery-days", "visits"]

    func decode(_ root: Node, _ reader: inout YAMLReader, _ locations: inout ProblemLocations) -> TreatmentProtocol? {
        guard let top = reader.mapping(root, "a protocol", allowed: ["name", "resources", "steps", "session-odds", "follow-up"],
                                       required: ["name", "resources", "steps"]) else { return nil }
        let name = top["name"].flatMap { reader.string($0, "the protocol's name") }
        var resources: [String] = []
        if let node = top["resources"], let list = reader.sequence(node, "the resources") {
            resources = list.compactMap { reader.string($0, "a resource name") }
        }
        var steps: [StepRule] = []
        // A missing step is missing from this list: report it there, not at the top of the file.
        if let key = top.entries.first(where: { $0.key == "steps" })?.keyNode { locations.fallback = reader.at(key) }
        if let node = top["steps"], let list = reader.sequence(node, "the steps") {
            for item in list {
                if let step = decodeStep(item, &reader, &locations) { steps.append(step) }
            }
        }
        var odds = TreatmentProtocol.defaultSessionOdds
        if let node = top["session-odds"], let list = reader.sequence(node, "the session odds") {
            let values = list.compactMap { item -> Double? in
                guard let text = item.string, let value = Double(text), value >= 0, value <= 1 else {
                    reader.fail(item, .invalidValue, "expected a probability from 0 to 1")
                    return nil
                }
                return value
            }
            if values.count == list.count {
                if values.isEmpty || values.count > 10 || abs(values.reduce(0, +) - 1) > 1e-9 {
                    reader.fail(node, .invalidValue,
                                "the chances of 1, 2, 3… apheresis sessions must add up to 1 (1 to 10 of them); they add up to \(values.reduce(0, +))")
                } else {
                    odds = values
                }
            }
        }
        var followUps: [TreatmentProtocol.FollowUp] = []
        if let node = top["follow-up"], let list = reader.sequence(node, "the follow-up milestones") {
            var seen: Set<String> = []
            for item in list {
                guard let map = reader.mapping(item, "a follow-up milestone", allowed: ["id", "kind", "months", "resource"],
                                               required: ["id", "kind", "months"]),
                      let idNode = map["id"], let id = reader.string(idNode, "the milestone's id"),
                      let kindNode = map["kind"],
                      let kind: TreatmentProtocol.FollowUp.Kind = reader.choice(kindNode, "the milestone's kind"),
                      let monthsNode = map["months"],
                      let months = reader.integer(monthsNode, "months after day 0", in: 1...240) else { continue }
                guard seen.insert(id).inserted else {
                    reader.fail(idNode, .duplicateKey, "follow-up '\(id)' is listed twice")
                    continue
                }
                var resource: String?
                if let node = map["resource"], let name = reader.string(node, "the milestone's resource") {
                    guard resources.contains(name) else {
                        reader.fail(node, .unknownResource, "unknown resource '\(name)'; expected one of: \(resources.joined(separator: ", "))")
                        continue
                    }
                    resource = name
                }
                followUps.append(.init(id: id, kind: kind, months: months, resource: resource))
            }
        }
        guard let name else { return nil }
        return TreatmentProtocol(name: name, resources: resources, steps: steps, sessionOdds: odds, followUps: followUps)
    }

    private func decodeStep(_ node: Node, _ reader: inout YAMLReader, _ locations: inout ProblemLocations) -> StepRule? {
        guard let map = reader.mapping(node, "a step", allowed: Self.stepKeys, required: ["step"]),
              let idNode = map["step"],
              let id: StepID = reader.choice(idNode, "step") else { return nil }
        locations.steps[id] = reader.at(idNode)
        for entry in map.entries { locations.fields["\(id).\(entry.key)"] = reader.at(entry.value) }
        let what = "step '\(id)'"
        let resource = map["resource"].flatMap { reader.string($0, "\(what)'s resource") }
        var open = StepRule.OpenDays.resource
        if let node = map["open"], let rule: StepRule.OpenDays = reader.choice(node, "open rule") {
            open = rule
        }
        let source = map["source"].flatMap { reader.string($0, "\(what)'s source") } ?? ""
        guard let start = decodeStart(map, what, &reader) else { return nil }
        var end = StepRule.End.none
        if let node = map["end"] {
            guard let decoded = decodeEnd(node, what, &reader, &locations, id) else { return nil }
            end = decoded
        }
        var bloodCounts: [Weekday] = []
        if let node = map["blood-counts"], let list = reader.sequence(node, "blood-count weekdays") {
            bloodCounts = list.compactMap { item in
                reader.choice(item, "weekday", Weekday.allCases.map(\.rawValue)).flatMap(Weekday.init(rawValue:))
            }
        }
        var recoveryDays: ClosedRange<Int>?
        if let node = map["recovery-days"], let range = reader.mapping(node, "recovery days", allowed: ["from", "to"],
                                                                      required: ["from", "to"]) {
            if let from = range["from"].flatMap({ reader.integer($0, "from", in: 0...3650) }),
               let to = range["to"].flatMap({ reader.integer($0, "to", in: 0...3650) }) {
                if from <= to { recoveryDays = from...to } else {
                    reader.fail(node, .windowInverted, "recovery days run from \(from) to \(to); expected from ≤ to")
                }
            }
        }
        var visits: StepRule.Visits?
        if let node = map["visits"], let series = reader.mapping(node, "visits", allowed: ["count", "every-days", "resource"],
                                                                required: ["count", "every-days"]) {
            if let count = series["count"].flatMap({ reader.integer($0, "visit count", in: 0...520) }),
               let every = series["every-days"].flatMap({ reader.integer($0, "days between visits", in: 1...3650) }) {
                visits = .init(count: count, everyDays: every,
                               resource: series["resource"].flatMap { reader.string($0, "visit resource") })
                if let node = series["resource"] { locations.fields["\(id).visits"] = reader.at(node) }
            }
        }
        return StepRule(id: id, resource: resource, open: open, start: start, end: end, bloodCountDays: bloodCounts,
                        recoveryDays: recoveryDays, visits: visits, source: source)
    }

    private func decodeStart(_ map: Mapping, _ what: String, _ reader: inout YAMLReader) -> StepRule.Start? {
        let kinds = ["start", "earliest", "first-fit", "day-of"].filter { map[$0] != nil }
        guard kinds.count == 1 else {
            reader.fail(map.node, kinds.isEmpty ? .missingKey : .invalidValue,
                        "\(what) needs exactly one way to start: 'start: given', 'earliest'/'expected'/'latest', 'first-fit' or 'day-of'")
            return nil
        }
        switch kinds[0] {
        case "start":
            guard reader.choice(map.required("start"), "start", ["given"]) != nil else { return nil }
            return .given
        case "earliest":
            var bounds: [Bound] = []
            for (slot, snap) in [("earliest", Bound.Snap.next), ("expected", .next), ("latest", .previous)] {
                guard let node = map[slot] else {
                    reader.fail(map.node, .missingKey, "\(what) has 'earliest' and so needs '\(slot)' too")
                    return nil
                }
                guard let bound = decodeBound(node, "\(what)'s \(slot)", defaultSnap: snap, &reader) else { return nil }
                bounds.append(bound)
            }
            return .window(earliest: bounds[0], expected: bounds[1], latest: bounds[2])
        case "first-fit":
            guard let fit = reader.mapping(map.required("first-fit"), "first-fit", allowed: ["not-before", "harvest"],
                                           required: ["not-before", "harvest"]),
                  let list = reader.sequence(fit.required("not-before"), "not-before bounds"),
                  let harvest: StepID = reader.choice(fit.required("harvest"), "harvest step") else { return nil }
            let bounds = list.compactMap { decodeBound($0, "a not-before bound", defaultSnap: .next, &reader) }
            guard bounds.count == list.count else { return nil }
            return .firstFit(notBefore: bounds, harvest: harvest)
        default:
            guard let days = reader.mapping(map.required("day-of"), "day-of", allowed: ["step", "first", "expected", "last", "tentative-repeats"],
                                            required: ["step", "first", "expected", "last"]),
                  let anchor = decodeAnchor(days.required("step"), &reader),
                  let first = reader.integer(days.required("first"), "first day", in: -3650...3650),
                  let expected = reader.integer(days.required("expected"), "expected day", in: -3650...3650),
                  let last = reader.integer(days.required("last"), "last day", in: -3650...3650) else { return nil }
            let repeats = days["tentative-repeats"].map { reader.integer($0, "tentative repeats", in: -10...10) } ?? 0
            guard let repeats else { return nil }
            return .dayOf(anchor, first: first, expected: expected, last: last, tentativeRepeats: repeats)
        }
    }

    private func decodeBound(_ node: Node, _ what: String, defaultSnap: Bound.Snap, _ reader: inout YAMLReader) -> Bound? {
        guard let map = reader.mapping(node, what, allowed: ["after", "before", "days", "snap", "if-recorded"],
                                       required: ["days"]) else { return nil }
        let directions = ["after", "before"].filter { map[$0] != nil }
        guard directions.count == 1 else {
            reader.fail(node, .missingKey, "\(what) needs exactly one of 'after' or 'before'")
            return nil
        }
        guard let anchor = decodeAnchor(map.required(directions[0]), &reader),
              let days = reader.integer(map.required("days"), "days", in: 0...3650) else { return nil }
        var snap = defaultSnap
        if let node = map["snap"] {
            guard let chosen: Bound.Snap = reader.choice(node, "snap") else { return nil }
            snap = chosen
        }
        let onlyIfRecorded = map["if-recorded"].map { reader.boolean($0, "if-recorded") } ?? false
        guard let onlyIfRecorded else { return nil }
        return Bound(after: anchor, days: directions[0] == "after" ? days : -days, snap: snap,
                     onlyIfRecorded: onlyIfRecorded)
    }

    private func decodeAnchor(_ node: Node, _ reader: inout YAMLReader) -> Pathway.Anchor? {
        guard let text = reader.string(node, "a step") else { return nil }
        guard let anchor = Pathway.Anchor(parsing: text) else {
            reader.fail(node, .invalidValue, "'\(text)' is not a step date; expected a step id, optionally with '.end' (e.g. apheresis.end)")
            return nil
        }
        return anchor
    }

    private func decodeEnd(_ node: Node, _ what: String, _ reader: inout YAMLReader, _ locations: inout ProblemLocations,
                           _ id: StepID) -> StepRule.End? {
        if case let .scalar(scalar) = node {
            guard ["none", "last-session"].contains(scalar.string) else {
                reader.fail(node, .invalidValue, "'\(scalar.string)' is not an end rule; expected none, last-session, or a mapping with lasts, until, next-day-above-bags or months-after")
                return nil
            }
            return scalar.string == "none" ? StepRule.End.none : .lastSession
        }
        guard let map = reader.mapping(node, "\(what)'s end", allowed: ["lasts", "until", "next-day-above-bags",
                                                                         "months-after", "earliest", "expected", "latest"]) else { return nil }
        for entry in map.entries { locations.fields["\(id).\(entry.key == "next-day-above-bags" ? "split-above-bags" : entry.key == "months-after" ? "months" : entry.key)"] = reader.at(entry.value) }
        if let node = map["lasts"] {
            return reader.integer(node, "days it lasts", in: -3650...3650).map { .lasts(days: $0) }
        }
        if let node = map["until"] {
            return decodeAnchor(node, &reader).map { .until($0) }
        }
        if let node = map["next-day-above-bags"] {
            return reader.integer(node, "bags", in: -1000...1000).map { .nextDayAbove(bags: $0) }
        }
        if let node = map["months-after"] {
            guard let anchor = decodeAnchor(node, &reader),
                  let earliest = map["earliest"].flatMap({ reader.integer($0, "earliest months", in: -1200...1200) }),
                  let expected = map["expected"].flatMap({ reader.integer($0, "expected months", in: -1200...1200) }),
                  let latest = map["latest"].flatMap({ reader.integer($0, "latest months", in: -1200...1200) }) else {
                if map["earliest"] == nil || map["expected"] == nil || map["latest"] == nil {
                    reader.fail(node, .missingKey, "months-after needs 'earliest', 'expected' and 'latest' months")
                }
                return nil
            }
            return .monthsAfter(anchor, earliest: earliest, expected: expected, latest: latest)
        }
        reader.fail(node, .missingKey, "\(what)'s end needs one of: lasts, until, next-day-above-bags, months-after")
        return nil
    }
}
