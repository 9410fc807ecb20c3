import Crypto
@testable import Feeds
import Foundation
import ICalendar
import Interchange
import Testing
import TestSupport
import Calendrical

/// A two-patient cohort in a fresh folder, planned as of Sunday 22 November 2026 (the example's day).
/// P-0001 has everything up to the harvest recorded and the admission booked for Monday 4 January 2027;
/// P-0002 has only had the second-opinion visit.
struct Fixture {
    static let cohort = twoPatientCohort
    static let now = Instant(utc: LocalDateTime(clamping: CalendarDate(clamping: 2026, 11, 22), hour: 0, minute: 0))

    let folder: String
    var cohortPath: String { "\(folder)/cohort.yaml" }
    var state: String { "\(folder)/.ahsct" }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("feeds-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: "\(folder)/.ahsct", withIntermediateDirectories: true)
        try write(Self.cohort)
    }

    func write(_ text: String) throws { try text.write(toFile: cohortPath, atomically: true, encoding: .utf8) }
    func edit(_ old: String, _ new: String) throws {
        let text = try String(contentsOfFile: cohortPath, encoding: .utf8)
        precondition(text.contains(old))
        try write(text.replacingOccurrences(of: old, with: new))
    }
}

extension FeedBody {
    var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// The VEVENT with `uid` suffix `kind-1` in an iCalendar text, as its lines.
func event(_ kind: String, in text: String) -> [String] {
    let lines = text.components(separatedBy: "\r\n")
    guard let uid = lines.firstIndex(where: { $0.hasPrefix("UID:") && $0.contains("-\(kind)@") }),
          let begin = lines[..<uid].lastIndex(of: "BEGIN:VEVENT"),
          let end = lines[uid...].firstIndex(of: "END:VEVENT") else { return [] }
    return Array(lines[begin...end])
}

@Suite struct FeedSecretTests {
    @Test func generatedSecretsAreLongRandomAndURLSafe() {
        let secrets = (0..<200).map { _ in FeedSecret.generate().text }
        // 32 bytes in base64url without padding: ⌈32 × 8 / 6⌉ = 43 characters.
        #expect(secrets.allSatisfy { $0.count == 43 })
        #expect(secrets.allSatisfy { FeedSecret(text: $0) != nil })
        #expect(Set(secrets).count == 200)
        // Every character of the alphabet position 0–63 is equally likely: over 200 × 43 characters, at least 60 of
        // the 64 symbols appear (a stuck or biased source would show far fewer).
        #expect(Set(secrets.joined()).count >= 60)
    }

    @Test func onlyExactBase64URLSecretsAreAccepted() {
        #expect(FeedSecret(text: String(repeating: "A", count: 43)) != nil)
        #expect(FeedSecret(text: String(repeating: "A", count: 42)) == nil)
        #expect(FeedSecret(text: String(repeating: "A", count: 44)) == nil)
        #expect(FeedSecret(text: "../../etc/passwd" + String(repeating: "A", count: 27)) == nil)
        #expect(FeedSecret(text: "%2e%2e" + String(repeating: "A", count: 37)) == nil)
        #expect(FeedSecret(text: "+/" + String(repeating: "A", count: 41)) == nil)   // plain base64, not base64url
    }

    @Test func digestIsSHA256OfTheText() throws {
        // Worked out with coreutils: printf '%043d' 0 | tr 0 A | sha256sum
        let secret = try #require(FeedSecret(text: String(repeating: "A", count: 43)))
        #expect(secret.digest.hex == "0f007385b6f9d4b7eeb2748605afe1a984a0a3bfa3f014d09e2a784ce9e5cd1a")
        #expect(FeedDigest(hex: secret.digest.hex) == secret.digest)
        #expect(FeedDigest(hex: "xyz") == nil)
    }

    @Test func base64URLFollowsRFC4648() {
        // RFC 4648 §10's test vectors (padding dropped), and §5's two URL-safe symbols: 0xfb 0xff is "+/8=" in
        // plain base64 and "-_8" in base64url.
        let vectors = ["": "", "f": "Zg", "fo": "Zm8", "foo": "Zm9v", "foob": "Zm9vYg", "fooba": "Zm9vYmE", "foobar": "Zm9vYmFy"]
        for (input, output) in vectors { #expect(Base64URL.encode(Array(input.utf8)) == output) }
        #expect(Base64URL.encode([0xfb, 0xff]) == "-_8")
    }

    @Test func digestsCompareWholly() throws {
        let one = try #require(FeedSecret(text: String(repeating: "A", count: 43))).digest
        let two = try #require(FeedSecret(text: String(repeating: "A", count: 42) + "B")).digest
        #expect(one.matches(one))
        #expect(!one.matches(two))
        var first = one.bytes; first[0] ^= 1
        var last = one.bytes; last[31] ^= 0x80
        let firstFlipped = try #require(FeedDigest(hex: Self.hex(first)))
        let lastFlipped = try #require(FeedDigest(hex: Self.hex(last)))
        #expect(!one.matches(firstFlipped))
        #expect(!one.matches(lastFlipped))
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}

@Suite struct FeedRegistryTests {
    @Test func issuingLooksUpRotatesAndRevokes() {
        var registry = FeedRegistry()
        let first = registry.issue(.patient("P-0001"), now: Fixture.now)
        let ward = registry.issue(.ward, now: Fixture.now)
        #expect(registry.lookup(first)?.subject == .patient("P-0001"))
        #expect(registry.lookup(ward)?.subject == .ward)
        // Issuing again is rotation: the old secret is unknown from then on, the subject keeps one entry.
        let second = registry.issue(.patient("P-0001"), now: Fixture.now)
        #expect(registry.lookup(first) == nil)
        #expect(registry.lookup(second)?.subject == .patient("P-0001"))
        #expect(registry.entries.count == 2)
        let revoked = registry.revoke(.patient("P-0001"), now: Fixture.now)
        #expect(revoked)
        #expect(registry.lookup(second)?.revoked == "2026-11-22T00:00:00Z")
        #expect(registry.lookup(second)?.reason == .revoked)
        let again = registry.revoke(.patient("P-0001"), now: Fixture.now)
        let never = registry.revoke(.staff("day-care"), now: Fixture.now)
        #expect(!again)   // once only
        #expect(!never)   // never issued
        // Issuing after a revocation opens a new feed.
        let third = registry.issue(.patient("P-0001"), now: Fixture.now)
        #expect(registry.lookup(third)?.revoked == nil)
    }

    @Test func theFileKeepsHashesOnlyOwnerReadable() throws {
        let fixture = try Fixture()
        let path = FeedRegistry.path(state: fixture.state, cohort: fixture.cohortPath)
        #expect(path.hasSuffix(".ahsct/cohort.yaml.feeds.json"))
        let secret = try FeedRegistry.modify(at: path) { registry throws(FeedRegistry.Failure) in
            registry.issue(.staff("apheresis-unit"), now: Fixture.now)
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains(secret.text))
        #expect(text.contains(secret.digest.hex))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let loaded = try FeedRegistry.load(from: path)
        #expect(loaded.lookup(secret)?.subject == .staff("apheresis-unit"))
    }

    @Test func concurrentWritersLoseNothing() async throws {
        let fixture = try Fixture()
        let path = FeedRegistry.path(state: fixture.state, cohort: fixture.cohortPath)
        let secrets = try await withThrowingTaskGroup(of: (Int, FeedSecret).self) { group in
            for number in 1...16 {
                group.addTask {
                    let secret = try FeedRegistry.modify(at: path) { registry throws(FeedRegistry.Failure) in
                        registry.issue(.patient(String(format: "P-%04d", number)), now: Fixture.now)
                    }
                    return (number, secret)
                }
            }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        let loaded = try FeedRegistry.load(from: path)
        #expect(loaded.entries.count == 16)
        for (number, secret) in secrets { #expect(loaded.lookup(secret)?.subject == .patient(String(format: "P-%04d", number))) }
    }

    @Test func aDamagedFileIsRefusedWithItsName() throws {
        let fixture = try Fixture()
        let path = FeedRegistry.path(state: fixture.state, cohort: fixture.cohortPath)
        try "{\"version\": 1, \"feeds\": [{\"kind\": \"ward\", \"id\": \"x\", \"sha256\": \"00\", \"issued\": \"\"}]}"
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: FeedRegistry.Failure.self) { try FeedRegistry.load(from: path) }
        do {
            _ = try FeedRegistry.load(from: path)
        } catch {
            #expect(error.description.hasPrefix(path))
        }
        try "{\"version\": 2, \"feeds\": []}".write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try FeedRegistry.load(from: path)
            Issue.record("a version-2 registry was read")
        } catch {
            #expect(error.description.contains("version 2"))
        }
    }
}

@Suite struct FeedPublisherTests {
    @Test func feedsAreTheServedCalendarsPlusRefreshHints() throws {
        let fixture = try Fixture()
        let publisher = FeedPublisher(cohort: fixture.cohortPath, state: fixture.state, language: .nl)
        let snapshot = try publisher.publish(now: Fixture.now)
        #expect(Set(snapshot.calendars.keys) == ["patients/P-0001.ics", "patients/P-0002.ics", "ward.ics",
                                                  "staff/apheresis-unit.ics", "staff/day-care.ics", "staff/neurology.ics"])
        let body = try #require(snapshot.calendar(for: .patient("P-0001")))
        let served = try String(contentsOfFile: "\(publisher.servedFolder)/patients/P-0001.ics", encoding: .utf8)
        // The feed is the served file with exactly two more lines (RFC 7986 and the older X- form), one hour each.
        let extra = ["REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT1H"]
        #expect(body.text.components(separatedBy: "\r\n").filter { !extra.contains($0) } == served.components(separatedBy: "\r\n"))
        for line in extra { #expect(body.text.contains("\r\n\(line)\r\n")) }
        // Plain values for the server's validators: the SHA-256 of the bytes, and the served file's modification time.
        #expect(body.sha256.bytes == Array(SHA256.hash(data: body.bytes)))
        let attributes = try FileManager.default.attributesOfItem(atPath: "\(publisher.servedFolder)/patients/P-0001.ics")
        let modified = try #require(attributes[.modificationDate] as? Date)
        #expect(body.lastModified == Instant(secondsSince1970: Int64(modified.timeIntervalSince1970)))
        #expect(!body.departed)
        // Publishing again with nothing changed hands out the same bytes, validator and time.
        let again = try publisher.publish(now: Fixture.now)
        #expect(again.calendar(for: .patient("P-0001")) == body)
    }

    @Test func aMovedAdmissionRaisesSequenceOfWhatMoved() throws {
        let fixture = try Fixture()
        let publisher = FeedPublisher(cohort: fixture.cohortPath, state: fixture.state, language: .nl)
        let before = try #require(try publisher.publish(now: Fixture.now).calendar(for: .patient("P-0001")))
        // Admission recorded for Monday 11 January instead of Monday 4 January.
        try fixture.edit("conditioning: 2027-01-04", "conditioning: 2027-01-11")
        let after = try #require(try publisher.publish(now: Fixture.now).calendar(for: .patient("P-0001")))
        #expect(after.sha256 != before.sha256)
        let admission = event("admission-1", in: after.text)
        #expect(admission.contains("DTSTART;VALUE=DATE:20270111"))
        #expect(admission.contains("SEQUENCE:1"))
        // Conditioning runs Monday to Friday; the cells come back the next day: Saturday 16 January (was the 9th).
        #expect(event("reinfusion-1", in: after.text).contains("DTSTART;VALUE=DATE:20270116"))
        // Visits before the admission keep their bytes: SEQUENCE 0.
        #expect(event("second-opinion-1", in: after.text) == event("second-opinion-1", in: before.text))
    }

    @Test func aDepartedPatientGetsCancellationsUntilRetired() throws {
        let fixture = try Fixture()
        let publisher = FeedPublisher(cohort: fixture.cohortPath, state: fixture.state, language: .nl)
        _ = try publisher.publish(now: Fixture.now)
        try fixture.edit("  - {id: P-0002, language: en, second-opinion: 2026-11-16}\n", "")
        let gone = try #require(try publisher.publish(now: Fixture.now).calendar(for: .patient("P-0002")))
        #expect(gone.departed)
        let statuses = gone.text.components(separatedBy: "\r\n").filter { $0.hasPrefix("STATUS:") }
        #expect(!statuses.isEmpty && statuses.allSatisfy { $0 == "STATUS:CANCELLED" })
        // Not delivered yet: the next re-plan still serves the same cancellations.
        let still = try #require(try publisher.publish(now: Fixture.now).calendar(for: .patient("P-0002")))
        #expect(still.bytes == gone.bytes)
        publisher.retire("patients/P-0002.ics")
        #expect(try publisher.publish(now: Fixture.now).calendar(for: .patient("P-0002")) == nil)
    }

    @Test func aBadEditIsRefusedWithItsLocation() throws {
        let fixture = try Fixture()
        let publisher = FeedPublisher(cohort: fixture.cohortPath, state: fixture.state, language: .nl)
        try fixture.edit("conditioning: 2027-01-04", "conditioning: 2027-02-30")
        do {
            _ = try publisher.publish(now: Fixture.now)
            Issue.record("an impossible date was published")
        } catch {
            // Line 8 of the fixture is P-0001's entry; the value starts after 178 characters, so in column 179. The
            // message names the file, line, column and what was expected.
            #expect(error.problems == ["\(fixture.cohortPath):8:179: error: day 30 does not exist in February 2027; expected the conditioning date as a real date YYYY-MM-DD [invalid_date]"])
        }
    }

    @Test func theWardFeedIsWindowedToItsLimit() throws {
        let fixture = try Fixture()
        var publisher = FeedPublisher(cohort: fixture.cohortPath, state: fixture.state, language: .nl)
        let full = try #require(try publisher.publish(now: Fixture.now).calendar(for: .ward))
        publisher.feedLimit = full.bytes.count - 1
        let windowed = try #require(try publisher.publish(now: Fixture.now).calendar(for: .ward))
        #expect(windowed.bytes.count <= publisher.feedLimit)
        #expect(windowed.bytes.count < full.bytes.count)
        // The served ward file itself is whole: windowing is for the feed only.
        let served = try String(contentsOfFile: "\(publisher.servedFolder)/ward.ics", encoding: .utf8)
        #expect(served.components(separatedBy: "BEGIN:VEVENT").count == full.text.components(separatedBy: "BEGIN:VEVENT").count)
    }
}

/// Counts the calendars a publisher puts through libical.
final class WriteCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var names: [String] = []
    func add(_ name: String) { lock.withLock { names.append(name) } }
    var written: [String] { lock.withLock { names } }
}

extension FeedPublisher {
    /// From now on, counts the calendars this publisher puts through libical (by name).
    mutating func countingWrites() -> WriteCounter {
        let counter = WriteCounter()
        serialise = { writer, document throws(ICalendarWriteError) in
            counter.add(document.name ?? "?")
            return try writer.write(document)
        }
        return counter
    }
}

@Suite struct PublishOnceTests {
    /// Each calendar goes through libical once per publish: the feed is written, the served file is the same text
    /// without the two refresh lines. (Before, the served file and the feed were written separately: twice each.)
    @Test func eachCalendarIsWrittenOnce() throws {
        let fixture = try Fixture()
        var publisher = FeedPublisher(cohort: fixture.cohortPath, state: fixture.state, language: .nl)
        publisher.wardPastDays = 36_500   // the window cuts nothing from the ward
        let counter = publisher.countingWrites()
        let snapshot = try publisher.publish(now: Fixture.now)
        #expect(snapshot.calendars.count == 6)
        #expect(counter.written.count == 6)
        // Again with nothing changed: once each again, and nothing new on disk.
        _ = try publisher.publish(now: Fixture.now)
        #expect(counter.written.count == 12)
        // Every feed is its served file plus the refresh lines, byte for byte, where libical puts them.
        for (path, body) in snapshot.calendars {
            let served = try #require(FileManager.default.contents(atPath: "\(publisher.servedFolder)/\(path)"))
            let split = FeedPublisher.splitRefreshLines(body.bytes)
            #expect(split.served == Array(served), "\(path)")
            #expect(split.hints == Array("REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\nX-PUBLISHED-TTL:PT1H\r\n".utf8), "\(path)")
            #expect(FeedPublisher.addingRefreshLines(split.hints, to: Array(served)) == body.bytes, "\(path)")
        }
    }

    /// A departed patient's cancellations, once written, are served from their file (the refresh lines added):
    /// libical writes only the cohort's calendars; and a ward cut to its window is written a second time, the
    /// only calendar that is.
    @Test func departedFilesAreNotRewrittenAndOnlyACutWardTwice() throws {
        let fixture = try Fixture()
        var publisher = FeedPublisher(cohort: fixture.cohortPath, state: fixture.state, language: .nl)
        publisher.wardPastDays = 36_500
        _ = try publisher.publish(now: Fixture.now)
        try fixture.edit("  - {id: P-0002, language: en, second-opinion: 2026-11-16}\n", "")
        let first = try publisher.publish(now: Fixture.now)          // P-0002's cancellations written
        let counter = publisher.countingWrites()
        let second = try publisher.publish(now: Fixture.now)         // served from the file
        #expect(second.calendar(for: .patient("P-0002")) == first.calendar(for: .patient("P-0002")))
        #expect(second.calendars.count == 6 && counter.written.count == 5)
        // The ward cut to fit: its feed is written once more, window by window; nothing else is.
        let ward = try #require(second.calendar(for: .ward))
        publisher.feedLimit = ward.bytes.count - 1
        let before = counter.written.count
        let cut = try publisher.publish(now: Fixture.now)
        #expect(try #require(cut.calendar(for: .ward)).bytes.count <= publisher.feedLimit)
        let written = Array(counter.written[before...])
        let repeated = Dictionary(grouping: written) { $0 }.filter { $0.value.count > 1 }
        #expect(Set(written).count == 5)          // the five calendars of the cohort, each written
        #expect(repeated.count == 1)              // one of them more than once: the ward, window by window
    }
}

@Suite struct FeedAddressTests {
    static let secret = String(repeating: "A", count: 43)

    @Test func oneTypeSpellsEveryAddress() throws {
        let secret = try #require(FeedSecret(text: Self.secret))
        #expect(FeedAddress(.calendar, secret: secret).path == "/feeds/\(Self.secret).ics")
        #expect(FeedAddress(.page, secret: secret).path == "/feeds/\(Self.secret).html")
        #expect(FeedAddress(.report, secret: secret).path == "/report/\(Self.secret).html")
        #expect(FeedAddress(issuedFor: .patient("P-0001"), secret: secret).kind == .calendar)
        #expect(FeedAddress(issuedFor: .ward, secret: secret).kind == .calendar)
        #expect(FeedAddress(issuedFor: .staff("day-care"), secret: secret).kind == .calendar)
        #expect(FeedAddress(issuedFor: .report, secret: secret).kind == .report)
        #expect(FeedAddress(.page, secret: secret).with(.calendar).fileName == "\(Self.secret).ics")
        #expect(FeedAddress.Kind.allCases.map(\.template) == ["/feeds/{secret}.ics", "/feeds/{secret}.html", "/report/{secret}.html"])
        for kind in FeedAddress.Kind.allCases {
            let address = FeedAddress(kind, secret: secret)
            #expect(FeedAddress(path: address.path) == address)
            #expect(address.secret?.digest == secret.digest)
        }
    }

    @Test(arguments: [
        ("/feeds/x.ics", FeedAddress.Kind.calendar, "x"),
        ("/feeds/.ics", .calendar, ""),                        // the shape of an address; no secret (404, counted)
        ("/feeds/%2e%2e.html", .page, "%2e%2e"),                // kept as it stands: never a secret
        ("/report/y.html", .report, "y"),
    ])
    func pathsOfTheShape(path: String, kind: FeedAddress.Kind, text: String) throws {
        let address = try #require(FeedAddress(path: path))
        #expect(address.kind == kind && address.secretText == text)
        #expect(address.secret == nil)
    }

    @Test(arguments: ["/feeds/", "/feeds/a/b.ics", "/feeds/x.ics/y.html", "/feeds/x.txt", "/feeds/x", "/report/x.ics",
                      "/report/", "/feedsx.ics", "/", "", "/healthz", "/feeds.ics", "/FEEDS/x.ics"])
    func pathsOfNoAddress(path: String) {
        #expect(FeedAddress(path: path) == nil)
    }

    @Test func eachKindOpensItsSubjectsOnly() {
        let subjects: [FeedSubject] = [.patient("P-0001"), .ward, .staff("day-care"), .report]
        #expect(subjects.filter(FeedAddress.Kind.calendar.opens) == [.patient("P-0001"), .ward, .staff("day-care")])
        #expect(subjects.filter(FeedAddress.Kind.page.opens) == [.patient("P-0001")])
        #expect(subjects.filter(FeedAddress.Kind.report.opens) == [.report])
    }
}

@Suite struct ContentHashTests {
    /// FIPS 180-2, appendix B.1: SHA-256 of "abc".
    @Test func theStandardsFirstExample() {
        let hash = ContentHash(of: Array("abc".utf8))
        #expect(hash.hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hash.base64URL == "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0")
        #expect(hash != ContentHash(of: Array("abd".utf8)))
    }
}

@Suite struct FeedSubjectPathTests {
    @Test func calendarPathsReadBack() {
        for subject in [FeedSubject.patient("P-0001"), .ward, .staff("apheresis-unit")] {
            #expect(subject.calendarPath.flatMap(FeedSubject.init(calendarPath:)) == subject)
        }
        for path in ["patients/.ics", "staff/.ics", "report.ics", "ward", "patients/P-0001.ics.bak", ""] {
            #expect(FeedSubject(calendarPath: path) == nil, "\(path)")
        }
    }
}

/// A publish given the snapshot in service (as the server re-plans) against one from the served files alone (as
/// after a restart): the same bytes, with less work.
@Suite struct PublishFromPreviousTests {
    /// Two folders with the same cohort, each published once: one re-plans from its snapshot, the other from files.
    struct Twins {
        let held: Fixture
        let files: Fixture
        var heldPublisher: FeedPublisher
        let filesPublisher: FeedPublisher

        init() throws {
            held = try Fixture()
            files = try Fixture()
            heldPublisher = FeedPublisher(cohort: held.cohortPath, state: held.state, language: .nl)
            heldPublisher.wardPastDays = 36_500   // the window cuts nothing from the ward: one write per calendar
            var files = FeedPublisher(cohort: self.files.cohortPath, state: self.files.state, language: .nl)
            files.wardPastDays = 36_500
            filesPublisher = files
        }

        func edit(_ old: String, _ new: String) throws {
            try held.edit(old, new)
            try files.edit(old, new)
        }

        /// Every feed and every served file of the two, byte for byte.
        func expectSame(_ a: FeedSnapshot, _ b: FeedSnapshot) throws {
            #expect(Set(a.calendars.keys) == Set(b.calendars.keys))
            for (path, body) in a.calendars {
                #expect(body.bytes == b.calendars[path]?.bytes, "\(path)")
                let one = FileManager.default.contents(atPath: "\(heldPublisher.servedFolder)/\(path)")
                let other = FileManager.default.contents(atPath: "\(filesPublisher.servedFolder)/\(path)")
                #expect(one != nil && one == other, "\(path)")
            }
        }
    }

    @Test func oneChangedPatientIsTheOnlyPatientRebuilt() throws {
        var twins = try Twins()
        let counter = twins.heldPublisher.countingWrites()
        let first = try twins.heldPublisher.publish(now: Fixture.now)
        _ = try twins.filesPublisher.publish(now: Fixture.now)
        #expect(counter.written.count == 6)
        // P-0001's admission recorded for Monday 11 January instead of Monday 4 January: their calendar, the ward's
        // and the three staff calendars change; P-0002's does not.
        try twins.edit("conditioning: 2027-01-04", "conditioning: 2027-01-11")
        let second = try twins.heldPublisher.publish(now: Fixture.now, previous: first)
        let fromFiles = try twins.filesPublisher.publish(now: Fixture.now)
        try twins.expectSame(second, fromFiles)
        #expect(counter.written.count == 6 + 5)
        #expect(!counter.written[6...].contains { $0.contains("P-0002") || $0 == first.patients["P-0002"]?.record.name })
        #expect(second.calendar(for: .patient("P-0002")) == first.calendar(for: .patient("P-0002")))
        #expect(second.calendar(for: .patient("P-0001")) != first.calendar(for: .patient("P-0001")))
        #expect(event("admission-1", in: try #require(second.calendar(for: .patient("P-0001"))).text).contains("SEQUENCE:1"))
        // Nothing changed: nothing is written through libical but the ward's and staff's four.
        let third = try twins.heldPublisher.publish(now: Fixture.now, previous: second)
        #expect(counter.written.count == 6 + 5 + 4)
        try twins.expectSame(third, try twins.filesPublisher.publish(now: Fixture.now))
    }

    /// A cancellation is sent once: the publish after the one that cancelled drops it, kept snapshot or not.
    @Test func cancellationsAreDroppedOnTheNextPublishAsFromFiles() throws {
        let twins = try Twins()
        let first = try twins.heldPublisher.publish(now: Fixture.now)
        _ = try twins.filesPublisher.publish(now: Fixture.now)
        // P-0002 declined by the committee on Friday 20 November: the steps after the answer leave their calendar.
        try twins.edit("second-opinion: 2026-11-16}", "second-opinion: 2026-11-16, committee-answer: {date: 2026-11-20, outcome: declined}}")
        let second = try twins.heldPublisher.publish(now: Fixture.now, previous: first)
        try twins.expectSame(second, try twins.filesPublisher.publish(now: Fixture.now))
        let cancelled = try #require(second.calendar(for: .patient("P-0002")))
        #expect(cancelled.text.contains("STATUS:CANCELLED"))
        // Then only P-0001 changes; P-0002's calendar is merged again all the same, and its cancellations go.
        try twins.edit("conditioning: 2027-01-04", "conditioning: 2027-01-11")
        let third = try twins.heldPublisher.publish(now: Fixture.now, previous: second)
        try twins.expectSame(third, try twins.filesPublisher.publish(now: Fixture.now))
        let after = try #require(third.calendar(for: .patient("P-0002")))
        #expect(!after.text.contains("STATUS:CANCELLED") && after.bytes != cancelled.bytes)
        // From then on it is settled: kept as it is.
        try twins.edit("conditioning: 2027-01-11", "conditioning: 2027-01-18")
        let fourth = try twins.heldPublisher.publish(now: Fixture.now, previous: third)
        #expect(fourth.calendar(for: .patient("P-0002")) == after)
    }

    /// The next day every patient's calendar is made again (their texts say what is past and what is next).
    @Test func aNewDayRebuildsEveryCalendar() throws {
        var twins = try Twins()
        let counter = twins.heldPublisher.countingWrites()
        let first = try twins.heldPublisher.publish(now: Fixture.now)
        _ = try twins.heldPublisher.publish(now: Instant(secondsSince1970: Fixture.now.secondsSince1970 + 86_400),
                                            previous: first)
        #expect(counter.written.count == 12)
    }

    @Test func eventSizesAreTheVEventBlocks() throws {
        let fixture = try Fixture()
        let publisher = FeedPublisher(cohort: fixture.cohortPath, state: fixture.state, language: .nl)
        let ward = try #require(try publisher.publish(now: Fixture.now).calendar(for: .ward))
        let sizes = try #require(FeedPublisher.eventSizes(ward.bytes))
        let blocks = ward.text.components(separatedBy: "BEGIN:VEVENT\r\n").dropFirst()
        #expect(sizes.count == blocks.count && sizes.count > 5)
        // Each block runs from its BEGIN:VEVENT line to its END:VEVENT line, both included.
        let last = try #require(blocks.last?.components(separatedBy: "END:VEVENT\r\n").first)
        #expect(sizes.last == "BEGIN:VEVENT\r\n".utf8.count + last.utf8.count + "END:VEVENT\r\n".utf8.count)
        #expect(FeedPublisher.eventSizes(Array("BEGIN:VEVENT\r\nUID:x\r\n".utf8)) == nil)
    }
}
