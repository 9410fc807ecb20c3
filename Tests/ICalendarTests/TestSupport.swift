import Foundation
import ICalendar
import Testing
import TestSupport

/// Where this test target's fixtures and golden files live in the source tree.
enum TestPaths {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = folder.appendingPathComponent("Fixtures")
    static let snapshots = folder.appendingPathComponent("Snapshots")
}

/// Compares text with this target's golden file `name` (TestSupport's one recording helper).
func assertMatchesSnapshot(_ text: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    try expectGolden(text, at: TestPaths.snapshots.appendingPathComponent(name), sourceLocation: sourceLocation)
}

/// Shorthands for test values.
func local(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int) -> LocalDateTime {
    LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute)!
}
func amsterdam(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int) -> EventTime {
    .zoned(local(year, month, day, hour, minute), timeZone: "Europe/Amsterdam")
}
let fixedNow = Instant(utc: LocalDateTime(year: 2026, month: 11, day: 22, hour: 9, minute: 15)!)

/// Reads text that must be valid, failing the test with the diagnostics otherwise.
func readValid(_ text: String, file: String = "test.ics") throws -> CalendarDocument {
    try CalendarReader().read(bytes: Array(text.utf8), file: file)
}

/// The diagnostics of text that must be invalid, as `LINE:COL code` strings.
func diagnostics(of bytes: [UInt8], file: String = "bad.ics") -> [String] {
    do {
        _ = try CalendarReader().read(bytes: bytes, file: file)
        return []
    } catch {
        return error.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.code.rawValue)" }
    }
}
