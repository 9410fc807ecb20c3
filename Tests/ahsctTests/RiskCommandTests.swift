import Foundation
import Testing

/// `ahsct capacity --risk` and `ahsct conflicts --risk-limit` on the example cohort.
@Suite struct RiskCommandTests {
    let cohort = repositoryRoot.appendingPathComponent("calendars/cohort.yaml").path

    /// The JSON shape of the issue, per resource and day, full precision. On 22 November P-0003, P-0004 and P-0009
    /// are all in the ward with recorded admissions and D0 + 14 still ahead (D0 = 14, 24 and 25 November): three
    /// certain stays in two beds, so P(over) = 1 and the expected demand is 3.
    @Test func riskJSON() throws {
        let run = try AhsctRun(["capacity", cohort, "--now", "2026-11-22", "--risk", "--format", "json",
                                "--from", "2026-11-22", "--to", "2026-11-28"])
        #expect(run.status == 0, "\(run.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(json["now"] as? String == "2026-11-22")
        let rows = try #require(json["risk"] as? [[String: Any]])
        #expect(rows.count == 3 * 7)  // chairs, machines, beds × 7 days
        #expect(Set(rows.flatMap(\.keys)) == ["resource", "day", "capacity", "expected", "p90", "p_over"])
        let bed = try #require(rows.first { $0["resource"] as? String == "isolation-beds" && $0["day"] as? String == "2026-11-22" })
        #expect(bed["capacity"] as? Int == 2 && bed["expected"] as? Double == 3 && bed["p_over"] as? Double == 1 && bed["p90"] as? Int == 3)
        // By week: one row per resource and ISO week (22 Nov is a Sunday: its week, then the next).
        let weekly = try AhsctRun(["capacity", cohort, "--now", "2026-11-22", "--risk", "--by", "week", "--format", "csv",
                                   "--from", "2026-11-22", "--to", "2026-11-28"])
        #expect(weekly.output.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + 3 * 2)
    }

    /// --risk-limit adds overflow_risk warnings (exit 2); a limit outside 0…1 is a usage error.
    @Test func riskLimit() throws {
        let run = try AhsctRun(["conflicts", cohort, "--now", "2026-11-22", "--risk-limit", "0.2", "--format", "csv"])
        #expect(run.status == 2)
        #expect(run.output.contains("overflow_risk,isolation-beds,2026-11-22,2026-12-09,3,2,P-0003;P-0004;P-0009,"))
        let without = try AhsctRun(["conflicts", cohort, "--now", "2026-11-22", "--format", "csv"])
        #expect(!without.output.contains("overflow_risk"))
        #expect(try AhsctRun(["conflicts", cohort, "--risk-limit", "1.5"]).status == 64)
    }
}
