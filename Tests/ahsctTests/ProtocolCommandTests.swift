import Foundation
import Testing

@Suite struct ProtocolCommandTests {
    @Test func shippedProtocolFileIsUsable() throws {
        let file = repositoryRoot.appendingPathComponent("calendars/protocols/amsterdam-umc.yaml").path
        let run = try AhsctRun(["protocol", "check", file])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output == "\(file): protocol amsterdam-umc, 11 steps, resources: outpatient-clinic, daycare-chairs, apheresis-machines, isolation-beds\n")
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
