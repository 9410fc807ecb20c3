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
    var lang: PatientRecord.Language = .nl

    func run() throws {
        let language = lang
        let cohort = try readCohort(self.cohort)
        let instant = try now.map(parseInstant) ?? Instant.current
        try OutputLock.acquire(out)
        let today = instant.civilDate(in: cohort.site.timeZone)
        let plans = try cohort.planner().plan(cohort.patients, now: today)
        let builder = PlanCalendars(site: cohort.site, now: instant)
        let writer = CalendarWriter(now: instant)
        var documents: [(path: String, calendar: CalendarDocument)] = []
        for (plan, record) in zip(plans, cohort.patients) {
            documents.append(("patients/\(record.id).ics", builder.patientCalendar(plan, record: record)))
        }
        documents.append(("ward.ics", builder.wardCalendar(plans, language: language)))
        for (role, calendar) in builder.staffCalendars(plans, language: language) {
            documents.append(("staff/\(role).ics", calendar))
        }
        // Everything is read and rendered before anything is written: a failure leaves the folder as it was.
        var files: [(path: String, text: String, summary: CalendarUpdate.Summary?)] = []
        for (path, calendar) in documents {
            var calendar = calendar
            var summary: CalendarUpdate.Summary?
            let full = "\(out)/\(path)"
            if FileManager.default.fileExists(atPath: full) {
                let old: CalendarDocument
                do {
                    old = try CalendarReader().read(contentsOf: full)
                } catch {
                    for diagnostic in error.diagnostics { printError(diagnostic.description) }
                    printError("error: \(full) is there but is not a calendar this tool can update; move it away first")
                    throw ExitCode.inputRefused
                }
                let update = CalendarUpdate(old: old.events, new: calendar.events, now: instant)
                calendar.events = update.events
                summary = update.summary
            }
            files.append((path, try writer.write(calendar), summary))
        }
        // Patients no longer in the cohort: their events are cancelled once, and the file goes on the run after.
        var removals: [String] = []
        let current = Set(cohort.patients.map { "\($0.id).ics" })
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: "\(out)/patients")) ?? []
        for name in existing.sorted() where name.hasSuffix(".ics") && !current.contains(name) {
            let full = "\(out)/patients/\(name)"
            guard let old = try? CalendarReader().read(contentsOf: full) else { continue }
            let update = CalendarUpdate(old: old.events, new: [], now: instant)
            if update.events.isEmpty {
                removals.append("patients/\(name)")
            } else {
                var calendar = old
                calendar.events = update.events
                files.append(("patients/\(name)", try writer.write(calendar), update.summary))
            }
        }
        for folder in [out, "\(out)/patients", "\(out)/staff"] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        for file in files { try ICSFiles.writeAtomically(file.text, to: "\(out)/\(file.path)") }
        for path in removals { try FileManager.default.removeItem(atPath: "\(out)/\(path)") }
        print("wrote \(documents.count) calendars to \(out): \(plans.count) patients, ward, \(documents.count - plans.count - 1) staff")
        for path in removals { print("  \(path): removed (the patient left the cohort; their events were cancelled last run)") }
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
