import Locations
import Calendrical
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
/// It also records what the reader needs afterwards: the logical lines (for mapping libical's X-LIC-ERROR
/// back to a line) and the line of each VEVENT's BEGIN.
struct ContentLineScanner {
    /// One unfolded content line and where its pieces came from.
    struct Line {
        /// The unfolded bytes (folds removed).
        var bytes: [UInt8]
        /// For each physical piece: its offset in ``bytes``, its physical line, and the byte offset in that
        /// physical line where the piece starts.
        var pieces: [(offset: Int, line: Int, byteColumn: Int)]
        /// Byte offset of the value (after the first `:` outside quotes), if any.
        var valueStart: Int?
        /// The upper-cased property name.
        var name: String
    }

    /// Deeper than this is refused before libical recurses into it (a real calendar nests 3 deep).
    static let maximumDepth = 32
    /// Longer unfolded lines are refused: libical's time grows with the square of a line's length
    /// (a 10 MB line takes seconds), and no real property comes near this.
    static let maximumLineLength = 1_000_000
    /// Stop after this many problems: a user fixes the first ones first.
    static let maximumDiagnostics = 50

    let file: String
    let bytes: [UInt8]
    /// Physical line starts (byte offsets), for turning byte offsets into columns.
    private(set) var lineStarts: [Int] = []
    private(set) var lines: [Line] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// Physical lines of `BEGIN:VEVENT` directly inside a VCALENDAR (the events libical reads), in file order.
    private(set) var eventLines: [Int] = []
    /// TZIDs defined by VTIMEZONE components.
    private(set) var definedZones: [String] = []
    /// Whether a problem makes handing the bytes to libical pointless or unsafe.
    private(set) var isFatal = false

    init(file: String, bytes: [UInt8]) {
        self.file = file
        self.bytes = bytes
    }

    /// Runs every check.
    mutating func scan() {
        checkForNUL()
        if isFatal { return }
        splitLines()
        if isFatal { return }
        checkUTF8()
        if isFatal { return }
        checkStructure()
        if isFatal { return }
        for index in lines.indices { checkValues(lines[index]) }
        checkZones()
    }

    // MARK: Bytes

    /// NUL bytes, located; fatal, since C would cut the text short there.
    private mutating func checkForNUL() {
        guard let index = bytes.firstIndex(of: 0) else { return }
        let lineStart = bytes[..<index].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let line = bytes[..<index].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        report(.nulByte, line: line, column: column(of: index, lineStart: lineStart),
               "a NUL byte; iCalendar text cannot contain one")
        isFatal = true
    }

    /// Invalid UTF-8, located; checked on unfolded lines, because RFC 5545 §3.1 lets a simple writer fold
    /// inside a multi-octet character and asks readers to restore it.
    private mutating func checkUTF8() {
        for line in lines {
            var index = 0
            let bytes = line.bytes
            while index < bytes.count {
                if bytes[index] < 0x80 {
                    index += 1
                    continue
                }
                let length = Self.utf8SequenceLength(in: bytes, at: index)
                if length == 0 {
                    report(.invalidUTF8, at: line, offset: index,
                           "byte 0x\(String(bytes[index], radix: 16, uppercase: true)) is not valid UTF-8; expected UTF-8 text")
                    isFatal = true
                    return
                }
                index += length
            }
        }
    }

    /// The length of a valid UTF-8 sequence starting at `index`, or 0 when it is not one (overlongs,
    /// surrogates and values past U+10FFFF included).
    private static func utf8SequenceLength(in bytes: [UInt8], at index: Int) -> Int {
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

    /// 1-based column of a byte offset: Unicode scalars from the line start, plus one.
    private func column(of offset: Int, lineStart: Int) -> Int {
        var column = 1
        var index = lineStart
        while index < offset && index < bytes.count {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return column
    }

    // MARK: Lines

    /// Splits on LF (dropping a CR before it) and unfolds lines that start with a space or tab.
    private mutating func splitLines() {
        var start = 0
        var physical = 0
        var current: Line?
        let count = bytes.count
        while start < count {
            var end = start
            while end < count && bytes[end] != 0x0A { end += 1 }
            var contentEnd = end
            if contentEnd > start && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            physical += 1
            lineStarts.append(start)
            if contentEnd > start && (bytes[start] == 0x20 || bytes[start] == 0x09), var folded = current {
                // A continuation line: appended to the line it continues (taken out and put back, so no copy grows).
                current = nil
                folded.pieces.append((folded.bytes.count, physical, 1))
                folded.bytes.append(contentsOf: bytes[(start + 1)..<contentEnd])
                current = folded
            } else {
                if let done = current { lines.append(done) }
                current = contentEnd > start
                    ? Line(bytes: Array(bytes[start..<contentEnd]), pieces: [(0, physical, 0)], valueStart: nil, name: "")
                    : nil
            }
            start = end + 1
        }
        if let done = current { lines.append(done) }
        for index in lines.indices { Self.splitNameAndValue(&lines[index]) }
        if let long = lines.first(where: { $0.bytes.count > Self.maximumLineLength }) {
            report(.lineTooLong, at: long, offset: 0,
                   "an unfolded line of \(long.bytes.count) bytes; at most \(Self.maximumLineLength) are accepted")
            isFatal = true
        }
    }

    /// Finds the property name and the start of the value.
    private static func splitNameAndValue(_ line: inout Line) {
        var index = 0
        let bytes = line.bytes
        while index < bytes.count && bytes[index] != 0x3A && bytes[index] != 0x3B { index += 1 }
        line.name = String(decoding: bytes[0..<index], as: UTF8.self).uppercased()
        var quoted = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x22 { quoted.toggle() }
            if byte == 0x3A && !quoted {
                line.valueStart = index + 1
                return
            }
            index += 1
        }
    }

    // MARK: Structure

    /// BEGIN/END balance, nesting depth, the VCALENDAR envelope and malformed lines.
    private mutating func checkStructure() {
        guard let first = lines.first else {
            report(.notICalendar, line: 1, column: 1, "the file is empty; expected BEGIN:VCALENDAR")
            isFatal = true
            return
        }
        if !(first.name == "BEGIN" && value(of: first).uppercased() == "VCALENDAR") {
            report(.notICalendar, at: first, offset: 0, "expected BEGIN:VCALENDAR as the first line")
            isFatal = true
            return
        }
        var stack: [(name: String, line: Int)] = []
        for line in lines {
            guard line.valueStart != nil, !line.name.isEmpty else {
                report(.malformedLine, at: line, offset: 0, "expected NAME:VALUE or NAME;PARAM=…:VALUE")
                continue
            }
            switch line.name {
            case "BEGIN":
                let kind = value(of: line).uppercased()
                if kind == "VEVENT" && stack.last?.name == "VCALENDAR" { eventLines.append(line.pieces[0].line) }
                if stack.isEmpty && kind != "VCALENDAR" {
                    report(.malformedLine, at: line, offset: 0, "BEGIN:\(kind) outside VCALENDAR")
                }
                stack.append((kind, line.pieces[0].line))
                if stack.count > Self.maximumDepth {
                    report(.nestingTooDeep, at: line, offset: 0,
                           "components nested \(stack.count) deep; at most \(Self.maximumDepth) are accepted")
                    isFatal = true
                    return
                }
            case "END":
                let kind = value(of: line).uppercased()
                guard let open = stack.popLast() else {
                    report(.mismatchedEnd, at: line, offset: 0, "END:\(kind) with no component open")
                    isFatal = true
                    return
                }
                if open.name != kind {
                    report(.mismatchedEnd, at: line, offset: line.valueStart ?? 0,
                           "END:\(kind) closes \(open.name) opened at line \(open.line); expected END:\(open.name)")
                    isFatal = true
                    return
                }
            case "TZID" where stack.last?.name == "VTIMEZONE":
                definedZones.append(value(of: line))
            default:
                if stack.isEmpty {
                    report(.malformedLine, at: line, offset: 0, "\(line.name) outside any component")
                }
            }
        }
        if let open = stack.last {
            // Where the file ends: the start of the line after a final newline, else just past the last character.
            let line = lineStarts.count + (bytes.last == 0x0A ? 1 : 0)
            let column = bytes.last == 0x0A ? 1 : self.column(of: bytes.count, lineStart: lineStarts.last ?? 0)
            report(.truncated, line: line, column: column,
                   "the file ends inside \(open.name) opened at line \(open.line); expected END:\(open.name)")
            isFatal = true
        }
    }

    // MARK: Values

    /// Properties whose value is a DATE or DATE-TIME (or a list of them).
    private static let dateProperties: Set<String> = [
        "DTSTART", "DTEND", "DUE", "DTSTAMP", "CREATED", "LAST-MODIFIED", "RECURRENCE-ID", "EXDATE", "RDATE",
        "COMPLETED", "TZUNTIL", "ACKNOWLEDGED",
    ]
    /// Properties whose value is an INTEGER.
    private static let integerProperties: Set<String> = ["SEQUENCE", "PRIORITY", "PERCENT-COMPLETE", "REPEAT"]

    private mutating func checkValues(_ line: Line) {
        guard let valueStart = line.valueStart else { return }
        let parameters = self.parameters(of: line)
        if let zone = parameters["TZID"] {
            zoneUses.append((zone.value, line, zone.offset))
        }
        if Self.dateProperties.contains(line.name) {
            let kind = parameters["VALUE"]?.value.uppercased()
            var itemStart = valueStart
            for item in split(line.bytes, from: valueStart, on: 0x2C) {
                var text = item
                if kind == "PERIOD", let slash = item.firstIndex(of: 0x2F) { text = Array(item[..<slash]) }
                checkDateTime(text, line: line, offset: itemStart, dateOnly: kind == "DATE")
                itemStart += item.count + 1
            }
        } else if line.name == "TRIGGER", parameters["VALUE"]?.value.uppercased() == "DATE-TIME" {
            checkDateTime(Array(line.bytes[valueStart...]), line: line, offset: valueStart, dateOnly: false)
        } else if Self.integerProperties.contains(line.name) {
            let digits = line.bytes[valueStart...]
            let body = digits.first == 0x2D || digits.first == 0x2B ? digits.dropFirst() : digits[...]
            if body.isEmpty || !body.allSatisfy({ (0x30...0x39).contains($0) }) || body.count > 9 {
                report(.invalidInteger, at: line, offset: valueStart,
                       "\(line.name) value '\(value(of: line))' is not a whole number")
            }
        } else if line.name == "RRULE" || line.name == "EXRULE" {
            checkRule(line, valueStart: valueStart)
        }
    }

    /// Recorded TZID uses: the zone, its line and the byte offset of the parameter value.
    private var zoneUses: [(zone: String, line: Line, offset: Int)] = []

    /// An RRULE's UNTIL, COUNT and INTERVAL, and that FREQ is there.
    private mutating func checkRule(_ line: Line, valueStart: Int) {
        var offset = valueStart
        var hasFrequency = false
        for part in split(line.bytes, from: valueStart, on: 0x3B) {
            let text = String(decoding: part, as: UTF8.self)
            let pieces = text.split(separator: "=", maxSplits: 1)
            let key = pieces.first.map { $0.uppercased() } ?? ""
            let argument = pieces.count > 1 ? Array(pieces[1].utf8) : []
            let argumentOffset = offset + key.utf8.count + 1
            switch key {
            case "FREQ":
                hasFrequency = true
                let name = String(decoding: argument, as: UTF8.self).uppercased()
                if RecurrenceRule.Frequency(rawValue: name) == nil {
                    report(.invalidRecurrence, at: line, offset: argumentOffset,
                           "FREQ=\(name) is not a frequency; expected SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY")
                }
            case "UNTIL": checkDateTime(argument, line: line, offset: argumentOffset, dateOnly: false)
            case "COUNT", "INTERVAL":
                if argument.isEmpty || argument.count > 9 || !argument.allSatisfy({ (0x30...0x39).contains($0) }) {
                    report(.invalidRecurrence, at: line, offset: argumentOffset,
                           "\(key)=\(String(decoding: argument, as: UTF8.self)) is not a positive whole number")
                }
            default: break
            }
            offset += part.count + 1
        }
        if !hasFrequency {
            report(.invalidRecurrence, at: line, offset: valueStart, "the rule has no FREQ; expected FREQ=DAILY, WEEKLY, …")
        }
    }

    /// `YYYYMMDD` or `YYYYMMDDTHHMMSS[Z]`: shape, then whether the day and time exist.
    private mutating func checkDateTime(_ text: [UInt8], line: Line, offset: Int, dateOnly: Bool) {
        func number(_ from: Int, _ length: Int) -> Int? {
            guard from + length <= text.count else { return nil }
            var value = 0
            for byte in text[from..<(from + length)] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        let shown = String(decoding: text, as: UTF8.self)
        guard let year = number(0, 4), let month = number(4, 2), let day = number(6, 2),
              text.count == 8 || (!dateOnly && text[8] == 0x54) else {
            let expected = dateOnly ? "YYYYMMDD" : "YYYYMMDD or YYYYMMDDTHHMMSS"
            report(.invalidDate, at: line, offset: offset, "'\(shown)' is not a date; expected \(expected)")
            return
        }
        if year == 0 {
            report(.invalidDate, at: line, offset: offset, "year 0000 does not exist")
        } else if !(1...12).contains(month) {
            report(.invalidDate, at: line, offset: offset + 4, "month \(zeroPadded(month, 2)) does not exist; expected 01–12")
        } else if !(1...CalendarDate.daysInMonth(year: year, month: month)).contains(day) {
            report(.invalidDate, at: line, offset: offset + 6,
                   "day \(zeroPadded(day, 2)) does not exist in \(CalendarDate.monthNames[month - 1]) \(year)")
        }
        guard text.count > 8 else { return }
        guard text.count == 15 || text.count == 16, let hour = number(9, 2), let minute = number(11, 2),
              let second = number(13, 2), text.count == 15 || text[15] == 0x5A else {
            report(.invalidTime, at: line, offset: offset + 8, "'\(shown)' has no valid time; expected THHMMSS or THHMMSSZ")
            return
        }
        if hour > 23 {
            report(.invalidTime, at: line, offset: offset + 9, "hour \(zeroPadded(hour, 2)) does not exist; expected 00–23")
        } else if minute > 59 {
            report(.invalidTime, at: line, offset: offset + 11, "minute \(zeroPadded(minute, 2)) does not exist; expected 00–59")
        } else if second > 60 {
            report(.invalidTime, at: line, offset: offset + 13, "second \(zeroPadded(second, 2)) does not exist; expected 00–60")
        }
    }

    /// Every TZID used must be defined in the file or be an IANA zone.
    private mutating func checkZones() {
        let defined = Set(definedZones)
        for use in zoneUses where !defined.contains(use.zone) && !TimeZoneLibrary.isKnown(use.zone) {
            report(.unknownTimeZone, at: use.line, offset: use.offset,
                   "TZID '\(use.zone)' is defined by no VTIMEZONE in this file and is not an IANA zone")
        }
    }

    // MARK: Helpers

    /// The parameters of a line, by upper-cased name, with the byte offset of each value.
    func parameters(of line: Line) -> [String: (value: String, offset: Int)] {
        var result: [String: (value: String, offset: Int)] = [:]
        guard let valueStart = line.valueStart else { return result }
        var index = line.name.utf8.count
        let bytes = line.bytes
        while index < valueStart - 1 && bytes[index] == 0x3B {
            let nameStart = index + 1
            var equals = nameStart
            while equals < valueStart - 1 && bytes[equals] != 0x3D { equals += 1 }
            let name = String(decoding: bytes[nameStart..<equals], as: UTF8.self).uppercased()
            var end = equals + 1
            var quoted = false
            while end < valueStart - 1 && (quoted || bytes[end] != 0x3B) {
                if bytes[end] == 0x22 { quoted.toggle() }
                end += 1
            }
            var valueFrom = min(equals + 1, end)
            var valueTo = end
            if valueTo - valueFrom >= 2 && bytes[valueFrom] == 0x22 && bytes[valueTo - 1] == 0x22 {
                valueFrom += 1
                valueTo -= 1
            }
            result[name] = (String(decoding: bytes[valueFrom..<valueTo], as: UTF8.self), valueFrom)
            index = end
        }
        return result
    }

    /// Pieces of `bytes` from `start`, split on `separator`.
    private func split(_ bytes: [UInt8], from start: Int, on separator: UInt8) -> [[UInt8]] {
        bytes[start...].split(separator: separator, omittingEmptySubsequences: false).map(Array.init)
    }

    /// The value text of a line.
    func value(of line: Line) -> String {
        guard let start = line.valueStart else { return "" }
        return String(decoding: line.bytes[start...], as: UTF8.self)
    }

    /// The physical location of a byte offset in an unfolded line.
    func location(in line: Line, offset: Int) -> SourceLocation {
        var piece = line.pieces[0]
        for candidate in line.pieces where candidate.offset <= offset { piece = candidate }
        let lineStart = lineStarts[piece.line - 1]
        let byte = lineStart + piece.byteColumn + (offset - piece.offset)
        return SourceLocation(file: file, line: piece.line, column: column(of: byte, lineStart: lineStart))
    }

    private mutating func report(_ code: Diagnostic.Code, at line: Line, offset: Int, _ message: String) {
        guard diagnostics.count < Self.maximumDiagnostics else { return }
        diagnostics.append(Diagnostic(location: location(in: line, offset: offset), code: code, message: message))
    }

    private mutating func report(_ code: Diagnostic.Code, line: Int, column: Int, _ message: String) {
        guard diagnostics.count < Self.maximumDiagnostics else { return }
        diagnostics.append(Diagnostic(location: SourceLocation(file: file, line: line, column: column),
                                      code: code, message: message))
    }
}
