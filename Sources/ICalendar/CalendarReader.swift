import Foundation
internal import CLibical
import Locations
import Calendrical

/// Reads iCalendar files into ``CalendarDocument`` values, with located errors for anything wrong.
///
/// Reading happens in three passes:
/// 1. ``ContentLineScanner`` checks the bytes for what libical would accept silently or crash on
///    (invalid UTF-8, NUL, 30 February, hour 25, unknown TZIDs, runaway nesting, a missing END);
/// 2. libical parses the text; every X-LIC-ERROR it leaves behind is mapped back to its line;
/// 3. the tree becomes Swift values; a VEVENT without UID or DTSTART is reported at its BEGIN line.
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
        try parse(bytes: bytes, file: file) { root, scanner throws(ICalendarParseError) in
            try convert(root, scanner: scanner)
        }
    }

    /// The occurrences of every event of a file that start on a day in `from ..< to` (the event's own days,
    /// or UTC days for UTC times), expanded by libical with EXDATE and RECURRENCE-ID overrides honoured.
    ///
    /// A Monday/Wednesday/Friday rule from Friday 23 October 2026 until 2 November gives 23, 26, 28 and
    /// 30 October and 2 November; with `EXDATE;TZID=Europe/Amsterdam:20261028T083000` the 28th is left out.
    public func occurrences(bytes: [UInt8], file: String, from: CalendarDate, to: CalendarDate)
        throws(ICalendarParseError) -> [Occurrence]
    {
        try parse(bytes: bytes, file: file) { root, scanner throws(ICalendarParseError) in
            let document = try convert(root, scanner: scanner)
            try RecurrenceExpander.checkBudget(document, eventLines: scanner.eventLines, from: from, to: to, file: file)
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
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maximumSize {
            throw failure("is \(size / 1_048_576) MB; expected \(expected) of at most \(maximumSize / 1_048_576) MB")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw failure("cannot be read (permissions?)") }
        return [UInt8](data)
    }

    /// The largest input file read: 50 MB.
    public static let maximumSize = 50 * 1_048_576

    /// Scans, then parses with libical; `body` sees the tree only when both passes found nothing wrong,
    /// and the tree is freed when it returns.
    private func parse<T>(bytes: [UInt8], file: String,
                          _ body: (OpaquePointer, ContentLineScanner) throws(ICalendarParseError) -> T)
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
        let parsed = (bytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { icalparser_parse_string($0.baseAddress) }
        }
        guard let root = parsed else {
            throw ICalendarParseError([Diagnostic(location: SourceLocation(file: file, line: 1, column: 1),
                                                  code: .notICalendar, message: "libical could not parse this as iCalendar")])
        }
        let tree = ComponentTree(owning: root)
        let errorCount = LibicalErrorLocator.significantErrorCount(in: tree.pointer)
        if errorCount > 0 {
            throw ICalendarParseError(LibicalErrorLocator(scanner: scanner).locate(expected: errorCount))
        }
        return try body(tree.pointer, scanner)
    }

    /// Turns the libical tree into Swift values.
    private func convert(_ root: OpaquePointer, scanner: ContentLineScanner) throws(ICalendarParseError) -> CalendarDocument {
        var document = CalendarDocument(productID: "", method: nil)
        document.definedTimeZones = scanner.definedZones
        var diagnostics: [Diagnostic] = []
        for calendar in children(of: root, kind: ICAL_VCALENDAR_COMPONENT, includingSelf: true) {
            for property in properties(of: calendar) {
                switch icalproperty_isa(property) {
                case ICAL_PRODID_PROPERTY: document.productID = copyString(icalproperty_get_prodid(property)) ?? ""
                case ICAL_METHOD_PROPERTY: document.method = takeString(icalproperty_get_value_as_string_r(property))
                case ICAL_X_PROPERTY:
                    let name = copyString(icalproperty_get_x_name(property))?.uppercased()
                    let value = copyString(icalproperty_get_x(property))
                    if name == "X-WR-CALNAME" { document.name = value }
                    if name == "X-WR-TIMEZONE" { document.timeZone = value }
                default: break
                }
            }
            for vevent in children(of: calendar, kind: ICAL_VEVENT_COMPONENT, includingSelf: false) {
                let line = document.events.count < scanner.eventLines.count ? scanner.eventLines[document.events.count] : 1
                let location = SourceLocation(file: scanner.file, line: line, column: 1)
                do throws(ICalendarParseError) {
                    document.events.append(try EventDecoder.event(from: vevent, at: location))
                } catch {
                    diagnostics += error.diagnostics
                    document.events.append(Event(uid: "", summary: "", start: .allDay(CalendarDate(daysSince1970: 0))))
                }
            }
        }
        if !diagnostics.isEmpty { throw ICalendarParseError(diagnostics) }
        return document
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
