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
    /// Stamped 2026-11-22T00:00:00Z, whatever the time.
    let access = AccessLog(clock: { ServerFixture.now.secondsSince1970 })
    let service: FeedService
    var cohortPath: String { "\(folder)/cohort.yaml" }
    var registryPath: String { FeedRegistry.path(state: "\(folder)/.ahsct", cohort: cohortPath) }

    /// The fixture; with a `gate`, every publish passes through it (a test can hold a re-plan half-way).
    init(gate: PublishGate? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: "\(folder)/.ahsct", withIntermediateDirectories: true)
        try Self.cohort.write(toFile: "\(folder)/cohort.yaml", atomically: true, encoding: .utf8)
        let capture = capture
        var publish: (@Sendable (FeedPublisher, Instant, FeedSnapshot?) throws(FeedPublisher.Failure) -> FeedSnapshot)?
        if let gate {
            publish = { publisher, now, previous throws(FeedPublisher.Failure) in
                gate.pass()
                return try publisher.publish(now: now, previous: previous)
            }
        }
        service = FeedService(cohort: "\(folder)/cohort.yaml", state: "\(folder)/.ahsct", language: .nl, now: Self.now,
                              logger: Logger(label: "ahsct.serve") { _ in capture }, clock: { ServerFixture.now },
                              publish: publish)
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

    /// The server over this fixture; the rate limit's clock stands still, so no token comes back during a test, and
    /// every request takes 0.0 ms. The watcher's own task waits an hour between looks: tests call
    /// `service.refresh()` themselves, as the watcher would, or step a ``Watcher`` by hand.
    func app(burst: Int = 20) -> some ApplicationProtocol {
        service.refresh(force: true)
        var options = FeedServer.Options()
        options.port = 0
        options.burst = burst
        options.limiterClock = { 0 }
        options.requestTimer = { 0 }
        options.watchInterval = 3600
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
            // The validators spell the body's own values: its SHA-256 and the served file's modification time.
            #expect(etag == CalendarAnswer.etag(of: ContentHash(of: Array(first.body.readableBytesView))))
            let servedTime = try FileManager.default.attributesOfItem(
                atPath: "\(fixture.folder)/.ahsct/cohort.yaml.served/patients/P-0001.ics")[.modificationDate] as? Date
            #expect(HTTPDate.parse(modified)?.secondsSince1970 == servedTime.map { Int64($0.timeIntervalSince1970) })

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
            let instant = try #require(HTTPDate.parse(modified))
            let same = try await client.execute(uri: "/feeds/\(secret).ics", method: .get, headers: [.ifModifiedSince: modified])
            #expect(same.status == .notModified)
            let earlier = try await client.execute(uri: "/feeds/\(secret).ics", method: .get,
                                                   headers: [.ifModifiedSince: HTTPDate.format(Instant(secondsSince1970: instant.secondsSince1970 - 1))])
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
        try await fixture.app().test(.live) { client in
            let before = try await client.execute(uri: "/feeds/\(secret).ics", method: .get)
            let etag = try #require(before.header("ETag"))
            try fixture.edit("conditioning: 2027-01-04", "conditioning: 2027-01-11")
            // Not looked at yet: the old version, still current.
            let stale = try await client.execute(uri: "/feeds/\(secret).ics", method: .get, headers: [.ifNoneMatch: etag])
            #expect(stale.status == .notModified)
            // The watcher's look (twice a second in service), called here directly.
            #expect(fixture.service.refresh())
            let after = try await client.execute(uri: "/feeds/\(secret).ics", method: .get, headers: [.ifNoneMatch: etag])
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
            // The watcher's next look retires the feed.
            fixture.service.refresh()
            #expect(try await client.execute(uri: "/feeds/\(secret).ics", method: .get).status == .gone)
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
                            #expect(answer.header("ETag") == CalendarAnswer.etag(of: ContentHash(of: body)))
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
        let instant = Instant(secondsSince1970: 784_111_777)
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == instant)
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == instant)
        #expect(HTTPDate.parse("Sun Nov  6 08:49:37 1994") == instant)
        #expect(HTTPDate.format(instant) == "Sun, 06 Nov 1994 08:49:37 GMT")
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
        // The limit's clock stands still: on a busy machine two seconds can pass between requests, and a token
        // refilled meanwhile would let the last one through.
        options.limiterClock = { 0 }
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

/// Holds a publish half-way while closed: a test can ask the server things while a re-plan is under way.
final class PublishGate: @unchecked Sendable {
    private let lock = NSLock()
    private var closed = false
    private let entered = DispatchSemaphore(value: 0)
    private let opened = DispatchSemaphore(value: 0)

    func close() { lock.withLock { closed = true } }

    func open() {
        let wasClosed = lock.withLock {
            defer { closed = false }
            return closed
        }
        if wasClosed { opened.signal() }
    }

    /// In the publish: when closed, says so and waits until opened.
    func pass() {
        guard lock.withLock({ closed }) else { return }
        entered.signal()
        opened.wait()
    }

    /// Returns once a publish is held at the gate.
    func held() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                self.entered.wait()
                done.resume()
            }
        }
    }
}

/// Runs `work` on a thread of its own (a blocking call off Swift's cooperative pool); `finished()` waits for it.
final class Worker: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Void) {
        let done = done
        Thread {
            work()
            done.signal()
        }.start()
    }

    func finished() async {
        await withCheckedContinuation { (resumed: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                self.done.wait()
                resumed.resume()
            }
        }
    }
}

/// A watcher's pause driven by the test: each ``look()`` lets the watcher look once and returns when it is back at
/// its pause (its refresh done); ``stop()`` ends the watch. No clock is involved.
final class WatchStepper: @unchecked Sendable {
    private let lock = NSLock()
    private var granted: [Bool] = []
    private var watcher: CheckedContinuation<Bool, Never>?
    private var arrivals = 0
    private var waiting: (count: Int, continuation: CheckedContinuation<Void, Never>)?

    /// The watcher's pause.
    func pause() async -> Bool {
        await withCheckedContinuation { (next: CheckedContinuation<Bool, Never>) in
            lock.withLock {
                arrivals += 1
                if let waiting, arrivals >= waiting.count {
                    self.waiting = nil
                    waiting.continuation.resume()
                }
                if granted.isEmpty { watcher = next } else { next.resume(returning: granted.removeFirst()) }
            }
        }
    }

    /// Returns once the watcher has reached its pause `count` times.
    func arrived(_ count: Int) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            lock.withLock {
                if arrivals >= count { done.resume() } else { waiting = (count, done) }
            }
        }
    }

    /// One look: the watcher flushes and refreshes, then pauses again.
    func look() async {
        let count = lock.withLock { arrivals + 1 }
        grant(true)
        await arrived(count)
    }

    func stop() { grant(false) }

    private func grant(_ go: Bool) {
        lock.withLock {
            if let watcher {
                self.watcher = nil
                watcher.resume(returning: go)
            } else {
                granted.append(go)
            }
        }
    }
}

@Suite struct RetireOffTheRequestPathTests {
    /// A departed patient's last GET, and the 410 after it, are answered while a re-plan is held half-way: a request
    /// never waits for the refresh lock. (Before, the GET retired the feed itself, behind that lock, and this test
    /// hung until its watchdog opened the gate.)
    @Test func aDeliveredFeedClosesWithoutWaitingForAReplan() async throws {
        let gate = PublishGate()
        let fixture = try ServerFixture(gate: gate)
        let secret = try fixture.issue(.patient("P-0002"))
        let served = "\(fixture.folder)/.ahsct/cohort.yaml.served/patients/P-0002.ics"
        @Sendable func entry() throws -> FeedRegistry.Entry? {
            try FeedRegistry.load(from: fixture.registryPath).entries.first { $0.subject == .patient("P-0002") }
        }
        try await fixture.app().test(.live) { client in
            try fixture.edit("  - {id: P-0002, language: en, second-opinion: 2026-11-16}\n", "")
            #expect(fixture.service.refresh())   // the cancellations are published
            gate.close()
            let replan = Worker { _ = fixture.service.refresh(force: true) }
            await gate.held()
            // Should a request wait for the held re-plan after all, the watchdog fails the test and lets it go on.
            let watchdog = Task {
                try await Task.sleep(for: .seconds(60))
                Issue.record("a request waited for the re-plan under way")
                gate.open()
            }
            let last = try await client.execute(uri: "/feeds/\(secret).ics", method: .get)
            let gone = try await client.execute(uri: "/feeds/\(secret).ics", method: .get)
            watchdog.cancel()
            #expect(last.status == .ok && last.text.contains("STATUS:CANCELLED"))
            #expect(gone.status == .gone)
            // The request retired nothing itself: the registry and the served file are as they were.
            #expect(try entry()?.revoked == nil)
            #expect(FileManager.default.fileExists(atPath: served))
            gate.open()
            await replan.finished()
            // The re-plan that was under way still held the cancellations (the file was there): still 410.
            #expect(try await client.execute(uri: "/feeds/\(secret).ics", method: .get).status == .gone)
            // The watcher's next look retires the feed.
            fixture.service.refresh()
            #expect(try entry()?.reason == .leftCohort)
            #expect(!FileManager.default.fileExists(atPath: served))
            #expect(try await client.execute(uri: "/feeds/\(secret).ics", method: .get).status == .gone)
        }
    }

    /// The watcher, stepped by hand: the first look re-plans an edit, the second retires what a GET delivered.
    @Test func theWatcherReplansAndRetiresAtItsLooks() async throws {
        let fixture = try ServerFixture()
        let secret = try fixture.issue(.patient("P-0002"))
        let stepper = WatchStepper()
        let watcher = Watcher(service: fixture.service, accessLog: fixture.access, pause: stepper.pause)
        try await fixture.app().test(.live) { client in
            let watching = Task { await watcher.watch() }
            await stepper.arrived(1)
            try fixture.edit("  - {id: P-0002, language: en, second-opinion: 2026-11-16}\n", "")
            let before = try await client.execute(uri: "/feeds/\(secret).ics", method: .get)
            #expect(before.status == .ok && !before.text.contains("STATUS:CANCELLED"))
            await stepper.look()
            let last = try await client.execute(uri: "/feeds/\(secret).ics", method: .get)
            #expect(last.status == .ok && last.text.contains("STATUS:CANCELLED"))
            #expect(try await client.execute(uri: "/feeds/\(secret).ics", method: .get).status == .gone)
            let registry = try FeedRegistry.load(from: fixture.registryPath)
            #expect(registry.entries.first { $0.subject == .patient("P-0002") }?.revoked == nil)
            await stepper.look()
            let after = try FeedRegistry.load(from: fixture.registryPath)
            #expect(after.entries.first { $0.subject == .patient("P-0002") }?.reason == .leftCohort)
            stepper.stop()
            await watching.value
        }
    }
}

@Suite struct ValidatorTests {
    static let body = FeedBody(bytes: Array("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8),
                               lastModified: Instant(secondsSince1970: 1_795_795_017))

    /// The answers are made once from the body's plain values: the tag is the quoted base64url SHA-256, the date
    /// the instant as IMF-fixdate (1,795,795,017 s = 20,784 days × 86,400 + 15 h 56 min 57 s: Friday 27 November 2026 15:56:57 UTC).
    @Test func theAnswersSpellTheBodysValues() {
        let answer = CalendarAnswer(Self.body)
        #expect(answer.etag == "\"" + ContentHash(of: Self.body.bytes).base64URL + "\"")
        #expect(answer.etag.count == 45)
        #expect(answer.full.headers[.lastModified] == "Fri, 27 Nov 2026 15:56:57 GMT")
        #expect(answer.full.headers[.eTag] == answer.etag && answer.notModified.headers[.eTag] == answer.etag)
        #expect(answer.full.headers[.contentLength] == "\(Self.body.bytes.count)")
        #expect(answer.full.body.contentLength == Self.body.bytes.count)
        #expect(answer.notModified.status == .notModified && answer.notModified.headers[.contentType] == nil)
        for answer in [answer.full, answer.notModified] {
            #expect(answer.headers[.cacheControl] == "private, no-cache")
            #expect(answer.headers[.xContentTypeOptions] == "nosniff")
        }
    }

    /// RFC 9110 §13.2.2, case by case.
    @Test func ifNoneMatchFirstThenIfModifiedSince() {
        let answer = CalendarAnswer(Self.body)
        let tag = answer.etag
        let cases: [([String], String?, Bool)] = [
            ([tag], nil, true),
            (["\"other\", \(tag)"], nil, true),
            (["\"other\"", tag], nil, true),            // two header lines
            (["W/\(tag)"], nil, true),                  // weak comparison
            (["*"], nil, true),
            (["\"other\""], nil, false),
            (["\"other\""], "Fri, 27 Nov 2026 15:56:57 GMT", false),   // a tag that does not match wins over a date
            ([], "Fri, 27 Nov 2026 15:56:57 GMT", true),               // the same second
            ([], "Fri, 27 Nov 2026 15:56:58 GMT", true),               // later
            ([], "Fri, 27 Nov 2026 15:56:56 GMT", false),              // a second earlier
            ([], "Friday, 27-Nov-26 15:56:57 GMT", true),              // RFC 850
            ([], "Fri Nov 27 15:56:57 2026", true),                    // asctime
            ([], "yesterday", false),
            ([], "", false),
            ([], nil, false),
        ]
        for (tags, since, fresh) in cases {
            #expect(answer.isFresh(ifNoneMatch: tags, ifModifiedSince: since) == fresh, "\(tags) \(since ?? "-")")
        }
    }
}

@Suite struct AccessLogLineTests {
    /// With the clocks fixed, each line is known to the byte: the stamp, the method, the template, the status, the
    /// bytes sent (0 for HEAD and 304) and the time taken.
    @Test func eachRequestIsOneKnownLine() async throws {
        let fixture = try ServerFixture()
        let secret = try fixture.issue(.patient("P-0001"))
        let size = try await fixture.app().test(.live) { client in
            let full = try await client.execute(uri: "/feeds/\(secret).ics", method: .get)
            let etag = try #require(full.header("ETag"))
            _ = try await client.execute(uri: "/feeds/\(secret).ics", method: .get, headers: [.ifNoneMatch: etag])
            _ = try await client.execute(uri: "/feeds/\(secret).ics", method: .head)
            _ = try await client.execute(uri: "/nothing", method: .get)
            return full.body.readableBytes
        }
        #expect(fixture.access.lines == [
            "2026-11-22T00:00:00Z GET /feeds/{secret}.ics 200 \(size) B 0.0 ms",
            "2026-11-22T00:00:00Z GET /feeds/{secret}.ics 304 0 B 0.0 ms",
            "2026-11-22T00:00:00Z HEAD /feeds/{secret}.ics 200 0 B 0.0 ms",
            "2026-11-22T00:00:00Z GET (other) 404 10 B 0.0 ms",
        ])
    }

    /// The time taken, in tenths of a millisecond rounded half up, from the responder's own clock: 1.25 ms is 1.3.
    @Test func theTimeTakenComesFromTheInjectedTimer() async throws {
        let fixture = try ServerFixture()
        fixture.service.refresh(force: true)
        let ticks = ManualTicks(step: 1_250_000)
        var options = FeedServer.Options()
        options.port = 0
        options.requestTimer = { ticks.next() }
        let app = FeedServer.application(service: fixture.service, options: options, accessLog: fixture.access,
                                         logger: fixture.logger) { _, _ in }
        try await app.test(.live) { client in
            _ = try await client.execute(uri: "/healthz", method: .get)
        }
        #expect(fixture.access.lines.count == 1)
        let line = try #require(fixture.access.lines.first)
        #expect(line.wholeMatch(of: /2026-11-22T00:00:00Z GET \/healthz 200 \d+ B 1\.3 ms/) != nil, "\(line)")
    }
}

/// A monotonic clock that moves `step` nanoseconds each time it is read.
final class ManualTicks: @unchecked Sendable {
    private let lock = NSLock()
    private var value: UInt64 = 0
    private let step: UInt64

    init(step: UInt64) { self.step = step }

    func next() -> UInt64 {
        lock.withLock {
            defer { value += step }
            return value
        }
    }
}
