import Calendrical
import Foundation
import Locations

/// The checks libical does not make, done on the raw bytes before libical sees them, with exact locations.
///
/// libical parses without line numbers and quietly accepts much that is wrong: `20230230` becomes 2 March,
/// hour 25 rolls over, `SEQUENCE:abc` becomes 0, an unknown TZID becomes floating time, a NUL byte cuts the
/// text short, and a million nested BEGINs crash it. This scanner walks the unfolded content lines once and
/// reports each such problem at its physical line and column:
///
/// ```
/// bad.ics:7:20: error: day 30 does not exist in February 2023 [invalid_date]
/// ```
///
/// The walk is one pass that copies nothing (a folded line is put together in one reused buffer). Problems come out
/// in a fixed order of precedence, whatever their place in the file: a NUL byte alone; else the first line that is
/// too long alone; else the first invalid UTF-8 alone; else the structure (BEGIN/END, lines outside components),
/// stopping at the first structural problem that makes the rest meaningless; else the structure's problems, then
/// the values', then the unknown zones', at most ``maximumDiagnostics`` in all.
///
/// It also records what the reader needs afterwards: where each VCALENDAR and each of its VEVENTs lie in the text
/// (so libical can parse them one at a time), the line of each VEVENT's BEGIN, and the zones the file defines.
struct ContentLineScanner {
    /// Deeper than this is refused before libical recurses into it (a real calendar nests 3 deep).
    static let maximumDepth = 32
    /// Longer unfolded lines are refused: libical's time grows with the square of a line's length
    /// (a 10 MB line takes seconds), and no real property comes near this.
    static let maximumLineLength = 1_000_000
    /// Stop after this many problems: a user fixes the first ones first.
    static let maximumDiagnostics = 50

    /// Where one VCALENDAR lies in the text: all of it, and each VEVENT directly inside it.
    struct CalendarLayout {
        /// From its BEGIN line to past its END line.
        var range: Range<Int>
        /// Its VEVENTs, each from its BEGIN line to past its END line, in file order.
        var events: [Range<Int>] = []

        /// The calendar without its VEVENTs: its properties, VTIMEZONEs and any other components.
        var ownRanges: [Range<Int>] {
            var result: [Range<Int>] = []
            var from = range.lowerBound
            for event in events {
                if event.lowerBound > from { result.append(from..<event.lowerBound) }
                from = event.upperBound
            }
            if range.upperBound > from { result.append(from..<range.upperBound) }
            return result
        }
    }

    let file: String
    let bytes: [UInt8]
    private(set) var diagnostics: [Diagnostic] = []
    /// Physical lines of `BEGIN:VEVENT` directly inside a VCALENDAR (the events libical reads), in file order.
    private(set) var eventLines: [Int] = []
    /// TZIDs defined by VTIMEZONE components.
    private(set) var definedZones: [String] = []
    /// The top-level components (VCALENDARs when nothing is wrong), in file order.
    private(set) var calendars: [CalendarLayout] = []
    /// Whether a problem makes handing the bytes to libical pointless or unsafe.
    private(set) var isFatal = false
    /// Whether libical is sure to see the same components as this scan, so that the calendars can be parsed in
    /// pieces. Not when a line is BEGIN or END to one and a property to the other: libical compares names in ASCII
    /// only (`begın`, with a dotless i, upper-cases to BEGIN here), drops white space at the end of a name
    /// (`END⏎:VEVENT`, with a stray CR, ends a component for libical), and joins a line that starts with a space to
    /// an empty line before it (which here ends the line before and leaves the space).
    private(set) var canSplit = true

    // The scan's working state.
    private var structureProblems: [Diagnostic] = []
    private var valueProblems: [Diagnostic] = []
    /// Set at the first structural problem after which the rest cannot be trusted.
    private var structureStopped = false
    private var stack: [(name: String, line: Int)] = []
    private var openEvent: (start: Int, depth: Int)?
    /// Each TZID used, in order of first use, and where it is used (at most ``maximumDiagnostics`` places each:
    /// no more can ever be reported).
    var zoneNames: [String] = []
    var zoneIndex: [String: Int] = [:]
    var zoneUses: [[(order: Int, line: RawLine, offset: Int)]] = []
    var zoneUseCount = 0
    var lastZone: (bytes: [UInt8], index: Int)?

    init(file: String, bytes: [UInt8]) {
        self.file = file
        self.bytes = bytes
    }

    /// Runs every check.
    mutating func scan() {
        let bytes = self.bytes
        bytes.withUnsafeBufferPointer { text in scan(text) }
    }

    private mutating func scan(_ text: UnsafeBufferPointer<UInt8>) {
        if let base = text.baseAddress, let found = memchr(base, 0, text.count) {
            reportNUL(at: base.distance(to: found.assumingMemoryBound(to: UInt8.self)), in: text)
            return
        }
        var walker = LineWalker(text)
        var scratch: [UInt8] = []
        var invalidUTF8: Diagnostic?
        var sawLine = false
        while let line = walker.next() {
            if line.count > Self.maximumLineLength {
                finish(fatal: locate(.lineTooLong, at: line, offset: 0,
                                     "an unfolded line of \(line.count) bytes; at most \(Self.maximumLineLength) are accepted"))
                return
            }
            // After invalid UTF-8 only a line that is too long can still be reported.
            if invalidUTF8 != nil { continue }
            let first = !sawLine
            if line.folds == 0 {
                invalidUTF8 = check(line, UnsafeBufferPointer(rebasing: text[line.start..<line.contentEnd]), first: first)
            } else {
                Self.unfold(line, in: text, into: &scratch)
                invalidUTF8 = scratch.withUnsafeBufferPointer { check(line, $0, first: first) }
            }
            sawLine = true
        }
        if let invalidUTF8 { return finish(fatal: invalidUTF8) }
        guard sawLine else {
            return finish(fatal: Diagnostic(location: SourceLocation(file: file, line: 1, column: 1), code: .notICalendar,
                                            message: "the file is empty; expected BEGIN:VCALENDAR"))
        }
        if !structureStopped, let open = stack.last {
            // Where the file ends: the start of the line after a final newline, else just past the last character.
            let line = walker.physicalLines + (text.last == 0x0A ? 1 : 0)
            let column = text.last == 0x0A ? 1 : Self.column(of: text.count, lineStart: walker.lastLineStart, in: text)
            reportStructure(Diagnostic(location: SourceLocation(file: file, line: line, column: column), code: .truncated,
                                       message: "the file ends inside \(open.name) opened at line \(open.line); expected END:\(open.name)"))
            structureStopped = true
        }
        if structureStopped {
            diagnostics = structureProblems
            isFatal = true
            return
        }
        diagnostics = Array((structureProblems + valueProblems).prefix(Self.maximumDiagnostics))
        checkZones()
    }

    /// Ends the scan with one problem that overrides all others.
    private mutating func finish(fatal diagnostic: Diagnostic) {
        diagnostics = [diagnostic]
        isFatal = true
    }

    /// NUL bytes, located; fatal, since C would cut the text short there.
    private mutating func reportNUL(at index: Int, in text: UnsafeBufferPointer<UInt8>) {
        var line = 1
        var lineStart = 0
        for position in 0..<index where text[position] == 0x0A {
            line += 1
            lineStart = position + 1
        }
        finish(fatal: Diagnostic(location: SourceLocation(file: file, line: line,
                                                          column: Self.column(of: index, lineStart: lineStart, in: text)),
                                 code: .nulByte, message: "a NUL byte; iCalendar text cannot contain one"))
    }

    /// The offset of the first byte that does not belong to valid UTF-8, if any. Checked on unfolded lines, because
    /// RFC 5545 §3.1 lets a simple writer fold inside a multi-octet character and asks readers to restore it.
    static func firstInvalidUTF8(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        // Eight ASCII bytes at a time, until a byte with the high bit set.
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= bytes.count && raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
            }
        }
        while index < bytes.count {
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            let length = utf8SequenceLength(in: bytes, at: index)
            if length == 0 { return index }
            index += length
        }
        return nil
    }

    /// The length of a valid UTF-8 sequence starting at `index`, or 0 when it is not one (overlongs,
    /// surrogates and values past U+10FFFF included).
    private static func utf8SequenceLength(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let first = bytes[index]
        let length: Int
        var minimum: UInt32
        var value: UInt32
        switch first {
        case 0xC2...0xDF: length = 2; minimum = 0x80; value = UInt32(first & 0x1F)
        case 0xE0...0xEF: length = 3; minimum = 0x800; value = UInt32(first & 0x0F)
        case 0xF0...0xF4: length = 4; minimum = 0x10000; value = UInt32(first & 0x07)
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        for offset in 1..<length {
            let next = bytes[index + offset]
            guard next & 0xC0 == 0x80 else { return 0 }
            value = value << 6 | UInt32(next & 0x3F)
        }
        if value < minimum || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return 0 }
        return length
    }

    // MARK: Structure

    /// One line's share of the checks: its UTF-8 (returned: it stops all other checks), then, until the structure
    /// stops making sense, the structure (BEGIN/END balance, nesting depth, the VCALENDAR envelope, malformed lines)
    /// and its value.
    private mutating func check(_ line: RawLine, _ bytes: UnsafeBufferPointer<UInt8>, first: Bool) -> Diagnostic? {
        if let bad = Self.firstInvalidUTF8(in: bytes) {
            return locate(.invalidUTF8, at: line, offset: bad,
                          "byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) is not valid UTF-8; expected UTF-8 text")
        }
        if !structureStopped { checkStructure(line, bytes, first: first) }
        return nil
    }

    private mutating func checkStructure(_ line: RawLine, _ bytes: UnsafeBufferPointer<UInt8>, first: Bool) {
        let (nameEnd, valueStart) = Self.nameAndValue(bytes)
        let name = UnsafeBufferPointer(rebasing: bytes[0..<nameEnd])
        let role = Role(name)
        if first && !(role == .begin && Self.uppercased(value(bytes, from: valueStart)) == "VCALENDAR") {
            reportStructure(.notICalendar, at: line, offset: 0, "expected BEGIN:VCALENDAR as the first line")
            structureStopped = true
            return
        }
        guard let valueStart, nameEnd > 0 else {
            reportStructure(.malformedLine, at: line, offset: 0, "expected NAME:VALUE or NAME;PARAM=…:VALUE")
            // A line with a value but no name still has its parameters looked at (a TZID there must exist).
            if let valueStart { checkValue(line, bytes, role: role, name: name, valueStart: valueStart) }
            return
        }
        if canSplit && Self.mayBeSeenDifferently(bytes, name: name, role: role) { canSplit = false }
        switch role {
        case .begin:
            let kind = Self.uppercased(value(bytes, from: valueStart))
            if kind == "VEVENT" && stack.last?.name == "VCALENDAR" { eventLines.append(line.line) }
            if stack.isEmpty {
                if kind != "VCALENDAR" { reportStructure(.malformedLine, at: line, offset: 0, "BEGIN:\(kind) outside VCALENDAR") }
                calendars.append(CalendarLayout(range: line.start..<line.start))
            } else if kind == "VEVENT" && stack.count == 1 {
                openEvent = (line.start, 2)
            }
            stack.append((kind, line.line))
            let depth = stack.count
            if depth > Self.maximumDepth {
                reportStructure(.nestingTooDeep, at: line, offset: 0,
                                "components nested \(depth) deep; at most \(Self.maximumDepth) are accepted")
                structureStopped = true
                return
            }
        case .end:
            let kind = Self.uppercased(value(bytes, from: valueStart))
            guard let open = stack.popLast() else {
                reportStructure(.mismatchedEnd, at: line, offset: 0, "END:\(kind) with no component open")
                structureStopped = true
                return
            }
            if open.name != kind {
                reportStructure(.mismatchedEnd, at: line, offset: valueStart,
                                       "END:\(kind) closes \(open.name) opened at line \(open.line); expected END:\(open.name)")
                structureStopped = true
                return
            }
            if let event = openEvent, stack.count == event.depth - 1 {
                calendars[calendars.count - 1].events.append(event.start..<line.next)
                openEvent = nil
            }
            if stack.isEmpty { calendars[calendars.count - 1].range = calendars[calendars.count - 1].range.lowerBound..<line.next }
        case .tzid where stack.last?.name == "VTIMEZONE":
            definedZones.append(String(decoding: value(bytes, from: valueStart), as: UTF8.self))
        default:
            if stack.isEmpty {
                reportStructure(.malformedLine, at: line, offset: 0,
                                       "\(String(decoding: name, as: UTF8.self).uppercased()) outside any component")
            }
        }
        checkValue(line, bytes, role: role, name: name, valueStart: valueStart)
    }

    /// Whether libical may take this line for a BEGIN or END where the scan does not, or the other way round.
    private static func mayBeSeenDifferently(_ bytes: UnsafeBufferPointer<UInt8>, name: UnsafeBufferPointer<UInt8>,
                                             role: Role) -> Bool {
        if bytes.first == 0x20 || bytes.first == 0x09 { return true }
        if (role == .begin || role == .end) && !name.allSatisfy({ $0 < 0x80 }) { return true }
        // libical's name without the white space at its end (space, tab, CR, vertical tab, form feed).
        var end = name.count
        while end > 0 && isWhiteSpace(name[end - 1]) { end -= 1 }
        guard end < name.count else { return false }
        let trimmed = Role(UnsafeBufferPointer(rebasing: name[0..<end]))
        return trimmed == .begin || trimmed == .end
    }

    /// What C's `isspace` takes for white space within a line: space, tab, CR, vertical tab and form feed.
    private static func isWhiteSpace(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0D, 0x0B, 0x0C: true
        default: false
        }
    }

    /// The value bytes of a line (empty when it has none).
    private func value(_ bytes: UnsafeBufferPointer<UInt8>, from valueStart: Int?) -> UnsafeBufferPointer<UInt8> {
        guard let valueStart else { return UnsafeBufferPointer(rebasing: bytes[0..<0]) }
        return UnsafeBufferPointer(rebasing: bytes[valueStart...])
    }

    /// Text upper-cased as `String.uppercased()` does (ASCII without the detour through Unicode tables).
    static func uppercased(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count <= 32, bytes.allSatisfy({ $0 < 0x80 }) else {
            return String(decoding: bytes, as: UTF8.self).uppercased()
        }
        return String(unsafeUninitializedCapacity: bytes.count) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = (0x61...0x7A).contains(byte) ? byte - 0x20 : byte }
            return bytes.count
        }
    }

    // Each kind of problem in its own list, so they come out in their order of precedence, however they interleave
    // in the file; a list stops growing at the limit (no more of it can be shown), before its location is worked out.

    private mutating func reportStructure(_ diagnostic: Diagnostic) {
        if structureProblems.count < Self.maximumDiagnostics { structureProblems.append(diagnostic) }
    }

    private mutating func reportStructure(_ code: DiagnosticCode, at line: RawLine, offset: Int,
                                          _ message: @autoclosure () -> String) {
        guard structureProblems.count < Self.maximumDiagnostics else { return }
        let diagnostic = locate(code, at: line, offset: offset, message())
        structureProblems.append(diagnostic)
    }

    mutating func reportValue(_ code: DiagnosticCode, at line: RawLine, offset: Int, _ message: @autoclosure () -> String) {
        guard valueProblems.count < Self.maximumDiagnostics else { return }
        let diagnostic = locate(code, at: line, offset: offset, message())
        valueProblems.append(diagnostic)
    }

    /// Problems found once the walk is done (unknown zones), after the others, up to the limit.
    mutating func reportLate(_ code: DiagnosticCode, at line: RawLine, offset: Int, _ message: @autoclosure () -> String) {
        guard diagnostics.count < Self.maximumDiagnostics else { return }
        let diagnostic = locate(code, at: line, offset: offset, message())
        diagnostics.append(diagnostic)
    }

    func locate(_ code: DiagnosticCode, at line: RawLine, offset: Int, _ message: String) -> Diagnostic {
        Diagnostic(location: location(in: line, offset: offset), code: code, message: message)
    }
}

extension ContentLineScanner {
    /// What a line's property name asks of the scan.
    enum Role {
        case begin, end, tzid
        /// A DATE or DATE-TIME value (or a list of them).
        case date
        /// An INTEGER value.
        case integer
        case trigger
        /// RRULE or EXRULE.
        case rule
        case other

        /// The role of a name, compared as `String.uppercased()` would (so `dtſtart`, with a long s, is DTSTART).
        init(_ name: UnsafeBufferPointer<UInt8>) {
            self = .other
            guard name.count < Self.byLength.count else { return }
            // The name upper-cased and packed into two words, compared with the known names of its length.
            var low: UInt64 = 0, high: UInt64 = 0
            var bits: UInt8 = 0
            for (index, byte) in name.enumerated() {
                bits |= byte
                let upper = UInt64((0x61...0x7A).contains(byte) ? byte - 0x20 : byte)
                if index < 8 { low |= upper << (8 * index) } else { high |= upper << (8 * (index - 8)) }
            }
            guard bits < 0x80 else {
                self = Self.byName[String(decoding: name, as: UTF8.self).uppercased()] ?? .other
                return
            }
            for known in Self.byLength[name.count] where known.low == low && known.high == high {
                self = known.role
                return
            }
        }

        static let byName: [String: Role] = [
            "BEGIN": .begin, "END": .end, "TZID": .tzid,
            "DTSTART": .date, "DTEND": .date, "DUE": .date, "DTSTAMP": .date, "CREATED": .date, "LAST-MODIFIED": .date,
            "RECURRENCE-ID": .date, "EXDATE": .date, "RDATE": .date, "COMPLETED": .date, "TZUNTIL": .date,
            "ACKNOWLEDGED": .date,
            "SEQUENCE": .integer, "PRIORITY": .integer, "PERCENT-COMPLETE": .integer, "REPEAT": .integer,
            "TRIGGER": .trigger, "RRULE": .rule, "EXRULE": .rule,
        ]

        /// The known names packed as in `init`, by length (none is longer than 16 bytes).
        private static let byLength: [[(low: UInt64, high: UInt64, role: Role)]] = {
            var table = Array(repeating: [(low: UInt64, high: UInt64, role: Role)](), count: 17)
            for (name, role) in byName {
                var low: UInt64 = 0, high: UInt64 = 0
                for (index, byte) in name.utf8.enumerated() {
                    if index < 8 { low |= UInt64(byte) << (8 * index) } else { high |= UInt64(byte) << (8 * (index - 8)) }
                }
                table[name.utf8.count].append((low, high, role))
            }
            return table
        }()
    }
}
