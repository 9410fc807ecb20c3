import ArgumentParser
import ICalendar

extension ICSCommand {
    /// `ahsct ics sample --out FILE --now INSTANT`: writes the demonstration calendar.
    struct Sample: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a demonstration calendar (timed visits, all-day spans, a Mon/Wed/Fri series across a DST change, reminders).",
            discussion: "The same --now gives a byte-identical file. Exit status: 0 on success, 1 when the file cannot be written."
        )

        @Option(help: "Where to write the .ics file (written atomically).")
        var out: String

        @Option(help: "DTSTAMP of every event: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (default: the clock).",
                transform: parseInstant)
        var now: Instant?

        func run() throws {
            let writer = CalendarWriter(now: now ?? Instant.current)
            let text = try writer.write(SampleCalendar.document)
            try OutputFile.write(text, to: out)
            print("wrote \(out): \(CalendarSummary(SampleCalendar.document))")
        }
    }
}
