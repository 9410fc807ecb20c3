import Locations

/// One problem found in an iCalendar file, with where it is, a stable code and what was expected: the project's one
/// located-problem shape (`LocatedProblem`, shared with the cohort and protocol readers) with the iCalendar codes.
///
/// Printed the way compilers print, so editors can jump to it:
/// `closures.ics:14:19: error: day 30 does not exist in February 2023 [invalid_date]`.
public typealias Diagnostic = LocatedProblem<DiagnosticCode>

/// Stable, snake_case codes of ``Diagnostic``: scripts and tests match on these, never on the message.
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable {
    /// The file could not be read at all.
    case unreadableFile = "unreadable_file"
    /// The bytes are not an iCalendar stream (no BEGIN:VCALENDAR first, or libical rejected it whole).
    case notICalendar = "not_icalendar"
    /// A component is never closed: the file stops before its END.
    case truncated
    /// An END that does not close the component that is open.
    case mismatchedEnd = "mismatched_end"
    /// A line that is not `NAME[;PARAM=…]:VALUE`.
    case malformedLine = "malformed_line"
    /// Bytes that are not UTF-8.
    case invalidUTF8 = "invalid_utf8"
    /// A NUL byte.
    case nulByte = "nul_byte"
    /// An unfolded content line longer than any real property (1,000,000 bytes).
    case lineTooLong = "line_too_long"
    /// Components nested deeper than any real calendar needs.
    case nestingTooDeep = "nesting_too_deep"
    /// A date that does not exist (`20230230`) or is not `YYYYMMDD`.
    case invalidDate = "invalid_date"
    /// A time that does not exist (hour 25) or is not `HHMMSS`.
    case invalidTime = "invalid_time"
    /// A number that is not one (`SEQUENCE:abc`).
    case invalidInteger = "invalid_integer"
    /// A TZID that no VTIMEZONE in the file defines and that is not an IANA zone.
    case unknownTimeZone = "unknown_tzid"
    /// An RRULE libical cannot read.
    case invalidRecurrence = "invalid_rrule"
    /// A required property (UID, DTSTART) is missing.
    case missingProperty = "missing_property"
    /// libical reported the value as malformed (an X-LIC-ERROR).
    case invalidValue = "invalid_value"
}

/// Reading failed: one or more located problems, in file order.
public struct ICalendarParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, at least one, sorted by line and column.
    public var diagnostics: [Diagnostic]

    /// A failure made of these diagnostics.
    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.enumerated().sorted { a, b in
            (a.element.location.line, a.element.location.column, a.offset)
                < (b.element.location.line, b.element.location.column, b.offset)
        }.map(\.element)
    }

    /// One diagnostic per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Writing failed: a value that cannot be expressed in iCalendar (an unknown zone, a comma in a category …).
public struct ICalendarWriteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable, snake_case codes.
    public enum Code: String, Sendable, Hashable {
        case unknownTimeZone = "unknown_tzid"
        case invalidText = "invalid_text"
        case invalidRecurrence = "invalid_rrule"
        case invalidEvent = "invalid_event"
    }

    /// What kind of problem.
    public var code: Code
    /// The event concerned, when there is one.
    public var uid: String?
    /// What is wrong and what was expected.
    public var message: String

    /// A write error.
    public init(code: Code, uid: String? = nil, message: String) {
        self.code = code
        self.uid = uid
        self.message = message
    }

    /// `error: MESSAGE (event UID) [code]`.
    public var description: String {
        "error: \(message)\(uid.map { " (event \($0))" } ?? "") [\(code.rawValue)]"
    }
}
