import Calendrical
import Foundation
internal import Yams

/// Writes the scheduler's proposals into a cohort file, keeping everything else — comments, order, layout — as it
/// was: each proposal becomes `mobilisation: {date: 2027-01-07, proposed: true}` (or `conditioning:`) in the
/// patient's entry, replacing an earlier proposal for that step or added as the entry's last line.
///
/// Block entries get a new line at the entry's indent; one-line flow entries (`- {id: P-0002, second-opinion: …}`)
/// get `, mobilisation: {…}` before their closing brace. A recorded date that is not a proposal is never touched.
public enum CohortProposals {
    /// One patient's proposed dates (`nil`: leave that step as it is).
    public struct Proposal: Sendable, Hashable {
        /// The patient (pseudonym).
        public var patient: String
        /// Proposed day 1.
        public var mobilisation: CalendarDate?
        /// Proposed admission.
        public var admission: CalendarDate?

        /// A proposal.
        public init(patient: String, mobilisation: CalendarDate?, admission: CalendarDate?) {
            self.patient = patient
            self.mobilisation = mobilisation
            self.admission = admission
        }
    }

    /// The cohort file at `path` with `proposals` written in.
    public static func apply(_ proposals: [Proposal], toCohortAt path: String) throws(InputErrors) -> String {
        let text = String(decoding: try FileInput.bytes(of: path), as: UTF8.self)
        var lines = text.components(separatedBy: "\n")
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw InputErrors([InputError(location: .init(file: path, line: 1, column: 1), code: .invalidSyntax,
                                          message: "cannot read the cohort to write proposals into: \(error)")])
        }
        guard let patients = root?.mapping?["patients"]?.sequence else { return text }
        let items = Array(patients)
        // Edits as (line index, column or nil for "a new line after", text), applied from the bottom up.
        var edits: [(line: Int, replaceFrom: Int?, text: String, order: Int)] = []
        for (position, item) in items.enumerated() {
            guard let mapping = item.mapping, let id = mapping["id"]?.string,
                  let proposal = proposals.first(where: { $0.patient == id }) else { continue }
            // The entry's last line: before the next entry, without trailing blank or comment lines.
            let startLine = (item.mark?.line ?? 1) - 1
            let entryColumn = (item.mark?.column ?? 1) - 1
            let flow = lines[startLine].dropFirst(entryColumn).first == "{"
            var endLine = (position + 1 < items.count ? (items[position + 1].mark?.line ?? lines.count) - 2 : lines.count - 1)
            while endLine > startLine, lines[endLine].trimmingCharacters(in: .whitespaces).isEmpty
                || lines[endLine].trimmingCharacters(in: .whitespaces).hasPrefix("#") { endLine -= 1 }
            let indent = (mapping.keys.first?.mark?.column ?? 5) - 1
            for (order, (key, date)) in [("mobilisation", proposal.mobilisation), ("conditioning", proposal.admission)].enumerated() {
                guard let date else { continue }
                let value = "{date: \(date), proposed: true}"
                if let existing = mapping.first(where: { $0.key.string == key }) {
                    // Only an earlier proposal is replaced; a recorded date stays.
                    guard existing.value.mapping?["proposed"]?.bool == true, let mark = existing.value.mark else { continue }
                    edits.append((mark.line - 1, mark.column - 1, value, order))
                } else if flow {
                    edits.append((startLine, nil, ", \(key): \(value)", order))
                } else {
                    edits.append((endLine, nil, String(repeating: " ", count: indent) + "\(key): \(value)", order))
                }
            }
        }
        for edit in edits.sorted(by: { ($0.line, $0.order) > ($1.line, $1.order) }) {
            let line = lines[edit.line]
            if let column = edit.replaceFrom {
                // The old value is a one-line flow mapping: replace up to its closing brace.
                let start = line.index(line.startIndex, offsetBy: column)
                let end = line[start...].firstIndex(of: "}").map { line.index(after: $0) } ?? line.endIndex
                lines[edit.line] = String(line[..<start]) + edit.text + String(line[end...])
            } else if edit.text.hasPrefix(", ") {
                guard let brace = line.lastIndex(of: "}") else { continue }
                lines[edit.line] = String(line[..<brace]) + edit.text + String(line[brace...])
            } else {
                lines.insert(edit.text, at: edit.line + 1)
            }
        }
        return lines.joined(separator: "\n")
    }
}
