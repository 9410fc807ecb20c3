import ArgumentParser
import Calendrical
import Capacity
import Reports

/// `ahsct capacity COHORT`: occupancy against capacity per resource.
struct CapacityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capacity",
        abstract: "Show occupancy against capacity per resource, by day or week, in both views.",
        discussion: """
            For every resource, staff role and the committee: the capacity (after capacity changes and staff \
            absences), the demand in the expected view and in the worst case, what is free, the days closed for \
            new starts, and each resource's peaks. A week row shows the week's highest demand against its lowest \
            capacity. The default span is 13 weeks from --now.
            Exit status: 0 on success (over-full periods are shown, not failures; use `ahsct conflicts` to gate), \
            1 when the cohort has errors, 64 bad arguments.
            """
    )

    @OptionGroup var options: AnalysisOptions

    @Option(help: "First day shown (YYYY-MM-DD; default: --now).")
    var from: String?

    @Option(help: "Last day shown (YYYY-MM-DD; default: 13 weeks after the first, less a day).")
    var to: String?

    @Option(help: "day or week.")
    var by: CapacityOverview.Period = .week

    @Option(help: "text, markdown, json or csv.")
    var format: ReportFormat = .text

    func validate() throws {
        // Bad dates are usage errors, found before the cohort is read.
        _ = try from.map(parseCalendarDate)
        _ = try to.map(parseCalendarDate)
    }

    func run() throws {
        let (cohort, analysis) = try options.analysis()
        let (start, end) = try reportSpan(from: from, to: to, defaultFrom: analysis.now) { $0.adding(days: 13 * 7 - 1) }
        let overview = CapacityOverview(analysis: analysis, from: start, to: end, period: by)
        let report = CapacityReport(overview: overview, now: analysis.now, siteName: cohort.site.name)
        switch format {
        case .text: try options.emit(report.text(), styled: true)
        case .markdown: try options.emit(report.markdown())
        case .json: try options.emit(report.json())
        case .csv: try options.emit(report.csv())
        }
    }
}

extension CapacityOverview.Period: ExpressibleByArgument {}
