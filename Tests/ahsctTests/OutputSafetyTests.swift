import Foundation
import ICalendar
import Testing

/// Nothing lost, nothing half-written: one writer per output folder, every file whole even when a run is killed,
/// patient files readable by their owner only.
@Suite struct OutputSafetyTests {
    /// A cohort large enough that writing its calendars takes a while: 400 patients, second opinions on weekdays
    /// (`shift` weeks later for a changed cohort).
    static func bigCohort(in folder: URL, shift: Int = 0, name: String = "big.yaml") throws -> String {
        var text = "site: {name: Test}\npatients:\n"
        var day = 7 * shift
        for index in 0..<400 {
            while [5, 6].contains((day + 3) % 7) { day += 1 }  // 2026-01-01 is a Thursday: skip Sat and Sun
            let date = try #require(Calendar(identifier: .gregorian).date(byAdding: .day, value: day, to: Date(timeIntervalSince1970: 1_767_225_600)))
            let parts = try Calendar(identifier: .gregorian).dateComponents(in: #require(TimeZone(identifier: "UTC")), from: date)
            let (y, m, d) = try (#require(parts.year), #require(parts.month), #require(parts.day))
            text += "  - {id: K-\(index), second-opinion: \(y)-\(String(format: "%02d", m))-\(String(format: "%02d", d))}\n"
            if index % 2 == 1 { day += 1 }
        }
        let path = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Another process holds the folder's lock: the run refuses at once, says why, and writes nothing.
    @Test func secondWriterIsRefused() throws {
        let folder = try temporaryFolder()
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let lock = open(out.appendingPathComponent(".ahsct.lock").path, O_CREAT | O_RDWR, 0o600)
        #expect(flock(lock, LOCK_EX | LOCK_NB) == 0)
        defer { close(lock) }
        let cohort = repositoryRoot.appendingPathComponent("calendars/cohort.yaml").path
        let run = try AhsctRun(["calendars", cohort, "--out", out.path, "--now", "2026-11-22"])
        #expect(run.status == 1)
        #expect(run.errors.contains("another ahsct run is writing into"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("ward.ics").path))
    }

    /// Runs killed with SIGKILL at several moments: every calendar left in the folder is whole and is either the
    /// previous run's or the new run's, byte for byte; the next run cleans up and succeeds.
    @Test func killedRunLeavesWholeFiles() throws {
        let folder = try temporaryFolder()
        let cohort = try Self.bigCohort(in: folder)
        let changed = try Self.bigCohort(in: folder, shift: 1, name: "changed.yaml")
        let out = folder.appendingPathComponent("out")
        let first = try AhsctRun(["calendars", cohort, "--out", out.path, "--now", "2026-11-22"])
        #expect(first.status == 0, "\(first.errors)")
        let names = try FileManager.default.subpathsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".ics") }
        let old = try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: out.appendingPathComponent($0))) })
        // The new versions: a whole run from the same old state, into a copy.
        let copy = folder.appendingPathComponent("copy")
        try FileManager.default.copyItem(at: out, to: copy)
        #expect(try AhsctRun(["calendars", changed, "--out", copy.path, "--now", "2026-12-22"]).status == 0)
        let new = try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: copy.appendingPathComponent($0))) })
        #expect(old != new)
        for delay in [0.05, 0.2, 0.4] {
            let process = Process()
            process.executableURL = AhsctRun.binary
            process.arguments = ["calendars", changed, "--out", out.path, "--now", "2026-12-22"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            for name in names {
                let data = try Data(contentsOf: out.appendingPathComponent(name))
                #expect(data == old[name] || data == new[name], "\(name) is neither the old nor the new file after a kill at \(delay) s")
            }
            // Put the old state back for the next kill.
            for (name, data) in old { try data.write(to: out.appendingPathComponent(name)) }
        }
        let after = try AhsctRun(["calendars", changed, "--out", out.path, "--now", "2026-12-22"])
        #expect(after.status == 0)
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    /// Files holding patient data are created readable and writable by their owner only.
    @Test func patientFilesAreOwnerOnly() throws {
        let folder = try temporaryFolder()
        let cohort = repositoryRoot.appendingPathComponent("calendars/cohort.yaml").path
        let out = folder.appendingPathComponent("out")
        #expect(try AhsctRun(["calendars", cohort, "--out", out.path, "--now", "2026-11-22"]).status == 0)
        let report = folder.appendingPathComponent("report.html").path
        #expect(try AhsctRun(["report", cohort, "--patient", "P-0001", "--out", report, "--now", "2026-11-22"]).status == 0)
        for path in [out.appendingPathComponent("patients/P-0001.ics").path, out.appendingPathComponent("ward.ics").path, report] {
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(path) has mode \(String(mode ?? 0, radix: 8))")
        }
    }

    /// Inputs that are not what they should be: a 100 MB file (sparse, so the test writes nothing), a folder where
    /// the cohort belongs, and an --out that is a file. Each: exit 1, one located or plain error, nothing written.
    @Test func wrongKindsOfInputAndOutput() throws {
        let folder = try temporaryFolder()
        let huge = folder.appendingPathComponent("huge.yaml")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: nil))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 100 * 1_048_576)
        try handle.close()
        let big = try AhsctRun(["plan", huge.path, "--now", "2026-11-22"])
        #expect(big.status == 1)
        #expect(big.errors.contains("huge.yaml:1:1: error: is 100 MB; expected a file of at most 50 MB [unreadable_file]"))
        let directory = try AhsctRun(["plan", folder.path, "--now", "2026-11-22"])
        #expect(directory.status == 1)
        #expect(directory.errors.contains(":1:1: error: is a directory; expected a file [unreadable_file]"))
        let file = folder.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: file)
        let cohort = repositoryRoot.appendingPathComponent("calendars/cohort.yaml").path
        let out = try AhsctRun(["calendars", cohort, "--out", file.path, "--now", "2026-11-22"])
        #expect(out.status == 1)
        #expect(out.errors.contains("is a file; expected a folder"))
        #expect(try Data(contentsOf: file) == Data("x".utf8))
    }

    /// A broken calendar where an earlier run wrote one (a truncated ward.ics): located errors, exit 1, and every
    /// file in the folder as it was (nothing is written when one old file cannot be read).
    @Test func brokenEarlierCalendarStopsTheRun() throws {
        let folder = try temporaryFolder()
        let cohort = repositoryRoot.appendingPathComponent("calendars/cohort.yaml").path
        let out = folder.appendingPathComponent("out")
        #expect(try AhsctRun(["calendars", cohort, "--out", out.path, "--now", "2026-11-22"]).status == 0)
        let ward = out.appendingPathComponent("ward.ics")
        let whole = try Data(contentsOf: ward)
        try whole.prefix(whole.count / 2).write(to: ward)
        let patient = try Data(contentsOf: out.appendingPathComponent("patients/P-0001.ics"))
        let run = try AhsctRun(["calendars", cohort, "--out", out.path, "--now", "2026-12-22"])
        #expect(run.status == 1)
        #expect(run.errors.contains("\(ward.path):"))
        #expect(run.errors.contains("is there but is not a calendar this tool can update"))
        #expect(try Data(contentsOf: out.appendingPathComponent("patients/P-0001.ics")) == patient)
        #expect(try Data(contentsOf: ward) == whole.prefix(whole.count / 2))
    }
}
