import Calendrical
import Capacity
import FileSystem
import Foundation
import ICalendar
import Locations
import Pathway
internal import Yams

/// The parsed tree of the cohort as read, kept for the editor (a class, so the public transaction does not carry
/// the parser's types).
final class ParsedCohort {
    let root: Node
    init(root: Node) { self.root = root }
}

/// A change to a cohort file under way: the lock held, the file read once and parsed once. It ends by writing
/// facts (``record(_:patient:at:)``) or proposals (``propose(_:at:backup:)``), or by being dropped, which writes
/// nothing; either way the lock is released with it.
public struct CohortTransaction: ~Copyable {
    /// The recorder's settings.
    let recorder: CohortRecorder
    /// The cohort's lock (`nil` on a dry run).
    let lock: FileLock?
    /// The file's bytes as read: what a failed audit puts back.
    let bytes: [UInt8]
    /// Their parse.
    let parsed: ParsedCohort
    /// The cohort as it is now.
    public let cohort: Cohort
    /// The day plans are judged against.
    public let today: CalendarDate

    init(recorder: CohortRecorder, lock: consuming FileLock?, bytes: [UInt8], parsed: ParsedCohort, cohort: Cohort,
         today: CalendarDate) {
        self.recorder = recorder
        self.lock = lock
        self.bytes = bytes
        self.parsed = parsed
        self.cohort = cohort
        self.today = today
    }

    private var file: String { recorder.cohort }

    /// The version of the file as read (``CohortVersion``).
    public var version: String { CohortVersion.of(bytes) }

    /// Writes `facts` about `patient` into the patient's entry, each fact's edits in order (a value the file
    /// already has is left out), and finishes the change: ``record(_:at:)`` for one patient.
    public consuming func record(_ facts: [CohortFact], patient: String,
                                 at time: Instant) throws(CohortRecorder.Refusal) -> CohortRecorder.Outcome {
        try record([(patient: patient, facts: facts)], at: time)
    }

    /// Writes the facts about several patients (an import), each patient's facts into their entry in order, and
    /// finishes the change once: one lock, one write, one audit batch. Every patient must be in the cohort; a fact
    /// refused for any of them (out of order, say) refuses the whole change, and nothing is written.
    ///
    /// The entries are edited from the last in the file to the first, so the lines of the entries not yet edited
    /// are still where the one parse found them; a value's location is then moved down by the lines that the edits
    /// of earlier entries added.
    public consuming func record(_ batch: [(patient: String, facts: [CohortFact])],
                                 at time: Instant) throws(CohortRecorder.Refusal) -> CohortRecorder.Outcome {
        let known = cohort.patients.map(\.id)
        for (patient, _) in batch where !known.contains(patient) {
            throw .unknownPatient(patient, known: known)
        }
        let root = parsed.root
        // The patients' facts merged (a patient named twice keeps both lists, in order), in reverse file order.
        var factsOf: [String: [CohortFact]] = [:]
        for (patient, facts) in batch { factsOf[patient, default: []] += facts }
        let order = known.filter { factsOf[$0] != nil }
        var text = String(decoding: bytes, as: UTF8.self)
        var written: [CohortRecorder.Written] = []
        for patient in order.reversed() {
            let entry = CohortEditor.patientEntry(patient, in: root)?.node
            let edits = (factsOf[patient] ?? []).flatMap { fact in
                fact.edits(current: { path in entry.flatMap { CohortEditor.node(at: path, in: $0) }.map(CohortEditor.flow) })
            }
            let result: (text: String, changes: [CohortEditor.Change])
            do { result = try CohortEditor(file: file).apply(edits, patient: patient, to: text, root: root) } catch {
                throw .cannotEdit(error)
            }
            // The entries after this one (written already) move down by the lines this one gained.
            let added = Self.lineCount(result.text) - Self.lineCount(text)
            for index in written.indices { written[index].location.line += added }
            text = result.text
            written = result.changes.filter { $0.old != $0.new }.map {
                CohortRecorder.Written(patient: patient, field: $0.field, old: $0.old, new: $0.new, location: $0.location)
            } + written
        }
        return try finish(text, written: written, edited: Set(order), at: time, backup: nil)
    }

    private static func lineCount(_ text: String) -> Int {
        text.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// Writes the scheduler's `proposals` (`{date: …, proposed: true}`; a recorded date is never replaced) and
    /// finishes the change: one audit entry per proposed step that changed. With `backup`, the file as read is kept
    /// there first (owner-only), also when no proposal changed anything.
    public consuming func propose(_ proposals: [CohortProposals.Proposal], at time: Instant,
                                  backup: String? = nil) throws(CohortRecorder.Refusal) -> CohortRecorder.Outcome {
        let root = parsed.root
        let edits = CohortProposals.edits(proposals, in: root)
        let result: (text: String, old: [String?])
        do {
            result = try CohortEditor(file: file).apply(edits, to: String(decoding: bytes, as: UTF8.self), root: root)
        } catch {
            throw .cannotEdit(error)
        }
        // The values as the new text has them, and where: from its one parse, which `finish` reads the cohort from.
        var reader = YAMLReader(file: file)
        guard let newRoot = reader.parse(Array(result.text.utf8)) else { throw .refused(InputErrors(reader.errors)) }
        let entries = CohortEditor.patientEntries(in: newRoot, lineCount: .max)
        var written: [CohortRecorder.Written] = []
        for ((patient, edit), old) in zip(edits, result.old) {
            guard let node = entries[patient].flatMap({ CohortEditor.node(at: edit.path, in: $0.node) }) else { continue }
            let new = CohortEditor.flow(node)
            guard new != old else { continue }
            written.append(CohortRecorder.Written(
                patient: patient, field: edit.path.joined(separator: "."), old: old, new: new,
                location: SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)))
        }
        return try finish(result.text, written: written, edited: Set(edits.map(\.patient)), at: time, backup: backup,
                          parsed: (newRoot, reader))
    }

    /// Checks the new text (parsed once: `parsed` when the caller has parsed it already; the entries of the
    /// `edited` patients read again, the others, the same text as before, taken as read), plans both versions and
    /// compares them, then writes the file and the audit entries (unless a dry run).
    private func finish(_ text: String, written: [CohortRecorder.Written], edited: Set<String>, at time: Instant,
                        backup: String?,
                        parsed: (root: Node, reader: YAMLReader)? = nil) throws(CohortRecorder.Refusal) -> CohortRecorder.Outcome {
        var outcome = CohortRecorder.Outcome(written: written,
                                             changes: CohortChanges(old: [], new: [], oldConflicts: [], newConflicts: []),
                                             warnings: [], now: today, dryRun: recorder.dryRun, audit: [],
                                             version: version)
        if !written.isEmpty {
            // The whole cohort read again with the change: a value that breaks the pathway's order is refused here,
            // located where it would stand.
            var reader = parsed?.reader ?? YAMLReader(file: file)
            let directory = (file as NSString).deletingLastPathComponent
            guard let root = parsed?.root ?? reader.parse(Array(text.utf8)) else { throw .refused(InputErrors(reader.errors)) }
            let after: Cohort
            var records: [String: PatientRecord] = [:]
            for record in cohort.patients { records[record.id] = record }
            do {
                after = try CohortReader().read(root: root, reader: reader, directory: directory,
                                                unchanged: (records, edited))
            } catch {
                throw .refused(error)
            }
            do {
                // Each version planned once; the patients the change did not touch keep their plans.
                let old = try cohort.analysis(now: today)
                let new = try after.analysis(now: today, after: old, of: cohort)
                outcome.changes = CohortChanges(old: old, new: new, suggestions: recorder.suggestions)
            } catch {
                throw .invalidProtocol(error)
            }
            let patients = Set(written.map(\.patient))
            outcome.warnings = outcome.changes.newConflicts.filter {
                $0.code == .windowViolated && $0.patients.contains(where: patients.contains)
            }
        }
        guard !recorder.dryRun else { return outcome }
        if let backup {
            do { try AtomicFile.write(bytes, to: backup, mode: 0o600) } catch { throw .cannotWrite(error) }
        }
        guard !written.isEmpty else { return outcome }
        do { try AtomicFile.replace(Array(text.utf8), at: file) } catch { throw .cannotWrite(error) }
        let name = URL(fileURLWithPath: file).lastPathComponent
        let entries = written.map {
            AuditLog.Entry(time: time.description, user: recorder.user, cohort: name, patient: $0.patient,
                           field: $0.field, old: $0.old, new: $0.new)
        }
        do {
            try AuditLog.append(entries, in: recorder.stateFolder)
        } catch {
            // No change without its audit entry: the file goes back to the bytes it had.
            let reason = (error as NSError).localizedDescription
            do { try AtomicFile.replace(bytes, at: file) } catch {
                throw .auditFailed(folder: recorder.stateFolder, reason: reason, notRestored: error)
            }
            throw .auditFailed(folder: recorder.stateFolder, reason: reason, notRestored: nil)
        }
        outcome.audit = entries
        return outcome
    }
}
