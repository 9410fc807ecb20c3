import Interchange
import Reports

/// Prints the cohort's site warnings on standard error, one line each: `warning: FILE: … [code]`. They change
/// neither the output nor the exit status.
func printSiteWarnings(_ cohort: Cohort) {
    for warning in cohort.site.warnings {
        printError("warning: \(cohort.file): \(Words(.en).siteWarning(warning)) [\(warning.code.rawValue)]")
    }
}
