import Foundation
import ICalendar
import Testing
import TestSupport
import Calendrical

/// `ahsct schedule` end to end: totals printed, proposals written into the cohort without disturbing it, a second
/// run moving proposals rather than stacking them, `--in-place` with its backup, exit 2 for a patient that cannot fit.
@Suite struct ScheduleCommandTests {
    /// One bed, two harvested patients (TestSupport.twoHarvestedCohort).
    static let cohort = twoHarvestedCohort

    @Test func proposalsAreWrittenAndMovedNotStacked() throws {
        let folder = try temporaryFolder()
        let input = folder.appendingPathComponent("cohort.yaml")
        try Data(Self.cohort.utf8).write(to: input)
        let output = folder.appendingPathComponent("scheduled.yaml")
        let run = try AhsctRun(["schedule", input.path, "--now", "2026-12-15", "--out", output.path])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("total delay: 28 days (lower bound 28"))
        #expect(run.output.contains("certified gap: 0 (optimal); bounds: beds 28, day 1 0, together 28"))
        let written = String(decoding: try Data(contentsOf: output), as: UTF8.self)
        #expect(written.contains("# a comment that must survive"))
        #expect(written.contains("mobilisation: 2026-12-09   # recorded"))
        // Block entry: a new last line at the entry's indent; flow entry: before its closing brace.
        let admissions = ["2027-01-04", "2027-02-01"]
        #expect(admissions.contains { written.contains("    apheresis: [2026-12-14]\n    conditioning: {date: \($0), proposed: true}\n") })
        #expect(admissions.contains { written.contains("apheresis: [2026-12-14], conditioning: {date: \($0), proposed: true}}") })
        let original = String(decoding: try Data(contentsOf: input), as: UTF8.self)
        #expect(original == Self.cohort)
        // Planned with the proposals: no bed is over-full any more.
        let conflicts = try AhsctRun(["conflicts", output.path, "--now", "2026-12-15", "--format", "csv"])
        #expect(!conflicts.output.contains("capacity_exceeded"))
        // Scheduling the scheduled cohort again replaces the proposals (one conditioning line per patient).
        let again = try AhsctRun(["schedule", output.path, "--now", "2026-12-15", "--in-place"])
        #expect(again.status == 0, "\(again.errors)")
        let rewritten = String(decoding: try Data(contentsOf: output), as: UTF8.self)
        #expect(rewritten.components(separatedBy: "conditioning:").count - 1 == 2)
        let backup = String(decoding: try Data(contentsOf: URL(fileURLWithPath: output.path + ".bak")), as: UTF8.self)
        #expect(backup == written)
    }

    /// Two recorded stays fill the bed over P-1's whole window (see CohortSchedulerTests.infeasiblePatientIsReported):
    /// exit 2 and the reason.
    @Test func unfitPatientExitsTwo() throws {
        let folder = try temporaryFolder()
        let input = folder.appendingPathComponent("cohort.yaml")
        try Data("""
            site: {name: Test, resources: {isolation-beds: 1}}
            patients:
              - {id: P-A, second-opinion: 2026-09-01, mobilisation: 2026-11-26, apheresis: [2026-12-01], conditioning: 2027-01-04}
              - {id: P-B, second-opinion: 2026-09-01, mobilisation: 2026-12-03, apheresis: [2026-12-08], conditioning: 2027-02-01}
              - {id: P-1, second-opinion: 2026-09-01, mobilisation: 2026-12-09, apheresis: [2026-12-14]}

            """.utf8).write(to: input)
        let run = try AhsctRun(["schedule", input.path, "--now", "2026-12-15"])
        #expect(run.status == 2)
        #expect(run.output.contains("cannot fit P-1: isolation-beds has no room for the whole stay"))
        #expect(run.output.replacingOccurrences(of: "\n    ", with: " ").contains("the least overflow placing them: 1 more isolation-beds"))
        #expect(run.output.contains("no bound while some patient cannot fit"))
    }

    /// `--in-place` goes through the cohort transaction: one audit line per proposed step, with the user of --by.
    @Test func inPlaceWritesAuditEntries() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("cohort.yaml")
        try Data(Self.cohort.utf8).write(to: input)
        let run = try AhsctRun(["schedule", input.path, "--now", "2026-12-15", "--in-place", "--by", "planner"])
        #expect(run.status == 0, "\(run.errors)")
        let log = try String(contentsOf: folder.appendingPathComponent(".ahsct/audit.jsonl"), encoding: .utf8)
        let entries = try log.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(entries.map { $0["patient"] as? String } == ["P-1", "P-2"])
        #expect(entries.allSatisfy { $0["user"] as? String == "planner" && $0["field"] as? String == "conditioning" })
        #expect(entries.allSatisfy { ($0["new"] as? String)?.hasSuffix(", proposed: true}") == true })
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: input.path + ".bak")), as: UTF8.self) == Self.cohort)
        // With --state, the audit goes there (the same option as record, feeds and serve).
        try Data(Self.cohort.utf8).write(to: input)
        let state = folder.appendingPathComponent("elsewhere")
        #expect(try AhsctRun(["schedule", input.path, "--now", "2026-12-15", "--in-place", "--state", state.path]).status == 0)
        #expect(try String(contentsOf: state.appendingPathComponent("audit.jsonl"), encoding: .utf8).split(separator: "\n").count == 2)
    }

    /// A JSON cohort is refused as `ahsct record` refuses it: exit 1, with --in-place and with --out.
    @Test func outAndInPlaceExcludeEachOther() throws {
        let run = try AhsctRun(["schedule", "x.yaml", "--out", "y.yaml", "--in-place"])
        #expect(run.status == 64)
        let json = try AhsctRun(["schedule", "cohort.json", "--in-place"])
        #expect(json.status == 1)
        #expect(json.errors.contains("YAML cohorts only"))
        let out = try AhsctRun(["schedule", "cohort.json", "--out", "y.yaml"])
        #expect(out.status == 1)
        #expect(out.errors.contains("YAML cohorts only"))
    }
}

/// `ahsct schedule --max-risk`: the proposals it writes, planned again by `ahsct capacity --risk`, keep every future
/// day's P(beds over capacity) within the limit, where the plain schedule does not; the price is printed.
@Suite struct ScheduleRiskTests {
    /// One bed. P-1 admitted (recorded) Mon 4 Jan 2027: D0 9 Jan, in the bed for certain through D0+14 = 23 Jan and
    /// with chance (29 − t)/15 on D0 + t up to 6 Feb. P-2 … P-4 only have the committee's answer: their day 1, and so
    /// their admission, are the scheduler's to choose.
    static let cohort = """
        site: {name: Test, resources: {isolation-beds: 1}}
        patients:
          - {id: P-1, second-opinion: 2026-09-01, mobilisation: 2026-11-26, apheresis: [2026-12-01], conditioning: 2027-01-04}
          - {id: P-2, second-opinion: 2026-10-05, committee-answer: 2026-10-26}
          - {id: P-3, second-opinion: 2026-10-05, committee-answer: 2026-10-27}
          - {id: P-4, second-opinion: 2026-10-05, committee-answer: 2026-10-28}

        """

    private func bedRisks(_ cohort: URL) throws -> [Double] {
        let run = try AhsctRun(["capacity", cohort.path, "--now", "2026-12-15", "--risk", "--format", "json",
                                "--from", "2026-12-16", "--to", "2027-12-31"])
        #expect(run.status == 0, "\(run.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        return (json["risk"] as? [[String: Any]] ?? []).filter { $0["resource"] as? String == "isolation-beds" }
            .compactMap { $0["p_over"] as? Double }
    }

    @Test func proposalsKeepTheRiskUnderTheLimit() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("cohort.yaml")
        try Data(Self.cohort.utf8).write(to: input)
        let plain = folder.appendingPathComponent("plain.yaml"), safe = folder.appendingPathComponent("safe.yaml")
        #expect(try AhsctRun(["schedule", input.path, "--now", "2026-12-15", "--out", plain.path]).status == 0)
        let run = try AhsctRun(["schedule", input.path, "--now", "2026-12-15", "--max-risk", "0.1", "--out", safe.path])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("risk limit: P(beds over capacity) ≤ 0.1 on every future day"))
        #expect(run.output.contains("days of delay more than without the limit"))
        let plainRisk = try bedRisks(plain), safeRisk = try bedRisks(safe)
        #expect(safeRisk.count == 381 && plainRisk.count == 381)
        // Back-to-back stays (each next admission after the expected discharge D0+21) leave a real chance of overlap.
        #expect(plainRisk.max() ?? 0 > 0.1)
        #expect(safeRisk.allSatisfy { $0 <= 0.1 + 1e-9 }, "\(safeRisk.max() ?? 0)")
        // The risk view's own words agree: no overflow_risk warning at that limit.
        let conflicts = try AhsctRun(["conflicts", safe.path, "--now", "2026-12-15", "--risk-limit", "0.1", "--format", "csv"])
        #expect(!conflicts.output.contains("overflow_risk"))
    }
}

/// `--export-model` writes the problem for other solvers: sorted keys, every patient's choices, `day1: null` where day 1
/// is recorded (P-1 and P-2 of ScheduleCommandTests both have it recorded).
@Suite struct ExportModelTests {
    @Test func exportedInstance() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("cohort.yaml"), model = folder.appendingPathComponent("model.json")
        try Data(ScheduleCommandTests.cohort.utf8).write(to: input)
        let run = try AhsctRun(["schedule", input.path, "--now", "2026-12-15", "--export-model", model.path])
        #expect(run.status == 0, "\(run.errors)")
        let text = try String(contentsOf: model, encoding: .utf8)
        #expect(text.hasPrefix("{\"first_day\":"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(json.keys) == ["first_day", "free", "patients", "resources"])
        let patients = try #require(json["patients"] as? [[String: Any]])
        #expect(patients.map { $0["id"] as? String } == ["P-1", "P-2"])
        #expect(Set(patients[0].keys) == ["id", "earliest", "day1_pieces", "stay_pieces", "options"])
        let option = try #require((patients[0]["options"] as? [[String: Any]])?.first)
        #expect(option["day1"] is NSNull)
        // Admissions 3–8 weeks after the harvest on Mon 14 Dec 2026 that are open: from Mon 4 Jan 2027.
        #expect((option["admissions"] as? [Int])?.first == CalendarDate(year: 2027, month: 1, day: 4)?.daysSince1970)
    }
}
