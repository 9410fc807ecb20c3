import ArgumentParser

/// `ahsct`: plans aHSCT treatment timelines and writes them out as iCalendar files.
@main
struct Ahsct: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ahsct",
        abstract: "Plan aHSCT treatment timelines and write them as iCalendar files.",
        version: "0.1.0",
        subcommands: [Plan.self, Calendars.self, RecordCommand.self, ChangesCommand.self, Conflicts.self, CapacityCommand.self, SlotCommand.self, Report.self, ScheduleCommand.self, ServeCommand.self, FeedsCommand.self, ProtocolCommand.self, ICS.self, Holidays.self]
    )
}
