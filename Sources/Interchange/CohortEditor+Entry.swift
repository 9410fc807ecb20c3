import Foundation
import Locations
internal import Yams

extension CohortEditor {
    /// One value written by ``apply(_:patient:to:root:)``: the field, the value before and after as flow YAML,
    /// and where the new value stands in the new text.
    struct Change: Sendable, Hashable {
        /// The field, its keys joined by dots (`fertility-preservation.done`).
        var field: String
        /// The value before (`nil`: the key was not there).
        var old: String?
        /// The value after.
        var new: String
        /// Where the new value stands in the whole new text.
        var location: SourceLocation
    }

    /// The pseudonym of a patient's entry: the text of its `id` key (compared as text, like every key the readers
    /// look up; Yams' own lookup would resolve the key's type with regular expressions on every comparison).
    static func id(of entry: Node) -> String? {
        guard case let .mapping(mapping) = entry else { return nil }
        return mapping.first { $0.key.string == "id" }?.value.string
    }

    /// `text` with `edits` applied one after the other to `patient`'s entry (the whole file parsed here once).
    func apply(_ edits: [Edit], patient: String, to text: String) throws(InputErrors) -> (text: String, changes: [Change]) {
        guard let root = try? Yams.compose(yaml: text) else {
            throw failure(nil, .invalidSyntax, "cannot read the cohort to write into it")
        }
        return try apply(edits, patient: patient, to: text, root: root)
    }

    /// `text` (parsed as `root`) with `edits` applied one after the other to `patient`'s entry, each edit seeing
    /// the ones before it (two apheresis sessions: `[a]` → `[a, b]` → `[a, b, c]`).
    ///
    /// Between edits only the entry is parsed again, not the whole file: its lines become a document of their own,
    /// `patients:` followed by the entry's lines as they stand, so every line keeps its columns and line `k` of that
    /// document is line `k + first − 1` of the file (`first`, 1-based, being the entry's first line). A file of
    /// 2,000 patients is then parsed once here, however many values are written. An entry whose `-` is not on its
    /// first key's line, or that does not parse alone (an alias to an anchor elsewhere), is edited in the whole
    /// text instead. Errors and locations are always in the whole file's lines.
    func apply(_ edits: [Edit], patient: String, to text: String,
               root: Node) throws(InputErrors) -> (text: String, changes: [Change]) {
        // Where each line starts, in bytes: the entry is cut out and put back without splitting the whole file.
        let bytes = Array(text.utf8)
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        func line(_ index: Int) -> ArraySlice<UInt8> {
            bytes[starts[index]..<(index + 1 < starts.count ? starts[index + 1] - 1 : bytes.count)]
        }
        guard let (entry, bound) = Self.patientEntry(patient, in: root, lineCount: starts.count) else {
            throw failure(nil, .unknownPatient, "no patient '\(patient)' in the cohort")
        }
        if let mark = entry.mark, mark.line >= 1, mark.line - 1 <= bound, bound < starts.count,
           String(String.UnicodeScalarView(String(decoding: line(mark.line - 1), as: UTF8.self).unicodeScalars
               .prefix(mark.column - 1))).trimmingCharacters(in: .whitespaces) == "-" {
            let first = mark.line - 1
            let end = bound + 1 < starts.count ? starts[bound + 1] - 1 : bytes.count
            let header = "patients:" + Self.ending(text)
            var alone = header + "\n" + String(decoding: bytes[starts[first]..<end], as: UTF8.self)
            if let aloneRoot = try? Yams.compose(yaml: alone), Self.patientEntry(patient, in: aloneRoot) != nil {
                // Line k (from 2) of the entry alone is line k + shift of the file.
                let shift = first - 1
                var changes: [Change] = []
                for edit in edits {
                    let written: Written
                    do {
                        written = try apply(edit, patient: patient, to: alone)
                    } catch {
                        throw InputErrors(error.errors.map { Self.shifted($0, by: shift) })
                    }
                    alone = written.text
                    var location = written.location
                    if location.line > 1 { location.line += shift }
                    changes.append(Change(field: written.field, old: written.old, new: written.new, location: location))
                }
                let entryText = alone.utf8.drop { $0 != 0x0A }.dropFirst()
                var result = bytes[..<starts[first]]
                result += entryText
                result += bytes[end...]
                return (String(decoding: result, as: UTF8.self), changes)
            }
        }
        var current = text
        var changes: [Change] = []
        for edit in edits {
            let written = try apply(edit, patient: patient, to: current)
            current = written.text
            changes.append(Change(field: written.field, old: written.old, new: written.new, location: written.location))
        }
        return (current, changes)
    }

    /// An error found in an entry parsed alone, moved to the entry's place in the file (line 1, the `patients:`
    /// line made up for it, stands for "no place").
    private static func shifted(_ error: InputError, by shift: Int) -> InputError {
        var error = error
        if error.location.line > 1 { error.location.line += shift }
        return error
    }
}
