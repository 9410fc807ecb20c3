import Locations

/// One problem in an input file (cohort, site, protocol, or an imported `.ics`), with where it is, a stable code
/// and what was expected: the project's one located-problem shape (`LocatedProblem`, shared with the iCalendar
/// reader's ``Diagnostic``) with the input files' codes.
///
/// Printed the way compilers print: `cohort.yaml:23:23: error: day 30 does not exist in February 2026; expected
/// YYYY-MM-DD [invalid_date]`.
public typealias InputError = LocatedProblem<InputErrorCode>

/// A stable, snake_case code of ``InputError``. Scripts and tests match on these, never on the message.
public struct InputErrorCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// The file could not be read.
    public static let unreadableFile = InputErrorCode(rawValue: "unreadable_file")
    /// Not YAML (or JSON) at all: a syntax error, a tab in indentation, invalid UTF-8.
    public static let invalidSyntax = InputErrorCode(rawValue: "invalid_syntax")
    /// A key this place does not know (a typo, usually; the message suggests the nearest known key).
    public static let unknownKey = InputErrorCode(rawValue: "unknown_key")
    /// A required key is missing.
    public static let missingKey = InputErrorCode(rawValue: "missing_key")
    /// The same key twice in one mapping.
    public static let duplicateKey = InputErrorCode(rawValue: "duplicate_key")
    /// A list where a mapping was expected, a mapping where a date was expected, and so on.
    public static let wrongType = InputErrorCode(rawValue: "wrong_type")
    /// A date that is not `YYYY-MM-DD` or does not exist (2026-02-30).
    public static let invalidDate = InputErrorCode(rawValue: "invalid_date")
    /// A date outside 1900–2200, the years the working calendar knows.
    public static let dateOutOfRange = InputErrorCode(rawValue: "date_out_of_range")
    /// A value outside the ones allowed (a language `de`, a negative number of bags).
    public static let invalidValue = InputErrorCode(rawValue: "invalid_value")
    /// An IANA time zone that is not known.
    public static let unknownTimeZone = InputErrorCode(rawValue: "unknown_timezone")
    /// A protocol that is neither built in nor a readable file.
    public static let unknownProtocol = InputErrorCode(rawValue: "unknown_protocol")
    /// A resource that the protocol or the site does not have.
    public static let unknownResource = InputErrorCode(rawValue: "unknown_resource")
    /// A recorded date before the one it must follow (a harvest before mobilisation day 1).
    public static let outOfOrder = InputErrorCode(rawValue: "out_of_order")
    /// Two patients with the same pseudonym.
    public static let duplicatePatient = InputErrorCode(rawValue: "duplicate_patient")
    /// A pseudonym that would leak or break file names (spaces, slashes, an empty string).
    public static let invalidPseudonym = InputErrorCode(rawValue: "invalid_pseudonym")
    /// A patient the cohort does not have (`ahsct record --patient P-0099`).
    public static let unknownPatient = InputErrorCode(rawValue: "unknown_patient")
    /// A command-line value that is not what the option expects (`ahsct record … conditioning tomorrow`).
    public static let invalidArgument = InputErrorCode(rawValue: "invalid_argument")
    /// A span whose start comes after its end (a protocol's recovery days, a window's bounds).
    public static let windowInverted = InputErrorCode(rawValue: "window_inverted")
}

/// Reading input failed: every problem found, in file order.
public struct InputErrors: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, sorted by file, line and column.
    public var errors: [InputError]

    /// Input errors, sorted.
    public init(_ errors: [InputError]) {
        self.errors = errors.sorted {
            ($0.location.file, $0.location.line, $0.location.column) < ($1.location.file, $1.location.line, $1.location.column)
        }
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
