import ArgumentParser
import Foundation
import ICalendar
import Interchange
import Pathway

/// `ahsct calendars COHORT --out DIR`: the .ics files people import.
struct Calendars: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write each patient's calendar, the ward calendar and the staff calendars of a cohort.",
        discussion: """
            Writes DIR/patients/<pseudonym>.ics (in the patient's language; their name appears only there), \
            DIR/ward.ics and DIR/staff/<role>.ics (pseudonyms only, CLASS:CONFIDENTIAL). Every file is written \
            atomically. Same cohort and --now give byte-identical files.
            Exit status: 0 written, 1 the cohort has errors (nothing is written), 64 bad arguments.
            """
    )

    @Argument(help: "The cohort file.")
    var cohort: String

    @Option(help: "The folder to write into (created if missing).")
    var out: String

    @Option(help: "The run's time: YYYY-MM-DD (midnight UTC) or YYYY-MM-DDTHH:MM:SSZ; DTSTAMP and statuses use it (default: now).")
    var now: String?

    @Option(help: "Language of the ward and staff calendars: nl or en (patients get their own).")
    var lang: String = "nl"

    func run() throws {
        guard let language = PatientRecord.Language(rawValue: lang) else {
            throw ValidationError("--lang must be nl or en, not '\(lang)'")
        }
        let cohort: Cohort
        do {
            cohort = try CohortReader().read(contentsOf: self.cohort)
        } catch {
            for problem in error.errors { printError(problem.description) }
            throw ExitCode(1)
        }
        let instant = try now.map(parseInstant) ?? Instant.current
        let today = instant.civilDate(in: cohort.site.timeZone)
        let plans = try cohort.planner().plan(cohort.patients, now: today)
        let builder = PlanCalendars(site: cohort.site, now: instant)
        let writer = CalendarWriter(now: instant)
        // Everything is rendered before anything is written: a failure leaves the folder as it was.
        var files: [(path: String, text: String)] = []
        for (plan, record) in zip(plans, cohort.patients) {
            files.append(("patients/\(record.id).ics", try writer.write(builder.patientCalendar(plan, record: record))))
        }
        files.append(("ward.ics", try writer.write(builder.wardCalendar(plans, language: language))))
        for (role, calendar) in builder.staffCalendars(plans, language: language) {
            files.append(("staff/\(role).ics", try writer.write(calendar)))
        }
        for folder in [out, "\(out)/patients", "\(out)/staff"] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        for file in files { try ICSFiles.writeAtomically(file.text, to: "\(out)/\(file.path)") }
        print("wrote \(files.count) calendars to \(out): \(plans.count) patients, ward, \(files.count - plans.count - 1) staff")
    }
}
