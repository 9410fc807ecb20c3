import ArgumentParser
import Calendrical
import FHIR
import Foundation
import ICalendar
import Interchange
import Reports

/// `ahsct fhir export|import`: the plan out to a hospital record as a FHIR R4 Bundle, its appointments back in.
struct FHIRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fhir",
        abstract: "Hand plans to a hospital record as a FHIR R4 Bundle, and read its appointments back (docs/fhir.md).",
        subcommands: [FHIRExportCommand.self, FHIRImportCommand.self]
    )
}

/// `ahsct fhir export COHORT`: one FHIR R4 Bundle of the cohort's plans.
struct FHIRExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the plans as one FHIR R4 Bundle (JSON): Patient, CarePlan, Appointment, Encounter.",
        discussion: """
            Per patient: a Patient identified by the pseudonym only (the cohort's name too with --with-names), a \
            CarePlan whose activities are the pathway's steps (codes of urn:ahsct-planner:fhir:CodeSystem:step, \
            status, expected period, the window as an extension), an Appointment per recorded visit (each \
            apheresis session one; fulfilled before --now, booked from it), and an Encounter for the stay from a \
            recorded admission. The same cohort and --now give the same bytes.
            Exit status: 0 written, 1 the cohort has errors (printed located) or the file cannot be written, 64 \
            usage errors.
            """
    )

    @OptionGroup var options: AnalysisOptions

    @Option(help: "Only this patient (pseudonym).")
    var patient: String?

    @Flag(help: "Give each Patient the cohort's name (by default only the pseudonym leaves the planner).")
    var withNames = false

    func run() throws {
        let (cohort, analysis) = try options.analysis()
        var pairs = Array(zip(cohort.patients, analysis.plans))
        if let patient {
            pairs = pairs.filter { $0.0.id == patient }
            guard !pairs.isEmpty else {
                throw refuseUnknownPatient(patient, in: options.cohort, known: cohort.patients.map(\.id))
            }
        }
        var export = FHIRExport(site: cohort.site, now: analysis.now)
        export.withNames = withNames
        try options.emit(export.document(pairs.map { (record: $0.0, plan: $0.1) }))
    }
}

/// `ahsct fhir import COHORT BUNDLE.json`: a hospital's appointments, stays and procedures recorded as facts.
struct FHIRImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Record the appointments, stays and procedures of a FHIR R4 Bundle (JSON) as facts.",
        discussion: """
            Reads Appointment (booked, arrived, checked-in, fulfilled), Encounter (period start: the step its type \
            maps to, the admission; period end: discharge) and Procedure (completed, in-progress) resources, finds \
            each patient by the identifier of the site's system (as the export writes it), maps each code to a step \
            (the project's code system, or the --map YAML file of a hospital's own codes) and records every fact in \
            one change of the cohort, with the checks, the preview and the audit of 'ahsct record' (the user is \
            fhir-import:BUNDLE, or --by with it). Resources it cannot place are listed with a reason and skipped.
            A bundle that is not JSON, not a Bundle, breaks FHIR R4's structure or holds a date that does not exist \
            is refused with located errors (FILE:LINE:COL, and the JSON path); a fact that breaks the pathway's \
            order refuses the whole import. Either way nothing is written.
            Exit status: 0 recorded (or --dry-run; skipped resources are listed, not failures), 1 refused (nothing \
            written), 64 usage errors.
            """
    )

    @Argument(help: "The cohort file (YAML).")
    var cohort: String

    @Argument(help: "The FHIR R4 Bundle (JSON).")
    var bundle: String

    @Option(help: "A YAML file mapping a hospital's codes to steps: codes: [{system: URI, code: C, step: STEP}].")
    var map: String?

    @Option(help: "Who imports, for the audit log (with fhir-import:BUNDLE; default: fhir-import:BUNDLE alone).")
    var by: String?

    @Option(help: "The day plans are judged against (YYYY-MM-DD; default: today in the site's zone).")
    var now: String?

    @OptionGroup var stateOption: StateOptions

    @Option(help: "Seconds to wait for another run that is changing the same cohort.")
    var wait: Double = 10

    @Flag(help: "Show what the import would record and change; write nothing.")
    var dryRun = false

    func validate() throws {
        if let by, by.isEmpty || by.count > 64 || by.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw ValidationError("--by takes a name of 1 to 64 characters without control characters")
        }
        _ = try now.map(parseCalendarDate)
    }

    func run() throws {
        let source = "fhir-import:\(URL(fileURLWithPath: bundle).lastPathComponent)"
        var recorder: CohortRecorder
        do { recorder = try CohortRecorder(cohort: cohort, stateFolder: stateOption.state, user: by.map { "\($0) (\(source))" } ?? source) } catch {
            throw CohortWriter.record.report(error, cohort: cohort)
        }
        recorder.wait = .seconds(max(0, wait))
        recorder.dryRun = dryRun
        // The code map and the bundle's bytes are read before the cohort is locked; FHIRBundleImport parses the bundle
        // under the lock, in the zone of the site the cohort names. Bad input of any kind ends with nothing written.
        let codeMap: StepCodeMap
        do { codeMap = try map.map(StepCodeMap.read) ?? StepCodeMap() } catch {
            for problem in error.errors { printError(problem.description) }
            throw ExitCode.inputRefused
        }
        let bytes: [UInt8]
        do { bytes = try CalendarReader.contents(of: bundle, expected: "a FHIR Bundle (JSON)") } catch {
            for problem in error.diagnostics { printError("\(problem.location): error: \(problem.message) [unreadable_file]") }
            throw ExitCode.inputRefused
        }
        let today: CohortRecorder.Today = try now.map { .date(try parseCalendarDate($0)) } ?? .dayOf(Instant.current)
        let result: FHIRImport.Result
        let outcome: CohortRecorder.Outcome
        do {
            (result, outcome) = try FHIRBundleImport(recorder: recorder, codeMap: codeMap)
                .run(bundle: bytes, file: bundle, today: today, at: Instant.current)
        } catch {
            switch error {
            case let .refused(refusal):
                throw CohortWriter.record.report(refusal, cohort: cohort)
            case let .invalidBundle(problems):
                for problem in problems.errors { printError(problem.description) }
                printError("error: nothing imported; \(cohort) is unchanged")
                throw ExitCode.inputRefused
            }
        }
        var out = outcome.writtenLines
        if result.facts.isEmpty {
            out += "nothing to record: no resource of \(bundle) gives a fact\n"
        } else if outcome.written.isEmpty {
            out += "nothing to record: \(cohort) already says all of it\n"
        }
        for skip in result.skipped {
            out += "skipped \(skip.path) (\(skip.resourceType), line \(skip.location.line)): \(skip.detail) [\(skip.reason.rawValue)]\n"
        }
        if !outcome.written.isEmpty { out += "\n" + ChangesReport(changes: outcome.changes, now: outcome.now).text() }
        printText(out)
        outcome.printWarnings()
    }
}
