import Foundation
internal import CLibical
import Locations
import Calendrical

/// Reads iCalendar files into ``CalendarDocument`` values, with located errors for anything wrong.
///
/// Reading happens in two walks over the text:
/// 1. ``ContentLineScanner`` checks the bytes for what libical would accept silently or crash on
///    (invalid UTF-8, NUL, 30 February, hour 25, unknown TZIDs, runaway nesting, a missing END), and notes where
///    each VCALENDAR and each of its VEVENTs lie;
/// 2. libical parses the text in those pieces (``LibicalReading``): each VEVENT becomes Swift values and its tree
///    is freed before the next is parsed, so libical never holds more than one event. Every X-LIC-ERROR it leaves
///    behind is mapped back to its line; a VEVENT without UID or DTSTART is reported at its BEGIN line.
///
/// ```swift
/// let document = try CalendarReader().read(contentsOf: "calendars/sample.ics")
/// // or, for a bad file, catch ICalendarParseError and print each diagnostic:
/// // bad.ics:7:20: error: day 30 does not exist in February 2023 [invalid_date]
/// ```
public struct CalendarReader: Sendable {
    /// A reader; it holds no state, so one can be shared freely across threads.
    public init() {}

    /// Reads a file from disk.
    public func read(contentsOf path: String) throws(ICalendarParseError) -> CalendarDocument {
        try read(bytes: Self.contents(of: path), file: path)
    }

    /// Reads iCalendar bytes; `file` names them in diagnostics.
    public func read(bytes: [UInt8], file: String) throws(ICalendarParseError) -> CalendarDocument {
        try parse(bytes: bytes, file: file, keepingTree: false) { document, _, _ in document }
    }

    /// The occurrences of every event of a file that start on a day in `from ..< to` (the event's own days,
    /// or UTC days for UTC times), expanded by libical with EXDATE and RECURRENCE-ID overrides honoured.
    ///
    /// A Monday/Wednesday/Friday rule from Friday 23 October 2026 until 2 November gives 23, 26, 28 and
    /// 30 October and 2 November; with `EXDATE;TZID=Europe/Amsterdam:20261028T083000` the 28th is left out.
    public func occurrences(bytes: [UInt8], file: String, from: CalendarDate, to: CalendarDate)
        throws(ICalendarParseError) -> [Occurrence]
    {
        try parse(bytes: bytes, file: file, keepingTree: true) { document, root, scanner throws(ICalendarParseError) in
            try RecurrenceExpander.checkBudget(document, eventLines: scanner.eventLines, from: from, to: to, file: file)
            guard let root else { return [] }
            return RecurrenceExpander(root: root, document: document).occurrences(from: from, to: to)
        }
    }

    /// The bytes of a file, or an `unreadable_file` diagnostic saying why not (missing, a folder, no permission).
    public static func contents(of path: String, expected: String = "an .ics file")
        throws(ICalendarParseError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        let failure = { (why: String) in
            ICalendarParseError([Diagnostic(location: SourceLocation(file: path, line: 1, column: 1),
                                            code: .unreadableFile, message: why)])
        }
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw failure("no such file")
        }
        guard !isDirectory.boolValue else { throw failure("is a directory; expected \(expected)") }
        // Nothing a person writes is this large; a runaway export should not fill memory.
        let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
        if let size, size > maximumSize {
            throw failure("is \(size / 1_048_576) MB; expected \(expected) of at most \(maximumSize / 1_048_576) MB")
        }
        guard let bytes = readAll(path, sizeHint: size ?? 0) else { throw failure("cannot be read (permissions?)") }
        return bytes
    }

    /// The largest input file read: 50 MB.
    public static let maximumSize = 50 * 1_048_576

    /// A file's bytes read straight into one array (no `Data` to copy them from), or `nil` when it cannot be read.
    private static func readAll(_ path: String, sizeHint: Int) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var failed = false
        var bytes = [UInt8](unsafeUninitializedCapacity: sizeHint + 1) { buffer, count in
            count = read(descriptor, into: buffer, failed: &failed)
        }
        // A file that grew since its size was taken, or one without a size (a pipe): the rest in chunks.
        if !failed && bytes.count == sizeHint + 1 {
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = chunk.withUnsafeMutableBufferPointer { read(descriptor, into: $0, failed: &failed) }
                bytes += chunk[..<count]
                if count < chunk.count { break }
            }
        }
        return failed ? nil : bytes
    }

    /// Fills `buffer` from a file until it is full or the file ends; the number of bytes read.
    private static func read(_ descriptor: Int32, into buffer: UnsafeMutableBufferPointer<UInt8>, failed: inout Bool) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var total = 0
        while total < buffer.count {
            let count = Glibc.read(descriptor, base + total, buffer.count - total)
            if count < 0 && errno == EINTR { continue }
            if count < 0 { failed = true }
            if count <= 0 { break }
            total += count
        }
        return total
    }

    /// Scans, then has libical read the text (``LibicalReading``); `body` sees the document (and the tree, when
    /// `keepingTree`) only when both found nothing wrong, and the tree is freed when it returns.
    private func parse<T>(bytes: [UInt8], file: String, keepingTree: Bool,
                          _ body: (CalendarDocument, OpaquePointer?, ContentLineScanner) throws(ICalendarParseError) -> T)
        throws(ICalendarParseError) -> T
    {
        precondition(TimeZoneLibrary.initialized)
        // A UTF-8 byte-order mark (some Windows tools write one) is not part of the text.
        let bytes = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        var scanner = ContentLineScanner(file: file, bytes: bytes)
        scanner.scan()
        if scanner.isFatal || !scanner.diagnostics.isEmpty { throw ICalendarParseError(scanner.diagnostics) }
        // The raw bytes, not a Swift String of them: a fold may split a UTF-8 character (RFC 5545 §3.1),
        // and only after libical unfolds is the text whole again.
        var reading = LibicalReading(scanner, whole: !scanner.canSplit, keepingTree: keepingTree)
        if reading.disagrees { reading = LibicalReading(scanner, whole: true, keepingTree: keepingTree) }
        if reading.isUnparsable {
            throw ICalendarParseError([Diagnostic(location: SourceLocation(file: file, line: 1, column: 1),
                                                  code: .notICalendar, message: "libical could not parse this as iCalendar")])
        }
        if reading.errorCount > 0 {
            throw ICalendarParseError(LibicalErrorLocator(scanner: scanner).locate(expected: reading.errorCount))
        }
        if !reading.problems.isEmpty { throw ICalendarParseError(reading.problems) }
        return try body(reading.document, reading.tree, scanner)
    }
}

/// The direct children of a component of one kind (or the component itself when it is of that kind and
/// `includingSelf`: a file parses to a VCALENDAR, or to an XROOT holding several).
func children(of component: OpaquePointer, kind: icalcomponent_kind, includingSelf: Bool) -> [OpaquePointer] {
    if includingSelf && icalcomponent_isa(component) == kind { return [component] }
    var result: [OpaquePointer] = []
    var child = icalcomponent_get_first_component(component, kind)
    while let current = child {
        result.append(current)
        child = icalcomponent_get_next_component(component, kind)
    }
    return result
}

/// The properties of a component, in order.
func properties(of component: OpaquePointer) -> [OpaquePointer] {
    var result: [OpaquePointer] = []
    var property = icalcomponent_get_first_property(component, ICAL_ANY_PROPERTY)
    while let current = property {
        result.append(current)
        property = icalcomponent_get_next_property(component, ICAL_ANY_PROPERTY)
    }
    return result
}
