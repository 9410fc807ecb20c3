import ArgumentParser
import Calendrical
import Capacity
import ICalendar
import Interchange
import Reports

/// `ahsct changes OLD NEW`: what moved between two versions of a cohort.
struct ChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "Compare the plans of two versions of a cohort: patients added or removed, dates moved, conflicts.",
        discussion: """
            Plans both files on the same day and lists, per patient, each step whose expected start or end moved \
            (old → new), patients added or removed, and the conflicts that are new or resolved (the codes of \
            `ahsct conflicts`, expected view). Patients whose dates did not move are left out. OLD may be \
            yesterday's copy, or `git show HEAD~1:cohort.yaml > old.yaml`.
            Exit status (like diff): 0 nothing changed, 2 something changed, 1 a file has errors, 64 bad arguments.
            """
    )

    @Argument(help: "The older cohort file.")
    var old: String

    @Argument(help: "The newer cohort file.")
    var new: String

    @Option(help: "The day both are planned on (YYYY-MM-DD; default: today in the new cohort's zone).")
    var now: String?

    @Option(help: "text, markdown or json.")
    var format: ChangesFormat = .text

    @Option(help: "Write to this file (atomically) instead of standard output.")
    var out: String?

    enum ChangesFormat: String, ExpressibleByArgument, CaseIterable { case text, markdown, json }

    func run() throws {
        let before = try readCohort(old)
        let after = try readCohort(new)
        let today = try now.map(parseCalendarDate) ?? Instant.current.civilDate(in: after.site.timeZone)
        let changes = try CohortChanges(from: before, to: after, now: today)
        let report = ChangesReport(changes: changes, now: today)
        let text: String
        switch format {
        case .text: text = report.text()
        case .markdown: text = report.markdown()
        case .json: text = report.json()
        }
        if let out { try OutputFile.write(text, to: out) } else if format == .text { printText(text) } else {
            print(text, terminator: "")
        }
        if !changes.isEmpty { throw ExitCode.foundSomething }
    }
}
