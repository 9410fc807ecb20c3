/// Something about a site that is not an error — the cohort can be planned — but that the coordinator should put
/// right, because patients get less than they should.
///
/// A site whose `contacts:` give an office-hours line (`urgent: "020 444 07 75"`) and an out-of-hours line
/// (`out-of-hours: "020 444 44 44"`) but no `haematology-ward:` has ``noRoundTheClockNumber(officeHours:outOfHours:)``
/// with both `true`: a patient with a fever at 03:00 must pick the right one of two numbers. The words are in
/// `Reports` (`Words(.en).siteWarning(_:)`); here is only what was found.
public enum SiteWarning: Sendable, Hashable {
    /// Stable codes: scripts and tests match on these, never on the words.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The site names no number that answers around the clock (no `haematology-ward` line).
        case noRoundTheClockNumber = "no_round_the_clock_number"
    }

    /// The site names no line that answers day and night (`contacts` has no `haematology-ward`), so patients are
    /// given the lines it does name: `officeHours` whether it has the office-hours line (`urgent`), `outOfHours`
    /// whether it has the out-of-hours line.
    case noRoundTheClockNumber(officeHours: Bool, outOfHours: Bool)

    /// The warning's code.
    public var code: Code {
        switch self {
        case .noRoundTheClockNumber: .noRoundTheClockNumber
        }
    }
}
