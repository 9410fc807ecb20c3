/// A problem a reader found at a place in an input file: where, a stable snake_case code, and what was expected.
///
/// Every reader reports through this one shape, each with its own codes: the iCalendar reader as ``Diagnostic``
/// (`closures.ics:14:19: error: month 13 does not exist; expected … [invalid_date]`), the cohort and protocol readers
/// as `InputError` (`cohort.yaml:35:41: error: … [out_of_order]`). Scripts match on the code, people read the
/// message, and both find the place.
public struct LocatedProblem<Kind: RawRepresentable & Sendable & Hashable>: Sendable, Hashable, CustomStringConvertible
where Kind.RawValue == String {
    /// The reader's codes (`DiagnosticCode.invalidDate`, `InputErrorCode.outOfOrder`).
    public typealias Code = Kind

    /// Where: file, line and column.
    public var location: SourceLocation
    /// The stable code.
    public var code: Code
    /// What is wrong and what was expected.
    public var message: String

    /// A problem at `location`.
    public init(location: SourceLocation, code: Code, message: String) {
        self.location = location
        self.code = code
        self.message = message
    }

    /// `FILE:LINE:COL: error: MESSAGE [code]`.
    public var description: String { "\(location): error: \(message) [\(code.rawValue)]" }
}
