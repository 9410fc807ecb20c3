import Calendrical
import Foundation
import Locations
import Pathway
internal import Yams

/// Reads typed values out of a parsed YAML (or JSON) tree, keeping every problem with its line and column.
///
/// Readers never stop at the first problem: each accessor returns `nil` and records an ``InputError``, so one run
/// shows every mistake in a file. JSON is read by the same parser (JSON is YAML's flow style).
struct YAMLReader {
    /// The file, as the user named it.
    let file: String
    /// Problems found so far.
    private(set) var errors: [InputError] = []
    /// Other files the document names and that were read (protocol, closures, absences), resolved.
    var imported: [String] = []

    /// A reader for `file`.
    init(file: String) { self.file = file }

    /// Parses `bytes`; a syntax error is recorded and `nil` returned.
    mutating func parse(_ bytes: [UInt8]) -> Node? {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = Self.firstInvalidUTF8(bytes)
            let (line, column) = Self.lineAndColumn(of: offset, in: bytes)
            fail(SourceLocation(file: file, line: line, column: column), .invalidSyntax,
                 "the file is not UTF-8 text (byte \(offset + 1)); save it as UTF-8")
            return nil
        }
        // JSON is read as YAML's flow style, which allows a comma before ']' or '}'; JSON does not, and other tools
        // (jq, schema validators) would refuse the file. The rest of the file is still read, for its other mistakes.
        if file.lowercased().hasSuffix(".json") { checkTrailingCommas(text) }
        do {
            // Every scalar is read as its text (`string`, `date`, `integer` and `boolean` below check the words
            // themselves), so no implicit type is resolved: the default resolver runs up to seven regular
            // expressions on every key each time the parser hashes it to find duplicates, two thirds of parsing a
            // 2,000-patient cohort. Duplicate keys are then judged on their text, as the readers use them
            // (`true` and `"true"` are the same key).
            guard let node = try Yams.compose(yaml: text, .basic) else {
                fail(SourceLocation(file: file, line: 1, column: 1), .missingKey, "the file is empty; expected a mapping")
                return nil
            }
            return node
        } catch let error as YamlError {
            report(error)
            return nil
        } catch {
            fail(SourceLocation(file: file, line: 1, column: 1), .invalidSyntax, "\(error)")
            return nil
        }
    }

    private mutating func report(_ error: YamlError) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            // Where the construct began (an unclosed '{' is noticed only at the next token): said when elsewhere.
            let detail = context.map { context in
                (context.mark.line, context.mark.column) == (mark.line, mark.column) ? " \(context.text)"
                    : " \(context.text) that starts at line \(context.mark.line), column \(context.mark.column)"
            } ?? ""
            fail(at(mark), .invalidSyntax, "YAML syntax: \(problem)\(detail)")
        case let .duplicatedKeysInMapping(duplicates, context):
            fail(at(context.mark), .duplicateKey,
                 "key '\(duplicates.joined(separator: "', '"))' appears more than once in this mapping")
        case let .reader(problem, _, _, _):
            fail(SourceLocation(file: file, line: 1, column: 1), .invalidSyntax, "YAML: \(problem)")
        default:
            fail(SourceLocation(file: file, line: 1, column: 1), .invalidSyntax, "YAML: \(error)")
        }
    }

    /// Reports every comma that is followed (after white space) by `]` or `}`, outside strings, at the comma.
    private mutating func checkTrailingCommas(_ text: String) {
        var line = 1, column = 1
        var inString = false, escaped = false, afterCR = false
        var comma: (line: Int, column: Int)?
        for (index, scalar) in text.unicodeScalars.enumerated() {
            defer {
                if scalar == "\r" || (scalar == "\n" && !afterCR) { line += 1; column = 1 } else if scalar != "\n" { column += 1 }
                afterCR = scalar == "\r"
            }
            if index == 0, scalar == "\u{FEFF}" { column -= 1; continue }  // a byte-order mark is not a column
            if inString {
                if escaped { escaped = false } else if scalar == "\\" { escaped = true } else if scalar == "\"" { inString = false }
                continue
            }
            switch scalar {
            case " ", "\t", "\r", "\n":
                break
            case "]", "}":
                if let place = comma {
                    fail(SourceLocation(file: file, line: place.line, column: place.column), .invalidSyntax,
                         "JSON does not allow a comma before '\(scalar)'; remove the comma")
                }
                comma = nil
            case ",":
                comma = (line, column)
            case "\"":
                inString = true
                comma = nil
            default:
                comma = nil
            }
        }
    }

    // MARK: Locations and errors

    /// The location of a YAML mark.
    func at(_ mark: Mark?) -> SourceLocation {
        SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// The location of a node.
    func at(_ node: Node) -> SourceLocation { at(node.mark) }

    /// Records a problem.
    mutating func fail(_ location: SourceLocation, _ code: InputErrorCode, _ message: String) {
        errors.append(InputError(location: location, code: code, message: message))
    }

    /// Records a problem at a node.
    mutating func fail(_ node: Node, _ code: InputErrorCode, _ message: String) {
        fail(at(node), code, message)
    }

    /// Adds problems found elsewhere (an imported file).
    mutating func add(_ more: [InputError]) { errors += more }

    // MARK: Typed values

    /// A mapping with string keys, checked against the keys this place allows and requires.
    /// `allowed: nil` takes any key (names the file defines, such as staff roles). `nil` when it is not a mapping or
    /// a required key is missing (both reported).
    mutating func mapping(_ node: Node, _ what: String, allowed: [String]?, required: [String] = []) -> Mapping? {
        guard case let .mapping(mapping) = node else {
            fail(node, .wrongType, "expected \(what) as a mapping of keys, found \(Self.kind(node))")
            return nil
        }
        var result = Mapping(node: node)
        for (keyNode, value) in mapping {
            guard case let .scalar(scalar) = keyNode else {
                fail(keyNode, .wrongType, "expected a plain key in \(what), found \(Self.kind(keyNode))")
                continue
            }
            let key = scalar.string
            if let allowed, !allowed.contains(key) {
                let hint = Self.nearest(key, in: allowed).map { "did you mean '\($0)'? " } ?? ""
                fail(keyNode, .unknownKey, "unknown key '\(key)' in \(what); \(hint)expected one of: \(allowed.joined(separator: ", "))")
                continue
            }
            result.entries.append((key, keyNode, value))
        }
        // A mapping without a required key is reported and not returned: callers may then take required keys as
        // present (a fuzzer found the crash the other way round).
        var complete = true
        for key in required where result[key] == nil {
            fail(node, .missingKey, "\(what) needs the key '\(key)'")
            complete = false
        }
        return complete ? result : nil
    }

    /// A list.
    mutating func sequence(_ node: Node, _ what: String) -> [Node]? {
        guard case let .sequence(sequence) = node else {
            fail(node, .wrongType, "expected \(what) as a list, found \(Self.kind(node))")
            return nil
        }
        return Array(sequence)
    }

    /// A non-empty string.
    mutating func string(_ node: Node, _ what: String) -> String? {
        guard case let .scalar(scalar) = node, !scalar.string.isEmpty else {
            fail(node, .wrongType, "expected \(what) as text, found \(Self.kind(node))")
            return nil
        }
        return scalar.string
    }

    /// One of a fixed set of words.
    mutating func choice(_ node: Node, _ what: String, _ choices: [String]) -> String? {
        guard let text = string(node, what) else { return nil }
        guard choices.contains(text) else {
            fail(node, .invalidValue, "'\(text)' is not a valid \(what); expected one of: \(choices.joined(separator: ", "))")
            return nil
        }
        return text
    }

    /// One of an enumeration's words, as the enumeration's value: `reader.choice(node, "language") as
    /// PatientRecord.Language?`. The words allowed are its cases' raw values, in declaration order.
    mutating func choice<Choice: CaseIterable & RawRepresentable>(_ node: Node, _ what: String) -> Choice?
    where Choice.RawValue == String {
        let words = Choice.allCases.map(\.rawValue)
        guard let text = choice(node, what, words) else { return nil }
        return Choice(rawValue: text)
    }

    /// A whole number in `range`.
    mutating func integer(_ node: Node, _ what: String, in range: ClosedRange<Int>) -> Int? {
        guard case let .scalar(scalar) = node, let value = Int(scalar.string) else {
            fail(node, .wrongType, "expected \(what) as a whole number, found \(Self.kind(node))")
            return nil
        }
        guard range.contains(value) else {
            let limit = range.upperBound == Int.max ? "at least \(range.lowerBound)" : "\(range.lowerBound)…\(range.upperBound)"
            fail(node, .invalidValue, "\(what) must be \(limit), got \(value)")
            return nil
        }
        return value
    }

    /// `true` or `false`.
    mutating func boolean(_ node: Node, _ what: String) -> Bool? {
        guard case let .scalar(scalar) = node, ["true", "false"].contains(scalar.string) else {
            fail(node, .wrongType, "expected \(what) as true or false, found \(Self.kind(node))")
            return nil
        }
        return scalar.string == "true"
    }

    /// A `YYYY-MM-DD` date that exists, in 1900–2200.
    mutating func date(_ node: Node, _ what: String) -> CalendarDate? {
        guard case let .scalar(scalar) = node else {
            fail(node, .wrongType, "expected \(what) as a date YYYY-MM-DD, found \(Self.kind(node))")
            return nil
        }
        let text = scalar.string
        guard !text.isEmpty else {
            fail(node, .invalidDate, "no date given; expected \(what) as YYYY-MM-DD, e.g. 2026-11-23")
            return nil
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
            fail(node, .invalidDate, "'\(text)' is not a date; expected \(what) as YYYY-MM-DD, e.g. 2026-11-23")
            return nil
        }
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            let reason = (1...12).contains(month)
                ? "day \(day) does not exist in \(CalendarDate.monthNames[month - 1]) \(year)"
                : "month \(month) does not exist"
            fail(node, .invalidDate, "\(reason); expected \(what) as a real date YYYY-MM-DD")
            return nil
        }
        guard WorkingCalendar.supportedYears.contains(year) else {
            fail(node, .dateOutOfRange, "\(text) is outside the years the planner knows (1900–2200)")
            return nil
        }
        return date
    }

    /// "a list", "a mapping", "'abc'": what a node is, for messages.
    static func kind(_ node: Node) -> String {
        switch node {
        case let .scalar(scalar): return scalar.string.isEmpty ? "nothing" : "'\(scalar.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// The allowed key closest to a misspelt one (at most 3 edits away).
    static func nearest(_ key: String, in allowed: [String]) -> String? {
        let scored = allowed.map { ($0, editDistance(key.lowercased(), $0)) }.filter { $0.1 <= 3 }
        return scored.min { $0.1 < $1.1 }?.0
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// The offset of the first byte that is not part of valid UTF-8.
    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return offset
            }
        }
    }

    private static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1, column = 1
        for byte in bytes.prefix(offset) {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }
}

/// The entries of a checked mapping, in file order, with their key nodes for locations.
struct Mapping {
    /// The mapping node itself.
    let node: Node
    /// Key text, key node, value node.
    var entries: [(key: String, keyNode: Node, value: Node)] = []

    init(node: Node) { self.node = node }

    /// The value of `key`, if present.
    subscript(key: String) -> Node? { entries.first { $0.key == key }?.value }

    /// The value of a key the mapping was checked to have (`YAMLReader.mapping(_:_:allowed:required:)` returns no
    /// mapping without its required keys). Safe by construction: were the key missing after all, the mapping's own
    /// node stands in, so a later check reports an error at the mapping instead of crashing.
    func required(_ key: String) -> Node { self[key] ?? node }
}
