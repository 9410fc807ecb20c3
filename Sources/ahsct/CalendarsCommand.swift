import ArgumentParser
import Foundation
import ICalendar
import Interchange
import Pathway

/// `ahsct calendars COHORT --out DIR`: the .ics files people import.
struct CalendarsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendars",
        abstract: "Write each patient's calendar, the ward calendar and the staff calendars of a cohort.",
        discussion: """
            Writes DIR/patients/<pseudonym>.ics (in the patient's language; their name appears only there), \
            DIR/ward.ics and DIR/staff/<role>.ics (pseudonyms only, CLASS:CONFIDENTIAL). Every file is written \
            atomically. Same cohort and --now give byte-identical files.
            Exit status: 0 written, 1 the cohort has errors (nothing is written), 64 bad arguments.
            """
    )

    @OptionGroup var input: CohortOptions

    @Option(help: "The folder to write into (created if missing).")
    var out: String

    @Option(help: "Language of the ward and staff calendars: nl or en (patients get their own).")
    var lang: PatientRecord.Language = .nl

    func run() throws {
        let language = lang
        let cohort = try readCohort(input.cohort)
        // The patients' files are written now: the coordinator hears here if they lack a number for every hour.
        printSiteWarnings(cohort)
        let instant = try input.instant()
        try OutputLock.acquire(out)
        let today = instant.civilDate(in: cohort.site.timeZone)
        let plans = try cohort.planner().plan(cohort.patients, now: today)
        // Everything is read and rendered before anything is written: a failure leaves the folder as it was.
        let set: CalendarSet
        do {
            set = try CalendarSet(site: cohort.site, records: cohort.patients, plans: plans, now: instant,
                                  language: language, folder: out)
        } catch {
            for diagnostic in error.diagnostics { printError(diagnostic) }
            printError("error: \(error.path) is there but is not a calendar this tool can update; move it away first")
            throw ExitCode.inputRefused
        }
        let writer = CalendarWriter(now: instant)
        let files = try set.files.map { (path: $0.path, text: try writer.write($0.document), summary: $0.summary) }
        for folder in [out, "\(out)/patients", "\(out)/staff"] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        for file in files { try OutputFile.write(file.text, to: "\(out)/\(file.path)") }
        for path in set.removals { try FileManager.default.removeItem(atPath: "\(out)/\(path)") }
        let staff = set.files.filter { $0.path.hasPrefix("staff/") }.count
        print("wrote \(plans.count + 1 + staff) calendars to \(out): \(plans.count) patients, ward, \(staff) staff")
        for path in set.removals { print("  \(path): removed (the patient left the cohort; their events were cancelled last run)") }
        // What changed since the last run: one line per calendar that changed.
        for file in files {
            guard let summary = file.summary, !summary.isEmpty else { continue }
            print("  \(file.path): \(summary)")
            for title in summary.changed { print("    changed: \(title)") }
            for title in summary.cancelled { print("    cancelled: \(title)") }
            for title in summary.added { print("    new: \(title)") }
        }
    }
}
