import ArgumentParser
import Foundation
import ICalendar
import Calendrical

extension ICSCommand {
    /// `ahsct ics occurrences FILE --from DATE --to DATE`: what happens on which day, recurrences expanded.
    struct Occurrences: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every occurrence of every event in a date range, recurrences expanded.",
            discussion: "Exit status: 0 on success, 1 when the file has errors (printed as FILE:LINE:COL: error: … [code])."
        )

        @Argument(help: "The .ics file.")
        var file: String

        @Option(help: "First day (YYYY-MM-DD), included.", transform: parseCalendarDate)
        var from: CalendarDate

        @Option(help: "Last day (YYYY-MM-DD), included.", transform: parseCalendarDate)
        var to: CalendarDate

        @Option(help: "text or json.")
        var format: OutputFormat = .text

        func validate() throws {
            guard from <= to else { throw ValidationError("--from \(from) is after --to \(to)") }
        }

        func run() throws {
            let occurrences: [Occurrence]
            do {
                let bytes = try CalendarReader.contents(of: file)
                occurrences = try CalendarReader().occurrences(bytes: bytes, file: file, from: from, to: to.adding(days: 1))
            } catch {
                for diagnostic in error.diagnostics { printError(diagnostic.description) }
                throw ExitCode.inputRefused
            }
            switch format {
            case .text:
                for occurrence in occurrences {
                    let end = occurrence.end.map { " – \($0)" } ?? ""
                    print("\(occurrence.start)\(end)  \(occurrence.summary)  [\(occurrence.uid)]")
                }
            case .json:
                print(occurrencesJSON(occurrences))
            }
        }

        /// `[{"uid":…,"summary":…,"start":…,"end":…,"allDay":…,"utcStart":…}]`, one object per line.
        private func occurrencesJSON(_ occurrences: [Occurrence]) -> String {
            struct Item: Encodable {
                let uid: String, summary: String, start: String, end: String?, allDay: Bool, timeZone: String?, utcStart: String?
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let lines = occurrences.map { occurrence -> String in
                let item = Item(uid: occurrence.uid, summary: occurrence.summary, start: occurrence.start.isoText,
                                end: occurrence.end?.isoText, allDay: occurrence.start.isAllDay,
                                timeZone: occurrence.start.timeZone, utcStart: occurrence.utcStart?.description)
                return String(decoding: (try? encoder.encode(item)) ?? Data(), as: UTF8.self)
            }
            return "[\n" + lines.joined(separator: ",\n") + "\n]"
        }
    }
}

/// Output formats for listings.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension EventTime {
    /// ISO text without the zone name: `2026-10-26T08:30:00`, `2026-12-24`, `2026-10-26T07:30:00Z`.
    var isoText: String {
        switch self {
        case .allDay(let date): "\(date)"
        case .zoned(let time, _), .floating(let time): "\(time)"
        case .utc(let time): "\(time)Z"
        }
    }

    /// Whether this is a whole day.
    var isAllDay: Bool {
        if case .allDay = self { return true }
        return false
    }
}
