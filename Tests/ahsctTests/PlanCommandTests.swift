import Foundation
import Testing

/// The site warning for a cohort without the ward's line but with the office-hours and out-of-hours lines (the
/// example's), without the `warning: FILE: ` before it.
let noWardLineWarning = "the cohort names no number that answers around the clock, so patients are given two: the office-hours line (urgent) and the out-of-hours line (out-of-hours). Add the haematology ward's line under the site's contacts (haematology-ward: …) to give them one number for day and night [no_round_the_clock_number]"

@Suite struct PlanCommandTests {
    let cohort = repositoryRoot.appendingPathComponent("calendars/cohort.yaml").path

    /// The example cohort's plan, in all three formats, is byte-stable for a fixed --now.
    @Test(arguments: ["text", "json", "markdown"])
    func exampleCohortIsGolden(format: String) throws {
        let run = try AhsctRun(["plan", cohort, "--now", "2026-11-22", "--format", format])
        #expect(run.status == 0, "\(run.errors)")
        // The example names no ward line that answers day and night: the one warning, on standard error only.
        #expect(run.errors == "warning: \(cohort): \(noWardLineWarning)\n")
        let again = try AhsctRun(["plan", cohort, "--now", "2026-11-22", "--format", format])
        #expect(run.output == again.output)
        try expectGolden(run.output, "plan.\(format == "markdown" ? "md" : format == "text" ? "txt" : "json")")
    }

    /// `--patient` keeps one patient; the JSON carries the shape of the issue (step ids, start windows, status).
    @Test func onePatientAsJSON() throws {
        let run = try AhsctRun(["plan", cohort, "--now", "2026-11-22", "--format", "json", "--patient", "P-0001"])
        #expect(run.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let patients = try #require(json["patients"] as? [[String: Any]])
        #expect(patients.count == 1)
        #expect(patients.first?["id"] as? String == "P-0001")
        let steps = try #require(patients.first?["steps"] as? [[String: Any]])
        let conditioning = try #require(steps.first { $0["step"] as? String == "conditioning" })
        // Recorded on 2027-01-04 (not confirmed, in the future): all three readings that day, status planned,
        // lasting five days A…A+4 = Monday 4 … Friday 8 January (conditioning: 5 days).
        #expect(conditioning["start"] as? [String: String] == ["earliest": "2027-01-04", "expected": "2027-01-04", "latest": "2027-01-04"])
        #expect((conditioning["end"] as? [String: String])?["expected"] == "2027-01-08")
        #expect(conditioning["status"] as? String == "planned")
        #expect(conditioning["resource"] as? String == "isolation-beds")
        // 12 bags > 10: reinfusion on D0 = A+5 = Saturday 9 January and D0+1 = Sunday 10 January.
        let reinfusion = try #require(steps.first { $0["step"] as? String == "reinfusion" })
        #expect((reinfusion["end"] as? [String: String])?["expected"] == "2027-01-10")
    }

    /// The warning goes to standard error and changes nothing else: the same plan and exit status with the ward's
    /// line added, and then no warning.
    @Test func theWardLineSilencesTheWarningAndChangesNothingElse() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("calendars/example"),
                                         to: folder.appendingPathComponent("example"))
        let original = try String(contentsOfFile: cohort, encoding: .utf8)
        let withWard = original.replacingOccurrences(of: "out-of-hours: \"020 444 44 44\"}",
                                                     with: "out-of-hours: \"020 444 44 44\", haematology-ward: \"020 444 55 55\"}")
        #expect(withWard != original)
        let file = folder.appendingPathComponent("cohort.yaml")
        try Data(withWard.utf8).write(to: file)
        let warned = try AhsctRun(["plan", cohort, "--now", "2026-11-22"])
        let quiet = try AhsctRun(["plan", file.path, "--now", "2026-11-22"])
        #expect(warned.status == 0 && quiet.status == 0, "\(quiet.errors)")
        #expect(warned.errors.hasSuffix("[no_round_the_clock_number]\n"))
        #expect(quiet.errors.isEmpty)
        #expect(quiet.output == warned.output)
        // With errors in the cohort, only the errors: the warning needs a site that was read.
        try Data("site: {name: T}\npatients:\n  - {id: P-1, second-opinion: 2026-02-30}\n".utf8).write(to: file)
        let bad = try AhsctRun(["plan", file.path, "--now", "2026-11-22"])
        #expect(bad.status == 1)
        #expect(!bad.errors.contains("warning:"))
    }

    /// The same refusal, exit status and words as `record`, `slot` and `feeds issue`.
    @Test func unknownPatientIsRefused() throws {
        let run = try AhsctRun(["plan", cohort, "--now", "2026-11-22", "--patient", "P-9999"])
        #expect(run.status == 1)
        #expect(run.errors.contains("\n\(cohort): error: no patient 'P-9999' in the cohort; expected one of P-0001,"))
        #expect(run.errors.hasSuffix(", … [unknown_patient]\n"))
        #expect(run.output.isEmpty)
    }

    /// A cohort with mistakes: every one located, exit 1, nothing printed or written.
    @Test func badCohortIsLocatedAndWritesNothing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bad.yaml")
        try Data("""
            site: {name: Test}
            protocol: amsterdam-umc
            patients:
              - id: P-1
                second-opinion: 2026-02-30
              - id: P-2
                second-opinion: 2026-09-07
                mobilisation: 2026-11-05
                apheresis: [2026-11-03]
                secnd-opinion: 2026-09-07

            """.utf8).write(to: file)
        let out = folder.appendingPathComponent("plan.json")
        let run = try AhsctRun(["plan", file.path, "--now", "2026-11-22", "--format", "json", "--out", out.path])
        #expect(run.status == 1)
        #expect(run.output.isEmpty)
        let lines = run.errors.split(separator: "\n").map(String.init)
        // 2026-02-30 at line 5, column 21; the harvest before mobilisation at the session (line 9, column 17);
        // the misspelt key at line 10, column 5.
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("\(file.path):5:21: error: day 30 does not exist in February 2026"))
        #expect(lines[0].hasSuffix("[invalid_date]"))
        #expect(lines[1].hasPrefix("\(file.path):9:17: error:") && lines[1].hasSuffix("[out_of_order]"))
        #expect(lines[2].hasPrefix("\(file.path):10:5: error: unknown key 'secnd-opinion'") && lines[2].contains("did you mean 'second-opinion'?"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["bad.yaml"])
    }

    @Test func unknownProtocolIsLocated() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("cohort.yaml")
        try Data("site: {name: Test}\nprotocol: st-antonius\npatients: []\n".utf8).write(to: file)
        let run = try AhsctRun(["plan", file.path])
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("\(file.path):2:11: error: unknown protocol 'st-antonius'"))
        #expect(run.errors.hasSuffix("[unknown_protocol]\n"))
    }
}

/// Where a patient comes from is for coordinators: in the plan, never in ward or staff calendars.
@Suite struct OriginTests {
    @Test func referredByIsShownToCoordinatorsOnly() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("cohort.yaml")
        try Data("""
            site: {name: "Amsterdam UMC, locatie VUmc", resources: {isolation-beds: 2}}
            patients:
              - {id: P-1, second-opinion: 2026-09-07, committee-answer: 2026-10-01, mobilisation: 2026-11-05, second-opinion-site: Rijnstate, referred-by: CWZ}

            """.utf8).write(to: input)
        let text = try AhsctRun(["plan", input.path, "--now", "2026-11-22"])
        #expect(text.output.contains("P-1\n  (referred by CWZ; second opinion at Rijnstate)\n"))
        let json = try AhsctRun(["plan", input.path, "--now", "2026-11-22", "--format", "json"])
        #expect(json.output.contains("\"referred-by\": \"CWZ\",\n      \"second-opinion-site\": \"Rijnstate\""))
        let out = folder.appendingPathComponent("out")
        #expect(try AhsctRun(["calendars", input.path, "--out", out.path, "--now", "2026-11-22"]).status == 0)
        for file in ["ward.ics", "staff/neurology.ics", "staff/apheresis-unit.ics", "staff/day-care.ics"] {
            let calendar = try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
            #expect(!calendar.contains("CWZ"), "\(file)")
        }
    }
}
