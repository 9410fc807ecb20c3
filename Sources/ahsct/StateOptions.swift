import ArgumentParser

/// `--state DIR`, the same for every command that keeps state: the audit log, the feed registry, the served
/// calendars. Without it, `.ahsct/` beside the cohort file.
struct StateOptions: ParsableArguments {
    @Option(help: "The state folder (default: .ahsct beside the cohort file): the audit log, the feed registry and the served calendars.")
    var state: String?
}
