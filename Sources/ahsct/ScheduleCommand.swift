import ArgumentParser
import Calendrical
import Capacity
import Foundation
import Interchange
import Reports

/// `ahsct schedule COHORT`: the best feasible dates for everyone.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Propose mobilisation and admission dates for the whole cohort within capacity, with the least delay.",
        discussion: """
            For every patient whose admission is not recorded, chooses day 1 (when not recorded) and the admission so \
            that no day's demand exceeds any resource's capacity; then the least total delay (admission minus the \
            earliest admission capacity aside), then the least maximum delay. Recorded and confirmed dates never \
            move. Prints the totals with a lower bound, every change, and any patient that cannot fit (placed where \
            the overflow is least, with the reason). The search is repeatable: the same --seed and --moves give \
            the same schedule; --time-limit only cuts a search short.
            --out writes the cohort with the proposals as planned dates ({date: …, proposed: true}), which `plan`, \
            `calendars` and `conflicts` then use and a later `schedule` may move again; --in-place rewrites the \
            input after keeping a backup (COHORT.bak).
            Exit status: 0 scheduled, 1 the cohort has errors, 2 some patient cannot fit, 64 bad arguments.
            """
    )

    @OptionGroup var options: AnalysisOptions

    @Option(help: "Seed of the improvement search.")
    var seed: UInt64 = 1

    @Option(help: "Improvement moves (default: 60 per patient to schedule, at most 60,000).")
    var moves: Int?

    @Option(help: "Stop the improvement search after this many seconds.")
    var timeLimit: Double = 10

    @Flag(help: "Rewrite the cohort file itself (a copy is kept as COHORT.bak).")
    var inPlace = false

    @Option(help: "Keep every future day's chance of more beds needed than there are (the model of `capacity --risk`, proposals counted as booked) at or under this, from 0 to 1; prints what that costs in delay.")
    var maxRisk: Double?

    @Option(help: "How many days after a patient's first possible day 1 the search may go.")
    var horizon = CohortScheduler.searchHorizon

    @Option(help: ArgumentHelp("Also write the problem as JSON, for other solvers (the CP-SAT benchmark).",
                               visibility: .hidden))
    var exportModel: String?

    func validate() throws {
        if inPlace && options.out != nil { throw ValidationError("use either --out or --in-place") }
        if let moves, moves < 0 { throw ValidationError("--moves cannot be negative") }
        if let maxRisk, !(0..<1).contains(maxRisk) {
            throw ValidationError("--max-risk takes a chance from 0 up to (not including) 1, e.g. 0.1")
        }
        if (inPlace || options.out != nil) && options.cohort.lowercased().hasSuffix(".json") {
            throw ValidationError("proposals are written into YAML cohorts only (comments and layout are kept there); run without --out/--in-place, or convert \(options.cohort) to YAML")
        }
    }

    func run() throws {
        // Rewriting the cohort: take turns with `ahsct record` (and read the file only once the turn is ours).
        if inPlace {
            try StateFolder.lockCohort(options.cohort, in: try StateFolder.path(for: options.cohort, state: nil, create: true))
        }
        let (_, read) = try options.analysis()
        // A new schedule starts from what is recorded: earlier proposals are free to move.
        let analysis = CohortAnalysis(planner: read.planner, schedule: read.schedule,
                                      records: read.records.map(\.withoutProposals), now: read.now)
        let terminal = isatty(STDERR_FILENO) != 0
        let started = Date()
        var scheduler = CohortScheduler(analysis: analysis)
        scheduler.horizon = horizon
        if let exportModel { try ICSFiles.writeAtomically(Self.json(scheduler.instance()), to: exportModel) }
        func run(_ scheduler: CohortScheduler) -> Schedule {
            scheduler.schedule(seed: seed, moves: moves, timeLimit: timeLimit) { progress in
                guard terminal, Date().timeIntervalSince(started) > 1 else { return }
                FileHandle.standardError.write(Data("\rschedule: \(progress.moves)/\(progress.budget) moves, total delay \(progress.totalDelay) days   ".utf8))
            }
        }
        // With a risk limit, the plain schedule is made too: the difference is the price of the limit.
        let plain = maxRisk == nil ? nil : run(scheduler)
        scheduler.riskLimit = maxRisk
        let schedule = run(scheduler)
        if terminal, Date().timeIntervalSince(started) > 1 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        var report = ScheduleReport(schedule: schedule, now: analysis.now, seed: seed)
        report.plainDelay = plain?.totalDelay
        let target = inPlace ? options.cohort : options.out
        if let target {
            let proposals = schedule.assignments.map {
                CohortProposals.Proposal(patient: $0.patient, mobilisation: $0.mobilisationMoved ? $0.mobilisation : nil,
                                         admission: $0.admission)
            }
            let text = try CohortProposals.apply(proposals, toCohortAt: options.cohort)
            // The written cohort must read back whole, as `record` checks its edits.
            do {
                _ = try CohortReader().read(bytes: Array(text.utf8), file: target,
                                            directory: (options.cohort as NSString).deletingLastPathComponent)
            } catch {
                for problem in error.errors { printError(problem.description) }
                printError("error: the proposals would leave \(target) unreadable; nothing written")
                throw ExitCode.inputRefused
            }
            if inPlace {
                let original = try Data(contentsOf: URL(fileURLWithPath: options.cohort))
                try ICSFiles.writeAtomically(String(decoding: original, as: UTF8.self), to: options.cohort + ".bak")
                try ICSFiles.replaceInPlace(text, at: target)
            } else {
                try ICSFiles.writeAtomically(text, to: target)
            }
        }
        printText(report.text())
        if !schedule.unfit.isEmpty { throw ExitCode.foundSomething }
    }

    /// The instance as JSON (keys sorted, for the Python side), from its `Encodable` form.
    static func json(_ instance: SchedulingInstance) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(instance), as: UTF8.self) + "\n"
    }
}
