import ArgumentParser

/// `ahsct`: plans aHSCT treatment timelines and writes them out as iCalendar files.
@main
struct Ahsct: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ahsct",
        abstract: "Plan aHSCT treatment timelines and write them as iCalendar files.",
        version: "0.1.0",
        subcommands: [PlanCommand.self, CalendarsCommand.self, RecordCommand.self, ChangesCommand.self, ConflictsCommand.self, CapacityCommand.self, SlotCommand.self, ReportCommand.self, ScheduleCommand.self, FHIRCommand.self, ServeCommand.self, FeedsCommand.self, UsersCommand.self, ProtocolCommand.self, ICSCommand.self, HolidaysCommand.self]
    )
}
