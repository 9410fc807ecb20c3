import Foundation
import Testing

/// `ahsct changes OLD NEW` on hand-made pairs of cohorts, compared on the whole JSON.
@Suite struct ChangesCommandTests {
    /// One bed. P-1 and P-2: day 1 Thu 5 Nov 2026, a session on Tue 10 Nov (H), admitted Mon 7 and Mon 14 Dec.
    /// D0 = A+5 and discharge D0+21, so P-1's bed runs 7 Dec – Sat 2 Jan and P-2's 14 Dec – Sat 9 Jan: both in
    /// the one bed from 14 Dec to 2 Jan (20 days). P-3 was declined by the committee (two visits, no bookings).
    static let old = """
        site: {name: Test, resources: {isolation-beds: 1}}
        patients:
          - id: P-1
            second-opinion: 2026-09-07
            committee-answer: 2026-10-01
            mobilisation: 2026-11-05
            apheresis: [2026-11-10]
            conditioning: 2026-12-07
          - id: P-2
            second-opinion: 2026-09-07
            committee-answer: 2026-10-01
            mobilisation: 2026-11-05
            apheresis: [2026-11-10]
            conditioning: 2026-12-14
          - {id: P-3, second-opinion: 2026-10-05, committee-answer: {date: 2026-10-27, outcome: declined}}

        """

    /// P-2 gets a repeat session on Wed 11 Nov (H moves a day) and is admitted on Mon 4 Jan 2027 instead; P-3 leaves,
    /// P-4 (declined too) arrives.
    static let new = old
        .replacingOccurrences(of: "apheresis: [2026-11-10]\n    conditioning: 2026-12-14",
                              with: "apheresis: [2026-11-10, 2026-11-11]\n    conditioning: 2027-01-04")
        .replacingOccurrences(of: "id: P-3", with: "id: P-4")

    /// The expected JSON, worked out by hand:
    /// - P-2's mobilisation runs M … last session: end 10 → 11 Nov; apheresis 10 Nov → 10–11 Nov; control visit
    ///   open≥(H+14): Tue 24 → Wed 25 Nov.
    /// - Admission 14 Dec → 4 Jan (inside open≥(H+21) = 2 Dec … open≤(H+56) = 6 Jan): conditioning A…A+4 14–18 Dec →
    ///   4–8 Jan; D0 = A+5 19 Dec → 9 Jan (reinfusion ends on D0, 10 bags or fewer); isolation D0 … discharge;
    ///   discharge D0+21 9 Jan → 30 Jan; recovery discharge … D0 + 6 months: 9 Jan – 19 Jun → 30 Jan – 9 Jul.
    /// - P-2's bed now starts 4 Jan, after P-1's last day (2 Jan): the over-full run 14 Dec – 2 Jan is resolved.
    static let expected = """
        {"now": "2026-11-22", "patients": [
          {"id": "P-2", "change": "changed", "steps": [
            {"step": "mobilisation", "from": {"start": "2026-11-05", "end": "2026-11-10"}, "to": {"start": "2026-11-05", "end": "2026-11-11"}},
            {"step": "apheresis", "from": {"start": "2026-11-10", "end": "2026-11-10"}, "to": {"start": "2026-11-10", "end": "2026-11-11"}},
            {"step": "control-visit", "from": {"start": "2026-11-24", "end": null}, "to": {"start": "2026-11-25", "end": null}},
            {"step": "conditioning", "from": {"start": "2026-12-14", "end": "2026-12-18"}, "to": {"start": "2027-01-04", "end": "2027-01-08"}},
            {"step": "reinfusion", "from": {"start": "2026-12-19", "end": "2026-12-19"}, "to": {"start": "2027-01-09", "end": "2027-01-09"}},
            {"step": "isolation", "from": {"start": "2026-12-19", "end": "2027-01-09"}, "to": {"start": "2027-01-09", "end": "2027-01-30"}},
            {"step": "discharge", "from": {"start": "2027-01-09", "end": null}, "to": {"start": "2027-01-30", "end": null}},
            {"step": "recovery", "from": {"start": "2027-01-09", "end": "2027-06-19"}, "to": {"start": "2027-01-30", "end": "2027-07-09"}}]},
          {"id": "P-3", "change": "removed", "steps": [
            {"step": "second-opinion", "from": {"start": "2026-10-05", "end": null}, "to": null},
            {"step": "committee-answer", "from": {"start": "2026-10-27", "end": null}, "to": null}]},
          {"id": "P-4", "change": "added", "steps": [
            {"step": "second-opinion", "from": null, "to": {"start": "2026-10-05", "end": null}},
            {"step": "committee-answer", "from": null, "to": {"start": "2026-10-27", "end": null}}]}],
         "conflicts": {"new": [], "resolved": [
           {"code": "capacity_exceeded", "subject": "isolation-beds", "from": "2026-12-14", "to": "2027-01-02", "days": 20,
            "demand": 2, "capacity": 1, "patients": ["P-1", "P-2"],
            "message": "isolation-beds: 2 booked, capacity 1, on Monday 14 December 2026 … Saturday 2 January 2027",
            "suggestion": "every booking on these days is recorded: rebook one of them or raise the capacity (capacity-changes)"}]}}
        """

    private func files(_ pairs: [(String, String)]) throws -> (URL, [URL]) {
        let folder = try temporaryFolder()
        var urls: [URL] = []
        for (name, text) in pairs {
            let url = folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            urls.append(url)
        }
        return (folder, urls)
    }

    @Test func wholeJSON() throws {
        let (folder, urls) = try files([("old.yaml", Self.old), ("new.yaml", Self.new)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try AhsctRun(["changes", urls[0].path, urls[1].path, "--now", "2026-11-22", "--format", "json"])
        #expect(run.status == 2, "\(run.errors)")
        let got = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? NSDictionary
        let want = try JSONSerialization.jsonObject(with: Data(Self.expected.utf8)) as? NSDictionary
        #expect(got == want)
        // The other way round: the same moves reversed, the conflict new.
        let back = try AhsctRun(["changes", urls[1].path, urls[0].path, "--now", "2026-11-22", "--format", "json"])
        let reversed = try #require(try JSONSerialization.jsonObject(with: Data(back.output.utf8)) as? [String: Any])
        let conflicts = try #require(reversed["conflicts"] as? [String: [[String: Any]]])
        #expect(conflicts["new"]?.count == 1 && conflicts["resolved"]?.isEmpty == true)
        let patients = try #require(reversed["patients"] as? [[String: Any]])
        #expect(patients.map { "\($0["id"] ?? "no id") \($0["change"] ?? "no change")" } == ["P-2 changed", "P-3 added", "P-4 removed"])
    }

    /// Text and Markdown say the same; identical files exit 0 with "nothing changed".
    @Test func textMarkdownAndNoChange() throws {
        let (folder, urls) = try files([("old.yaml", Self.old), ("new.yaml", Self.new)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try AhsctRun(["changes", urls[0].path, urls[1].path, "--now", "2026-11-22"])
        #expect(text.status == 2)
        #expect(text.output.hasPrefix("Changes as of Sun 2026-11-22: 1 patient changed, 1 patient added, 1 patient\n    removed, 0 conflicts new, 1 resolved\n"))
        #expect(text.output.contains("  control-visit     Tue 2026-11-24  →  Wed 2026-11-25\n"))
        #expect(text.output.contains("\nresolved conflicts\n  capacity_exceeded"))
        let markdown = try AhsctRun(["changes", urls[0].path, urls[1].path, "--now", "2026-11-22", "--format", "markdown"])
        #expect(markdown.output.contains("## P-2 — changed\n\n| step | before | after |\n|---|---|---|\n| `mobilisation` | Thu 2026-11-05 – Tue 2026-11-10 | Thu 2026-11-05 – Wed 2026-11-11 |\n"))
        #expect(markdown.output.contains("## Resolved conflicts\n\n- **`capacity_exceeded`** `isolation-beds`"))
        let same = try AhsctRun(["changes", urls[0].path, urls[0].path, "--now", "2026-11-22"])
        #expect(same.status == 0)
        #expect(same.output == "Changes as of Sun 2026-11-22: nothing changed\n")
    }

    /// A bad file: exit 1 with its located error, nothing on standard output.
    @Test func badInput() throws {
        let (folder, urls) = try files([("old.yaml", Self.old), ("bad.yaml", Self.old.replacingOccurrences(of: "2026-12-14", with: "2026-12-32"))])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try AhsctRun(["changes", urls[0].path, urls[1].path, "--now", "2026-11-22"])
        #expect(run.status == 1)
        #expect(run.errors.contains("bad.yaml:14:19: error:"))
        #expect(run.errors.contains("[invalid_date]"))
        #expect(run.output.isEmpty)
    }
}
