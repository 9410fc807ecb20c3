import Calendrical
import Foundation
import ICalendar
import Interchange
import Pathway
import TestSupport
import Testing

/// Facts about several patients in one change (what `ahsct fhir import` writes): one lock, one write, one audit
/// batch, the locations in the new text, and nothing written when any fact is refused.
@Suite struct CohortTransactionBatchTests {
    private let auditTime = Instant(secondsSince1970: 1_795_786_365)
    private let sunday = CohortRecorder.Today.date(day(2026, 11, 22))

    private func exampleCopy() throws -> (folder: URL, cohort: URL, original: Data) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("calendars")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: root.appendingPathComponent("example"), to: folder.appendingPathComponent("example"))
        let cohort = folder.appendingPathComponent("cohort.yaml")
        try FileManager.default.copyItem(at: root.appendingPathComponent("cohort.yaml"), to: cohort)
        return (folder, cohort, try Data(contentsOf: cohort))
    }

    /// P-0001's control visit (Wednesday 25 November = open≥(H+14), H = 11 November) is a new line after its
    /// apheresis line (35), so it stands on line 36; P-0008's sessions (window M+4…M+6 = 23–25 November after day 1
    /// on Thursday 19 November) are a new line after its mobilisation (line 113), which the inserted line above moves
    /// to line 115. One audit entry per value written: two, both by the importing user.
    @Test func twoPatientsOneChange() throws {
        let (folder, cohort, _) = try exampleCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let recorder = try CohortRecorder(cohort: cohort.path, user: "fhir-import:b.json")
        let outcome = try recorder.begin(now: sunday).record([
            (patient: "P-0008", facts: [.sessions([day(2026, 11, 24)])]),
            (patient: "P-0001", facts: [.date(.controlVisit, day(2026, 11, 25), confirmed: true, outcome: nil)]),
        ], at: auditTime)
        #expect(outcome.written.map(\.patient) == ["P-0001", "P-0008"])
        #expect(outcome.written.map(\.field) == ["control-visit", "apheresis"])
        #expect(outcome.written.map(\.location.line) == [36, 115])
        let lines = try String(contentsOf: cohort, encoding: .utf8).components(separatedBy: "\n")
        #expect(lines[35] == "    control-visit: {date: 2026-11-25, confirmed: true}")
        #expect(lines[114] == "    apheresis: [2026-11-24]")
        let audit = try String(contentsOf: folder.appendingPathComponent(".ahsct/audit.jsonl"), encoding: .utf8)
        #expect(audit.split(separator: "\n").count == 2)
        #expect(audit.contains("\"user\":\"fhir-import:b.json\""))
    }

    /// A harvest before day 1 (P-0008, 18 November < 19 November) refuses the whole change: P-0001's good fact is
    /// not written either, and there is no audit log.
    @Test func oneRefusedFactRefusesAll() throws {
        let (folder, cohort, original) = try exampleCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let recorder = try CohortRecorder(cohort: cohort.path, user: "fhir-import:b.json")
        var refused: CohortRecorder.Refusal?
        do {
            _ = try recorder.begin(now: sunday).record([
                (patient: "P-0001", facts: [.date(.controlVisit, day(2026, 11, 25), confirmed: true, outcome: nil)]),
                (patient: "P-0008", facts: [.sessions([day(2026, 11, 18)])]),
            ], at: auditTime)
        } catch {
            refused = error
        }
        #expect(refused?.code == .changeRefused)
        #expect(refused?.errors.first?.code == .outOfOrder)
        #expect(try Data(contentsOf: cohort) == original)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".ahsct/audit.jsonl").path))
    }

    @Test func unknownPatientRefusesAll() throws {
        let (folder, cohort, original) = try exampleCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let recorder = try CohortRecorder(cohort: cohort.path, user: "t")
        var refused: CohortRecorder.Refusal?
        do {
            _ = try recorder.begin(now: sunday).record([(patient: "P-0099", facts: [.bags(3)])], at: auditTime)
        } catch {
            refused = error
        }
        #expect(refused?.code == .unknownPatient)
        #expect(try Data(contentsOf: cohort) == original)
    }
}
