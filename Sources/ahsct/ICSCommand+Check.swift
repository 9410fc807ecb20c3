import ArgumentParser
import ICalendar

extension ICSCommand {
    /// `ahsct ics check FILE…`: is this calendar safe to import?
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check .ics files: one summary line per clean file, located errors otherwise.",
            discussion: """
                Prints `FILE: N events, FIRST – LAST, zones: …` for a clean file, and for a bad one every problem \
                as `FILE:LINE:COL: error: MESSAGE [code]` on standard error.
                Exit status: 0 when every file is clean, 1 when any file has errors.
                """
        )

        @Argument(help: "The .ics files to check.")
        var files: [String]

        func run() throws {
            var failed = false
            for file in files {
                do {
                    let document = try CalendarReader().read(contentsOf: file)
                    print("\(file): \(CalendarSummary(document))")
                } catch {
                    failed = true
                    for diagnostic in error.diagnostics { printError(diagnostic.description) }
                }
            }
            if failed { throw ExitCode.inputRefused }
        }
    }
}
