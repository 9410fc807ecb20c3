import ArgumentParser

/// `ahsct ics …`: work with iCalendar files directly.
struct ICSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ics",
        abstract: "Check, expand and write iCalendar (.ics) files.",
        subcommands: [Check.self, Occurrences.self, Sample.self]
    )
}
