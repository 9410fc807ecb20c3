import Calendrical
import Foundation
import Testing

/// A date written in a test: `day(2027, 1, 4)` is Monday 4 January 2027. Only for dates that exist (it clamps
/// nothing: a typo such as `day(2027, 2, 30)` stops the test at once).
public func day(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
    guard let date = CalendarDate(year: year, month: month, day: day) else {
        preconditionFailure("\(year)-\(month)-\(day) is not a date")
    }
    return date
}

/// Compares `bytes` with the golden file at `url`, byte for byte. With `AHSCT_RECORD_SNAPSHOTS=1` the golden file
/// is rewritten instead and the test fails, so a recording run is never silently green.
public func expectGolden(_ bytes: Data, at url: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
    if ProcessInfo.processInfo.environment["AHSCT_RECORD_SNAPSHOTS"] == "1" {
        try bytes.write(to: url)
        Issue.record("recorded \(url.lastPathComponent); run again without AHSCT_RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
        return
    }
    let expected = try Data(contentsOf: url)
    #expect(bytes == expected, "\(url.lastPathComponent) differs from the golden file", sourceLocation: sourceLocation)
}

/// ``expectGolden(_:at:sourceLocation:)`` for text (compared as UTF-8 bytes).
public func expectGolden(_ text: String, at url: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try expectGolden(Data(text.utf8), at: url, sourceLocation: sourceLocation)
}
