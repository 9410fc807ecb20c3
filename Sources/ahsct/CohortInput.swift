import ArgumentParser
import Interchange

/// Reads a cohort file; on errors prints every one (`FILE:LINE:COL: error: … [code]`) and exits 1.
func readCohort(_ path: String) throws -> Cohort {
    do {
        return try CohortReader().read(contentsOf: path)
    } catch {
        for problem in error.errors { printError(problem.description) }
        throw ExitCode.inputRefused
    }
}

/// The one refusal for `--patient ID` naming no patient of the cohort, whichever command meets it (`plan`,
/// `report`, `slot`, `feeds issue`, `record`): `cohort.yaml: error: no patient 'P-9999' in the cohort; expected one
/// of P-0001, P-0002, … [unknown_patient]` on standard error, exit 1 (the input does not hold what was asked; the
/// arguments themselves were well formed). At most eight ids are listed.
func refuseUnknownPatient(_ patient: String, in cohort: String, known: [String]) -> ExitCode {
    let list = known.count > 8 ? known.prefix(8).joined(separator: ", ") + ", …" : known.joined(separator: ", ")
    printError("\(cohort): error: no patient '\(patient)' in the cohort; expected one of \(list) [unknown_patient]")
    return ExitCode.inputRefused
}
