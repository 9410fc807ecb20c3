import Calendrical
import Capacity
import Pathway
import Reports

/// Builds the FHIR R4 `Bundle` (type `collection`) that hands a cohort's plans to a hospital record.
///
/// Per patient, in cohort order: a `Patient` (the pseudonym as an identifier of the site's system, nothing else;
/// the cohort's name only with ``withNames``), a `CarePlan` whose activities are the pathway's steps, an
/// `Appointment` per recorded visit (every apheresis session one), and an `Encounter` for the stay from a recorded
/// admission. docs/fhir.md has the mapping table; ``FHIRNames`` the code systems and the extension.
///
/// Only what is recorded becomes an appointment or a stay: a planned date is an activity's expected period, never
/// an `Appointment`. A visit before `now` is `fulfilled`, on or after it `booked`; the patient takes part
/// `accepted` when the date is confirmed (or past) and `tentative` when it is recorded but not confirmed, which is how
/// the import reads `confirmed` back.
///
/// Worked case (the example cohort on Sunday 22 November 2026): P-0001's apheresis on Tuesday 10 November is an
/// `Appointment`, `fulfilled`, `2026-11-10T08:00:00+01:00` to `2026-11-10T14:00:00+01:00` (the site's apheresis
/// hours), service types `apheresis` and `apheresis-machines`; the admission on Monday 4 January 2027 (recorded,
/// not confirmed) is an `Appointment` `booked` with the patient `tentative`, and an `Encounter` `planned`, period
/// start `2027-01-04`.
///
/// Deterministic: ids are ``FHIRNames/uuid(_:)`` of the site, the pseudonym and the resource; keys come in a fixed
/// order; the same cohort and `now` give the same bytes.
public struct FHIRExport: Sendable {
    /// The site (its name makes the identifier system and the ids; its zone the instants).
    public let site: Site
    /// The day plans were made on: what is past and what is to come.
    public let now: CalendarDate
    /// Whether each Patient carries the cohort's name (`--with-names`).
    public var withNames = false

    /// An export for `site` as of `now`.
    public init(site: Site, now: CalendarDate) {
        self.site = site
        self.now = now
    }

    /// The steps an `Appointment` is written for when recorded (apheresis: each session).
    public static let visitSteps: [StepID] = [.secondOpinion, .committeeAnswer, .evaluation, .mobilisation, .apheresis,
                                              .controlVisit, .conditioning, .reinfusion]

    /// The bundle of `patients` as the file holds it: two spaces a level, keys in a fixed order, a final newline.
    public func document(_ patients: [(record: PatientRecord, plan: PatientPlan)]) -> String {
        bundle(patients).text(indent: 2) + "\n"
    }

    /// The bundle of `patients` (each record with its plan, in this order).
    public func bundle(_ patients: [(record: PatientRecord, plan: PatientPlan)]) -> JSONValue {
        var entries: [JSONValue] = []
        for (record, plan) in patients {
            entries += resources(record, plan).map { id, resource in
                .object([("fullUrl", .string("urn:uuid:\(id)")), ("resource", resource)])
            }
        }
        let id = FHIRNames.uuid(site.name, "Bundle", now.description, patients.map(\.record.id).joined(separator: ","))
        return .object([
            ("resourceType", .string("Bundle")),
            ("id", .string(id)),
            ("type", .string("collection")),
            ("timestamp", .string(FHIRTime.instant(now, hour: 0, minute: 0, zone: site.timeZone))),
            ("entry", .array(entries)),
        ])
    }

    /// One patient's resources with their ids.
    func resources(_ record: PatientRecord, _ plan: PatientPlan) -> [(String, JSONValue)] {
        let patientID = FHIRNames.uuid(site.name, record.id, "Patient")
        let subject = JSONValue.object([("reference", .string("urn:uuid:\(patientID)"))])
        var out: [(String, JSONValue)] = []
        let name: JSONValue? = withNames ? record.name.map { .array([.object([("text", .string($0))])]) } : nil
        out.append((patientID, Self.object([
            ("resourceType", .string("Patient")),
            ("id", .string(patientID)),
            ("identifier", .array([.object([("system", .string(FHIRNames.patientSystem(site: site.name))),
                                           ("value", .string(record.id))])])),
            ("name", name),
        ])))
        let carePlanID = FHIRNames.uuid(site.name, record.id, "CarePlan")
        out.append((carePlanID, carePlan(record, plan, id: carePlanID, subject: subject)))
        for step in Self.visitSteps {
            let days: [(CalendarDate, PatientRecord.Recorded?)]
            if step == .apheresis {
                days = record.apheresisSessions.map { ($0, nil) }
            } else if let recorded = record.recorded[step], !recorded.proposed {
                days = [(recorded.date, recorded)]
            } else {
                days = []
            }
            for (number, (day, recorded)) in days.enumerated() {
                let id = FHIRNames.uuid(site.name, record.id, "Appointment", step.rawValue, String(number + 1))
                out.append((id, appointment(step, day: day, recorded: recorded, resource: plan[step]?.resource,
                                            id: id, subject: subject)))
            }
        }
        if let admission = record.recorded[.conditioning], !admission.proposed {
            let id = FHIRNames.uuid(site.name, record.id, "Encounter", StepID.conditioning.rawValue)
            out.append((id, encounter(admission.date, discharge: record.recorded[.discharge].flatMap { $0.proposed ? nil : $0.date },
                                      id: id, subject: subject)))
        }
        return out
    }

    /// An object without its absent members (FHIR has no nulls: an element without a value is left out).
    static func object(_ members: [(String, JSONValue?)]) -> JSONValue {
        .object(members.compactMap { key, value in value.map { (key, $0) } })
    }

    /// A coding of the project's step code system.
    static func stepCode(_ step: StepID) -> JSONValue {
        .object([("coding", .array([.object([("system", .string(FHIRNames.stepSystem)), ("code", .string(step.rawValue)),
                                            ("display", .string(FHIRNames.display(step)))])]))])
    }

    private func carePlan(_ record: PatientRecord, _ plan: PatientPlan, id: String, subject: JSONValue) -> JSONValue {
        var activities: [JSONValue] = plan.steps.map { step in
            let start = step.start.expected, end = step.end?.expected ?? step.start.expected
            let window = JSONValue.object([
                ("url", .string(FHIRNames.windowExtension)),
                ("extension", .array([("earliest", step.start.earliest), ("expected", step.start.expected),
                                      ("latest", step.start.latest)].map { key, day in
                    .object([("url", .string(key)), ("valueDate", .string(day.description))])
                })),
            ])
            return .object([("detail", .object([
                ("extension", .array([window])),
                ("code", Self.stepCode(step.step)),
                ("status", .string(activityStatus(step, record: record))),
                ("scheduledPeriod", .object([("start", .string(start.description)), ("end", .string(end.description))])),
            ]))])
        }
        // A declined answer ends the pathway: the steps it will not reach are cancelled, without dates.
        let planned = Set(plan.steps.map(\.step))
        if plan.declined {
            for step in StepID.allCases where !planned.contains(step) {
                activities.append(.object([("detail", .object([("code", Self.stepCode(step)),
                                                               ("status", .string("cancelled"))]))]))
            }
        }
        let status = plan.declined ? "revoked" : plan.steps.allSatisfy { $0.status == .done } ? "completed" : "active"
        let first = plan.steps.map(\.start.expected).min()
        let last = plan.steps.map { $0.end?.expected ?? $0.start.expected }.max()
        let period: JSONValue? = first.flatMap { first in
            last.map { .object([("start", .string(first.description)), ("end", .string($0.description))]) }
        }
        return Self.object([
            ("resourceType", .string("CarePlan")),
            ("id", .string(id)),
            ("status", .string(status)),
            ("intent", .string("plan")),
            ("subject", subject),
            ("period", period),
            ("activity", .array(activities)),
        ])
    }

    /// `completed` (done), `in-progress`, `scheduled` (confirmed, or recorded for a day to come), `not-started`.
    private func activityStatus(_ step: StepPlan, record: PatientRecord) -> String {
        switch step.status {
        case .done: return "completed"
        case .inProgress: return "in-progress"
        case .confirmed: return "scheduled"
        case .planned:
            let recorded = step.step == .apheresis ? !record.apheresisSessions.isEmpty
                : record.recorded[step.step].map { !$0.proposed } ?? false
            return recorded ? "scheduled" : "not-started"
        }
    }

    private func appointment(_ step: StepID, day: CalendarDate, recorded: PatientRecord.Recorded?, resource: String?,
                             id: String, subject: JSONValue) -> JSONValue {
        let zone = site.timeZone
        let start: String, end: String
        let clock = step == .apheresis ? site.times[step.rawValue] : recorded?.time
        if let clock {
            start = FHIRTime.instant(day, hour: clock.from.hour, minute: clock.from.minute, zone: zone)
            let to = clock.to ?? clock.from
            end = FHIRTime.instant(day, hour: to.hour, minute: to.minute, zone: zone)
        } else {
            // No time booked: the whole day, midnight to midnight.
            start = FHIRTime.instant(day, hour: 0, minute: 0, zone: zone)
            end = FHIRTime.instant(day.adding(days: 1), hour: 0, minute: 0, zone: zone)
        }
        let past = day < now
        var services = [Self.stepCode(step)]
        if let resource {
            services.append(.object([("coding", .array([.object([("system", .string(FHIRNames.resourceSystem)),
                                                                ("code", .string(resource))])]))]))
        }
        let accepted = past || recorded?.confirmed == true
        return .object([
            ("resourceType", .string("Appointment")),
            ("id", .string(id)),
            ("status", .string(past ? "fulfilled" : "booked")),
            ("serviceType", .array(services)),
            ("start", .string(start)),
            ("end", .string(end)),
            ("participant", .array([.object([("actor", subject), ("status", .string(accepted ? "accepted" : "tentative"))])])),
        ])
    }

    private func encounter(_ admission: CalendarDate, discharge: CalendarDate?, id: String, subject: JSONValue) -> JSONValue {
        let status = admission > now ? "planned" : discharge.map { $0 < now } == true ? "finished" : "in-progress"
        return .object([
            ("resourceType", .string("Encounter")),
            ("id", .string(id)),
            ("status", .string(status)),
            ("class", .object([("system", .string(FHIRNames.actCodeSystem)), ("code", .string("IMP")),
                               ("display", .string("inpatient encounter"))])),
            ("type", .array([Self.stepCode(.conditioning)])),
            ("subject", subject),
            ("period", Self.object([("start", .string(admission.description)), ("end", discharge.map { .string($0.description) })])),
        ])
    }
}
