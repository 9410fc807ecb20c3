import Calendrical
import Capacity
import FileSystem
import Foundation
import ICalendar
import Locations
import Pathway

/// The one way to change a cohort file: a fact recorded (`ahsct record`), the scheduler's proposals written
/// (`ahsct schedule --in-place`), and later the console and the FHIR import. Each change is done whole or not at all.
///
/// In order: take the cohort's lock (``CohortLock``, beside the cohort), read the file once through the input path
/// every reader uses (its size limit and located errors), parse it once, write the values into the text with
/// ``CohortEditor`` (comments and layout kept), parse the new text once more to check it, plan both versions once
/// each and compare them (``Capacity/CohortChanges``), write the file atomically, then append one audit entry per
/// value written (``AuditLog``, with ``user``). If the audit entry cannot be written the file is put back, byte for
/// byte, and the change is refused: no change without its audit entry. A refusal leaves every file as it was.
///
/// Worked case (the example cohort, docs/recording.md): a repeat apheresis session for P-0001 on Thursday
/// 12 November 2026, judged on Sunday 22 November.
/// ```swift
/// let recorder = try CohortRecorder(cohort: "calendars/cohort.yaml", user: "coordinator")
/// let outcome = try recorder.record([.sessions([thursday12November])], patient: "P-0001",
///                                   now: .date(sunday22November), at: Instant(secondsSince1970: 1_795_786_365))
/// ```
/// `outcome.written` is one value, `apheresis: [2026-11-10, 2026-11-11] → [2026-11-10, 2026-11-11, 2026-11-12]` at
/// line 35, column 16; `outcome.changes` has P-0001's harvest ending a day later and the control visit (`open≥(H+14)`)
/// moving from Wednesday 25 to Thursday 26 November; `outcome.warnings` is empty (the admission of Monday 4 January
/// 2027 is still inside its window), and `.ahsct/audit.jsonl` has one line more, stamped `2026-11-27T13:32:45Z`.
/// Nothing is printed: the caller words the outcome (or the ``Refusal``).
///
/// The text is parsed twice (as read, and with the change, to check it), and each version planned once. What one
/// fact cannot have changed is not worked out again: the records of the other patients (their entries are the
/// same text), their plans, bookings and conflicts of their own; only the days over capacity are counted afresh.
///
/// Nothing here reads a clock: the day plans are judged against (``Today``) and the audit time are given.
public struct CohortRecorder: Sendable {
    /// The day plans are judged against.
    public enum Today: Sendable, Hashable {
        /// That day.
        case date(CalendarDate)
        /// The day this instant falls on at the site (in the cohort's time zone), known once the file is read.
        case dayOf(Instant)

        /// The day, at a site in `zone` (an unknown zone counts as UTC).
        public func resolved(in zone: String) -> CalendarDate {
            switch self {
            case let .date(date): return date
            case let .dayOf(instant):
                return TimeZoneLibrary.localTime(at: instant, in: zone)?.date
                    ?? CalendarDate(daysSince1970: Int(instant.secondsSince1970 / 86_400))
            }
        }
    }

    /// One value written into a patient's entry.
    public struct Written: Sendable, Hashable {
        /// The patient (pseudonym).
        public var patient: String
        /// The field, its keys joined by dots (`fertility-preservation.done`).
        public var field: String
        /// The value before, as flow YAML (`nil`: the key was not there).
        public var old: String?
        /// The value after, as flow YAML.
        public var new: String
        /// Where the new value stands in the new text.
        public var location: SourceLocation
    }

    /// What a change did (or, on a dry run, would do).
    public struct Outcome: Sendable {
        /// The values written, in the order written; empty when the file already said all of it (then nothing was
        /// written, checked or logged).
        public var written: [Written]
        /// What the change moved: steps of the patients, conflicts new and resolved.
        public var changes: CohortChanges
        /// Allowed but worth saying: each new `window_violated` conflict of a patient written to.
        public var warnings: [CohortConflict]
        /// The day both versions were planned on.
        public var now: CalendarDate
        /// Whether this was a dry run (nothing written).
        public var dryRun: Bool
        /// The audit entries appended (none on a dry run or when nothing was written).
        public var audit: [AuditLog.Entry]
        /// The version of the file the change was made on (``CohortVersion``): a preview's, to confirm it with.
        public var version: String
    }

    /// The cohort file (YAML).
    public let cohort: String
    /// Where the audit log goes (by default `.ahsct/` beside the cohort). The lock is always in `.ahsct/` beside the
    /// cohort, whatever this says, so every writer of the file takes turns.
    public var stateFolder: String
    /// Who makes the change, for the audit log: the console's signed-in user, `--by`, or the login name.
    public var user: String
    /// How long to wait for another writer holding the lock.
    public var wait: Duration = .seconds(10)
    /// Check and compare only: no lock, no folder created, nothing written.
    public var dryRun = false
    /// Whether the changes' conflicts carry suggestions (a slot search per over-full run); off by default, as the
    /// codes are what a writer shows.
    public var suggestions = false

    /// A recorder for the YAML cohort at `cohort`; a JSON cohort is refused (``Refusal/yamlOnly(cohort:)``): its
    /// layout cannot keep comments, and it is written by other tools.
    public init(cohort: String, stateFolder: String? = nil, user: String) throws(Refusal) {
        guard !cohort.lowercased().hasSuffix(".json") else { throw .yamlOnly(cohort: cohort) }
        self.cohort = cohort
        self.stateFolder = stateFolder ?? StateFolder.defaultPath(for: cohort)
        self.user = user
    }

    /// Takes the lock (unless ``dryRun``) and reads the cohort: the start of a change, for a caller that decides
    /// what to write from the cohort as it is now (the scheduler). The lock is held until the transaction ends.
    public func begin(now: Today) throws(Refusal) -> CohortTransaction {
        var lock: FileLock?
        if !dryRun {
            do {
                try StateFolder.create(stateFolder)
                let lockFolder = StateFolder.defaultPath(for: cohort)
                try StateFolder.create(lockFolder)
                lock = try FileLock(StateFolder.lockPath(forCohort: cohort, in: lockFolder), wait: .upTo(wait))
            } catch let failure as StateFolder.Failure {
                throw .stateFolder(failure)
            } catch let failure as FileLock.Failure {
                throw .lock(failure)
            } catch {
                preconditionFailure("only the two failures above are thrown")
            }
        }
        // Read only now, under the lock: a writer that waited sees the other's change.
        let bytes: [UInt8]
        do { bytes = try FileInput.bytes(of: cohort) } catch { throw .unreadable(error) }
        var reader = YAMLReader(file: cohort)
        let directory = (cohort as NSString).deletingLastPathComponent
        guard let root = reader.parse(bytes) else { throw .hasErrors(InputErrors(reader.errors)) }
        let before: Cohort
        do { before = try CohortReader().read(root: root, reader: reader, directory: directory) } catch {
            throw .hasErrors(error)
        }
        return CohortTransaction(recorder: self, lock: lock, bytes: bytes, parsed: ParsedCohort(root: root),
                                 cohort: before, today: now.resolved(in: before.site.timeZone))
    }

    /// Records `facts` about `patient`: ``begin(now:)`` and ``CohortTransaction/record(_:patient:at:)``.
    /// With `expectedVersion`, the change is made only on that version of the file (``CohortVersion``); on any
    /// other it is refused (``Refusal/stale(current:)``) with nothing written.
    public func record(_ facts: [CohortFact], patient: String, now: Today, at time: Instant,
                       expectedVersion: String? = nil) throws(Refusal) -> Outcome {
        let transaction = try begin(now: now)
        if let expectedVersion, transaction.version != expectedVersion { throw .stale(current: transaction.version) }
        return try transaction.record(facts, patient: patient, at: time)
    }
}
