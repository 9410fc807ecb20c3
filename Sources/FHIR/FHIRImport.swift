import Calendrical
import Capacity
import ICalendar
import Interchange
import Locations
import Pathway

/// Turns the resources of a hospital's bundle into facts about the cohort's patients, and says why it skipped the
/// others. Nothing is written here: ``CohortTransaction/record(_:at:)`` writes the facts, in one change.
///
/// | resource | read when | fact |
/// |---|---|---|
/// | `Appointment` | `booked` | the step's date (time from `start`/`end`), confirmed when the patient's participant status is `accepted` and the day is not past |
/// | `Appointment` | `arrived`, `checked-in`, `fulfilled`, on or before today | the step's date (done: not marked confirmed) |
/// | `Encounter` | any status but `cancelled`, `entered-in-error`, `unknown` | `period.start` → the step its type maps to (the admission, `conditioning`); `period.end` → `discharge` only when `finished` |
/// | `Procedure` | `completed`, `in-progress`, on or before today | `performedDateTime` (or `performedPeriod.start`) → the step |
///
/// A step's code comes from the project's code system (``FHIRNames/stepSystem``) or the ``StepCodeMap``. Several
/// apheresis appointments are sessions; sessions the cohort has already are left out. Days are the site's local
/// days. A resource that cannot be placed is skipped with a ``Skip/Reason`` and a sentence; a `Patient` is read only
/// to find whom the others are about.
///
/// What the import never does, as the cohort is the planner's record of what happened:
/// - record the committee's answer for a patient whose answer is not recorded yet: a date alone means *approved*,
///   and no appointment says what the committee decided (``Reason/needsOutcome``);
/// - move a step the cohort records as done (on or before today) to another day (``Reason/differsFromRecord``);
/// - take a planned end of a stay, or a visit marked done on a later day, for what happened (``Reason/notYet``);
/// - choose between two resources that give one step two days: both are skipped (``Reason/conflictingDate``).
///
/// Worked case: an `Appointment` `booked` for `2027-01-11T10:30:00+01:00`–`11:15:00+01:00`, coded `second-opinion`,
/// with P-0006 `accepted`, is `second-opinion: {date: 2027-01-11, time: "10:30-11:15", confirmed: true}`.
public struct FHIRImport: Sendable {
    /// Why a resource was skipped: a stable code.
    public struct Reason: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The patient is not in the cohort, has no identifier of the site's system, or the reference does not
        /// resolve inside the bundle.
        public static let unknownPatient = Reason(rawValue: "unknown_patient")
        /// No coding maps to a step (neither the project's code system nor the `--map` file).
        public static let unmappedCode = Reason(rawValue: "unmapped_code")
        /// Codings that map to two different steps.
        public static let ambiguousCode = Reason(rawValue: "ambiguous_code")
        /// Cancelled, no-show, entered in error, not done or stopped.
        public static let cancelled = Reason(rawValue: "cancelled")
        /// Not (yet) booked or done: proposed, pending, on a waiting list, in preparation, on hold, unknown.
        public static let notBooked = Reason(rawValue: "not_booked")
        /// No day to record: no start, or a year or month alone.
        public static let noDay = Reason(rawValue: "no_day")
        /// A step the planner works out itself (isolation, recovery).
        public static let notRecordable = Reason(rawValue: "not_recordable")
        /// Another resource of the bundle gives the same step of the same patient another day (both are skipped).
        public static let conflictingDate = Reason(rawValue: "conflicting_date")
        /// The committee's answer for a patient whose answer the cohort does not record: the outcome (approved or
        /// declined) is not in the bundle; record it with `ahsct record … committee-answer DATE --outcome …`.
        public static let needsOutcome = Reason(rawValue: "needs_outcome")
        /// The cohort records the step as done on another day (before or on today): the import does not move what
        /// happened; `ahsct record` does, if the record is wrong.
        public static let differsFromRecord = Reason(rawValue: "differs_from_record")
        /// Not happened yet: a stay's end while the stay is not finished, or a visit or procedure marked done on a
        /// day after today.
        public static let notYet = Reason(rawValue: "not_yet")
        /// A resource the import does not read (a `CarePlan`: the plan is the planner's own).
        public static let unsupportedResource = Reason(rawValue: "unsupported_resource")
    }

    /// A resource skipped, and why.
    public struct Skip: Sendable, Hashable {
        /// Its JSON path (`Bundle.entry[4].resource`).
        public var path: String
        /// Its type.
        public var resourceType: String
        /// Where it starts.
        public var location: SourceLocation
        /// The code.
        public var reason: Reason
        /// What was wrong, in a sentence.
        public var detail: String
    }

    /// A day a resource gave.
    public struct Placed: Sendable, Hashable {
        /// The resource's JSON path (with `.period.end` for a discharge).
        public var path: String
        /// The patient (pseudonym).
        public var patient: String
        /// The step.
        public var step: StepID
        /// The site's local day.
        public var date: CalendarDate
    }

    /// What the bundle says.
    public struct Result: Sendable {
        /// The facts per patient, in cohort order, each patient's in step order.
        public var facts: [(patient: String, facts: [CohortFact])]
        /// Every day placed, in bundle order.
        public var placed: [Placed]
        /// Every resource skipped, in bundle order.
        public var skipped: [Skip]
    }

    /// The site: its name makes the identifier system, its zone the days and its times the apheresis hours.
    public let site: Site
    /// Hospital codes → steps.
    public var codeMap: StepCodeMap

    /// An import for `site`, with `codeMap` besides the project's code system.
    public init(site: Site, codeMap: StepCodeMap = StepCodeMap()) {
        self.site = site
        self.codeMap = codeMap
    }

    /// What `entries` say about `patients` (the cohort as it is now), judged on `today` (the site's day).
    public func map(_ entries: [FHIRBundleEntry], patients: [PatientRecord], today: CalendarDate) -> Result {
        var found = Found()
        var skipped: [Skip] = []
        let resolver = PatientResolver(entries: entries, system: FHIRNames.patientSystem(site: site.name),
                                       known: Set(patients.map(\.id)))
        for entry in entries {
            func skip(_ reason: Reason, _ detail: String) {
                skipped.append(Skip(path: entry.path, resourceType: entry.resourceType, location: entry.location,
                                    reason: reason, detail: detail))
            }
            let source = Found.Source(path: entry.path, resourceType: entry.resourceType, location: entry.location)
            switch entry.resource {
            case .patient:
                continue
            case let .other(type):
                skip(.unsupportedResource, type == "CarePlan" ? "a CarePlan is not read: the planner makes the plan"
                     : "\(type) is not read; expected Appointment, Encounter or Procedure")
            case let .appointment(appointment):
                switch appointment.status {
                case "booked", "arrived", "checked-in", "fulfilled": break
                case "cancelled", "noshow", "entered-in-error":
                    skip(.cancelled, "the appointment is \(appointment.status)"); continue
                default:
                    skip(.notBooked, "the appointment is \(appointment.status), not booked"); continue
                }
                let patient = appointment.participants.lazy.compactMap { participant in
                    participant.actor.flatMap { resolver.isPatient($0) ? (participant, $0) : nil }
                }.first
                guard let (participant, actor) = patient else {
                    skip(.unknownPatient, "no participant is a patient"); continue
                }
                if participant.status == "declined" { skip(.cancelled, "the patient declined the appointment"); continue }
                let id: String
                switch resolver.patient(actor) {
                case let .success(found): id = found
                case let .failure(why): skip(.unknownPatient, why.text); continue
                }
                guard let step = step(appointment.codings, skip: skip) else { continue }
                guard let start = appointment.start, let day = start.value.day else {
                    skip(.noDay, "the appointment has no start day"); continue
                }
                if appointment.status != "booked", day > today {
                    skip(.notYet, "the appointment is \(appointment.status) but falls on \(day), after today (\(today))"); continue
                }
                let confirmed = appointment.status == "booked" && participant.status == "accepted" && day >= today
                let clock = step == .apheresis ? nil : Self.clock(start.value, appointment.end?.value)
                found.add(id, step, day, confirmed: confirmed, time: clock, source: source)
            case let .encounter(encounter):
                switch encounter.status {
                case "cancelled", "entered-in-error": skip(.cancelled, "the encounter is \(encounter.status)"); continue
                case "unknown": skip(.notBooked, "the encounter's status is unknown"); continue
                default: break
                }
                guard let subject = encounter.subject else { skip(.unknownPatient, "the encounter has no subject"); continue }
                let id: String
                switch resolver.patient(subject) {
                case let .success(found): id = found
                case let .failure(why): skip(.unknownPatient, why.text); continue
                }
                guard let step = step(encounter.codings, skip: skip) else { continue }
                guard let start = encounter.start?.value.day else { skip(.noDay, "the encounter has no period.start day"); continue }
                found.add(id, step, start, confirmed: false, time: nil, source: source)
                if step == .conditioning, let end = encounter.end?.value.day {
                    var ending = source
                    ending.path += ".period.end"
                    if encounter.status != "finished" || end > today {
                        skipped.append(Skip(path: ending.path, resourceType: entry.resourceType, location: entry.location,
                                            reason: .notYet,
                                            detail: "the stay is \(encounter.status): its end (\(end)) is planned, not a discharge"))
                    } else {
                        found.add(id, .discharge, end, confirmed: false, time: nil, source: ending)
                    }
                }
            case let .procedure(procedure):
                switch procedure.status {
                case "completed", "in-progress": break
                case "not-done", "stopped", "entered-in-error": skip(.cancelled, "the procedure is \(procedure.status)"); continue
                default: skip(.notBooked, "the procedure is \(procedure.status), not done"); continue
                }
                let id: String
                switch resolver.patient(procedure.subject) {
                case let .success(found): id = found
                case let .failure(why): skip(.unknownPatient, why.text); continue
                }
                guard let step = step(procedure.codings, skip: skip) else { continue }
                guard let day = procedure.performed?.value.day else { skip(.noDay, "the procedure has no performed day"); continue }
                guard day <= today else {
                    skip(.notYet, "the procedure is \(procedure.status) but falls on \(day), after today (\(today))"); continue
                }
                found.add(id, step, day, confirmed: false, time: nil, source: source)
            }
        }
        let (facts, refused) = found.facts(patients, today: today)
        let placed = found.placed.filter { place in !refused.contains { $0.path == place.path } }
        return Result(facts: facts, placed: placed, skipped: skipped + refused)
    }

    /// The one step `codings` map to, or a skip.
    private func step(_ codings: [FHIRResource.Coding], skip: (Reason, String) -> Void) -> StepID? {
        var steps: [StepID] = []
        for coding in codings {
            let step = coding.system == FHIRNames.stepSystem ? coding.code.flatMap(StepID.init(rawValue:))
                : codeMap.step(system: coding.system, code: coding.code)
            if let step, !steps.contains(step) { steps.append(step) }
        }
        guard let step = steps.first else {
            let shown = codings.filter { $0.system != FHIRNames.resourceSystem }
                .map { "\($0.system ?? "(no system)") \($0.code ?? "(no code)")" }
            skip(.unmappedCode, shown.isEmpty ? "no code; expected a step of \(FHIRNames.stepSystem) or a code of the --map file"
                 : "no step for \(shown.joined(separator: ", ")); add it to the --map file")
            return nil
        }
        guard steps.count == 1 else {
            skip(.ambiguousCode, "the codes stand for \(steps.map(\.rawValue).joined(separator: " and ")); expected one step")
            return nil
        }
        guard step.isRecordable else {
            skip(.notRecordable, "\(step.rawValue) follows from the other steps and is not recorded")
            return nil
        }
        return step
    }

    /// The booked time of an appointment from its start and end in the site's local time: none for a whole day
    /// (from midnight), `HH:MM-HH:MM` when it ends later the same day, `HH:MM` otherwise; none when it touches
    /// 02:00–03:00 (the hour a clock change skips or doubles).
    static func clock(_ start: FHIRTime.Value, _ end: FHIRTime.Value?) -> ClockSpan? {
        guard case let .local(from) = start, from.hour != 0 || from.minute != 0 else { return nil }
        var text = "\(zeroPadded(from.hour, 2)):\(zeroPadded(from.minute, 2))"
        if case let .local(to)? = end, to.date == from.date, to.hour * 60 + to.minute > from.hour * 60 + from.minute {
            text += "-\(zeroPadded(to.hour, 2)):\(zeroPadded(to.minute, 2))"
        }
        guard let span = ClockSpan(text: text), !span.touchesClockChangeHour else { return nil }
        return span
    }
}

/// The days found so far, per patient and step.
private struct Found {
    /// Where a day came from.
    struct Source {
        var path: String
        var resourceType: String
        var location: SourceLocation
    }

    struct Day {
        var date: CalendarDate
        var confirmed: Bool
        var time: ClockSpan?
        var sources: [Source]
    }

    var single: [String: [StepID: Day]] = [:]
    /// Steps two resources give two days: every resource that gave one of them.
    var conflicting: [String: [StepID: [(Source, CalendarDate)]]] = [:]
    var sessions: [String: Set<CalendarDate>] = [:]
    var placed: [FHIRImport.Placed] = []

    mutating func add(_ patient: String, _ step: StepID, _ date: CalendarDate, confirmed: Bool, time: ClockSpan?,
                      source: Source) {
        placed.append(FHIRImport.Placed(path: source.path, patient: patient, step: step, date: date))
        if step == .apheresis {
            sessions[patient, default: []].insert(date)
        } else if conflicting[patient]?[step] != nil {
            conflicting[patient]?[step]?.append((source, date))
        } else if var day = single[patient]?[step] {
            guard day.date == date else {
                conflicting[patient, default: [:]][step] = day.sources.map { ($0, day.date) } + [(source, date)]
                single[patient]?[step] = nil
                return
            }
            day.confirmed = day.confirmed || confirmed
            day.time = day.time ?? time
            day.sources.append(source)
            single[patient]?[step] = day
        } else {
            single[patient, default: [:]][step] = Day(date: date, confirmed: confirmed, time: time, sources: [source])
        }
    }

    /// The facts, in cohort order, and the resources refused against the cohort: a day the cohort has confirmed
    /// stays confirmed; sessions it has are left out, and all are written in date order when one comes before the
    /// last recorded; what ``FHIRImport`` never does is skipped, with the reason.
    func facts(_ patients: [PatientRecord], today: CalendarDate) -> ([(patient: String, facts: [CohortFact])], [FHIRImport.Skip]) {
        var refused: [FHIRImport.Skip] = []
        func refuse(_ sources: [Source], _ reason: FHIRImport.Reason, _ detail: String) {
            for source in sources {
                refused.append(FHIRImport.Skip(path: source.path, resourceType: source.resourceType,
                                               location: source.location, reason: reason, detail: detail))
            }
        }
        let facts: [(patient: String, facts: [CohortFact])] = patients.compactMap { record in
            var facts: [CohortFact] = []
            for step in StepID.allCases {
                if let given = conflicting[record.id]?[step] {
                    let days = given.map { "\($0.1) at \($0.0.path)" }.joined(separator: ", ")
                    refuse(given.map(\.0), .conflictingDate,
                           "\(record.id)'s \(step.rawValue) is given different days (\(days)); nothing recorded for it")
                } else if step == .apheresis {
                    let recorded = record.apheresisSessions
                    let new = (sessions[record.id] ?? []).subtracting(recorded).sorted()
                    guard let first = new.first else { continue }
                    if let last = recorded.max(), first < last {
                        facts.append(.sessionList((Set(recorded).union(new)).sorted()))
                    } else {
                        facts.append(.sessions(new))
                    }
                } else if let day = single[record.id]?[step] {
                    let existing = record.recorded[step].flatMap { $0.proposed ? nil : $0 }
                    if step == .committeeAnswer, existing == nil {
                        refuse(day.sources, .needsOutcome,
                               "\(record.id)'s committee answer is not recorded, and a date alone would mean approved; record it with its outcome (ahsct record … committee-answer \(day.date) --outcome approved|declined)")
                        continue
                    }
                    if let existing, existing.date != day.date, existing.date <= today {
                        refuse(day.sources, .differsFromRecord,
                               "\(record.id)'s \(step.rawValue) is recorded as done on \(existing.date); this says \(day.date) (ahsct record changes it if the record is wrong)")
                        continue
                    }
                    let keep = existing.map { $0.date == day.date && $0.confirmed } ?? false
                    facts.append(.date(step, day.date, confirmed: day.confirmed || keep, outcome: nil, time: day.time))
                }
            }
            return facts.isEmpty ? nil : (record.id, facts)
        }
        return (facts, refused)
    }
}

/// Finds the cohort's patient a reference points at: through the bundle (a `urn:uuid:` full URL or `Patient/id`) to a
/// `Patient` with an identifier of the site's system, or through a logical reference's identifier.
private struct PatientResolver {
    struct Failure: Error { var text: String }

    var byURL: [String: FHIRBundleEntry] = [:]
    let system: String
    let known: Set<String>

    init(entries: [FHIRBundleEntry], system: String, known: Set<String>) {
        for entry in entries {
            if let url = entry.fullURL { byURL[url] = entry }
            if let id = entry.id { byURL["\(entry.resourceType)/\(id)"] = entry }
        }
        self.system = system
        self.known = known
    }

    private func target(_ reference: String) -> FHIRBundleEntry? {
        if let entry = byURL[reference] { return entry }
        // An absolute URL ending in Type/id (https://fhir.example.nl/Patient/123).
        let parts = reference.split(separator: "/")
        return parts.count >= 2 ? byURL["\(parts[parts.count - 2])/\(parts[parts.count - 1])"] : nil
    }

    /// Whether the reference is to a patient (a Patient entry, `Patient/…`, or an identifier of the site's system).
    func isPatient(_ reference: FHIRResource.Reference) -> Bool {
        if reference.identifier?.system == system { return true }
        guard let text = reference.reference else { return false }
        if let entry = target(text) { return entry.resourceType == "Patient" }
        return text.hasPrefix("Patient/") || text.contains("/Patient/")
    }

    func patient(_ reference: FHIRResource.Reference) -> Result<String, Failure> {
        var identifiers: [FHIRResource.Identifier] = []
        if let text = reference.reference {
            guard let entry = target(text) else {
                return .failure(Failure(text: "the reference \(text) does not resolve inside the bundle"))
            }
            guard case let .patient(patient) = entry.resource else {
                return .failure(Failure(text: "the reference \(text) is to a \(entry.resourceType), not a Patient"))
            }
            identifiers = patient.identifiers
        } else if let identifier = reference.identifier {
            identifiers = [identifier]
        }
        guard let value = identifiers.first(where: { $0.system == system })?.value else {
            return .failure(Failure(text: "the patient has no identifier of \(system)"))
        }
        guard known.contains(value) else { return .failure(Failure(text: "no patient \(value) in the cohort")) }
        return .success(value)
    }
}
