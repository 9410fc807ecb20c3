import Accounts
import Feeds
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ICalendar
import Interchange
import NIOCore
@testable import Server
import Testing

/// The console in process: a fixture cohort (P-0001 harvested on 10 November, P-0002 just seen), two accounts made
/// at bcrypt's lowest cost (anna, coordinator; ward, viewer), a session clock the test moves by hand, and the
/// public address https://planner.example.nl (so cookies are `Secure` and forms must come from that origin).
struct ConsoleFixture {
    let base: ServerFixture
    let clock = ManualClock()
    static let origin = "https://planner.example.nl"
    static let password = "a good long passphrase"

    init(cohort: String? = nil) throws {
        base = try ServerFixture()
        if let cohort { try cohort.write(toFile: base.cohortPath, atomically: true, encoding: .utf8) }
        try AccountBook.modify(at: AccountBook.path(state: "\(base.folder)/.ahsct")) { book throws(AccountBook.Failure) in
            try book.add(user: "anna", role: .coordinator, password: Self.password, cost: 4)
            try book.add(user: "ward", role: .viewer, password: Self.password, cost: 4)
            try book.add(user: "bea", role: .coordinator, password: Self.password, cost: 4)
        }
    }

    func app() -> some ApplicationProtocol {
        base.service.refresh(force: true)
        var options = FeedServer.Options()
        options.port = 0
        options.limiterClock = { 0 }
        options.requestTimer = { 0 }
        options.watchInterval = 3600
        options.publicURL = Self.origin
        options.consoleLanguage = .en
        let clock = clock
        options.consoleClock = { clock.seconds }
        options.consoleNow = { ServerFixture.now }
        return FeedServer.application(service: base.service, options: options, accessLog: base.access, logger: base.logger) { _, _ in }
    }

    var cohortText: String { (try? String(contentsOfFile: base.cohortPath, encoding: .utf8)) ?? "" }
}

/// A form body, URL-encoded as a browser sends it.
private func formBody(_ fields: [(String, String)]) -> ByteBuffer {
    let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
    let text = fields.map { name, value in
        "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed.union(.whitespaces))!.replacingOccurrences(of: " ", with: "+"))"
    }.joined(separator: "&")
    return ByteBuffer(string: text)
}

private let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded",
                                       HTTPField.Name("Origin")!: ConsoleFixture.origin]

extension TestClientProtocol {
    /// Signs in and returns the session cookie (`ahsct_session=…`).
    func signIn(_ user: String, password: String = ConsoleFixture.password) async throws -> String {
        let answer = try await execute(uri: "/console/login", method: .post, headers: formHeaders,
                                       body: formBody([("user", user), ("password", password)]))
        #expect(answer.status == .seeOther)
        let cookie = try #require(answer.header("Set-Cookie"))
        return String(cookie.prefix { $0 != ";" })
    }

    /// A console page with the session cookie.
    func page(_ uri: String, cookie: String) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: [.cookie: cookie])
    }

    /// A POST with the session cookie, from the console's origin unless told otherwise.
    func post(_ uri: String, cookie: String, _ fields: [(String, String)], origin: String? = ConsoleFixture.origin) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: cookie]
        if let origin { headers[HTTPField.Name("Origin")!] = origin }
        return try await execute(uri: uri, method: .post, headers: headers, body: formBody(fields))
    }
}

/// The CSRF token in a page's forms.
private func csrf(_ page: TestResponse) throws -> String {
    let text = page.text
    let marker = "name=\"csrf\" value=\""
    let start = try #require(text.range(of: marker)).upperBound
    return String(text[start...].prefix { $0 != "\"" })
}

/// The hidden value of `name` in a page's forms.
private func hidden(_ name: String, in page: TestResponse) throws -> String {
    let marker = "name=\"\(name)\" value=\""
    let start = try #require(page.text.range(of: marker)).upperBound
    return String(page.text[start...].prefix { $0 != "\"" })
}

@Suite struct ConsoleSignInTests {
    /// Without a session every page sends you to sign in; a good sign-in answers 303 with a fresh 256-bit session
    /// id in an HttpOnly, SameSite=Strict, Secure cookie scoped to /console; the pages are never cached and allow no
    /// script.
    @Test func signInAndPages() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.app().test(.live) { client in
            for uri in ["/console/", "/console/patients/P-0001", "/console/audit"] {
                let answer = try await client.execute(uri: uri, method: .get)
                #expect(answer.status == .seeOther && answer.header("Location") == "/console/login", "\(uri)")
            }
            let login = try await client.execute(uri: "/console/login", method: .get)
            #expect(login.status == .ok && login.text.contains("name=\"user\"") && login.text.contains("name=\"password\""))
            let answer = try await client.execute(uri: "/console/login", method: .post, headers: formHeaders,
                                                  body: formBody([("user", "anna"), ("password", ConsoleFixture.password)]))
            #expect(answer.status == .seeOther && answer.header("Location") == "/console/")
            let cookie = try #require(answer.header("Set-Cookie"))
            let id = String(cookie.dropFirst("ahsct_session=".count).prefix { $0 != ";" })
            #expect(id.count == 43)
            #expect(cookie.hasSuffix("; HttpOnly; SameSite=Strict; Path=/console; Secure"))
            let overview = try await client.page("/console/", cookie: "ahsct_session=\(id)")
            #expect(overview.status == .ok)
            #expect(overview.text.contains("Signed in as <strong>anna</strong>"))
            #expect(overview.header("Cache-Control") == "no-store")
            #expect(overview.header("Content-Security-Policy")?.contains("default-src 'none'") == true)
            #expect(overview.header("Content-Security-Policy")?.contains("script") == false)
            #expect(!overview.text.contains("<script"))
            // Nothing secret in the access log: no session id, no password.
            let log = fixture.base.access.lines.joined(separator: "\n")
            #expect(!log.contains(id) && !log.contains("passphrase"))
            #expect(log.contains("POST /console/login 303"))
        }
    }

    /// An unknown user and a wrong password get the same answer (401, the same words); five failures from one
    /// address (anna's wrong password, nobody's, then three more of anna's) pause it for a minute: the next try is
    /// 429 with Retry-After: 60 and is not even checked; sign-ins are in the console's log, the five failures too.
    @Test func failuresAndThrottle() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.app().test(.live) { client in
            let wrong = try await client.execute(uri: "/console/login", method: .post, headers: formHeaders,
                                                 body: formBody([("user", "anna"), ("password", "not the password")]))
            let unknown = try await client.execute(uri: "/console/login", method: .post, headers: formHeaders,
                                                   body: formBody([("user", "nobody"), ("password", "not the password")]))
            #expect(wrong.status == .unauthorized && unknown.status == .unauthorized)
            #expect(wrong.text == unknown.text)
            #expect(wrong.text.contains("The user name or the password is not right."))
            for _ in 0..<4 {
                _ = try await client.execute(uri: "/console/login", method: .post, headers: formHeaders,
                                             body: formBody([("user", "anna"), ("password", "still wrong!")]))
            }
            let paused = try await client.execute(uri: "/console/login", method: .post, headers: formHeaders,
                                                  body: formBody([("user", "anna"), ("password", ConsoleFixture.password)]))
            #expect(paused.status == .tooManyRequests && paused.header("Retry-After") == "60")
            // A minute later (the console's clock), the right password works again.
            fixture.clock.seconds += 60
            _ = try await client.signIn("anna")
        }
        let events = ActivityLog.read(in: "\(fixture.base.folder)/.ahsct").map(\.event)
        #expect(events.filter { $0 == "sign-in failed" }.count == 5)
        #expect(events.last == "sign-in")
    }

    /// A session id the browser brings that the server never issued is no session; a sign-in always issues a new
    /// one; after 30 minutes without a request the session has ended; signing out ends it on the server.
    @Test func fixationExpiryAndSignOut() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.app().test(.live) { client in
            let planted = "ahsct_session=" + String(repeating: "A", count: 43)
            #expect(try await client.page("/console/", cookie: planted).status == .seeOther)
            let first = try await client.signIn("anna")
            let second = try await client.signIn("anna")
            #expect(first != second)
            #expect(try await client.page("/console/", cookie: first).status == .ok)
            fixture.clock.seconds += 1_801
            #expect(try await client.page("/console/", cookie: first).status == .seeOther)
            let third = try await client.signIn("anna")
            let overview = try await client.page("/console/", cookie: third)
            let out = try await client.post("/console/logout", cookie: third, [("csrf", try csrf(overview))])
            #expect(out.status == .seeOther && out.header("Location") == "/console/login")
            #expect(out.header("Set-Cookie")?.hasPrefix("ahsct_session=; Max-Age=0") == true)
            #expect(try await client.page("/console/", cookie: third).status == .seeOther)
        }
    }
}

extension ConsoleSignInTests {
    /// Pages are made once per snapshot and kept, but each viewer gets their own name and token in them: bea's
    /// overview after anna's says bea and carries bea's token, never anna's.
    @Test func keptPagesAreEachViewersOwn() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.app().test(.live) { client in
            let anna = try await client.signIn("anna")
            let bea = try await client.signIn("bea")
            for uri in ["/console/", "/console/patients/P-0001"] {
                let first = try await client.page(uri, cookie: anna)
                let second = try await client.page(uri, cookie: bea)
                #expect(first.text.contains("Signed in as <strong>anna</strong>") && second.text.contains("Signed in as <strong>bea</strong>"))
                #expect(try csrf(first) != csrf(second))
                #expect(!second.text.contains(try csrf(first)) && !second.text.contains("\u{1}"))
            }
        }
    }

    /// Removing an account (`ahsct users remove`) or giving it a new password (`ahsct users passwd`) ends its
    /// sessions at their next request.
    @Test func aRemovedAccountIsSignedOut() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.app().test(.live) { client in
            let bea = try await client.signIn("bea")
            #expect(try await client.page("/console/", cookie: bea).status == .ok)
            try AccountBook.modify(at: AccountBook.path(state: "\(fixture.base.folder)/.ahsct")) { book throws(AccountBook.Failure) in
                try book.setPassword(user: "bea", password: "a brand new passphrase", cost: 4)
            }
            #expect(try await client.page("/console/", cookie: bea).status == .seeOther)
            let ward = try await client.signIn("ward")
            #expect(try await client.page("/console/", cookie: ward).status == .ok)
            try AccountBook.modify(at: AccountBook.path(state: "\(fixture.base.folder)/.ahsct")) { book throws(AccountBook.Failure) in
                try book.remove(user: "ward")
            }
            #expect(try await client.page("/console/", cookie: ward).status == .seeOther)
        }
    }
}

@Suite struct ConsoleChangeTests {
    /// A POST without the session's CSRF token, from another origin, or by a viewer: 403, and the cohort is
    /// byte for byte as it was.
    @Test func forgedAndForbiddenPostsChangeNothing() async throws {
        let fixture = try ConsoleFixture()
        let before = fixture.cohortText
        try await fixture.app().test(.live) { client in
            let anna = try await client.signIn("anna")
            let token = try csrf(try await client.page("/console/patients/P-0001", cookie: anna))
            let fields = [("field", "apheresis"), ("value", "2026-11-11"), ("confirm", "yes"), ("version", CohortVersion.of(Array(before.utf8)))]
            #expect(try await client.post("/console/patients/P-0001/record", cookie: anna, fields).status == .forbidden)
            #expect(try await client.post("/console/patients/P-0001/record", cookie: anna, [("csrf", "wrong")] + fields).status == .forbidden)
            #expect(try await client.post("/console/patients/P-0001/record", cookie: anna, [("csrf", token)] + fields,
                                          origin: "https://evil.example").status == .forbidden)
            #expect(try await client.post("/console/patients/P-0001/record", cookie: anna, [("csrf", token)] + fields,
                                          origin: nil).status == .forbidden)
            let ward = try await client.signIn("ward")
            let wardPage = try await client.page("/console/patients/P-0001", cookie: ward)
            #expect(!wardPage.text.contains("name=\"field\""))
            #expect(try await client.post("/console/patients/P-0001/record", cookie: ward, [("csrf", try csrf(wardPage))] + fields).status == .forbidden)
        }
        #expect(fixture.cohortText == before)
    }

    /// Hostile forms get 400 and change nothing: a missing field, a repeated field, bytes that are not UTF-8, a
    /// megabyte.
    @Test func hostileFormsAre400() async throws {
        let fixture = try ConsoleFixture()
        let before = fixture.cohortText
        try await fixture.app().test(.live) { client in
            let anna = try await client.signIn("anna")
            let token = try csrf(try await client.page("/console/patients/P-0001", cookie: anna))
            let headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: anna,
                                       HTTPField.Name("Origin")!: ConsoleFixture.origin]
            for body in ["csrf=\(token)&field=bags", "csrf=\(token)&value=3", "csrf=\(token)&field=bags&field=bags&value=3", "csrf=\(token)&field=bags&value=%FF",
                         "csrf=\(token)&field=bags&value=" + String(repeating: "9", count: 1_048_576)] {
                let answer = try await client.execute(uri: "/console/patients/P-0001/record", method: .post, headers: headers,
                                                      body: ByteBuffer(string: body))
                #expect(answer.status == .badRequest, "\(body.prefix(60))")
            }
        }
        #expect(fixture.cohortText == before)
    }

    /// Record a repeat apheresis for P-0001 (a second session, 11 November): the preview lists what moves and
    /// carries the version it was made on; confirming writes it with an audit entry naming anna, and the page
    /// shows the new plan (the control visit 14 days after the last session: Wed 25 November). A confirm made on
    /// an older version answers 409 with a new preview and writes nothing.
    @Test func previewConfirmAndStale() async throws {
        let fixture = try ConsoleFixture()
        let before = fixture.cohortText
        try await fixture.app().test(.live) { client in
            let anna = try await client.signIn("anna")
            let token = try csrf(try await client.page("/console/patients/P-0001", cookie: anna))
            let fields = [("csrf", token), ("field", "apheresis"), ("value", "2026-11-11")]
            let preview = try await client.post("/console/patients/P-0001/record", cookie: anna, fields)
            #expect(preview.status == .ok)
            #expect(preview.text.contains("Preview for P-0001"))
            #expect(preview.text.contains("<strong>Wed 2026-11-25</strong>"))
            let version = try hidden("version", in: preview)
            #expect(version == CohortVersion.of(Array(before.utf8)))
            #expect(fixture.cohortText == before)
            // Someone else changes the file first: the confirm is refused with 409 and a new preview.
            try fixture.base.edit("id: P-0002, language: en", "id: P-0002, language: nl")
            let changed = fixture.cohortText
            let stale = try await client.post("/console/patients/P-0001/record", cookie: anna,
                                              fields + [("confirm", "yes"), ("version", version)])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("The cohort changed after you opened the form."))
            #expect(fixture.cohortText == changed)
            // Confirmed on the version as it is now: written, audited, planned again before the answer.
            let confirmed = try await client.post("/console/patients/P-0001/record", cookie: anna,
                                                  fields + [("confirm", "yes"), ("version", try hidden("version", in: stale))])
            #expect(confirmed.status == .seeOther)
            #expect(confirmed.header("Location") == "/console/patients/P-0001?recorded=1")
            #expect(fixture.cohortText.contains("apheresis: [2026-11-10, 2026-11-11]"))
            let page = try await client.page("/console/patients/P-0001?recorded=1", cookie: anna)
            #expect(page.text.contains("Recorded."))
            #expect(page.text.contains("<th scope=\"row\">control-visit</th><td class=\"d\">2026-11-25</td>"))
        }
        let audit = try AuditLog.read(in: "\(fixture.base.folder)/.ahsct")
        #expect(audit.map(\.user) == ["anna"])
        #expect(audit.first?.new == "[2026-11-10, 2026-11-11]")
    }

    /// A value from the cohort is shown as text, never as markup: a name `<script>alert(1)</script>`.
    @Test func valuesAreEscaped() async throws {
        let cohort = ServerFixture.cohort.replacingOccurrences(of: "{id: P-0002, language: en,",
                                                               with: "{id: P-0002, name: \"<script>alert(1)</script>\", language: en,")
        let fixture = try ConsoleFixture(cohort: cohort)
        try await fixture.app().test(.live) { client in
            let anna = try await client.signIn("anna")
            for uri in ["/console/", "/console/patients/P-0002"] {
                let page = try await client.page(uri, cookie: anna)
                #expect(page.status == .ok)
                #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(uri)")
                #expect(!page.text.contains("<script"), "\(uri)")
            }
            // The viewer does not see the name at all.
            let ward = try await client.signIn("ward")
            #expect(!(try await client.page("/console/patients/P-0002", cookie: ward)).text.contains("alert"))
        }
    }

    /// Issuing a feed shows its address once, with a QR code, and the registry keeps only its hash; the patient's
    /// page says it is live; the console's log names who issued it.
    @Test func issueAFeed() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.app().test(.live) { client in
            let anna = try await client.signIn("anna")
            let token = try csrf(try await client.page("/console/patients/P-0001", cookie: anna))
            let issued = try await client.post("/console/patients/P-0001/feed", cookie: anna, [("csrf", token), ("action", "issue")])
            #expect(issued.status == .ok)
            let address = try #require(issued.text.firstRange(of: /https:\/\/planner\.example\.nl\/feeds\/([A-Za-z0-9_-]+)\.html/))
            let secret = String(issued.text[address].dropFirst("https://planner.example.nl/feeds/".count).dropLast(5))
            #expect(issued.text.contains("<svg class=\"qr\""))
            let registry = try String(contentsOfFile: fixture.base.registryPath, encoding: .utf8)
            #expect(!registry.contains(secret))
            let feed = try await client.execute(uri: "/feeds/\(secret).ics", method: .get)
            #expect(feed.status == .ok)
            let page = try await client.page("/console/patients/P-0001", cookie: anna)
            #expect(page.text.contains("An address is live") && !page.text.contains(secret))
        }
        #expect(ActivityLog.read(in: "\(fixture.base.folder)/.ahsct").contains { $0.event == "feed issued" && $0.user == "anna" && $0.patient == "P-0001" })
    }
}
