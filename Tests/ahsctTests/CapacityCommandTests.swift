import Foundation
import Testing

/// `ahsct conflicts`, `ahsct capacity` and `ahsct slot` run as the built binary on the example cohort and on small
/// cohorts written here.
@Suite struct CapacityCommandTests {
    let cohort = repositoryRoot.appendingPathComponent("calendars/cohort.yaml").path

    /// The example has conflicts on purpose: exit 2, the golden report, byte-stable across runs.
    @Test(arguments: ["text", "markdown", "json", "csv"])
    func exampleConflictsAreGolden(format: String) throws {
        let run = try AhsctRun(["conflicts", cohort, "--now", "2026-11-22", "--format", format])
        #expect(run.status == 2, "\(run.errors)")
        #expect(run.errors.isEmpty)
        let again = try AhsctRun(["conflicts", cohort, "--now", "2026-11-22", "--format", format])
        #expect(run.output == again.output)
        try expectGolden(run.output, "conflicts.\(["text": "txt", "markdown": "md"][format] ?? format)")
    }

    /// The deliberate over-full period of the example: P-0009's late admission puts three patients in two beds
    /// from now (22 November) to P-0003's expected discharge, 5 December (D0 14 Nov + 21).
    @Test func exampleOverfullPeriod() throws {
        let run = try AhsctRun(["conflicts", cohort, "--now", "2026-11-22", "--format", "csv"])
        #expect(run.output.contains("capacity_exceeded,isolation-beds,2026-11-22,2026-12-05,3,2,P-0003;P-0004;P-0009,"))
    }

    /// A cohort with no conflicts exits 0 and says so; a broken one exits 1 with a located error and writes nothing.
    @Test func exitStatuses() throws {
        let folder = try temporaryFolder()
        let clean = folder.appendingPathComponent("clean.yaml")
        // Done with everything but recovery: no day ahead books anything, nothing is missing.
        try Data("""
            site: {name: Test, resources: {isolation-beds: 1}}
            patients:
              - id: P-1
                second-opinion: 2026-01-05
                committee-answer: 2026-01-26
                evaluation: 2026-02-02
                mobilisation: 2026-02-19
                apheresis: [2026-02-24]
                control-visit: 2026-03-10
                conditioning: 2026-03-23
                discharge: 2026-04-18

            """.utf8).write(to: clean)
        let ok = try AhsctRun(["conflicts", clean.path, "--now", "2026-11-22"])
        #expect(ok.status == 0, "\(ok.output)\(ok.errors)")
        #expect(ok.output.contains("no conflicts"))
        let broken = folder.appendingPathComponent("broken.yaml")
        try Data("""
            site: {name: Test, staff: {roles: {nurses: 1}, needs: {apheresis: {nurse: 1}}}}
            patients: []

            """.utf8).write(to: broken)
        let out = folder.appendingPathComponent("report.txt").path
        // Column 68 is the "n" of "nurse" (counted from 1 along the line).
        let bad = try AhsctRun(["conflicts", broken.path, "--now", "2026-11-22", "--out", out])
        #expect(bad.status == 1)
        #expect(bad.errors.contains("broken.yaml:1:68: error: unknown key 'nurse' in the staff apheresis needs; did you mean 'nurses'?"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// Capacity by day around the over-full start: the isolation beds row of Sunday 22 November shows 3 of 2.
    @Test func capacityByDay() throws {
        let run = try AhsctRun(["capacity", cohort, "--now", "2026-11-22", "--from", "2026-11-22", "--to", "2026-11-24",
                                "--by", "day", "--format", "csv"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("isolation-beds,2026-11-22,2026-11-22,2,3,-1,"))
        try expectGolden(run.output, "capacity.csv")
        let backwards = try AhsctRun(["capacity", cohort, "--from", "2026-12-01", "--to", "2026-11-01"])
        #expect(backwards.status == 64)
    }

    /// P-0002's slot on the example: golden text; an unknown patient is a usage error.
    @Test func slotForAPatient() throws {
        let run = try AhsctRun(["slot", cohort, "--now", "2026-11-22", "--patient", "P-0002"])
        #expect(run.status == 0, "\(run.errors)")
        try expectGolden(run.output, "slot-P-0002.txt")
        let unknown = try AhsctRun(["slot", cohort, "--now", "2026-11-22", "--patient", "P-9999"])
        // The one refusal for an unknown patient (exit 1, like record and feeds issue).
        #expect(unknown.status == 1)
        #expect(unknown.errors.contains("error: no patient 'P-9999' in the cohort; expected one of P-0001, P-0002,"))
        #expect(unknown.errors.hasSuffix("[unknown_patient]\n"))
    }
}

/// Text reports fit an 80-column terminal, and carry no colour when piped (the tests read a pipe).
@Suite struct TerminalOutputTests {
    let cohort = repositoryRoot.appendingPathComponent("calendars/cohort.yaml").path

    @Test(arguments: [["plan"], ["capacity"], ["conflicts"], ["slot", "--patient", "P-0002"]])
    func fitsEightyColumnsWithoutColourWhenPiped(command: [String]) throws {
        let run = try AhsctRun([command[0], cohort, "--now", "2026-11-22"] + command.dropFirst())
        #expect(run.status == 0 || run.status == 2, "\(run.errors)")
        let lines = run.output.split(separator: "\n")
        #expect(lines.count > 5)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.filter { $0.count > 80 }.first ?? "")")
        #expect(!run.output.contains("\u{1B}["))
    }
}
