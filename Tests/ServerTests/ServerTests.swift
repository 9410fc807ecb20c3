import Feeds
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ICalendar
import Logging
import NIOCore
@testable import Server
import Testing
import TestSupport
import Calendrical

/// A clock the test moves by hand (seconds).
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0.0
    var seconds: Double {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}

/// Every log line, at every level, kept for inspection (no secret may ever appear in one).
final class LogCapture: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [String] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lock.withLock { kept.append("\(event.level) \(event.message) \(event.metadata ?? [:]) \(metadata)") }
    }

    var lines: [String] { lock.withLock { kept } }
}

/// A cohort (two patients, planned as of 22 November 2026), its feeds and a server over them, tested in process.
struct ServerFixture {
    static let cohort = twoPatientCohort
    static let now = Instant(utc: LocalDateTime(clamping: CalendarDate(clamping: 2026, 11, 22), hour: 0, minute: 0))

    let folder: String
    let capture = LogCapture()
    let access = AccessLog()
    let service: FeedService
    var cohortPath: String { "\(folder)/cohort.yaml" }
    var registryPath: String { FeedRegistry.path(state: "\(folder)/.ahsct", cohort: cohortPath) }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: "\(folder)/.ahsct", withIntermediateDirectories: true)
        try Self.cohort.write(toFile: "\(folder)/cohort.yaml", atomically: true, encoding: .utf8)
        let capture = capture
        service = FeedService(cohort: "\(folder)/cohort.yaml", state: "\(folder)/.ahsct", language: .nl, now: Self.now,
                              logger: Logger(label: "ahsct.serve") { _ in capture })
    }

    var logger: Logger {
        let capture = capture
        return Logger(label: "test") { _ in capture }
    }

    /// Issues a feed and returns its secret's text.
    func issue(_ subject: FeedSubject) throws -> String {
        let secret = try FeedRegistry.modify(at: registryPath) { registry throws(FeedRegistry.Failure) in
            registry.issue(subject, now: Self.now)
        }
        service.refresh()
        return secret.text
    }

    func revoke(_ subject: FeedSubject) throws {
        _ = try FeedRegistry.modify(at: registryPath) { registry throws(FeedRegistry.Failure) in
            registry.revoke(subject, now: Self.now)
        }
        service.refresh()
    }

    func edit(_ old: String, _ new: String) throws {
        let text = try String(contentsOfFile: cohortPath, encoding: .utf8)
        precondition(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(toFile: cohortPath, atomically: true, encoding: .utf8)
    }

    /// The server over this fixture; the rate limit's clock stands still, so no token comes back during a test.
    func app(burst: Int = 20, watch: Double = 60) -> some ApplicationProtocol {
        service.refresh(force: true)
        var options = FeedServer.Options()
        options.port = 0
        options.burst = burst
        options.limiterClock = { 0 }
        options.watchInterval = watch
        options.publicURL = "https://planner.example.nl"
        return FeedServer.application(service: service, options: options, accessLog: access, logger: logger) { _, _ in }
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    func header(_ name: String) -> String? { headers[HTTPField.Name(name)!] }
}

@Suite struct ServerRouteTests {
    @Test func aFeedAnswersWithValidatorsAndHonoursThem() async throws {
        let fixture = try ServerFixture()
        let secret = try fixture.issue(.patient("P-0001"))
        let served = try String(contentsOfFile: "\(fixture.folder)/.ahsct/cohort.yaml.served/patients/P-0001.ics", encoding: .utf8)
        try await fixture.app().test(.live) { client in
            let first = try await client.execute(uri: "/feeds/\(secret).ics", method: .get)
            #expect(first.status == .ok)
            #expect(first.header("Content-Type") == "text/calendar; charset=utf-8")
            #expect(first.header("Cache-Control") == "private, no-cache")
            #expect(first.header("Referrer-Policy") == "no-referrer")
            #expect(first.header("X-Robots-Tag") == "noindex")
            #expect(first.header("X-Content-Type-Options") == "nosniff")
            #expect(first.header("Content-Encoding") == nil)
            #expect(first.header("Content-Length") == "\(first.body.readableBytes)")
            // The calendar `ahsct calendars` writes, plus the two refresh lines.
            let lines = first.text.components(separatedBy: "\r\n")
            #expect(lines.filter { $0 != "REFRESH-INTERVAL;VALUE=DURATION:PT1H" && $0 != "X-PUBLISHED-TTL:PT1H" }
                    == served.components(separatedBy: "\r\n"))
            let etag = try #require(first.header("ETag"))
            let modified = try #require(first.header("Last-Modified"))
            #expect(etag.hasPrefix("\"") && etag.count == 45)
            #expect(HTTPDate.parse(modified) != nil)

            // HEAD: the same headers, no body.
            let head = try await client.execute(uri: "/feeds/\(secret).ics", method: .head)
            #expect(head.status == .ok && head.body.readableBytes == 0)
            #expect(head.header("ETag") == etag && head.header("Content-Length") == "\(first.body.readableBytes)")

            // If-None-Match with the tag (also in a list, also weak-compared): 304 without a body.
            for value in [etag, "\"other\", \(etag)", "W/\(etag)", "*"] {
                let again = try await client.execute(uri: "/feeds/\(secret).ics", method: .get,
                                                     headers: [.ifNoneMatch: value])
                #expect(again.status == .notModified, "If-None-Match: \(value)")
                #expect(again.body.readableBytes == 0 && again.header("ETag") == etag)
            }
            // If-Modified-Since: the same date or later → 304; one second earlier → 200.
            let seconds = try #require(HTTPDate.parse(modified))
            let same = try await client.execute(uri: "/feeds/\(secret).ics", method: .get, headers: [.ifModifiedSince: modified])
            #expect(same.status == .notModified)
            let earlier = try await client.execute(uri: "/feeds/\(secret).ics", method: .get,
                                                   headers: [.ifModifiedSince: HTTPDate.format(seconds - 1)])
            #expect(earlier.status == .ok)
            // A malformed date is ignored: 200, never 304.
            for garbage in ["yesterday", "Fri, 31 Feb 2026 10:00:00 GMT", "Fri, 27 Nov 2026 25:00:00 GMT", ""] {
                let answer = try await client.execute(uri: "/feeds/\(secret).ics", method: .get,
                                                      headers: [.ifModifiedSince: garbage])
                #expect(answer.status == .ok, "If-Modified-Since: \(garbage)")
            }
            // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2): a stale tag with a fresh date is 200.
            let mixed = try await client.execute(uri: "/feeds/\(secret).ics", method: .get,
                                                 headers: [.ifNoneMatch: "\"stale\"", .ifModifiedSince: modified])
            #expect(mixed.status == .ok)
            // No gzip, even when asked for (Outlook fails on it).
            let gzip = try await client.execute(uri: "/feeds/\(secret).ics", method: .get, headers: [.acceptEncoding: "gzip"])
            #expect(gzip.header("Content-Encoding") == nil && gzip.text == first.text)
        }
    }

    @Test func pagesReportAndHealth() async throws {
        let fixture = try ServerFixture()
        let patient = try fixture.issue(.patient("P-0002"))
        let report = try fixture.issue(.report)
        let ward = try fixture.issue(.ward)
        try await fixture.app().test(.live) { client in
            let page = try await client.execute(uri: "/feeds/\(patient).html", method: .get)
            #expect(page.status == .ok && page.header("Content-Type") == "text/html; charset=utf-8")
            #expect(page.header("Content-Security-Policy")?.contains("default-src 'none'") == true)
            // P-0002 reads English; the subscribe links point at the same secret's .ics, at the public address.
            #expect(page.text.contains("<html lang=\"en\">"))
            #expect(page.text.contains("href=\"webcal://planner.example.nl/feeds/\(patient).ics\""))
            #expect(page.text.contains("https://planner.example.nl/feeds/\(patient).ics"))
            let html = try await client.execute(uri: "/report/\(report).html", method: .get)
            #expect(html.status == .ok && html.text.hasPrefix("<!DOCTYPE html>"))
            #expect(!html.text.contains("P-0003"))
            #expect(html.text.contains("P-0001") && html.text.contains("P-0002"))
            let wardFeed = try await client.execute(uri: "/feeds/\(ward).ics", method: .get)
            #expect(wardFeed.status == .ok && wardFeed.text.contains("SUMMARY:P-0001: "))
            // Each secret opens its own kind of thing only.
            for uri in ["/feeds/\(report).ics", "/report/\(patient).html", "/feeds/\(ward).html", "/report/\(ward).html"] {
                let wrong = try await client.execute(uri: uri, method: .get)
                #expect(wrong.status == .notFound, "\(uri)")
            }
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok && health.header("Content-Type") == "application/json")
            let json = try JSONSerialization.jsonObject(with: Data(buffer: health.body)) as? [String: Any]
            #expect(json?["status"] as? String == "ok")
            #expect(json?["patients"] as? Int == 2)
            #expect(json?["feeds"] as? Int == 3)
            #expect(json?["plannedFor"] as? String == "2026-11-22T00:00:00Z")
            #expect((json?["errors"] as? [String])?.isEmpty == true)
        }
    }

    @Test func unknownRevokedRotatedAndStrangeRequests() async throws {
        let fixture = try ServerFixture()
        let old = try fixture.issue(.patient("P-0001"))
        let current = try fixture.issue(.patient("P-0001"))   // rotation
        let ward = try fixture.issue(.ward)
        try fixture.revoke(.ward)
        try await fixture.app().test(.live) { client in
            #expect(try await client.execute(uri: "/feeds/\(current).ics", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/feeds/\(old).ics", method: .get).status == .notFound)
            let gone = try await client.execute(uri: "/feeds/\(ward).ics", method: .get)
            #expect(gone.status == .gone)
            #expect(gone.header("Cache-Control") == "private, no-cache")
            for uri in ["/feeds/../../etc/passwd", "/feeds/..%2f..%2fetc%2fpasswd", "/feeds/%2e%2e/%2e%2e/etc/passwd",
                        "/feeds/%252e%252e%252fetc%252fpasswd.ics", "/feeds/\(current)", "/feeds/\(current).ics/x",
                        "/feeds/", "/", "/report/", "/feeds/\(current).txt", "/.ahsct/cohort.yaml.feeds.json"] {
                let answer = try await client.execute(uri: uri, method: .get)
                #expect(answer.status == .notFound, "\(uri)")
                #expect(!answer.text.contains("root:"), "\(uri)")
            }
            let post = try await client.execute(uri: "/feeds/\(current).ics", method: .post)
            #expect(post.status == .methodNotAllowed && post.header("Allow") == "GET, HEAD")
        }
    }

    @Test func wrongSecretsAreRateLimitedPerClient() async throws {
        let fixture = try ServerFixture()
        let secret = try fixture.issue(.patient("P-0001"))
        try await fixture.app(burst: 5).test(.live) { client in
            for number in 0..<5 {
                let wrong = String(repeating: "x", count: 40) + String(format: "%03d", number)
                #expect(try await client.execute(uri: "/feeds/\(wrong).ics", method: .get).status == .notFound)
            }
            let limited = try await client.execute(uri: "/feeds/\(String(repeating: "y", count: 43)).ics", method: .get)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.header("Retry-After") == "2")
            // Past the limit even a right secret is refused, so guessing gains nothing; /healthz still answers.
            #expect(try await client.execute(uri: "/feeds/\(secret).ics", method: .get).status == .tooManyRequests)
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
    }

    /// The bucket refills one token per 2 seconds on the limiter's own clock, here moved by hand: burst 2, so two
    /// wrong secrets get 404 and the third 429; 2 seconds later one more is allowed, then 429 again.
    @Test func theLimitRefillsOnItsClock() async throws {
        let fixture = try ServerFixture()
        let clock = ManualClock()
        fixture.service.refresh(force: true)
        var options = FeedServer.Options()
        options.port = 0
        options.burst = 2
        options.limiterClock = { clock.seconds }
        let app = FeedServer.application(service: fixture.service, options: options, accessLog: nil, logger: fixture.logger) { _, _ in }
        try await app.test(.live) { client in
            func wrong(_ number: Int) async throws -> HTTPResponse.Status {
                try await client.execute(uri: "/feeds/\(String(format: "%043d", number)).ics", method: .get).status
            }
            var statuses: [HTTPResponse.Status] = []
            for number in 1...3 { statuses.append(try await wrong(number)) }
            clock.seconds = 1.9
            statuses.append(try await wrong(4))
            clock.seconds = 2.0
            for number in 5...6 { statuses.append(try await wrong(number)) }
            #expect(statuses == [.notFound, .notFound, .tooManyRequests, .tooManyRequests, .notFound, .tooManyRequests])
        }
    }

    @Test func noSecretEverReachesTheLog() async throws {
        let fixture = try ServerFixture()
        let patient = try fixture.issue(.patient("P-0001"))
        let report = try fixture.issue(.report)
        let wrong = (0..<30).map { String(format: "%043d", $0) }
        try await fixture.app(burst: 10).test(.live) { client in
            _ = try await client.execute(uri: "/feeds/\(patient).ics", method: .get)
            _ = try await client.execute(uri: "/feeds/\(patient).html", method: .head)
            _ = try await client.execute(uri: "/report/\(report).html", method: .get)
            for secret in wrong { _ = try await client.execute(uri: "/feeds/\(secret).ics?x=\(secret)", method: .get) }
        }
        let access = fixture.access.lines
        let lines = fixture.capture.lines + access
        #expect(access.contains { $0.contains("GET /feeds/{secret}.ics 200") })
        #expect(lines.contains { $0.contains("HEAD /feeds/{secret}.html 200 0 B") })
        #expect(lines.contains { $0.contains("GET /report/{secret}.html 200") })
        #expect(lines.contains { $0.contains("GET /feeds/{secret}.ics 429") })
        for secret in [patient, report] + wrong {
            #expect(!lines.contains { $0.contains(secret) })
        }
        #expect(!lines.contains { $0.contains("/feeds/0") })
    }
}

@Suite struct ServerReloadTests {
    @Test func aMovedAdmissionIsServedAfterTheReload() async throws {
        let fixture = try ServerFixture()
        let secret = try fixture.issue(.patient("P-0001"))
        try await fixture.app(watch: 0.2).test(.live) { client in
            let before = try await client.execute(uri: "/feeds/\(secret).ics", method: .get)
            let etag = try #require(before.header("ETag"))
            try fixture.edit("conditioning: 2027-01-04", "conditioning: 2027-01-11")
            // The watcher looks every 0.2 s here (0.5 s in service): the change must be live within 2 s.
            var after = before
            for _ in 0..<20 {
                try await Task.sleep(for: .milliseconds(100))
                after = try await client.execute(uri: "/feeds/\(secret).ics", method: .get, headers: [.ifNoneMatch: etag])
                if after.status == .ok { break }
            }
            #expect(after.status == .ok)
            #expect(after.header("ETag") != etag)
            #expect(after.text.contains("DTSTART;VALUE=DATE:20270111"))
            #expect(!after.text.contains("DTSTART;VALUE=DATE:20270104"))
        }
    }

    @Test func aBadEditKeepsTheLastGoodPlan() async throws {
        let fixture = try ServerFixture()
        let secret = try fixture.issue(.patient("P-0001"))
        try await fixture.app().test(.live) { client in
            let good = try await client.execute(uri: "/feeds/\(secret).ics", method: .get)
            try fixture.edit("conditioning: 2027-01-04", "conditioning: 2027-02-30")
            fixture.service.refresh()
            let still = try await client.execute(uri: "/feeds/\(secret).ics", method: .get)
            #expect(still.status == .ok && still.header("ETag") == good.header("ETag"))
            let health = try await client.execute(uri: "/healthz", method: .get)
            let json = try JSONSerialization.jsonObject(with: Data(buffer: health.body)) as? [String: Any]
            #expect(json?["status"] as? String == "stale")
            #expect(json?["errors"] as? [String] == ["\(fixture.cohortPath):8:179: error: day 30 does not exist in February 2027; expected the conditioning date as a real date YYYY-MM-DD [invalid_date]"])
            #expect(fixture.capture.lines.contains { $0.contains(":8:179: error: day 30") })
            // Fixed: back to ok, with the fixed plan.
            try fixture.edit("conditioning: 2027-02-30", "conditioning: 2027-01-11")
            fixture.service.refresh()
            let fixed = try await client.execute(uri: "/healthz", method: .get)
            let after = try JSONSerialization.jsonObject(with: Data(buffer: fixed.body)) as? [String: Any]
            #expect(after?["status"] as? String == "ok")
            #expect(try await client.execute(uri: "/feeds/\(secret).ics", method: .get).text.contains("DTSTART;VALUE=DATE:20270111"))
        }
    }

    @Test func aRemovedPatientGetsCancellationsOnceThenGone() async throws {
        let fixture = try ServerFixture()
        let secret = try fixture.issue(.patient("P-0002"))
        try await fixture.app().test(.live) { client in
            let before = try await client.execute(uri: "/feeds/\(secret).ics", method: .get)
            #expect(before.status == .ok && !before.text.contains("STATUS:CANCELLED"))
            try fixture.edit("  - {id: P-0002, language: en, second-opinion: 2026-11-16}\n", "")
            fixture.service.refresh()
            // A HEAD does not count as delivery.
            #expect(try await client.execute(uri: "/feeds/\(secret).ics", method: .head).status == .ok)
            let last = try await client.execute(uri: "/feeds/\(secret).ics", method: .get)
            #expect(last.status == .ok)
            let statuses = last.text.components(separatedBy: "\r\n").filter { $0.hasPrefix("STATUS:") }
            #expect(!statuses.isEmpty && statuses.allSatisfy { $0 == "STATUS:CANCELLED" })
            #expect(try await client.execute(uri: "/feeds/\(secret).ics", method: .get).status == .gone)
            #expect(try await client.execute(uri: "/feeds/\(secret).html", method: .get).status == .gone)
        }
        // The registry says why, and the served file is gone.
        let entry = try FeedRegistry.load(from: fixture.registryPath).entries.first { $0.subject == .patient("P-0002") }
        #expect(entry?.reason == .leftCohort)
        #expect(!FileManager.default.fileExists(atPath: "\(fixture.folder)/.ahsct/cohort.yaml.served/patients/P-0002.ics"))
    }

    @Test func requestsDuringReplansSeeOneVersionOrTheOther() async throws {
        let fixture = try ServerFixture()
        let secret = try fixture.issue(.patient("P-0001"))
        try await fixture.app().test(.live) { client in
            let dates = ["2027-01-04", "2027-01-11"]
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for round in 0..<6 {
                        try fixture.edit("conditioning: \(dates[round % 2])", "conditioning: \(dates[(round + 1) % 2])")
                        fixture.service.refresh()
                    }
                }
                for _ in 0..<4 {
                    group.addTask {
                        for _ in 0..<25 {
                            let answer = try await client.execute(uri: "/feeds/\(secret).ics", method: .get)
                            // Whole: the validator is the body's own hash, and the admission is on one date only.
                            let body = Array(answer.body.readableBytesView)
                            #expect(answer.header("ETag") == FeedBody(bytes: body, lastModified: 0).etag)
                            let admissions = answer.text.components(separatedBy: "\r\n").filter {
                                $0 == "DTSTART;VALUE=DATE:20270104" || $0 == "DTSTART;VALUE=DATE:20270111"
                            }
                            #expect(Set(admissions).count == 1)
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
    }
}

@Suite struct HTTPDateTests {
    @Test func theThreeFormsOfRFC9110() {
        // RFC 9110 §5.6.7's example instant, Sunday 6 November 1994 08:49:37 UTC: 784111777 s after 1970
        // (9075 days × 86400 + 8 h 49 min 37 s).
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDate.parse("Sun Nov  6 08:49:37 1994") == 784_111_777)
        #expect(HTTPDate.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        for bad in ["", "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Nov 1994 08:49 GMT", "Sun, 6 Nov 1994 08:49:37 GMT",
                    "Sun, 30 Feb 1994 08:49:37 GMT", "Sun, 06 Now 1994 08:49:37 GMT", "1994-11-06T08:49:37Z"] {
            #expect(HTTPDate.parse(bad) == nil, "\(bad)")
        }
    }
}

@Suite struct ServerLiveTests {
    @Test func behindATrustedProxyEachClientHasItsOwnLimit() async throws {
        let fixture = try ServerFixture()
        let secret = try fixture.issue(.patient("P-0001"))
        fixture.service.refresh(force: true)
        var options = FeedServer.Options()
        options.port = 0
        options.burst = 2
        options.trustProxy = true
        let app = FeedServer.application(service: fixture.service, options: options, accessLog: nil,
                                         logger: fixture.logger) { _, _ in }
        // Over a real socket from 127.0.0.1, as a proxy on the same machine would connect.
        try await app.test(.live) { client in
            func status(_ uri: String, from forwarded: String) async throws -> HTTPResponse.Status {
                try await client.execute(uri: uri, method: .get, headers: [ServerLiveTests.forwarded: forwarded]).status
            }
            let wrong = "/feeds/\(String(repeating: "z", count: 43)).ics"
            let feed = "/feeds/\(secret).ics"
            let first = try await status(wrong, from: "203.0.113.7")
            let second = try await status(wrong, from: "203.0.113.7")
            let third = try await status(wrong, from: "203.0.113.7")
            #expect([first, second, third] == [.notFound, .notFound, .tooManyRequests])
            // Another client behind the same proxy is not held up; the proxy's own (last) entry counts, not a forged
            // first one.
            let forged = try await status(feed, from: "203.0.113.7, 198.51.100.2")
            let other = try await status(feed, from: "198.51.100.2")
            let limited = try await status(feed, from: "198.51.100.2, 203.0.113.7")
            #expect([forged, other, limited] == [.ok, .ok, .tooManyRequests])
        }
    }

    static let forwarded = HTTPField.Name("X-Forwarded-For")!
}

@Suite struct ServiceWatchTests {
    /// A closures calendar named by the cohort is watched like the cohort itself.
    @Test func aChangedClosuresFileIsReplanned() throws {
        let fixture = try ServerFixture()
        let closures = "\(fixture.folder)/closures.ics"
        func calendar(_ day: String) -> String {
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:closed-\(day)@test\r\nDTSTAMP:20261101T000000Z\r\n"
                + "DTSTART;VALUE=DATE:\(day)\r\nSUMMARY:Ward closed\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        }
        try calendar("20261218").write(toFile: closures, atomically: true, encoding: .utf8)
        try fixture.edit("  holidays: NL\n", "  holidays: NL\n  closures: [closures.ics]\n")
        #expect(fixture.service.refresh(force: true))
        #expect(fixture.service.current.snapshot?.imports == [closures])
        // Nothing changed: no re-plan.
        #expect(!fixture.service.refresh())
        try calendar("20261221").write(toFile: closures, atomically: true, encoding: .utf8)
        #expect(fixture.service.refresh())
        #expect(fixture.service.current.errors.isEmpty)
        // A broken closures file is a bad edit like any other: located errors, the last good plan kept.
        try "BEGIN:VCALENDAR\r\nEND:VEVENT\r\n".write(toFile: closures, atomically: true, encoding: .utf8)
        #expect(!fixture.service.refresh())
        #expect(fixture.service.current.errors.first?.hasPrefix(closures) == true)
        #expect(fixture.service.current.snapshot != nil)
    }
}

@Suite struct AccessLogTests {
    /// Lines wait in the buffer until a flush (or 16 kB), then go out in one write, each stamped with its second.
    @Test func linesAreBufferedThenWrittenWhole() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let log = AccessLog(descriptor: ends[1])
        log.record("GET /feeds/{secret}.ics 200 21174 B 0.3 ms")
        log.record("GET /healthz 200 184 B 0.1 ms")
        // Nothing written yet: the read end has no bytes.
        var available: Int32 = 0
        #expect(ioctl(ends[0], UInt(FIONREAD), &available) == 0 && available == 0)
        log.flush()
        close(ends[1])
        let text = String(decoding: FileHandle(fileDescriptor: ends[0]).readDataToEndOfFile(), as: UTF8.self)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ GET \/feeds\/\{secret\}\.ics 200 21174 B 0\.3 ms/) != nil)
        #expect(lines[1].hasSuffix(" GET /healthz 200 184 B 0.1 ms"))
    }
}
