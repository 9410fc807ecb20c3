import ArgumentParser
import Calendrical
import Capacity
import ICalendar
import Interchange

extension DemandView: ExpressibleByArgument {}

/// Options shared by `conflicts`, `capacity` and `slot`: the cohort, the day, and where the output goes.
struct AnalysisOptions: ParsableArguments {
    @Argument(help: "The cohort file (.yaml, .yml or .json).")
    var cohort: String

    @Option(help: "The day plans are judged against (YYYY-MM-DD; default: today in the site's zone).")
    var now: String?

    @Option(help: "Write to this file (atomically) instead of standard output.")
    var out: String?

    /// Reads the cohort (exit 1 on errors, printed located) and plans it.
    func analysis() throws -> (Cohort, CohortAnalysis) {
        let cohort = try readCohort(self.cohort)
        let today = try now.map(parseCalendarDate) ?? Instant.current.civilDate(in: cohort.site.timeZone)
        let analysis = CohortAnalysis(planner: try cohort.planner(), schedule: cohort.site.capacity,
                                      records: cohort.patients, now: today)
        return (cohort, analysis)
    }

    /// Writes `text` to `--out` or standard output; `styled` text (the text format) is coloured on a terminal.
    func emit(_ text: String, styled: Bool = false) throws {
        if let out {
            try ICSFiles.writeAtomically(text, to: out)
        } else if styled {
            printText(text)
        } else {
            print(text, terminator: "")
        }
    }
}

/// The span a report shows: `--from`/`--to` when given, else the defaults; refused backwards or over ten years.
func reportSpan(from: String?, to: String?, defaultFrom: CalendarDate,
                defaultTo: (CalendarDate) -> CalendarDate) throws -> (CalendarDate, CalendarDate) {
    let start = try from.map(parseCalendarDate) ?? defaultFrom
    let end = try to.map(parseCalendarDate) ?? defaultTo(start)
    guard start <= end else { throw ValidationError("--to (\(end)) is before --from (\(start))") }
    guard start.days(until: end) < 3660 else { throw ValidationError("the span is more than ten years; choose a shorter one") }
    return (start, end)
}

/// Report formats of the capacity commands.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json, csv
}
