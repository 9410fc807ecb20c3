import Foundation
import Testing
import TestSupport

/// Runs the built `ahsct` binary (it sits beside the test bundle in the build folder).
struct AhsctRun {
    let status: Int32
    let output: String
    let errors: String

    static let binary: URL = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // `swift test` may run a helper from inside the .xctest bundle; walk up to the build folder.
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("ahsct").path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("ahsct")
    }()

    /// Runs `ahsct arguments…`; `input`, when given, is its standard input (a pipe, not a terminal).
    init(_ arguments: [String], input: String? = nil) throws {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let inPipe = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        try process.run()
        if let input {
            inPipe.fileHandleForWriting.write(Data(input.utf8))
            try inPipe.fileHandleForWriting.close()
        }
        // Both pipes are drained at once: reading one to its end first would hang once the other fills its
        // buffer (64 kB), with the child blocked on a write nobody reads.
        nonisolated(unsafe) var errData = Data()
        let finished = DispatchSemaphore(value: 0)
        let errHandle = err.fileHandleForReading
        Thread {
            errData = errHandle.readDataToEndOfFile()
            finished.signal()
        }.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        finished.wait()
        process.waitUntilExit()
        status = process.terminationStatus
        output = String(decoding: outData, as: UTF8.self)
        errors = String(decoding: errData, as: UTF8.self)
    }
}

let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ahsct-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite struct IcsCommandTests {
    /// `ahsct ics sample` with a fixed --now writes the golden file byte for byte, twice.
    @Test func sampleIsGoldenAndDeterministic() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("a.ics"), second = folder.appendingPathComponent("b.ics")
        #expect(try AhsctRun(["ics", "sample", "--out", first.path, "--now", "2026-11-22"]).status == 0)
        #expect(try AhsctRun(["ics", "sample", "--out", second.path, "--now", "2026-11-22"]).status == 0)
        let bytes = try Data(contentsOf: first)
        #expect(bytes == (try Data(contentsOf: second)))
        #expect(bytes == (try Data(contentsOf: snapshots.appendingPathComponent("sample.ics"))))
        // Owner-only permissions, and no temporary file left behind.
        let attributes = try FileManager.default.attributesOfItem(atPath: first.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.ics", "b.ics"])
    }

    @Test func checkSummarisesACleanFile() throws {
        let run = try AhsctRun(["ics", "check", snapshots.appendingPathComponent("sample.ics").path])
        #expect(run.status == 0)
        // 6 events, two with RRULE; the first starts 14 September 2026, the recovery span’s last day is 14 May 2027 (DTEND 15 May is exclusive).
        #expect(run.output.hasSuffix("sample.ics: 6 events (2 recurring), 2026-09-14 – 2027-05-14, zones: Europe/Amsterdam\n"))
        #expect(run.errors.isEmpty)
    }

    @Test func checkReportsLocatedErrorsAndFails() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("bad.ics")
        try Data("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20230230\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8).write(to: bad)
        let good = snapshots.appendingPathComponent("sample.ics").path
        let run = try AhsctRun(["ics", "check", good, bad.path])
        #expect(run.status == 1)
        #expect(run.output.contains("sample.ics: 6 events"))
        #expect(run.errors == "\(bad.path):6:15: error: day 30 does not exist in February 2023 [invalid_date]\n")
        let missing = try AhsctRun(["ics", "check", folder.appendingPathComponent("nope.ics").path])
        #expect(missing.status == 1)
        #expect(missing.errors.contains("nope.ics:1:1: error: no such file [unreadable_file]"))
    }

    @Test func occurrencesExpandTheSeries() throws {
        let run = try AhsctRun(["ics", "occurrences", snapshots.appendingPathComponent("sample.ics").path,
                                "--from", "2026-10-23", "--to", "2026-10-26", "--format", "json"])
        #expect(run.status == 0)
        // Friday 23 October (summer time, UTC+2) and Monday 26 October (winter time, UTC+1), both 08:30 local.
        #expect(run.output.contains("\"start\":\"2026-10-23T08:30:00\""))
        #expect(run.output.contains("\"utcStart\":\"2026-10-23T06:30:00Z\""))
        #expect(run.output.contains("\"utcStart\":\"2026-10-26T07:30:00Z\""))
        // The admission span (19–23 October) starts before the range: not listed.
        #expect(!run.output.contains("Opname"))
    }

    /// 2027: Easter 28 March → Easter Monday 29 March, Ascension 6 May, Whit Monday 17 May; 27 April is a Tuesday.
    @Test func holidaysOfAYear() throws {
        let run = try AhsctRun(["holidays", "--from-year", "2027"])
        #expect(run.status == 0)
        #expect(run.output.split(separator: "\n").map { String($0.prefix(10)) }
                == ["2027-01-01", "2027-03-29", "2027-04-27", "2027-05-06", "2027-05-17", "2027-12-25", "2027-12-26"])
        #expect(try AhsctRun(["holidays", "--from-year", "1850"]).status == 64)
    }

    @Test func badArgumentsAreUsageErrors() throws {
        let run = try AhsctRun(["ics", "occurrences", "x.ics", "--from", "2026-02-30", "--to", "2026-03-01"])
        #expect(run.status == 64)
        #expect(run.errors.contains("'2026-02-30' is not a date"))
        let unwritable = try AhsctRun(["ics", "sample", "--out", "/nonexistent-folder/x.ics", "--now", "2026-11-22"])
        // Not a usage error: the folder is missing, so the write fails (exit 1) with what went wrong.
        #expect(unwritable.status == 1)
        #expect(unwritable.errors.contains("cannot write /nonexistent-folder/x.ics: folder /nonexistent-folder does not exist"))
        #expect(!unwritable.errors.contains("Usage:"))
    }
}

/// Compares with this target's golden file `name` (TestSupport's one recording helper).
func expectGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try expectGolden(text, at: snapshots.appendingPathComponent(name), sourceLocation: sourceLocation)
}

@Suite struct RunnerTests {
    /// More than 64 kB on standard error while standard output stays open must not hang the runner: 3,000 located
    /// errors (a cohort with 3,000 patients missing their second opinion) are read in full.
    @Test func largeStandardErrorDoesNotHang() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cohort = folder.appendingPathComponent("big.yaml")
        var text = "site: {name: Test}\npatients:\n"
        for index in 0..<3000 { text += "  - {id: P-\(index)}\n" }
        try Data(text.utf8).write(to: cohort)
        let run = try AhsctRun(["plan", cohort.path])
        #expect(run.status == 1)
        #expect(run.errors.utf8.count > 65_536)
        #expect(run.errors.components(separatedBy: "[missing_key]").count - 1 == 3000)
    }
}
