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

/// A cohort of two patients for the feed and server tests, planned as of Sunday 22 November 2026: P-0001 has
/// everything up to the harvest recorded (second opinion 7 September, answer 1 October, evaluation 13 October, day 1
/// 5 November, apheresis 10 November) and the admission booked for Monday 4 January 2027; P-0002 (English) has only
/// had the second-opinion visit, on 16 November. Line 8 is P-0001's entry; its conditioning date starts in column 179.
public let twoPatientCohort = """
    site:
      name: Testziekenhuis
      timezone: Europe/Amsterdam
      holidays: NL
      resources: {isolation-beds: 2, apheresis-machines: 1, daycare-chairs: 2}
    protocol: amsterdam-umc
    patients:
      - {id: P-0001, language: nl, second-opinion: 2026-09-07, committee-answer: 2026-10-01, evaluation: 2026-10-13, mobilisation: 2026-11-05, apheresis: [2026-11-10], conditioning: 2027-01-04}
      - {id: P-0002, language: en, second-opinion: 2026-11-16}

    """

/// One bed; P-1 (a block entry with comments) and P-2 (a one-line flow entry) both harvested on Monday 14 December
/// 2026: the scheduler admits one on Monday 4 January 2027 and the other on Monday 1 February (see
/// CohortSchedulerTests.twoPatientsOneBed). Shared by the schedule command's tests and the cohort transaction's.
public let twoHarvestedCohort = """
    # a comment that must survive
    site: {name: Test, resources: {isolation-beds: 1}}
    patients:
      - id: P-1
        second-opinion: 2026-10-05
        committee-answer: 2026-10-26
        mobilisation: 2026-12-09   # recorded
        apheresis: [2026-12-14]

      - {id: P-2, second-opinion: 2026-10-05, committee-answer: 2026-10-26, mobilisation: 2026-12-09, apheresis: [2026-12-14]}

    """
