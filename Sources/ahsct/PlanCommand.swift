import ArgumentParser
import ICalendar
import Interchange
import Pathway
import Reports

/// `ahsct plan COHORT`: every patient's date plan.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan every patient of a cohort file: dates as windows, statuses, conflicts.",
        discussion: """
            Reads the cohort (YAML or JSON; see calendars/cohort.schema.json) and prints each patient's plan: \
            per step the earliest, expected and latest start (and end), the status against --now, the resource it \
            books and the rule it came from. Recorded dates anchor everything after them.
            A site that names no number answering around the clock (contacts without haematology-ward) gets a \
            warning on standard error (warning: FILE: … [no_round_the_clock_number]); it changes neither the plan \
            nor the exit status.
            Exit status: 0 on success (conflicts in plans are reported, not failures), 1 when the cohort has errors \
            (printed as FILE:LINE:COL: error: MESSAGE [code]; nothing is written), 64 for bad arguments.
            """
    )

    /// Plan output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    @OptionGroup var options: AnalysisOptions

    @Option(help: "Only this patient (pseudonym).")
    var patient: String?

    @Option(help: "text, json or markdown.")
    var format: Format = .text

    func run() throws {
        let cohort = try readCohort(options.cohort)
        printSiteWarnings(cohort)
        let today = try options.input.day(in: cohort.site.timeZone)
        var patients = cohort.patients
        if let patient {
            patients = patients.filter { $0.id == patient }
            guard !patients.isEmpty else {
                throw refuseUnknownPatient(patient, in: options.cohort, known: cohort.patients.map(\.id))
            }
        }
        let planner = try cohort.planner()
        var report = PlanReport(plans: planner.plan(patients, now: today), now: today, siteName: cohort.site.name,
                                protocolName: cohort.treatmentProtocol.name)
        for record in patients where record.referredBy != nil || record.secondOpinionElsewhere {
            report.origins[record.id] = .init(referredBy: record.referredBy,
                                              secondOpinionSite: record.secondOpinionElsewhere ? record.secondOpinionSite : nil)
        }
        let text: String
        switch format {
        case .text: text = report.text()
        case .json: text = report.json()
        case .markdown: text = report.markdown()
        }
        try options.emit(text, styled: format == .text)
    }
}
