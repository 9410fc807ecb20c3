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
