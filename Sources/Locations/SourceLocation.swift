/// Where a reader found something: shared by the iCalendar reader and the cohort and protocol readers, so every
/// error in every file kind is located the same way, `closures.ics:14:19` or `cohort.yaml:35:41`.
/// A place in a source file: 1-based line and column (columns count Unicode scalars of the physical line).
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file's path as the user named it.
    public var file: String
    /// 1-based physical line.
    public var line: Int
    /// 1-based column.
    public var column: Int

    /// A location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `FILE:LINE:COL`.
    public var description: String { "\(file):\(line):\(column)" }
}
