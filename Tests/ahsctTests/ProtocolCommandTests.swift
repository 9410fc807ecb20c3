import Foundation
import Testing

@Suite struct ProtocolCommandTests {
    @Test func shippedProtocolFileIsUsable() throws {
        let file = repositoryRoot.appendingPathComponent("calendars/protocols/amsterdam-umc.yaml").path
        let run = try AhsctRun(["protocol", "check", file])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output == "\(file): protocol amsterdam-umc, 11 steps, resources: outpatient-clinic, daycare-chairs, apheresis-machines, isolation-beds\n")
    }

    /// A cohort file is checked as a cohort (its protocol, its site, its patients): one summary line, and the
    /// warning that it names no number answering around the clock, on standard error; exit 0 all the same.
    @Test func cohortFileIsCheckedWithItsSiteWarning() throws {
        let cohort = repositoryRoot.appendingPathComponent("calendars/cohort.yaml").path
        let protocolFile = repositoryRoot.appendingPathComponent("calendars/protocols/amsterdam-umc.yaml").path
        let run = try AhsctRun(["protocol", "check", cohort, protocolFile])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output == """
            \(cohort): cohort of Amsterdam UMC, locatie VUmc, 10 patients; protocol amsterdam-umc, 11 steps, resources: outpatient-clinic, daycare-chairs, apheresis-machines, isolation-beds
            \(protocolFile): protocol amsterdam-umc, 11 steps, resources: outpatient-clinic, daycare-chairs, apheresis-machines, isolation-beds

            """)
        #expect(run.errors == "warning: \(cohort): \(noWardLineWarning)\n")
    }

    /// With the ward's line (under either name) there is no warning; a JSON cohort is a cohort too; a cohort with a
    /// mistake is refused at its place, exit 1.
    @Test func cohortWithTheWardLineOrWithMistakes() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let ward = folder.appendingPathComponent("ward.yaml")
        try Data("site: {name: Test ward, contacts: {haematology-ward: \"020 444 55 55\"}}\npatients:\n  - {id: P-1, second-opinion: 2026-09-07}\n".utf8).write(to: ward)
        let older = folder.appendingPathComponent("older.json")
        try Data(#"{"site": {"name": "Test ward", "contacts": {"haematology": "020 444 55 55"}}, "patients": []}"#.utf8).write(to: older)
        let run = try AhsctRun(["protocol", "check", ward.path, older.path])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.errors.isEmpty)
        #expect(run.output == """
            \(ward.path): cohort of Test ward, 1 patient; protocol amsterdam-umc, 11 steps, resources: outpatient-clinic, daycare-chairs, apheresis-machines, isolation-beds
            \(older.path): cohort of Test ward, 0 patients; protocol amsterdam-umc, 11 steps, resources: outpatient-clinic, daycare-chairs, apheresis-machines, isolation-beds

            """)
        // A booked time in the clock-change hour: line 3, column 56 is the value's opening quote.
        let broken = folder.appendingPathComponent("broken.yaml")
        try Data("site: {name: Test ward}\npatients:\n  - {id: P-1, second-opinion: {date: 2026-10-25, time: \"02:30\"}}\n".utf8).write(to: broken)
        let refused = try AhsctRun(["protocol", "check", broken.path])
        #expect(refused.status == 1)
        #expect(refused.output.isEmpty)
        #expect(refused.errors.hasPrefix("\(broken.path):3:56: error: '02:30' touches 02:00–03:00"), "\(refused.errors)")
        #expect(refused.errors.hasSuffix("[invalid_value]\n"))
    }

    /// A copy with the admission window turned around (earliest H+60 after latest H+56) and a step counted from
    /// its own end: both refused at their lines.
    @Test func brokenCopyIsRefusedWithLines() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try String(contentsOf: repositoryRoot.appendingPathComponent("calendars/protocols/amsterdam-umc.yaml"), encoding: .utf8)
        let inverted = original.replacingOccurrences(of: "earliest: {after: apheresis.end, days: 21}\n    expected: {after: apheresis.end, days: 21}\n    latest:   {after: apheresis.end, days: 56}",
                                                     with: "earliest: {after: apheresis.end, days: 60}\n    expected: {after: apheresis.end, days: 60}\n    latest:   {after: apheresis.end, days: 56}")
        #expect(inverted != original)
        let file = folder.appendingPathComponent("inverted.yaml")
        try Data(inverted.utf8).write(to: file)
        let run = try AhsctRun(["protocol", "check", file.path])
        #expect(run.status == 1)
        let line = inverted.components(separatedBy: "\n").firstIndex { $0.contains("days: 60}") }! + 1
        // The problem points at the earliest bound's value, column 15 (`    earliest: {` is 14 characters).
        #expect(run.errors.hasPrefix("\(file.path):\(line):15: error: the window's earliest (open≥(apheresis.end+60)) is after its latest (open≤(apheresis.end+56)) [window_inverted]"), "\(run.errors)")

        let cyclic = original.replacingOccurrences(of: "end: {lasts: 5}", with: "end: {until: reinfusion}")
        let cycleFile = folder.appendingPathComponent("cycle.yaml")
        try Data(cyclic.utf8).write(to: cycleFile)
        let cycle = try AhsctRun(["protocol", "check", cycleFile.path])
        #expect(cycle.status == 1)
        #expect(cycle.errors.contains("[dependency_cycle]"), "\(cycle.errors)")
        #expect(cycle.errors.contains("depends on itself"))
    }
}
