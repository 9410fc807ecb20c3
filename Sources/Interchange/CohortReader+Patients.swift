import Calendrical
import ICalendar
import Pathway
internal import Yams

extension CohortReader {
    static let patientKeys = ["id", "name", "language", "fertility-preservation", "bags", "unavailable", "eligibility",
                              "second-opinion-site", "referred-by"]
        + StepID.allCases.filter(\.isRecordable).map(\.rawValue)

    /// One patient: recorded dates checked for existence and for order.
    func readPatient(_ node: Node, _ proto: TreatmentProtocol, _ reader: inout YAMLReader) -> PatientRecord? {
        let required = ["id"] + proto.steps.filter { if case .given = $0.start { return true } else { return false } }
            .map(\.id.rawValue)
        guard let map = reader.mapping(node, "a patient", allowed: Self.patientKeys, required: required) else { return nil }
        let errorsBefore = reader.errors.count
        guard let idNode = map["id"], let id = reader.string(idNode, "the patient's pseudonym") else { return nil }
        if !Self.isSafePseudonym(id) {
            reader.fail(idNode, .invalidPseudonym,
                        "pseudonym '\(id)' may only use letters, digits, '-' and '_' (it becomes part of file names and UIDs)")
        }
        // The record needs a second opinion to exist; the real one is set below (or reported missing above).
        var record = PatientRecord(id: id, secondOpinion: CalendarDate(clamping: 2000, 1, 1))
        record.recorded = [:]
        record.name = map["name"].flatMap { reader.string($0, "the patient's name") }
        if let node = map["language"], let language: PatientRecord.Language = reader.choice(node, "language") {
            record.language = language
        }
        // Where each recorded date was, for order errors.
        var places: [(step: StepID, date: CalendarDate, node: Node)] = []
        for step in StepID.allCases where step.isRecordable {
            guard let value = map[step.rawValue] else { continue }
            if step == .apheresis {
                let items: [Node]
                if case .sequence = value { items = reader.sequence(value, "the apheresis sessions") ?? [] } else { items = [value] }
                for item in items {
                    if case .mapping = item {
                        // Sessions take their hours from the site (`times: {apheresis: "08:00-14:00"}`), not each its own.
                        reader.fail(item, .wrongType, "expected an apheresis session as a date YYYY-MM-DD, found a mapping; "
                                    + "sessions are plain dates, and the site's times: {apheresis: …} gives their hours")
                        continue
                    }
                    guard let date = reader.date(item, "an apheresis session") else { continue }
                    record.apheresisSessions.append(date)
                    places.append((step, date, item))
                }
                if items.isEmpty { reader.fail(value, .wrongType, "expected at least one apheresis session date") }
            } else if let (recorded, dateNode) = readRecorded(value, "the \(step) date", step: step, &reader) {
                record.recorded[step] = recorded.date
                if let outcome = recorded.outcome { record.committeeOutcome = outcome }
                places.append((step, recorded.date.date, dateNode))
            }
        }
        if let node = map["fertility-preservation"],
           let fertility = reader.mapping(node, "fertility preservation", allowed: ["wanted", "done"], required: ["wanted"]),
           let wanted = reader.boolean(fertility.required("wanted"), "wanted") {
            record.fertility = .init(wanted: wanted, done: fertility["done"].flatMap { reader.date($0, "the day it was done") })
        }
        if let node = map["bags"] { record.bags = reader.integer(node, "the number of bags", in: 1...1000) }
        if let node = map["second-opinion-site"] {
            record.secondOpinionSite = reader.choice(node, "the second-opinion hospital", PatientRecord.secondOpinionSites)
        }
        if let node = map["referred-by"], let name = reader.string(node, "the referring hospital") {
            if name.count > 100 || name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                reader.fail(node, .invalidValue, "expected a hospital's name of at most 100 characters")
            } else {
                record.referredBy = name
            }
        }
        if let node = map["unavailable"], let list = reader.sequence(node, "the unavailable periods") {
            for item in list {
                guard let span = reader.mapping(item, "an unavailable period", allowed: ["from", "to"], required: ["from", "to"]),
                      let from = reader.date(span.required("from"), "the first day"),
                      let to = reader.date(span.required("to"), "the last day") else { continue }
                guard from <= to else {
                    reader.fail(span.required("to"), .outOfOrder, "the period ends (\(to)) before it starts (\(from))")
                    continue
                }
                record.unavailable.append(.init(from: from, to: to))
            }
        }
        if let node = map["eligibility"],
           let answers = reader.mapping(node, "the eligibility checklist", allowed: Eligibility.items.map(\.key)) {
            var checklist = Eligibility()
            for entry in answers.entries {
                if let answer = reader.boolean(entry.value, "the answer to \(entry.key)") { checklist.answers[entry.key] = answer }
            }
            record.eligibility = checklist
        }
        checkOrder(places, record, map, &reader)
        return reader.errors.count == errorsBefore ? record : nil
    }

    /// A date, or `{date: …, confirmed: true}` (the committee's answer also `{date: …, outcome: declined}`), with
    /// the clock time booked for it when the appointment letter gives one (`{date: 2027-01-12, time: "09:30"}` or
    /// `time: "09:30-10:15"`); returns the node of the date for locations. A scheduler's proposal has no time: nobody
    /// booked it yet.
    private func readRecorded(_ node: Node, _ what: String, step: StepID, _ reader: inout YAMLReader)
        -> ((date: PatientRecord.Recorded, outcome: PatientRecord.Outcome?), Node)? {
        if case .mapping = node {
            let keys = ["date", "time", "confirmed", "proposed"] + (step == .committeeAnswer ? ["outcome"] : [])
            guard let map = reader.mapping(node, what, allowed: keys, required: ["date"]),
                  let dateNode = map["date"], let date = reader.date(dateNode, what) else { return nil }
            let confirmed = map["confirmed"].map { reader.boolean($0, "confirmed") } ?? false
            let proposed = map["proposed"].map { reader.boolean($0, "proposed") } ?? false
            let timeNode = map["time"]
            let time = timeNode.flatMap { readClockSpan($0, "the \(step) time", needsEnd: false, &reader) }
            var outcome: PatientRecord.Outcome?
            if let node = map["outcome"] {
                guard let chosen: PatientRecord.Outcome = reader.choice(node, "the committee's outcome") else { return nil }
                outcome = chosen
            }
            guard let confirmed, let proposed, timeNode == nil || time != nil else { return nil }
            if confirmed && proposed, let node = map["proposed"] {
                reader.fail(node, .invalidValue, "a date is either confirmed or proposed by the scheduler, not both")
                return nil
            }
            if proposed, let node = timeNode {
                reader.fail(node, .invalidValue,
                            "a proposed date has no booked time; once the appointment is booked, record it with its time (ahsct record … DATE --time HH:MM)")
                return nil
            }
            return ((PatientRecord.Recorded(date, confirmed: confirmed, proposed: proposed, time: time), outcome), dateNode)
        }
        return reader.date(node, what).map { ((PatientRecord.Recorded($0), nil), node) }
    }

    /// Recorded dates must follow the pathway: each after the recorded step before it (apheresis sessions after
    /// mobilisation day 1 and after each other; the control visit after the harvest). Sessions need a recorded
    /// mobilisation day 1, which they are counted from.
    private func checkOrder(_ places: [(step: StepID, date: CalendarDate, node: Node)], _ record: PatientRecord,
                            _ map: Mapping, _ reader: inout YAMLReader) {
        // The control visit is not in the chain: it may fall before or after the admission.
        let chain = places.filter { $0.step != .controlVisit }
        for (previous, next) in zip(chain, chain.dropFirst()) where next.date <= previous.date {
            let what = next.step == .apheresis && previous.step == .apheresis
                ? "apheresis session \(next.date) is not after the session before it (\(previous.date))"
                : "\(next.step) \(next.date) is not after \(previous.step) \(previous.date)"
            reader.fail(next.node, .outOfOrder, "\(what); recorded dates must follow the order of the pathway")
        }
        if let visit = places.first(where: { $0.step == .controlVisit }),
           let harvest = places.last(where: { $0.step == .apheresis }), visit.date <= harvest.date {
            reader.fail(visit.node, .outOfOrder,
                        "control-visit \(visit.date) is not after the last apheresis session \(harvest.date)")
        }
        // Only when mobilisation is absent: a mobilisation date that is present but wrong has been reported already.
        if !record.apheresisSessions.isEmpty, map[StepID.mobilisation.rawValue] == nil, let node = map["apheresis"] {
            reader.fail(node, .missingKey,
                        "apheresis sessions are recorded but mobilisation day 1 is not; sessions are counted from it")
        }
    }

    /// Letters, digits, `-` and `_`, 1–64 characters: safe in file names and UIDs.
    static func isSafePseudonym(_ id: String) -> Bool {
        (1...64).contains(id.utf8.count)
            && id.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x2D || $0 == 0x5F }
    }
}
