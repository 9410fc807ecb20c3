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

    /// The cohort file at `path` with `proposals` written in (through ``CohortEditor``, in one pass).
    public static func apply(_ proposals: [Proposal], toCohortAt path: String) throws(InputErrors) -> String {
        let text = String(decoding: try FileInput.bytes(of: path), as: UTF8.self)
        guard let root = try? Yams.compose(yaml: text), root.mapping?["patients"]?.sequence != nil else {
            throw InputErrors([InputError(location: .init(file: path, line: 1, column: 1), code: .invalidSyntax,
                                          message: "cannot read the cohort to write proposals into")])
        }
        return try CohortEditor(file: path).apply(edits(proposals, in: root), to: text, root: root).text
    }

    /// The edits that write `proposals` into the parsed cohort `root`: one per proposed step, skipping patients it
    /// does not have and steps with a recorded (not proposed) date.
    static func edits(_ proposals: [Proposal], in root: Node) -> [(patient: String, edit: CohortEditor.Edit)] {
        var entries: [String: Node] = [:]
        for item in root.mapping?["patients"]?.sequence ?? [] {
            if let id = item.mapping?["id"]?.string { entries[id] = item }
        }
        var edits: [(patient: String, edit: CohortEditor.Edit)] = []
        for proposal in proposals {
            guard let entry = entries[proposal.patient]?.mapping else { continue }
            for (key, date) in [("mobilisation", proposal.mobilisation), ("conditioning", proposal.admission)] {
                guard let date else { continue }
                // Only an earlier proposal is replaced; a recorded date stays.
                if let existing = entry[key], existing.mapping?["proposed"]?.bool != true { continue }
                edits.append((proposal.patient, .set([key], "{date: \(date), proposed: true}")))
            }
        }
        return edits
    }
}
