import ArgumentParser
import Calendrical
import Capacity
import Foundation
import ICalendar
import Interchange
import Pathway
import Reports

extension PatientRecord.Outcome: ExpressibleByArgument {}

/// `ahsct record COHORT --patient ID STEP DATE…`: writes one fact into the cohort file and shows what it moved.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record what happened (a date, a harvest session, bags, an answer) and see what it changed.",
        discussion: """
            Writes the fact into the cohort file in place, keeping every comment, blank line and the layout of \
            the rest; a scheduler's proposal for the step is replaced by the fact. Before anything is written the \
            whole cohort is read and planned with the fact: a fact that breaks the pathway's order (a harvest \
            before mobilisation day 1, an admission before the harvest) or a date that does not exist is refused \
            with a located error and the file stays as it was. A fact outside its window is written, with a \
            warning. Prints every step whose expected dates moved and the conflicts that appeared or went away.
            FIELD is a step (second-opinion, committee-answer, evaluation, mobilisation, apheresis, control-visit, \
            conditioning, reinfusion, discharge) with a date (apheresis: one or more sessions, appended), or \
            'fertility-preservation DATE' (done; or 'wanted yes|no'), 'unavailable FROM TO', 'bags N', \
            'eligibility ITEM yes|no'.
            --time HH:MM or HH:MM-HH:MM gives the clock time booked for a single-date step (from the appointment \
            letter): written as {date: …, time: "09:30-10:15"}, and shown in the patient's calendar instead of an \
            all-day event. A new date recorded without --time drops the old time (a moved appointment has no \
            booked time until one is given); the same date again keeps it. Apheresis sessions take the site's \
            times: {apheresis: …}.
            Every write adds a line per field to the audit log (STATE/audit.jsonl: time, user, patient, field, \
            old and new value); --history prints it. Runs on one cohort take turns (a lock in .ahsct beside it).
            A refusal is located in the file as it would have been written (an inserted line shifts the lines after it).
            Exit status: 0 recorded (or --dry-run), 1 refused — a fact that breaks the order, a date that does not \
            exist, a time that is not HH:MM[-HH:MM], an unknown patient or field (nothing written) — 64 usage \
            errors (no --patient, no field).
            """
    )

    @Argument(help: "The cohort file (YAML).")
    var cohort: String

    @Argument(help: "What to record: a step id, fertility-preservation, unavailable, bags or eligibility.")
    var field: String?

    @Argument(help: "Its value: a date (YYYY-MM-DD), several session dates, FROM TO, a number, or ITEM yes|no.")
    var values: [String] = []

    @Option(help: "The patient (pseudonym).")
    var patient: String?

    @Flag(help: "The date is a confirmed appointment.")
    var confirmed = false

    @Option(help: ArgumentHelp("The clock time booked for the date (with a single-date step): HH:MM or HH:MM-HH:MM.",
                               valueName: "HH:MM[-HH:MM]"))
    var time: String?

    @Option(help: "The number of stem-cell bags (with the harvest, or alone).")
    var bags: Int?

    @Option(help: "The committee's outcome (with committee-answer): approved or declined.")
    var outcome: PatientRecord.Outcome?

    @Option(help: "First day of an unavailable period.")
    var from: String?

    @Option(help: "Last day of an unavailable period.")
    var to: String?

    @Option(help: "Who records it, for the audit log (default: the login name).")
    var by: String?

    @Option(help: "The day plans are judged against (YYYY-MM-DD; default: today in the site's zone).")
    var now: String?

    @OptionGroup var stateOption: StateOptions
    var state: String? { stateOption.state }

    @Option(help: "Seconds to wait for another run that is changing the same cohort.")
    var wait: Double = 10

    @Flag(help: "Show what the fact would change; write nothing.")
    var dryRun = false

    @Flag(help: "Print the audit log of this cohort (with --patient: of one patient) instead of recording.")
    var history = false

    func validate() throws {
        if let by, by.isEmpty || by.count > 64 || by.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw ValidationError("--by takes a name of 1 to 64 characters without control characters")
        }
        if history { return }
        guard patient != nil else { throw ValidationError("missing --patient ID (or use --history)") }
        guard field != nil else { throw ValidationError("missing what to record: \(CohortFact.fields.joined(separator: ", "))") }
    }

    func run() throws {
        if history { return try printHistory() }
        guard let patient, let field else { return }
        var recorder: CohortRecorder
        do { recorder = try CohortRecorder(cohort: cohort, stateFolder: state, user: actingUser(by)) } catch {
            throw CohortWriter.record.report(error, cohort: cohort)
        }
        let facts: [CohortFact]
        do {
            facts = try CohortFact.parse(step: field, values: values, confirmed: confirmed, outcome: outcome,
                                         bags: bags, from: from, to: to, time: time)
        } catch {
            printError("ahsct record: \(error)")
            throw ExitCode.inputRefused
        }
        let today: CohortRecorder.Today = try now.map { .date(try parseCalendarDate($0)) } ?? .dayOf(Instant.current)
        recorder.wait = .seconds(max(0, wait))
        recorder.dryRun = dryRun
        let recorded: CohortRecorder.Outcome
        do { recorded = try recorder.record(facts, patient: patient, now: today, at: Instant.current) } catch {
            throw CohortWriter.record.report(error, cohort: cohort)
        }
        // The same value again: nothing written, nothing logged.
        guard !recorded.written.isEmpty else {
            print("nothing to record: \(patient)'s \(field) already says that")
            return
        }
        printText(recorded.writtenLines + "\n" + ChangesReport(changes: recorded.changes, now: recorded.now).text())
        recorded.printWarnings()
    }

    private func printHistory() throws {
        let folder = try StateFolder.path(for: cohort, state: state, create: false)
        let entries: [AuditLog.Entry]
        do { entries = try AuditLog.read(in: folder) } catch {
            for problem in error.errors { printError(problem.description) }
            throw ExitCode.inputRefused
        }
        let name = URL(fileURLWithPath: cohort).lastPathComponent
        let chosen = entries.filter { $0.cohort == name && (patient == nil || $0.patient == patient) }
        guard !chosen.isEmpty else {
            print("no facts recorded for \(name)\(patient.map { " and \($0)" } ?? "") (\(AuditLog.path(in: folder)))")
            return
        }
        var out = ""
        for entry in chosen {
            out += "\(entry.time)  \(entry.user)  \(entry.patient)  \(entry.field): \(entry.old ?? "(none)") → \(entry.new)\n"
        }
        print(out, terminator: "")
    }
}
