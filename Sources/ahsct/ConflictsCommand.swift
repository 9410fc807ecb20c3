import ArgumentParser
import Capacity
import Pathway
import Reports

/// `ahsct conflicts COHORT`: every conflict in the cohort, with a stable code, and an exit status to gate on.
struct ConflictsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts",
        abstract: "List every conflict in a cohort: capacity, closed days, windows, order, absences, eligibility.",
        discussion: """
            Plans every patient, counts what each plan books per resource per day (beds from admission to \
            discharge, a chair on mobilisation day 1, a machine per apheresis day, staff per the site's needs, \
            committee cases on the meeting before the answer) and reports, sorted by date and grouped per day: \
            capacity_exceeded, staff_unavailable, closed_day, window_violated, order_violated, the warnings \
            long_stay and overdue (a step whose rule-expected day passed unrecorded), patient_unavailable and \
            eligibility_incomplete; with --risk-limit P also overflow_risk, runs of days whose chance of \
            more demand than capacity (the model of `ahsct capacity --risk`) is above P. Over-full days in a row are one entry, with the worst day's demand and \
            capacity, the patients involved and, where the planner can tell, a suggestion.
            --view expected counts each step on its expected dates; --view worst-case at the latest end of its \
            window with stays at their longest.
            Exit status: 0 no conflicts, 1 the cohort has errors (nothing is written), 2 conflicts found \
            (warnings included), 64 bad arguments.
            """
    )

    @OptionGroup var options: AnalysisOptions

    @Option(help: "text, markdown, json or csv.")
    var format: ReportFormat = .text

    @Option(help: "expected or worst-case.")
    var view: DemandView = .expected

    @Option(help: "Language of the messages and suggestions: en or nl (codes, subjects and JSON/CSV keys stay the same).")
    var lang: PatientRecord.Language = .en

    @Option(help: "Also warn (overflow_risk) about runs of days whose chance of more demand than capacity is above this, from 0 to 1 (see `ahsct capacity --risk`).")
    var riskLimit: Double?

    @Flag(help: "Leave out suggestions (no slot search per conflict): faster on national cohorts, same exit status.")
    var noSuggestions = false

    func validate() throws {
        if let riskLimit, !(0..<1).contains(riskLimit) {
            throw ValidationError("--risk-limit takes a chance from 0 up to (not including) 1, e.g. 0.2")
        }
    }

    func run() throws {
        let (cohort, analysis) = try options.analysis()
        var finder = ConflictFinder(analysis: analysis, view: view)
        finder.suggestions = !noSuggestions
        var conflicts = finder.conflicts()
        if let riskLimit {
            conflicts = (conflicts + RiskView(analysis: analysis).conflicts(limit: riskLimit, from: analysis.now))
                .sorted(by: CohortConflict.reportOrder)
        }
        let report = ConflictReport(conflicts: conflicts, now: analysis.now, view: view, siteName: cohort.site.name,
                                    language: lang)
        switch format {
        case .text: try options.emit(report.text(), styled: true)
        case .markdown: try options.emit(report.markdown())
        case .json: try options.emit(report.json())
        case .csv: try options.emit(report.csv())
        }
        if !conflicts.isEmpty { throw ExitCode.foundSomething }
    }
}
