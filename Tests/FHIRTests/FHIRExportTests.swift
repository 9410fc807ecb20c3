import Calendrical
import FHIR
import Foundation
import Interchange
import Pathway
import Testing
import TestSupport

/// The export of the example cohort as of Sunday 22 November 2026.
@Suite struct FHIRExportTests {
    private func export(withNames: Bool = false) throws -> (String, JSONNode) {
        let cohort = try FixturePaths.cohort()
        let analysis = try cohort.analysis(now: day(2026, 11, 22))
        var export = FHIRExport(site: cohort.site, now: day(2026, 11, 22))
        export.withNames = withNames
        let text = export.document(Array(zip(cohort.patients, analysis.plans)).map { (record: $0.0, plan: $0.1) })
        return (text, try JSONReader(file: "export.json").read(Array(text.utf8)))
    }

    private func resources(_ root: JSONNode, _ type: String) -> [JSONNode] {
        (root["entry"]?.array ?? []).compactMap { $0["resource"] }.filter { $0["resourceType"]?.string == type }
    }

    @Test func sameCohortSameBytes() throws {
        #expect(try export().0 == (try export().0))
    }

    /// Ten patients: ten Patients and CarePlans; the Patient has the pseudonym and nothing else.
    @Test func patientsCarryThePseudonymOnly() throws {
        let (text, root) = try export()
        let patients = resources(root, "Patient")
        #expect(patients.count == 10)
        #expect(patients.first?.members.map(\.key) == ["resourceType", "id", "identifier"])
        #expect(patients.first?["identifier"]?.array?.first?["value"]?.string == "P-0001")
        #expect(!text.contains("J. de Vries"))
        let (named, _) = try export(withNames: true)
        #expect(named.contains("\"text\": \"J. de Vries\""))
    }

    /// P-0001's sessions on Tuesday 10 and Wednesday 11 November are fulfilled (before 22 November) at the site's
    /// apheresis hours, 08:00–14:00 winter time; the admission of Monday 4 January 2027 (recorded, not confirmed) is
    /// booked with the patient tentative, all day; the stay is planned from that day.
    @Test func appointmentsOfP0001() throws {
        let (_, root) = try export()
        let subject = resources(root, "Patient").first?["id"]?.string.map { "urn:uuid:\($0)" }
        let mine = resources(root, "Appointment").filter {
            $0["participant"]?.array?.first?["actor"]?["reference"]?.string == subject
        }
        let summary = mine.map { appointment in
            [appointment["serviceType"]?.array?.first?["coding"]?.array?.first?["code"]?.string ?? "",
             appointment["status"]?.string ?? "", appointment["start"]?.string ?? "", appointment["end"]?.string ?? "",
             appointment["participant"]?.array?.first?["status"]?.string ?? ""]
        }
        #expect(summary == [
            ["second-opinion", "fulfilled", "2026-09-07T00:00:00+02:00", "2026-09-08T00:00:00+02:00", "accepted"],
            ["committee-answer", "fulfilled", "2026-10-01T00:00:00+02:00", "2026-10-02T00:00:00+02:00", "accepted"],
            ["evaluation", "fulfilled", "2026-10-13T00:00:00+02:00", "2026-10-14T00:00:00+02:00", "accepted"],
            ["mobilisation", "fulfilled", "2026-11-05T00:00:00+01:00", "2026-11-06T00:00:00+01:00", "accepted"],
            ["apheresis", "fulfilled", "2026-11-10T08:00:00+01:00", "2026-11-10T14:00:00+01:00", "accepted"],
            ["apheresis", "fulfilled", "2026-11-11T08:00:00+01:00", "2026-11-11T14:00:00+01:00", "accepted"],
            ["conditioning", "booked", "2027-01-04T00:00:00+01:00", "2027-01-05T00:00:00+01:00", "tentative"],
        ])
        let stay = resources(root, "Encounter").first { $0["subject"]?["reference"]?.string == subject }
        #expect(stay?["status"]?.string == "planned")
        #expect(stay?["period"]?["start"]?.string == "2027-01-04")
        #expect(stay?["period"]?["end"] == nil)
    }

    /// P-0001's care plan: active, from the second opinion (7 September 2026) to the expected end of recovery;
    /// the harvest is completed, the control visit not started, the admission scheduled; the window of the
    /// control visit (open≥(H+14) = Wednesday 25 November) is one day.
    @Test func carePlanOfP0001() throws {
        let (_, root) = try export()
        let plan = try #require(resources(root, "CarePlan").first)
        #expect(plan["status"]?.string == "active")
        #expect(plan["intent"]?.string == "plan")
        #expect(plan["period"]?["start"]?.string == "2026-09-07")
        let activities = plan["activity"]?.array?.compactMap { $0["detail"] } ?? []
        #expect(activities.count == StepID.allCases.count)
        let statuses = activities.map { ($0["code"]?["coding"]?.array?.first?["code"]?.string ?? "", $0["status"]?.string ?? "") }
        #expect(statuses.first { $0.0 == "apheresis" }?.1 == "completed")
        #expect(statuses.first { $0.0 == "control-visit" }?.1 == "not-started")
        #expect(statuses.first { $0.0 == "conditioning" }?.1 == "scheduled")
        let control = try #require(activities.first { $0["code"]?["coding"]?.array?.first?["code"]?.string == "control-visit" })
        let window = control["extension"]?.array?.first
        #expect(window?["url"]?.string == FHIRNames.windowExtension)
        #expect(window?["extension"]?.array?.map { $0["valueDate"]?.string ?? "" } == ["2026-11-25", "2026-11-25", "2026-11-25"])
    }

    /// P-0010 with a declined answer on Tuesday 24 November: the plan ends at the answer visit, so the care plan is
    /// revoked, its last two activities (second opinion, answer) are done or scheduled, and the nine steps it will
    /// not reach are cancelled without dates.
    @Test func declinedAnswerRevokesThePlan() throws {
        var cohort = try FixturePaths.cohort()
        let index = try #require(cohort.patients.firstIndex { $0.id == "P-0010" })
        cohort.patients[index].record(.committeeAnswer, on: day(2026, 11, 24))
        cohort.patients[index].committeeOutcome = .declined
        let record = cohort.patients[index]
        let plan = try cohort.planner().plan(record, now: day(2026, 11, 22))
        let text = FHIRExport(site: cohort.site, now: day(2026, 11, 22)).document([(record: record, plan: plan)])
        let root = try JSONReader(file: "declined.json").read(Array(text.utf8))
        let carePlan = try #require((root["entry"]?.array ?? []).compactMap { $0["resource"] }
            .first { $0["resourceType"]?.string == "CarePlan" })
        #expect(carePlan["status"]?.string == "revoked")
        let statuses = (carePlan["activity"]?.array ?? []).map { $0["detail"]?["status"]?.string ?? "" }
        #expect(statuses == ["completed", "scheduled"] + Array(repeating: "cancelled", count: 9))
        #expect(carePlan["activity"]?.array?.last?["detail"]?["scheduledPeriod"] == nil)
    }

    /// Ids are name-based UUIDs (version 5): stable and the same shape every time.
    @Test func idsAreVersion5UUIDs() {
        let id = FHIRNames.uuid("Amsterdam UMC, locatie VUmc", "P-0001", "Patient")
        #expect(id == FHIRNames.uuid("Amsterdam UMC, locatie VUmc", "P-0001", "Patient"))
        #expect(id != FHIRNames.uuid("Amsterdam UMC, locatie VUmc", "P-0002", "Patient"))
        let characters = Array(id)
        #expect(characters.count == 36 && characters[14] == "5" && "89ab".contains(characters[19]))
        #expect(FHIRNames.patientSystem(site: "Amsterdam UMC, locatie VUmc") == "urn:ahsct-planner:site:amsterdam-umc-locatie-vumc")
    }
}
