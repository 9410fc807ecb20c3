import ArgumentParser
import Calendrical
import Capacity
import ICalendar
import Interchange

extension DemandView: ExpressibleByArgument {}

/// What every command that reads a cohort shares: the file, and the run's time.
struct CohortOptions: ParsableArguments {
    @Argument(help: "The cohort file (.yaml, .yml or .json).")
    var cohort: String

    @Option(help: "The run's time: YYYY-MM-DD (midnight UTC) or YYYY-MM-DDTHH:MM:SSZ. Plans are judged against its day in the site's zone; calendars stamp it (default: now).")
    var now: String?

    func validate() throws {
        _ = try now.map(parseInstant)
    }

    /// `--now`, or the clock.
    func instant() throws -> Instant { try now.map(parseInstant) ?? Instant.current }

    /// The day of `--now` (or of the clock) at a site in `zone`.
    func day(in zone: String) throws -> CalendarDate { try instant().civilDate(in: zone) }
}

/// Options shared by `plan`, `conflicts`, `capacity`, `slot`, `report` and `schedule`: the cohort, the day, and
/// where the output goes.
struct AnalysisOptions: ParsableArguments {
    @OptionGroup var input: CohortOptions

    @Option(help: "Write to this file (atomically) instead of standard output.")
    var out: String?

    /// The cohort file.
    var cohort: String { input.cohort }

    /// Reads the cohort (exit 1 on errors, printed located) and plans it.
    func analysis() throws -> (Cohort, CohortAnalysis) {
        let cohort = try readCohort(self.cohort)
        let today = try input.day(in: cohort.site.timeZone)
        let analysis = CohortAnalysis(planner: try cohort.planner(), schedule: cohort.site.capacity,
                                      records: cohort.patients, now: today)
        return (cohort, analysis)
    }

    /// Writes `text` to `--out` or standard output; `styled` text (the text format) is coloured on a terminal.
    func emit(_ text: String, styled: Bool = false) throws {
        if let out {
            try OutputFile.write(text, to: out)
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
