import Calendrical
import Foundation
import ICalendar
import Interchange
import Pathway
import TestSupport

/// What the patient-text tests share (`PatientTextsTests`): Sun 22 Nov 2026 at noon, a site with an office-hours
/// number only, and the cohort read through Interchange's reader (the words are Reports'; the events that carry
/// them are Interchange's `.ics`).
enum PatientFixture {
    static let today = day(2026, 11, 22)
    // Noon on the day, in UTC: the DTSTAMP of every event (the site's day of it is `today`).
    static let stamp = Instant(utc: LocalDateTime(date: day(2026, 11, 22), hour: 12, minute: 0)!)
    static let siteText = """
        site: {name: "Amsterdam UMC, locatie VUmc", resources: {outpatient-clinic: 20, isolation-beds: 2}, contacts: {urgent: "020 444 07 75"}}

        """

    /// Reads a cohort from text, in a scratch folder.
    static func read(_ text: String) throws -> Cohort {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("patient-texts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try CohortReader().read(bytes: Array(text.utf8), file: "cohort.yaml", directory: folder.path)
    }

    /// The patient calendar of the `index`th patient, planned as of `today`.
    static func patientCalendar(_ cohort: Cohort, _ index: Int = 0) throws -> CalendarDocument {
        let plan = try cohort.planner().plan(cohort.patients[index], now: today)
        return PlanCalendars(site: cohort.site, now: stamp).patientCalendar(plan, record: cohort.patients[index])
    }
}
