import Calendrical
import Capacity
import FileSystem
import Foundation
import ICalendar
@testable import Interchange
import Pathway
import TestSupport
import Testing

/// The audit time every test injects: Friday 27 November 2026, 13:32:45 UTC.
private let auditTime = Instant(secondsSince1970: 1_795_786_365)
/// The day plans are judged against: Sunday 22 November 2026.
private let sunday = CohortRecorder.Today.date(day(2026, 11, 22))

/// A folder of its own for one test, removed by the caller.
private func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recorder-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// A copy of the example cohort (with the calendars it imports) in a folder of its own.
private func exampleCopy() throws -> (folder: URL, cohort: URL, original: Data) {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("calendars")
    let folder = try temporaryFolder()
    try FileManager.default.copyItem(at: root.appendingPathComponent("example"), to: folder.appendingPathComponent("example"))
    let cohort = folder.appendingPathComponent("cohort.yaml")
    try FileManager.default.copyItem(at: root.appendingPathComponent("cohort.yaml"), to: cohort)
    return (folder, cohort, try Data(contentsOf: cohort))
}

/// One bed, two harvested patients (TestSupport).
private let twoHarvested = twoHarvestedCohort

private func write(_ text: String, in folder: URL, as name: String = "cohort.yaml") throws -> URL {
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
}

private func auditLines(_ folder: URL) throws -> [[String: Any]] {
    let text = try String(contentsOf: folder.appendingPathComponent(".ahsct/audit.jsonl"), encoding: .utf8)
    return try text.split(separator: "\n").map {
        try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
}

/// The refusal a call throws (`nil`: none).
private func refusal(_ body: () throws(CohortRecorder.Refusal) -> Void) -> CohortRecorder.Refusal? {
    do { try body() } catch { return error }
    return nil
}

@Suite struct CohortRecorderTests {
    /// The worked case of docs/recording.md, in process: a repeat session for P-0001 on Thursday 12 November moves
    /// the harvest H from Wed 11 to Thu 12 November and the control visit open≥(H+14) from Wed 25 to Thu 26
    /// November. One line of the file changes (its comments and every other line kept), one audit entry names the
    /// acting user and the injected time.
    @Test func aFactIsWrittenWithCommentsKept() throws {
        let (folder, cohort, original) = try exampleCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let recorder = try CohortRecorder(cohort: cohort.path, user: "coordinator")
        let outcome = try recorder.record([.sessions([day(2026, 11, 12)])], patient: "P-0001", now: sunday, at: auditTime)
        #expect(outcome.written == [CohortRecorder.Written(
            patient: "P-0001", field: "apheresis", old: "[2026-11-10, 2026-11-11]", new: "[2026-11-10, 2026-11-11, 2026-11-12]",
            location: .init(file: cohort.path, line: 35, column: 16))])
        let before = String(decoding: original, as: UTF8.self).components(separatedBy: "\n")
        let after = try String(contentsOf: cohort, encoding: .utf8).components(separatedBy: "\n")
        #expect(before.count == after.count)
        #expect(zip(before, after).filter { $0 != $1 }.map(\.1) == ["    apheresis: [2026-11-10, 2026-11-11, 2026-11-12]"])
        #expect(after.filter { $0.contains("#") } == before.filter { $0.contains("#") })
        let moved = try #require(outcome.changes.patients.first { $0.id == "P-0001" })
        #expect(outcome.changes.patients.count == 1)
        let control = try #require(moved.steps.first { $0.step == .controlVisit })
        #expect(control.from?.start == day(2026, 11, 25) && control.to?.start == day(2026, 11, 26))
        #expect(outcome.warnings.isEmpty && outcome.now == day(2026, 11, 22) && !outcome.dryRun)
        let entries = try auditLines(folder)
        #expect(entries.count == 1)
        #expect(entries.first?["user"] as? String == "coordinator")
        #expect(entries.first?["time"] as? String == "2026-11-27T13:32:45Z")
        #expect(entries.first?["new"] as? String == "[2026-11-10, 2026-11-11, 2026-11-12]")
        let log = try String(contentsOf: folder.appendingPathComponent(".ahsct/audit.jsonl"), encoding: .utf8)
        #expect(log == outcome.audit.map { $0.line + "\n" }.joined())
    }

    /// A dry run returns the same outcome and writes nothing: the file as it was, no state folder, no lock.
    @Test func aDryRunWritesNothing() throws {
        let (folder, cohort, original) = try exampleCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        var recorder = try CohortRecorder(cohort: cohort.path, user: "coordinator")
        recorder.dryRun = true
        let outcome = try recorder.record([.sessions([day(2026, 11, 12)])], patient: "P-0001", now: sunday, at: auditTime)
        #expect(outcome.dryRun && outcome.written.count == 1 && outcome.audit.isEmpty)
        #expect(outcome.changes.patients.map(\.id) == ["P-0001"])
        #expect(try Data(contentsOf: cohort) == original)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".ahsct").path))
    }

    /// Refused: the file byte for byte as it was, no audit entry, the refusal's code and the first located error.
    /// The example's P-0001 has sessions on 10 and 11 November (line 35) and the admission on 4 January 2027 (line 36).
    @Test(arguments: [
        // A session before the one recorded, located where it would have been added (35:41).
        ([CohortFact.sessions([day(2026, 11, 9)])], "P-0001", "change_refused", "35:41 out_of_order"),
        // An admission before the harvest of 11 November.
        ([.date(.conditioning, day(2026, 11, 2), confirmed: false, outcome: nil)], "P-0001", "change_refused", "36:19 out_of_order"),
        // A date the planner's years (1900–2200) do not hold.
        ([.date(.conditioning, day(2300, 1, 4), confirmed: false, outcome: nil)], "P-0001", "change_refused", "36:19 date_out_of_range"),
        ([.bags(7)], "P-0099", "unknown_patient", ""),
    ])
    func aRefusalChangesNothing(_ facts: [CohortFact], _ patient: String, _ code: String, _ located: String) throws {
        let (folder, cohort, original) = try exampleCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let recorder = try CohortRecorder(cohort: cohort.path, user: "coordinator")
        let refused = try #require(refusal { () throws(CohortRecorder.Refusal) in _ = try recorder.record(facts, patient: patient, now: sunday, at: auditTime) })
        #expect(refused.code.rawValue == code)
        if let first = refused.errors.first {
            #expect("\(first.location.line):\(first.location.column) \(first.code)" == located)
        } else {
            #expect(located.isEmpty)
        }
        #expect(try Data(contentsOf: cohort) == original)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".ahsct/audit.jsonl").path))
    }

    /// A date that does not exist never reaches the recorder: the words are refused first, with the argument's
    /// place and code.
    @Test func aDateThatDoesNotExistIsRefusedBeforeTheFile() {
        do {
            _ = try CohortFact.parse(step: "conditioning", values: ["2027-02-30"])
            Issue.record("2027-02-30 was taken as a date")
        } catch {
            #expect(error.argument == 1 && error.word == "2027-02-30" && error.code == .invalidDate)
        }
    }

    /// A file over the input size limit (50 MB, sparse here) is refused through the one input path: located at its
    /// first line with `unreadable_file`, read no further, left as it was.
    @Test func aFileOverTheSizeLimitIsRefusedLocated() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cohort = try write(twoHarvested, in: folder)
        let handle = try FileHandle(forWritingTo: cohort)
        try handle.truncate(atOffset: UInt64(CalendarReader.maximumSize + 1))
        try handle.close()
        let before = try Data(contentsOf: cohort)
        let recorder = try CohortRecorder(cohort: cohort.path, user: "coordinator")
        let refused = try #require(refusal { () throws(CohortRecorder.Refusal) in _ = try recorder.record([.bags(7)], patient: "P-1", now: sunday, at: auditTime) })
        #expect(refused.code == .unreadableFile)
        let error = try #require(refused.errors.first)
        #expect(error.location == .init(file: cohort.path, line: 1, column: 1) && error.code == .unreadableFile)
        #expect(error.message.contains("at most 50 MB"))
        #expect(try Data(contentsOf: cohort) == before)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".ahsct/audit.jsonl").path))
    }

    /// A JSON cohort is refused before anything is touched.
    @Test func aJSONCohortIsRefused() {
        let refused = refusal { () throws(CohortRecorder.Refusal) in _ = try CohortRecorder(cohort: "cohort.json", user: "coordinator") }
        #expect(refused?.code == .yamlOnly)
    }

    /// The audit entry cannot be written (the log's path is a folder): the cohort goes back to its bytes, and the
    /// refusal says so.
    @Test func anAuditFailureRollsTheCohortBack() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cohort = try write(twoHarvested, in: folder)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".ahsct/audit.jsonl"),
                                                withIntermediateDirectories: true)
        let recorder = try CohortRecorder(cohort: cohort.path, user: "coordinator")
        let refused = try #require(refusal { () throws(CohortRecorder.Refusal) in _ = try recorder.record([.bags(7)], patient: "P-1", now: sunday, at: auditTime) })
        guard case let .auditFailed(_, _, notRestored) = refused else {
            Issue.record("expected audit_failed, got \(refused)")
            return
        }
        #expect(refused.code == .auditFailed && notRestored == nil)
        #expect(try String(contentsOf: cohort, encoding: .utf8) == twoHarvested)
    }

    /// The scheduler's proposals go through the same transaction: written into both layouts, one audit entry per
    /// proposed step with the acting user, the file as read kept as a backup. The same proposals again change
    /// nothing and log nothing.
    @Test func proposalsAreWrittenWithAuditEntries() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cohort = try write(twoHarvested, in: folder)
        let backup = cohort.path + ".bak"
        let recorder = try CohortRecorder(cohort: cohort.path, user: "scheduler-run")
        let proposals = [CohortProposals.Proposal(patient: "P-1", mobilisation: nil, admission: day(2027, 1, 4)),
                         CohortProposals.Proposal(patient: "P-2", mobilisation: nil, admission: day(2027, 2, 1))]
        let transaction = try recorder.begin(now: .date(day(2026, 12, 15)))
        #expect(transaction.cohort.patients.map(\.id) == ["P-1", "P-2"] && transaction.today == day(2026, 12, 15))
        let outcome = try transaction.propose(proposals, at: auditTime, backup: backup)
        #expect(outcome.written.map { "\($0.patient) \($0.field) \($0.old ?? "-") → \($0.new) \($0.location.line)" } == [
            "P-1 conditioning - → {date: 2027-01-04, proposed: true} 9",
            "P-2 conditioning - → {date: 2027-02-01, proposed: true} 11",
        ])
        let text = try String(contentsOf: cohort, encoding: .utf8)
        #expect(text.contains("# a comment that must survive\n"))
        #expect(text.contains("    apheresis: [2026-12-14]\n    conditioning: {date: 2027-01-04, proposed: true}\n"))
        #expect(text.contains("apheresis: [2026-12-14], conditioning: {date: 2027-02-01, proposed: true}}"))
        #expect(try String(contentsOf: URL(fileURLWithPath: backup), encoding: .utf8) == twoHarvested)
        let entries = try auditLines(folder)
        #expect(entries.map { $0["patient"] as? String } == ["P-1", "P-2"])
        #expect(entries.allSatisfy { $0["user"] as? String == "scheduler-run" && $0["field"] as? String == "conditioning" })
        #expect(entries.allSatisfy { $0["old"] is NSNull })
        // Again: nothing changes, nothing is logged; the backup is the file as it was before this run.
        let again = try recorder.begin(now: .date(day(2026, 12, 15))).propose(proposals, at: auditTime, backup: backup)
        #expect(again.written.isEmpty && again.audit.isEmpty)
        #expect(try String(contentsOf: cohort, encoding: .utf8) == text)
        #expect(try auditLines(folder).count == 2)
        #expect(try String(contentsOf: URL(fileURLWithPath: backup), encoding: .utf8) == text)
    }

    /// Whoever acts is the one in the entry: the console's user, or `--by`; without one, the process's login name,
    /// which the system tells even when `USER` is not set.
    @Test func theActingUserLandsInTheEntry() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cohort = try write(twoHarvested, in: folder)
        let recorder = try CohortRecorder(cohort: cohort.path, user: "m.jansen@console")
        _ = try recorder.record([.bags(7)], patient: "P-1", now: sunday, at: auditTime)
        #expect(try auditLines(folder).map { $0["user"] as? String } == ["m.jansen@console"])
        let process = try #require(AuditLog.processUser(environment: [:]))
        #expect(!process.isEmpty && process != "unknown")
    }

    /// A change prepared on one version of the file is written only on that version: after another change it is
    /// refused (`cohort_changed`) with nothing written; on the version as it is now it goes through. The version is
    /// the length and FNV-1a hash of the bytes ("a" hashes to af63dc4c8601ec8c, the published test vector).
    @Test func aStaleVersionIsRefused() throws {
        #expect(CohortVersion.of(Array("a".utf8)) == "1-af63dc4c8601ec8c")
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cohort = try write(twoHarvested, in: folder)
        let recorder = try CohortRecorder(cohort: cohort.path, user: "coordinator")
        let prepared = CohortVersion.of(Array(twoHarvested.utf8))
        _ = try recorder.record([.bags(7)], patient: "P-1", now: sunday, at: auditTime)
        let afterFirst = try String(contentsOf: cohort, encoding: .utf8)
        let refused = try #require(refusal { () throws(CohortRecorder.Refusal) in
            _ = try recorder.record([.bags(8)], patient: "P-1", now: sunday, at: auditTime, expectedVersion: prepared)
        })
        #expect(refused.code == .cohortChanged)
        #expect(try String(contentsOf: cohort, encoding: .utf8) == afterFirst)
        let current = CohortVersion.of(Array(afterFirst.utf8))
        #expect(try recorder.record([.bags(8)], patient: "P-1", now: sunday, at: auditTime, expectedVersion: current).written.count == 1)
    }

    /// While another writer holds the cohort's lock, a change waits, then is refused and changes nothing.
    @Test func aHeldLockRefuses() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cohort = try write(twoHarvested, in: folder)
        let state = StateFolder.defaultPath(for: cohort.path)
        try StateFolder.create(state)
        let held = try FileLock(StateFolder.lockPath(forCohort: cohort.path, in: state), wait: .no)
        var recorder = try CohortRecorder(cohort: cohort.path, user: "coordinator")
        recorder.wait = .milliseconds(100)
        let refused = try #require(refusal { () throws(CohortRecorder.Refusal) in _ = try recorder.record([.bags(7)], patient: "P-1", now: sunday, at: auditTime) })
        #expect(refused.code == .cohortLocked)
        #expect(try String(contentsOf: cohort, encoding: .utf8) == twoHarvested)
        _ = consume held
        // Released: the next change goes through.
        #expect(try recorder.record([.bags(7)], patient: "P-1", now: sunday, at: auditTime).written.count == 1)
    }

    /// Several edits of one entry are made in the entry alone and give the same text, values and places as edits of
    /// the whole file: two sessions and the bags for P-1 (block), a checklist answer for P-2 (flow).
    @Test(arguments: [
        ("P-1", [CohortEditor.Edit.append(["apheresis"], "2026-12-15"), .append(["apheresis"], "2026-12-16"), .set(["bags"], "9")]),
        ("P-2", [.set(["eligibility", "new-mri-lesions"], "true"), .set(["bags"], "4", after: ["apheresis"])]),
    ])
    func editsInTheEntryAloneMatchEditsOfTheWholeFile(_ patient: String, _ edits: [CohortEditor.Edit]) throws {
        let text = String(repeating: "# filler\n", count: 5) + twoHarvested
        let editor = CohortEditor(file: "cohort.yaml")
        var whole = text
        var expected: [String] = []
        for edit in edits {
            let written = try editor.apply(edit, patient: patient, to: whole)
            whole = written.text
            expected.append("\(written.field) \(written.old ?? "-") \(written.new) \(written.location)")
        }
        let alone = try editor.apply(edits, patient: patient, to: text)
        #expect(alone.text == whole)
        #expect(alone.changes.map { "\($0.field) \($0.old ?? "-") \($0.new) \($0.location)" } == expected)
    }
}

/// The changes of one recorded fact, worked out reusing the unchanged patients' plans, bookings and conflicts, are
/// the changes found by planning and searching both versions afresh (the example cohort: closed days, days away,
/// checklists, over-full days; P-0001's admission moved to Monday 11 January 2027, outside its window, and
/// P-0002's answer recorded on Tuesday 8 December 2026).
@Suite struct ChangesReuseTests {
    @Test func reusingTheUnchangedGivesTheSameChanges() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let old = try CohortReader().read(contentsOf: root.appendingPathComponent("calendars/cohort.yaml").path)
        var new = old
        let first = try #require(new.patients.firstIndex { $0.id == "P-0001" })
        new.patients[first].record(.conditioning, on: day(2027, 1, 11))
        let second = try #require(new.patients.firstIndex { $0.id == "P-0002" })
        new.patients[second].record(.committeeAnswer, on: day(2026, 12, 8))
        let now = day(2026, 11, 22)
        let before = try old.analysis(now: now)
        let after = try new.analysis(now: now, after: before, of: old)
        #expect(after.plans == (try new.analysis(now: now)).plans)
        let reused = CohortChanges(old: before, new: after, suggestions: false)
        func conflicts(_ analysis: CohortAnalysis) -> [CohortConflict] {
            var finder = ConflictFinder(analysis: analysis)
            finder.suggestions = false
            return finder.conflicts()
        }
        let afresh = CohortChanges(old: before.plans, new: after.plans, oldConflicts: conflicts(before),
                                   newConflicts: conflicts(try new.analysis(now: now)))
        #expect(reused == afresh)
        #expect(reused.newConflicts.contains { $0.code == .windowViolated && $0.patients == ["P-0001"] })
        #expect(Set(reused.patients.map(\.id)) == ["P-0001", "P-0002"])
    }
}

/// Reading a cohort again after one patient's entry was edited, taking the other records as read before, gives the
/// records a full read gives (the example cohort, P-0001's admission moved to Monday 11 January 2027 and a line
/// added to P-0008's entry).
@Suite struct RereadTests {
    @Test func takingTheUnchangedRecordsGivesTheFullRead() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("calendars")
        let path = root.appendingPathComponent("cohort.yaml").path
        let before = try CohortReader().read(contentsOf: path)
        let editor = CohortEditor(file: path)
        var text = try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
        text = try editor.apply(.set(["conditioning"], "2027-01-11"), patient: "P-0001", to: text).text
        text = try editor.apply(.set(["bags"], "9", after: ["apheresis"]), patient: "P-0008", to: text).text
        var records: [String: PatientRecord] = [:]
        for record in before.patients { records[record.id] = record }
        let full = try CohortReader().read(bytes: Array(text.utf8), file: path, directory: root.path)
        let reused = try CohortReader().read(bytes: Array(text.utf8), file: path, directory: root.path,
                                             unchanged: (records, ["P-0001", "P-0008"]))
        #expect(reused.patients == full.patients)
        #expect(full.patients != before.patients)
    }
}
