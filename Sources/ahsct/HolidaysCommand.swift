import ArgumentParser
import Pathway

/// `ahsct holidays`: the Dutch public holidays the planner treats as closed.
struct HolidaysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holidays",
        abstract: "List the Dutch public holidays the planner closes (1900–2200).",
        discussion: "Good Friday is open by default; a site that closes it lists it as a closure. Exit status 0, or 64 for bad arguments."
    )

    @Option(help: "First year.")
    var fromYear: Int

    @Option(help: "Last year (default: the first).")
    var toYear: Int?

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        let last = toYear ?? fromYear
        guard WorkingCalendar.supportedYears.contains(fromYear), WorkingCalendar.supportedYears.contains(last), fromYear <= last else {
            throw ValidationError("years must lie in 1900–2200, --from-year before --to-year")
        }
    }

    func run() {
        let rows = (fromYear...(toYear ?? fromYear)).flatMap { DutchHolidays.holidays(in: $0) }
        switch format {
        case .text:
            for row in rows { print("\(row.date)  \(row.date.weekday.rawValue)  \(row.holiday.rawValue)") }
        case .json:
            print("[\n" + rows.map { "{\"date\":\"\($0.date)\",\"holiday\":\"\($0.holiday.rawValue)\"}" }.joined(separator: ",\n") + "\n]")
        }
    }
}
