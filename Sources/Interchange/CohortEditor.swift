import Locations
import Foundation
internal import Yams

/// Writes one value into one patient's entry of a YAML cohort file and keeps every other byte as it was: comments,
/// blank lines, key order, quoting and the layout of the entry.
///
/// The edit works on the text, guided by the parsed tree's marks (line and column of each node), so only the span of
/// the value written changes. Worked case, patient P-0001 written in block style:
/// ```yaml
///   - id: P-0001
///     mobilisation: 2026-11-05
///     apheresis: [2026-11-10]        # first session
/// ```
/// `.append(["apheresis"], "2026-11-11")` turns the last line into `apheresis: [2026-11-10, 2026-11-11]        # first
/// session`; `.set(["conditioning"], "{date: 2027-01-04, confirmed: true}", after: ["apheresis"])` adds the line
/// `    conditioning: {date: 2027-01-04, confirmed: true}` right after it. A one-line flow entry
/// (`- {id: P-0002, second-opinion: 2026-11-16}`) gets `, conditioning: …` before its closing brace.
///
/// Values are one-line YAML flow text that the caller has built from checked parts (dates, numbers, known words),
/// never raw user text. A value laid out over several lines (a block scalar, a flow mapping broken over lines) is
/// not rewritten: the edit is refused with its location, so the file is never damaged.
public struct CohortEditor: Sendable {
    /// What to write.
    public enum Edit: Sendable, Hashable {
        /// Sets the value at `path` (keys from the patient's entry down) to `value`; missing mappings on the way are
        /// created. A new key is placed after the last of the keys `after` that the mapping has, else at its end.
        case set(_ path: [String], _ value: String, after: [String] = [])
        /// Appends `item` to the sequence at `path`; a single value becomes a two-item list, a missing key a
        /// one-item list (placed like `set`).
        case append(_ path: [String], _ item: String, after: [String] = [])

        /// The keys from the patient's entry down.
        public var path: [String] {
            switch self {
            case let .set(path, _, _), let .append(path, _, _): return path
            }
        }
    }

    /// An edit done: the new text, and the value before and after as one-line flow text.
    public struct Written: Sendable, Hashable {
        /// The whole file with the edit.
        public var text: String
        /// The field written, its keys joined by dots (`fertility-preservation.done`).
        public var field: String
        /// The value before (`nil`: the key was not there), rendered as flow YAML.
        public var old: String?
        /// The value after, rendered as flow YAML.
        public var new: String
        /// Where the new value stands in the new text.
        public var location: SourceLocation
    }

    /// The file's name, for locations.
    public let file: String

    /// An editor for `file` (the name errors carry).
    public init(file: String) { self.file = file }

    /// The value at `path` in `patient`'s entry, rendered as flow YAML (`nil`: absent or no such patient).
    public func value(at path: [String], patient: String, in text: String) -> String? {
        guard let root = try? Yams.compose(yaml: text), let entry = Self.patientEntry(patient, in: root)?.node,
              let node = Self.node(at: path, in: entry) else { return nil }
        return Self.flow(node)
    }

    /// The pseudonyms of the patients, in file order (empty when the file has no readable `patients` list).
    public func patients(in text: String) -> [String] {
        guard let root = try? Yams.compose(yaml: text), let list = root.mapping?["patients"]?.sequence else { return [] }
        return list.compactMap { $0.mapping?["id"]?.string }
    }

    /// `text` with `edit` applied to `patient`'s entry.
    public func apply(_ edit: Edit, patient: String, to text: String) throws(InputErrors) -> Written {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw failure(nil, .missingKey, "the file is empty") }
            root = node
        } catch let error as InputErrors {
            throw error
        } catch {
            throw failure(nil, .invalidSyntax, "cannot read the cohort to write into it: \(error)")
        }
        guard let (entry, bound) = Self.patientEntry(patient, in: root, lineCount: Self.lines(text).count) else {
            throw failure(nil, .unknownPatient, "no patient '\(patient)' in the cohort")
        }
        let old = Self.node(at: edit.path, in: entry).map(Self.flow)
        let lines = Self.lines(text)
        var splices: [Splice] = []
        try write(edit, path: edit.path[...], into: entry, bound: bound, inFlow: Self.isFlow(entry, lines),
                  lines: lines, ending: Self.ending(text), splices: &splices)
        let newText = Self.apply(splices, to: lines)
        guard let newRoot = try? Yams.compose(yaml: newText),
              let newEntry = Self.patientEntry(patient, in: newRoot)?.node,
              let written = Self.node(at: edit.path, in: newEntry) else {
            throw failure(entry.mark, .invalidSyntax, "the edit would leave the entry unreadable; edit it by hand")
        }
        return Written(text: newText, field: edit.path.joined(separator: "."), old: old, new: Self.flow(written),
                       location: SourceLocation(file: file, line: written.mark?.line ?? 1,
                                                column: written.mark?.column ?? 1))
    }

    /// `text` with many edits applied at once, each in its patient's entry, from one reading of the file (what
    /// `ahsct schedule --out` writes: thousands of proposals without reading the file thousands of times). Edits
    /// must not touch the same value twice; patients the file does not have are skipped.
    public func apply(_ edits: [(patient: String, edit: Edit)], to text: String) throws(InputErrors) -> String {
        guard let root = try? Yams.compose(yaml: text) else {
            throw failure(nil, .invalidSyntax, "cannot read the cohort to write into it")
        }
        return try apply(edits, to: text, root: root).text
    }

    /// ``apply(_:to:)`` on a tree already parsed from `text`, with the value each edit found (`nil`: none, or a
    /// patient the file does not have).
    func apply(_ edits: [(patient: String, edit: Edit)], to text: String,
               root: Node) throws(InputErrors) -> (text: String, old: [String?]) {
        let lines = Self.lines(text)
        let entries = Self.patientEntries(in: root, lineCount: lines.count)
        let ending = Self.ending(text)
        var splices: [Splice] = []
        var old: [String?] = []
        for (patient, edit) in edits {
            guard let (entry, bound) = entries[patient] else {
                old.append(nil)
                continue
            }
            old.append(Self.node(at: edit.path, in: entry).map(Self.flow))
            try write(edit, path: edit.path[...], into: entry, bound: bound, inFlow: Self.isFlow(entry, lines),
                      lines: lines, ending: ending, splices: &splices)
        }
        return (Self.apply(splices, to: lines), old)
    }

    // MARK: Writing

    /// One change to the text: scalars `start..<end` of `line` replaced by `text`, or (`newLine`) a line inserted
    /// after `line`. `order` keeps edits at the same place in the order they were asked for.
    struct Splice {
        var line: Int
        var start: Int
        var end: Int
        var text: String
        var newLine: Bool
        var order: Int
    }

    /// The lines with every splice applied, from the bottom up so earlier places stay where they were.
    static func apply(_ splices: [Splice], to lines: [String]) -> String {
        var lines = lines
        let sorted = splices.sorted {
            ($0.line, $0.newLine ? Int.max : $0.start, $0.order) > ($1.line, $1.newLine ? Int.max : $1.start, $1.order)
        }
        for splice in sorted {
            if splice.newLine {
                lines.insert(splice.text, at: splice.line + 1)
            } else {
                var line = Array(lines[splice.line].unicodeScalars)
                line.replaceSubrange(splice.start..<splice.end, with: splice.text.unicodeScalars)
                lines[splice.line] = String(String.UnicodeScalarView(line))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `"\r"` when the file's lines end in CR LF (judged on bytes: a `Character` search would break graphemes).
    static func ending(_ text: String) -> String {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 0x0A { return previous == 0x0D ? "\r" : "" }
            previous = byte
        }
        return ""
    }

    private func write(_ edit: Edit, path: ArraySlice<String>, into node: Node, bound: Int, inFlow: Bool,
                       lines: [String], ending: String, splices: inout [Splice]) throws(InputErrors) {
        guard let mapping = node.mapping, let key = path.first else {
            throw failure(node.mark, .wrongType, "expected a mapping here to write '\(path.joined(separator: "."))' into")
        }
        let entries = Array(mapping)
        guard let index = entries.firstIndex(where: { $0.key.string == key }) else {
            var value: String
            switch edit {
            case let .set(_, text, _): value = text
            case let .append(_, item, _): value = "[\(item)]"
            }
            for inner in path.dropFirst().reversed() { value = "{\(inner): \(value)}" }
            let after: [String]
            switch edit { case let .set(_, _, keys), let .append(_, _, keys): after = path.count == edit.path.count ? keys : [] }
            try insert(key: key, value: value, into: node, entries: entries, bound: bound, after: after,
                       lines: lines, ending: ending, splices: &splices)
            return
        }
        let value = entries[index].value
        let valueBound = Self.entryBound(entries, index, bound)
        let flowInside = inFlow || Self.isFlow(value, lines)
        if path.count > 1 {
            try write(edit, path: path.dropFirst(), into: value, bound: valueBound, inFlow: flowInside,
                      lines: lines, ending: ending, splices: &splices)
            return
        }
        switch edit {
        case let .set(_, text, _):
            if case .scalar = value {} else if !Self.isFlow(value, lines) {
                throw failure(value.mark, .wrongType,
                              "'\(key)' is written over several lines here; write it on one line to record into it")
            }
            try replace(value, with: { _ in text }, inFlow: inFlow, lines: lines, splices: &splices)
        case let .append(_, item, _):
            switch value {
            case .scalar:
                try replace(value, with: { old in "[\(old), \(item)]" }, inFlow: inFlow, lines: lines, splices: &splices)
            case .sequence where Self.isFlow(value, lines):
                try replace(value, with: { old in
                    let inner = old.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                    return inner.isEmpty ? "[\(item)]" : "[\(inner), \(item)]"
                }, inFlow: inFlow, lines: lines, splices: &splices)
            case let .sequence(sequence):
                guard let first = sequence.first?.mark, let last = sequence.last else {
                    throw failure(value.mark, .wrongType, "expected a list at '\(key)'")
                }
                let firstLine = Array(lines[first.line - 1].unicodeScalars)
                let prefix = String(String.UnicodeScalarView(firstLine.prefix(first.column - 1)))
                guard prefix.trimmingCharacters(in: .whitespaces) == "-" else {
                    throw failure(last.mark, .wrongType, "the list at '\(key)' is laid out in a way this tool cannot extend; add the item by hand")
                }
                let end = Self.trimmed(valueBound, lines: lines, floor: (last.mark?.line ?? 1) - 1)
                splices.append(Splice(line: end, start: 0, end: 0, text: prefix + item + ending, newLine: true,
                                      order: splices.count))
            default:
                throw failure(value.mark, .wrongType, "expected a date or a list at '\(key)', found a mapping")
            }
        }
    }

    /// Adds `key: value` to a mapping: in a flow mapping before its closing brace (or after the value of the last
    /// `after` key it has), in a block mapping as a new line after that key's value or after the mapping's last line.
    private func insert(key: String, value: String, into node: Node, entries: [(key: Node, value: Node)], bound: Int,
                        after: [String], lines: [String], ending: String,
                        splices: inout [Splice]) throws(InputErrors) {
        let anchor = entries.lastIndex { after.contains($0.key.string ?? "") }
        if Self.isFlow(node, lines) {
            guard let mark = node.mark else { throw failure(nil, .wrongType, "cannot place '\(key)'") }
            let line = Array(lines[mark.line - 1].unicodeScalars)
            guard let close = Self.valueEnd(line, from: mark.column - 1, inFlow: true) else {
                throw failure(mark, .wrongType, "this entry's braces span several lines; record '\(key)' by hand")
            }
            var position = close - 1
            if let anchor, let valueMark = entries[anchor].value.mark, valueMark.line == mark.line,
               let end = Self.valueEnd(line, from: valueMark.column - 1, inFlow: true) {
                position = end
            }
            let empty = entries.isEmpty
            var at = position
            if anchor == nil { while at > 0, line[at - 1] == " " { at -= 1 } }
            let text = empty ? "\(key): \(value)" : ", \(key): \(value)"
            splices.append(Splice(line: mark.line - 1, start: at, end: at, text: text, newLine: false,
                                  order: splices.count))
            return
        }
        guard let firstKey = entries.first?.key.mark else { throw failure(node.mark, .wrongType, "cannot place '\(key)'") }
        let indent = String(repeating: " ", count: firstKey.column - 1)
        let last: Int
        if let anchor {
            last = Self.trimmed(Self.entryBound(entries, anchor, bound), lines: lines,
                                floor: (entries[anchor].key.mark?.line ?? 1) - 1)
        } else {
            last = Self.trimmed(bound, lines: lines, floor: firstKey.line - 1)
        }
        splices.append(Splice(line: last, start: 0, end: 0, text: "\(indent)\(key): \(value)\(ending)", newLine: true,
                              order: splices.count))
    }

    /// Replaces a one-line value (a scalar or a flow collection) with `make(oldText)`.
    private func replace(_ value: Node, with make: (String) -> String, inFlow: Bool, lines: [String],
                         splices: inout [Splice]) throws(InputErrors) {
        guard let mark = value.mark else { throw failure(nil, .wrongType, "cannot locate the value") }
        let line = Array(lines[mark.line - 1].unicodeScalars)
        let start = mark.column - 1
        guard start <= line.count, let end = Self.valueEnd(line, from: start, inFlow: inFlow) else {
            throw failure(mark, .wrongType, "the value here spans several lines; edit it by hand")
        }
        let old = String(String.UnicodeScalarView(line[start..<end]))
        splices.append(Splice(line: mark.line - 1, start: start, end: end, text: make(old), newLine: false,
                              order: splices.count))
    }

    func failure(_ mark: Mark?, _ code: InputErrorCode, _ message: String) -> InputErrors {
        InputErrors([InputError(location: SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1),
                                code: code, message: message)])
    }

    // MARK: Reading the layout

    /// The lines, split at every LF (on scalars: a Swift `Character` would take CR LF as one, not as a line end).
    static func lines(_ text: String) -> [String] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
    }

    /// The patient's entry and the last line (0-based) it may reach: the line before the next entry, or before the
    /// next top-level key, or the file's last line.
    static func patientEntry(_ id: String, in root: Node, lineCount: Int = .max) -> (node: Node, bound: Int)? {
        guard let top = root.mapping else { return nil }
        let keys = Array(top)
        guard let position = keys.firstIndex(where: { $0.key.string == "patients" }),
              let list = keys[position].value.sequence else { return nil }
        let listBound = entryBound(keys, position, lineCount - 1)
        let items = Array(list)
        guard let index = items.firstIndex(where: { Self.id(of: $0) == id }) else { return nil }
        let bound = index + 1 < items.count ? (items[index + 1].mark?.line ?? 1) - 2 : listBound
        return (items[index], bound)
    }

    /// Every patient's entry and its last line, by pseudonym (one pass, for many edits).
    static func patientEntries(in root: Node, lineCount: Int) -> [String: (node: Node, bound: Int)] {
        guard let top = root.mapping else { return [:] }
        let keys = Array(top)
        guard let position = keys.firstIndex(where: { $0.key.string == "patients" }),
              let list = keys[position].value.sequence else { return [:] }
        let listBound = entryBound(keys, position, lineCount - 1)
        let items = Array(list)
        var result: [String: (node: Node, bound: Int)] = [:]
        for (index, item) in items.enumerated() {
            guard let id = Self.id(of: item), result[id] == nil else { continue }
            result[id] = (item, index + 1 < items.count ? (items[index + 1].mark?.line ?? 1) - 2 : listBound)
        }
        return result
    }

    /// The last line (0-based) the value of entry `index` may reach: the line before the next key, or `bound`.
    static func entryBound(_ entries: [(key: Node, value: Node)], _ index: Int, _ bound: Int) -> Int {
        index + 1 < entries.count ? (entries[index + 1].key.mark?.line ?? 1) - 2 : bound
    }

    /// `bound` moved up past trailing blank and comment lines (those belong to what follows), not above `floor`.
    static func trimmed(_ bound: Int, lines: [String], floor: Int) -> Int {
        var line = min(bound, lines.count - 1)
        while line > floor {
            let text = lines[line].trimmingCharacters(in: .whitespacesAndNewlines)
            guard text.isEmpty || text.hasPrefix("#") else { break }
            line -= 1
        }
        return line
    }

    /// Whether a collection is written in flow style: its first character is `{` or `[`. (Yams reports the
    /// style of a collection's end event, which is always "any", so the text decides.)
    static func isFlow(_ node: Node, _ lines: [String]) -> Bool {
        guard let mark = node.mark, mark.line - 1 < lines.count else { return false }
        switch node {
        case .mapping, .sequence:
            let line = Array(lines[mark.line - 1].unicodeScalars)
            guard mark.column - 1 < line.count else { return false }
            return line[mark.column - 1] == "{" || line[mark.column - 1] == "["
        default: return false
        }
    }

    /// The offset just past a one-line value starting at `start`: a bracketed flow collection (to its matching
    /// bracket), a quoted scalar (to its closing quote) or a plain scalar (to a comment, the line's end, or in flow
    /// context `,`, `]`, `}`). `nil` when the value does not end on this line.
    static func valueEnd(_ line: [Unicode.Scalar], from start: Int, inFlow: Bool) -> Int? {
        guard start < line.count else { return start }
        var index = start
        switch line[start] {
        case "{", "[":
            var depth = 0
            var quote: Unicode.Scalar?
            while index < line.count {
                let character = line[index]
                if let open = quote {
                    if character == open {
                        if open == "'", index + 1 < line.count, line[index + 1] == "'" { index += 1 } else { quote = nil }
                    } else if character == "\\", open == "\"" { index += 1 }
                } else if character == "\"" || character == "'" {
                    quote = character
                } else if character == "{" || character == "[" {
                    depth += 1
                } else if character == "}" || character == "]" {
                    depth -= 1
                    if depth == 0 { return index + 1 }
                } else if character == "#", index > 0, line[index - 1] == " " {
                    return nil
                }
                index += 1
            }
            return nil
        case "\"", "'":
            let open = line[start]
            index += 1
            while index < line.count {
                if line[index] == "\\", open == "\"" { index += 2; continue }
                if line[index] == open {
                    if open == "'", index + 1 < line.count, line[index + 1] == "'" { index += 2; continue }
                    return index + 1
                }
                index += 1
            }
            return nil
        case "|", ">":
            return nil
        default:
            while index < line.count {
                let character = line[index]
                if character == "\r" { break }
                if character == "#", index > start, line[index - 1] == " " || line[index - 1] == "\t" { break }
                if inFlow, character == "," || character == "}" || character == "]" { break }
                index += 1
            }
            while index > start, line[index - 1] == " " || line[index - 1] == "\t" { index -= 1 }
            return index
        }
    }

    /// The node at `path` below `node`.
    static func node(at path: [String], in node: Node) -> Node? {
        var current = node
        for key in path {
            guard let next = current.mapping?[key] else { return nil }
            current = next
        }
        return current
    }

    /// A node as one-line flow YAML: `2026-11-10`, `[2026-11-10, 2026-11-11]`, `{date: 2027-01-04, confirmed: true}`.
    static func flow(_ node: Node) -> String {
        switch node {
        case let .scalar(scalar): return scalar.string
        case let .sequence(sequence): return "[" + sequence.map(flow).joined(separator: ", ") + "]"
        case let .mapping(mapping):
            return "{" + mapping.map { "\(flow($0.key)): \(flow($0.value))" }.joined(separator: ", ") + "}"
        case .alias: return "*alias"
        }
    }
}
