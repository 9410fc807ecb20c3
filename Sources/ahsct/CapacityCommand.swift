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
            --risk: per day, the expected demand, the 90th-percentile demand and P(demand > capacity) of the beds, \
            apheresis machines and day-care chairs, counting 1, 2 or 3 apheresis sessions with the protocol's \
            session odds and a stay of 14–28 days after day 0, patients independent (exact, no sampling).
            """
    )

    @OptionGroup var options: AnalysisOptions

    @Option(help: "First day shown (YYYY-MM-DD; default: --now).")
    var from: String?

    @Option(help: "Last day shown (YYYY-MM-DD; default: 13 weeks after the first, less a day).")
    var to: String?

    @Option(help: "day or week (default: week; with --risk, day).")
    var by: CapacityOverview.Period?

    @Flag(help: "How likely each day is to be over-full: expected demand, 90th percentile and P(demand > capacity) of beds, machines and chairs, with the protocol's session odds and stay spread.")
    var risk = false

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
        if risk {
            let view = RiskView(analysis: analysis)
            var days = view.days(from: start, to: end)
            if by == .week { days = RiskView.byWeek(days) }
            let report = RiskReport(days: days, model: Words(.en).riskModel(view.model), weekly: by == .week, now: analysis.now,
                                    siteName: cohort.site.name)
            switch format {
            case .text: try options.emit(report.text(), styled: true)
            case .markdown: try options.emit(report.markdown())
            case .json: try options.emit(report.json())
            case .csv: try options.emit(report.csv())
            }
            return
        }
        let overview = CapacityOverview(analysis: analysis, from: start, to: end, period: by ?? .week)
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
