import ArgumentParser
import Calendrical
import Capacity
import Foundation
import ICalendar
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
            input after keeping a backup (COHORT.bak), taking turns with `ahsct record` (the cohort's lock), and adds \
            one line per proposed step that changed to the audit log (audit.jsonl in --state, .ahsct beside the cohort by default: time, \
            user — --by, else the login name — patient, field, old and new value), as `record` does. Proposals are \
            written into YAML cohorts only: a JSON cohort with --out or --in-place is refused with exit 1.
            Exit status: 0 scheduled, 1 the cohort has errors (or is JSON with --out/--in-place, or the audit log \
            cannot be written: then the file is put back), 2 some patient cannot fit, 64 bad arguments.
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

    @Option(help: "Who schedules, for the audit entries of --in-place (default: the login name).")
    var by: String?

    @OptionGroup var stateOption: StateOptions

    @Option(help: ArgumentHelp("Also write the problem as JSON, for other solvers (the CP-SAT benchmark).",
                               visibility: .hidden))
    var exportModel: String?

    func validate() throws {
        if inPlace && options.out != nil { throw ValidationError("use either --out or --in-place") }
        if let moves, moves < 0 { throw ValidationError("--moves cannot be negative") }
        if let maxRisk, !(0..<1).contains(maxRisk) {
            throw ValidationError("--max-risk takes a chance from 0 up to (not including) 1, e.g. 0.1")
        }
        if let by, by.isEmpty || by.count > 64 || by.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw ValidationError("--by takes a name of 1 to 64 characters without control characters")
        }
    }

    func run() throws {
        // A JSON cohort is refused as `record` refuses it: exit 1, nothing written.
        if (inPlace || options.out != nil) && options.cohort.lowercased().hasSuffix(".json") {
            printError(CohortWriter.schedule.yamlOnly(options.cohort))
            throw ExitCode.inputRefused
        }
        if inPlace { return try runInPlace() }
        let cohort = try readCohort(options.cohort)
        let schedule = try makeSchedule(cohort, today: try options.input.day(in: cohort.site.timeZone))
        if let out = options.out {
            let text = try CohortProposals.apply(proposals(schedule.schedule), toCohortAt: options.cohort)
            // The written cohort must read back whole, as `record` checks its edits.
            do {
                _ = try CohortReader().read(bytes: Array(text.utf8), file: out,
                                            directory: (options.cohort as NSString).deletingLastPathComponent)
            } catch {
                for problem in error.errors { printError(problem.description) }
                printError("error: the proposals would leave \(out) unreadable; nothing written")
                throw ExitCode.inputRefused
            }
            try OutputFile.write(text, to: out)
        }
        try finish(schedule)
    }

    /// `--in-place`: the proposals written through the one cohort transaction (``CohortRecorder``): the cohort read
    /// under its lock, the proposals written into its text and checked, `COHORT.bak` kept, the file replaced, and
    /// one audit entry per proposed step that changed.
    private func runInPlace() throws {
        let cohort = options.cohort
        let writer = CohortWriter.schedule
        let now = try options.input.instant()
        let transaction: CohortTransaction
        do {
            let recorder = try CohortRecorder(cohort: cohort, stateFolder: stateOption.state, user: actingUser(by))
            transaction = try recorder.begin(now: .dayOf(now))
        } catch {
            throw writer.report(error, cohort: cohort)
        }
        let schedule = try makeSchedule(transaction.cohort, today: transaction.today)
        do {
            _ = try transaction.propose(proposals(schedule.schedule), at: Instant.current, backup: cohort + ".bak")
        } catch {
            throw writer.report(error, cohort: cohort)
        }
        try finish(schedule)
    }

    /// The schedule of `cohort` on `today`, and its report.
    private func makeSchedule(_ cohort: Cohort, today: CalendarDate) throws -> (schedule: Schedule, report: ScheduleReport) {
        // A new schedule starts from what is recorded: earlier proposals are free to move.
        let analysis = CohortAnalysis(planner: try cohort.planner(), schedule: cohort.site.capacity,
                                      records: cohort.patients.map(\.withoutProposals), now: today)
        let terminal = isatty(STDERR_FILENO) != 0
        let started = Date()
        var scheduler = CohortScheduler(analysis: analysis)
        scheduler.horizon = horizon
        if let exportModel { try OutputFile.write(Self.json(scheduler.instance()), to: exportModel) }
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
        return (schedule, report)
    }

    /// The schedule's proposals: day 1 where the scheduler moved it, and every admission.
    private func proposals(_ schedule: Schedule) -> [CohortProposals.Proposal] {
        schedule.assignments.map {
            CohortProposals.Proposal(patient: $0.patient, mobilisation: $0.mobilisationMoved ? $0.mobilisation : nil,
                                     admission: $0.admission)
        }
    }

    /// Prints the report; exit 2 when some patient cannot fit.
    private func finish(_ schedule: (schedule: Schedule, report: ScheduleReport)) throws {
        printText(schedule.report.text())
        if !schedule.schedule.unfit.isEmpty { throw ExitCode.foundSomething }
    }

    /// The instance as JSON (keys sorted, for the Python side), from its `Encodable` form.
    static func json(_ instance: SchedulingInstance) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(instance), as: UTF8.self) + "\n"
    }
}
