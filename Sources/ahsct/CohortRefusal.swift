import ArgumentParser
import Interchange
import Reports

/// The commands that change a cohort through ``CohortRecorder``, for the words of their refusals.
enum CohortWriter {
    /// `ahsct record`: facts.
    case record
    /// `ahsct schedule --in-place`: proposals.
    case schedule

    /// The line refusing a JSON cohort (the same exit status, 1, for both commands).
    func yamlOnly(_ cohort: String) -> String {
        switch self {
        case .record:
            return "error: facts are written into YAML cohorts only (comments and layout are kept there); convert \(cohort) to YAML"
        case .schedule:
            return "error: proposals are written into YAML cohorts only (comments and layout are kept there); run without --out/--in-place, or convert \(cohort) to YAML"
        }
    }

    /// Prints `refusal` (located errors first, then what happened to the file) and returns the error that ends the
    /// run: exit 1 (``ExitCode/inputRefused``), or a failed write as an ``OutputError`` (also exit 1).
    func report(_ refusal: CohortRecorder.Refusal, cohort: String) -> Error {
        for problem in refusal.errors { printError(problem.description) }
        switch refusal {
        case .yamlOnly:
            printError(yamlOnly(cohort))
        case let .stateFolder(failure):
            printError(StateFolder.message(failure))
        case let .lock(.held(lock)):
            printError("error: another ahsct run is changing \(cohort) (\(lock) is held); try again when it has finished")
        case let .lock(.cannotOpen(lock, reason)):
            printError("error: cannot lock \(cohort): \(reason) (creating \(lock))")
        case .unreadable, .cannotEdit:
            break
        case .hasErrors:
            if self == .record { printError("error: \(cohort) has errors already; correct them before recording") }
        case let .unknownPatient(patient, known):
            _ = refuseUnknownPatient(patient, in: cohort, known: known)
        case .refused:
            switch self {
            case .record: printError("error: not recorded; \(cohort) is unchanged")
            case .schedule: printError("error: the proposals would leave \(cohort) unreadable; nothing written")
            }
        case let .invalidProtocol(problems):
            printError("error: \(problems)")
        case let .cannotWrite(failure):
            return OutputError(failure.description)
        case let .auditFailed(folder, reason, nil):
            printError("error: cannot write the audit log in \(folder) (\(reason)); \(cohort) is unchanged")
        case let .auditFailed(folder, reason, failure?):
            printError("error: cannot write the audit log in \(folder) (\(reason)), and putting \(cohort) back failed (\(failure)); it holds the change without its audit entry")
        case .stale:
            printError("error: \(cohort) changed while the change was prepared; nothing written, try again")
        }
        return ExitCode.inputRefused
    }
}

/// Who makes a change, for the audit log: `--by`, else the login name of the process, else `USER`.
func actingUser(_ by: String?) -> String {
    by ?? AuditLog.processUser() ?? "unknown"
}

extension CohortRecorder.Outcome {
    /// One line per value written (or, on a dry run, that would be), with where it stands in the file:
    /// `recorded P-0001 apheresis: [2026-11-10, 2026-11-11] → [2026-11-10, 2026-11-11, 2026-11-12]  (line 35:16)`.
    var writtenLines: String {
        written.map { change in
            "\(dryRun ? "would record" : "recorded") \(change.patient) \(change.field): \(change.old ?? "(none)") → \(change.new)  (line \(change.location.line):\(change.location.column))\n"
        }.joined()
    }

    /// Allowed but outside its window: written, and said plainly on standard error.
    func printWarnings() {
        for conflict in warnings {
            printError("warning: \(Words(.en).message(conflict)) [\(conflict.code.rawValue)]")
        }
    }
}
