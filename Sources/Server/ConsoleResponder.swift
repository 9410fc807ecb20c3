import Accounts
import Calendrical
import Capacity
import Feeds
import FileSystem
import Foundation
import HTTPTypes
import Hummingbird
import ICalendar
import Interchange
import NIOCore
import Pathway
import QRCode
import Reports
import WebForm

/// The coordinators' console under `/console/`: signed in, server-rendered, no script.
///
/// Routes:
/// - `GET /console/login`, `POST /console/login` (`user`, `password`): a good sign-in answers 303 to `/console/`
///   with a new session cookie (`ahsct_session`, `HttpOnly; SameSite=Strict; Path=/console`, `Secure` behind https);
///   a bad one answers 401 with the same words whatever was wrong, after the same bcrypt work; after five failures
///   per name or address, 429 with `Retry-After`.
/// - `POST /console/logout`: ends the session on the server, 303 to the sign-in page.
/// - `GET /console/` (the overview), `GET /console/patients/{id}`, `GET /console/audit[?patient=|user=]`.
/// - `POST /console/patients/{id}/record`: a preview (what `ahsct record --dry-run` computes); with `confirm=yes`
///   and the preview's `version`, the write through ``CohortRecorder`` (409 and a new preview when the file changed).
/// - `POST /console/patients/{id}/feed` (`action=issue|rotate|revoke`): the address is shown once, with its QR code
///   and the patient's A4 hand-out.
/// - `GET /console/style.css`.
///
/// Every page without a live session answers 303 to the sign-in page. Every POST must come from the console's own
/// origin (`Origin`) and carry the session's CSRF token (403 and nothing done otherwise); a viewer's POST is 403.
/// Answers say `Cache-Control: no-store` and a strict `Content-Security-Policy` (no script, the stylesheet from
/// here). Nothing secret is logged: the access log names route templates only.
struct ConsoleResponder: Sendable {
    let service: FeedService
    let stateFolder: String
    let sessions: SessionStore
    let throttle: SignInThrottle
    let publicURL: String?
    let language: PatientRecord.Language
    /// Seconds on a monotonic clock: session expiry and the sign-in throttle.
    let clock: @Sendable () -> Double
    /// The wall clock, for the audit log.
    let now: @Sendable () -> Instant
    /// The account book as last read, read again when its file changes.
    let accounts = AccountCache()
    /// The earliest slots found for the current snapshot.
    let slots = SlotCache()
    /// Pages made for the current snapshot, without the viewer's name and token.
    let rendered = RenderCache()

    static let cookieName = "ahsct_session"
    static let formLimit = 16_384
    static let origin = HTTPField.Name("Origin")!

    var secure: Bool { publicURL?.hasPrefix("https://") == true }

    /// The route's template (for the access log) and the answer.
    func answer(_ request: Request, context: FeedRequestContext, client: String) async -> (String, Response) {
        let uri = request.uri.string
        let path = uri.firstIndex(of: "?").map { String(uri[..<$0]) } ?? uri
        let method = request.method
        if path == "/console/style.css", method == .get || method == .head {
            return ("/console/style.css", Self.answer(.ok, type: "text/css; charset=utf-8", Array(ConsolePages.style.utf8), cache: "private, max-age=300"))
        }
        if path == "/console/login" {
            switch method {
            case .get, .head: return ("/console/login", page(pages(nil).signIn()))
            case .post: return ("/console/login", await signIn(request, client: client))
            default: return ("/console/login", Self.notAllowed("GET, POST"))
            }
        }
        let found = session(request)
        guard let (sessionID, session) = found else {
            return (template(path), Self.redirect("/console/login"))
        }
        let pages = pages(session)
        if method == .post {
            guard sameOrigin(request) else { return (template(path), forbidden(pages, .otherOrigin)) }
            guard let body = await form(request) else { return (template(path), Self.text(.badRequest, "the form cannot be read\n")) }
            guard body["csrf"] == session.csrfToken else { return (template(path), forbidden(pages, .expiredForm)) }
            if path == "/console/logout" {
                sessions.end(sessionID)
                log(ActivityLog.Event(time: now().description, user: session.user, event: "sign-out"))
                var response = Self.redirect("/console/login")
                response.headers[.setCookie] = "\(Self.cookieName)=; Max-Age=0; HttpOnly; SameSite=Strict; Path=/console" + (secure ? "; Secure" : "")
                return ("/console/logout", response)
            }
            guard session.role.canChange else { return (template(path), forbidden(pages, .viewer)) }
            if let id = patientID(path, suffix: "/record") { return ("/console/patients/{id}/record", await record(id, body: body, session: session, pages: pages)) }
            if let id = patientID(path, suffix: "/feed") { return ("/console/patients/{id}/feed", await feed(id, body: body, request: request, session: session, pages: pages)) }
            return (template(path), Self.text(.notFound, "not found\n"))
        }
        guard method == .get || method == .head else { return (template(path), Self.notAllowed("GET, HEAD, POST")) }
        guard let snapshot = service.current.snapshot else {
            var response = Self.text(.serviceUnavailable, "the cohort has not been planned yet\n")
            response.headers[.retryAfter] = "2"
            return (template(path), response)
        }
        if path == "/console/" || path == "/console" {
            let number = request.uri.queryParameters["page"].flatMap { Int($0) } ?? 1
            // Made once per snapshot, role and page; the viewer's name and token are put in per request.
            let html = rendered.page("overview|\(session.role.rawValue)|\(number)", generation: snapshot.generation,
                                     session: session, pages: pages) { generic in
                overview(snapshot, pages: generic, session: session, page: number)
            }
            return ("/console/", page(bytes: html))
        }
        if path == "/console/audit" {
            let query = request.uri.queryParameters
            let number = query["page"].flatMap { Int($0) } ?? 1
            return ("/console/audit", page(audit(patient: query["patient"].map(String.init), user: query["user"].map(String.init),
                                                 page: number, pages: pages)))
        }
        if let id = patientID(path, suffix: "") {
            guard snapshot.patients[id] != nil else { return ("/console/patients/{id}", Self.text(.notFound, "no such patient\n")) }
            let notice = request.uri.queryParameters["recorded"] != nil ? pages.recordedNotice : nil
            guard notice == nil else {
                return ("/console/patients/{id}", page(patientPage(id, snapshot: snapshot, pages: pages, session: session, notice: notice)))
            }
            // Made once per snapshot, role and version of the logs (the history) and the registry (the feed).
            let logs = "\(String(describing: FileStamp(AuditLog.path(in: stateFolder))))\(String(describing: FileStamp(ActivityLog.path(in: stateFolder))))"
            let key = "patient|\(id)|\(session.role.rawValue)|\(logs)|\(service.current.registry.hashValue)"
            let html = rendered.page(key, generation: snapshot.generation, session: session, pages: pages) { generic in
                patientPage(id, snapshot: snapshot, pages: generic, session: session)
            }
            return ("/console/patients/{id}", page(bytes: html))
        }
        return (template(path), Self.text(.notFound, "not found\n"))
    }

    // MARK: Sign-in

    func signIn(_ request: Request, client: String) async -> Response {
        let pages = pages(nil)
        guard sameOrigin(request) else { return forbidden(pages, .otherOrigin) }
        guard let body = await form(request), let user = body["user"], let password = body["password"] else {
            return Self.text(.badRequest, "the form cannot be read\n")
        }
        let wait = throttle.wait(user: user, address: client, now: clock())
        if wait > 0 {
            var response = page(pages.signIn(problem: pages.signInPaused(seconds: wait)), status: .tooManyRequests)
            response.headers[.retryAfter] = "\(wait)"
            return response
        }
        let book = accounts.book(at: AccountBook.path(state: stateFolder))
        // bcrypt takes a quarter of a second: off the event loop, on a thread of its own.
        let account = await Task.detached { book.signIn(user: user, password: password) }.value
        guard let account else {
            throttle.failed(user: user, address: client, now: clock())
            log(ActivityLog.Event(time: now().description, user: user, event: "sign-in failed", detail: client))
            return page(pages.signIn(problem: pages.signInFailed), status: .unauthorized)
        }
        throttle.succeeded(user: user, address: client)
        let (id, _) = sessions.start(account, now: clock())
        log(ActivityLog.Event(time: now().description, user: account.user, event: "sign-in", detail: client))
        var response = Self.redirect("/console/")
        response.headers[.setCookie] = "\(Self.cookieName)=\(id); HttpOnly; SameSite=Strict; Path=/console" + (secure ? "; Secure" : "")
        return response
    }

    /// The live session the request's cookie names, if any. Its account must still exist with the same role and
    /// password: a removed account, a changed role or a new password ends its sessions at their next request.
    func session(_ request: Request) -> (String, SessionStore.Session)? {
        let header = request.headers[values: .cookie].joined(separator: "; ")
        guard let id = CookieHeader.value(of: Self.cookieName, in: header),
              let session = sessions.resume(id, now: clock()) else { return nil }
        guard accounts.book(at: AccountBook.path(state: stateFolder)).admits(session) else {
            sessions.endAll(user: session.user)
            return nil
        }
        return (id, session)
    }

    /// Whether a POST comes from the console's own origin: its `Origin` is the public address, or this server as
    /// the request's Host names it.
    func sameOrigin(_ request: Request) -> Bool {
        let origins = request.headers[values: Self.origin]
        guard origins.count == 1, let origin = origins.first else { return false }
        if let publicURL { return origin == publicURL }
        guard let host = request.head.authority else { return false }
        return origin == "http://\(host)" || origin == "https://\(host)"
    }

    /// The posted form, or `nil` when it is too long, repeats a field, or is not text.
    func form(_ request: Request) async -> FormBody? {
        guard let buffer = try? await request.body.collect(upTo: Self.formLimit + 1) else { return nil }
        return try? FormBody(bytes: Array(buffer.readableBytesView), limit: Self.formLimit)
    }

    // MARK: Pages

    func pages(_ session: SessionStore.Session?) -> ConsolePages {
        let name = service.current.snapshot?.site.name ?? "ahsct"
        return ConsolePages(siteName: name, language: language,
                            viewer: session.map { .init(user: $0.user, canChange: $0.role.canChange, csrf: $0.csrfToken) })
    }

    func overview(_ snapshot: FeedSnapshot, pages: ConsolePages, session: SessionStore.Session, page: Int) -> String {
        let console = snapshot.console
        let lines = zip(console.analysis.records, console.analysis.plans).map { record, plan in
            ConsolePages.PatientLine(id: record.id, name: session.role.seesNames ? record.name : nil, plan: plan)
        }
        return pages.overview(now: snapshot.today, weeks: console.weeks, conflicts: console.conflicts, patients: lines,
                              timeline: console.report, page: page)
    }

    func patientPage(_ id: String, snapshot: FeedSnapshot, pages: ConsolePages, session: SessionStore.Session,
                     form: ConsolePages.RecordForm = .init(), problem: [String] = [], notice: String? = nil) -> String {
        let console = snapshot.console
        guard let index = console.analysis.records.firstIndex(where: { $0.id == id }) else { return "" }
        let record = console.analysis.records[index]
        let line = ConsolePages.PatientLine(id: id, name: session.role.seesNames ? record.name : nil,
                                            plan: console.analysis.plans[index])
        // The earliest dates that fit are searched once per snapshot and patient, then kept.
        let slot = slots.answer(generation: snapshot.generation, patient: id) {
            guard !record.isDeclined else { return .notApplicable }
            do {
                return try SlotFinder(analysis: console.analysis).slot(for: id).map { .slot($0) } ?? .notApplicable
            } catch {
                return .none("\(error)")
            }
        }
        let entry = service.current.registry.entries.first { $0.subject == .patient(id) }
        let feed = ConsolePages.FeedState(issued: entry?.revoked == nil ? entry?.issued : nil, revoked: entry?.revoked)
        return pages.patient(line, now: snapshot.today, conflicts: console.conflicts.filter { $0.patients.contains(id) },
                             slot: slot, feed: feed, history: history(patient: id, user: nil), fields: CohortFact.fields,
                             version: "", form: form, problem: problem, notice: notice)
    }

    func audit(patient: String?, user: String?, page: Int, pages: ConsolePages) -> String {
        pages.audit(history(patient: patient, user: user), patient: patient, user: user, page: page)
    }

    /// Changes to the cohort and console events, newest first, optionally of one patient or one user.
    func history(patient: String?, user: String?) -> [ConsolePages.AuditRow] {
        var rows: [ConsolePages.AuditRow] = []
        for entry in (try? AuditLog.read(in: stateFolder)) ?? [] {
            rows.append(.init(time: entry.time, user: entry.user, what: "record", patient: entry.patient,
                              detail: "\(entry.field): \(entry.old ?? "—") → \(entry.new)"))
        }
        for event in ActivityLog.read(in: stateFolder) {
            rows.append(.init(time: event.time, user: event.user, what: event.event, patient: event.patient, detail: event.detail))
        }
        return rows.filter { row in
            (patient == nil || row.patient == patient) && (user == nil || row.user == user)
        }.sorted { $0.time > $1.time }
    }

    // MARK: Record

    func record(_ id: String, body: FormBody, session: SessionStore.Session, pages: ConsolePages) async -> Response {
        guard let snapshot = service.current.snapshot, snapshot.patients[id] != nil else {
            return Self.text(.notFound, "no such patient\n")
        }
        // The form always sends these two; a post without them was not made by it.
        guard body["field"] != nil, body["value"] != nil else { return Self.text(.badRequest, "the form lacks a field\n") }
        let form = ConsolePages.RecordForm(field: body["field"] ?? "", value: body["value"] ?? "",
                                           confirmed: body["confirmed"] == "yes", bags: body["bags"] ?? "",
                                           outcome: body["outcome"] ?? "")
        let facts: [CohortFact]
        do {
            let bags = form.bags.isEmpty ? nil : Int(form.bags)
            if !form.bags.isEmpty && bags == nil { throw ConsoleProblem("bags: '\(form.bags)' is not a whole number") }
            let outcome = form.outcome.isEmpty ? nil : PatientRecord.Outcome(rawValue: form.outcome)
            facts = try CohortFact.parse(step: form.field, values: form.value.split(whereSeparator: \.isWhitespace).map(String.init),
                                         confirmed: form.confirmed, outcome: outcome, bags: bags, from: nil, to: nil, time: nil)
        } catch {
            return page(patientPage(id, snapshot: snapshot, pages: pages, session: session, form: form, problem: ["\(error)"]),
                        status: .unprocessableContent)
        }
        var recorder: CohortRecorder
        do { recorder = try CohortRecorder(cohort: service.cohortPath, stateFolder: stateFolder, user: session.user) } catch {
            return page(patientPage(id, snapshot: snapshot, pages: pages, session: session, form: form, problem: [refusalWords(error)]),
                        status: .unprocessableContent)
        }
        // Planned on the day the served plans are for (the server's `--now` when it has one), like the snapshot.
        let today = CohortRecorder.Today.date(snapshot.today)
        guard body["confirm"] == "yes", let version = body["version"] else {
            recorder.dryRun = true
            return preview(recorder, facts, id: id, form: form, pages: pages, snapshot: snapshot, session: session, stale: false)
        }
        do {
            _ = try recorder.record(facts, patient: id, now: today, at: now(), expectedVersion: version)
        } catch {
            if error.code == .cohortChanged {
                recorder.dryRun = true
                var response = preview(recorder, facts, id: id, form: form, pages: pages, snapshot: snapshot, session: session, stale: true)
                response.status = .conflict
                return response
            }
            return page(patientPage(id, snapshot: snapshot, pages: pages, session: session, form: form, problem: [refusalWords(error)]),
                        status: .unprocessableContent)
        }
        // Planned again now, on a task of its own (the request only waits for it), so the page the browser is sent
        // to shows the change.
        await service.refreshNow()
        return Self.redirect("/console/patients/\(id)?recorded=1")
    }

    func preview(_ recorder: CohortRecorder, _ facts: [CohortFact], id: String, form: ConsolePages.RecordForm,
                 pages: ConsolePages, snapshot: FeedSnapshot, session: SessionStore.Session, stale: Bool) -> Response {
        do {
            let outcome = try recorder.record(facts, patient: id, now: .date(snapshot.today), at: now())
            guard !outcome.written.isEmpty else {
                return page(patientPage(id, snapshot: snapshot, pages: pages, session: session, form: form,
                                        notice: pages.nothingToRecordNotice))
            }
            let edits = outcome.written.map { ConsolePages.Edit(field: $0.field, old: $0.old, new: $0.new) }
            return page(pages.preview(patient: id, edits: edits, changes: outcome.changes, version: outcome.version, form: form, stale: stale))
        } catch {
            return page(patientPage(id, snapshot: snapshot, pages: pages, session: session, form: form, problem: [refusalWords(error)]),
                        status: .unprocessableContent)
        }
    }

    /// A refusal in a sentence: its located errors (`cohort.yaml:35:41: error: …`), or its code.
    func refusalWords(_ refusal: CohortRecorder.Refusal) -> String {
        let errors = refusal.errors.map(\.description)
        return errors.isEmpty ? "[\(refusal.code)]" : errors.joined(separator: "; ")
    }

    // MARK: Feeds

    func feed(_ id: String, body: FormBody, request: Request, session: SessionStore.Session, pages: ConsolePages) async -> Response {
        guard let snapshot = service.current.snapshot, let patient = snapshot.patients[id] else {
            return Self.text(.notFound, "no such patient\n")
        }
        guard let action = body["action"], ["issue", "rotate", "revoke"].contains(action) else {
            return Self.text(.badRequest, "unknown action\n")
        }
        let registryPath = FeedRegistry.path(state: stateFolder, cohort: service.cohortPath)
        let instant = now()
        let secret: FeedSecret?
        do {
            secret = try FeedRegistry.modify(at: registryPath) { registry throws(FeedRegistry.Failure) -> FeedSecret? in
                if action == "revoke" {
                    registry.revoke(.patient(id), now: instant)
                    return nil
                }
                return registry.issue(.patient(id), now: instant)
            }
        } catch {
            return Self.text(.internalServerError, "the feed registry cannot be written\n")
        }
        log(ActivityLog.Event(time: instant.description, user: session.user,
                              event: action == "issue" ? "feed issued" : action == "rotate" ? "feed rotated" : "feed revoked", patient: id))
        await service.refreshNow()
        guard let secret else { return Self.redirect("/console/patients/\(id)") }
        let base = publicURL ?? request.head.authority.map { "http://\($0)" } ?? ""
        let address = FeedAddress(issuedFor: .patient(id), secret: secret)
        let pageAddress = base + address.with(.page).path
        let calendarAddress = base + address.with(.calendar).path
        guard let code = try? QRCode(pageAddress) else { return Self.text(.internalServerError, "the address does not fit a QR code\n") }
        let handout = PatientHandout(site: snapshot.site, record: patient.record)
            .html(pageAddress: pageAddress, calendarAddress: calendarAddress, qrPath: code.pathData, qrSide: code.sideWithQuietZone)
        return page(pages.feedIssued(patient: id, handout: handout))
    }

    // MARK: Helpers

    func log(_ event: ActivityLog.Event) {
        try? ActivityLog.append(event, in: stateFolder)
    }

    /// `/console/patients/{id}{suffix}` → the id.
    func patientID(_ path: String, suffix: String) -> String? {
        let prefix = "/console/patients/"
        guard path.hasPrefix(prefix), path.hasSuffix(suffix) else { return nil }
        let id = path.dropFirst(prefix.count).dropLast(suffix.count)
        guard !id.isEmpty, !id.contains("/"), id.count <= 64 else { return nil }
        return String(id)
    }

    /// The template of a console path, for the access log (no patient id, no query).
    func template(_ path: String) -> String {
        if path.hasPrefix("/console/patients/") {
            if path.hasSuffix("/record") { return "/console/patients/{id}/record" }
            if path.hasSuffix("/feed") { return "/console/patients/{id}/feed" }
            return "/console/patients/{id}"
        }
        return ["/console/", "/console/audit", "/console/logout", "/console/login"].contains(path) ? path : "/console/{other}"
    }

    func forbidden(_ pages: ConsolePages, _ refusal: ConsolePages.Refusal) -> Response {
        page(pages.forbidden(refusal), status: .forbidden)
    }

    /// A console page: no caching, a strict policy (the stylesheet from here; no script, no frames, forms only here).
    func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        page(bytes: Array(html.utf8), status: status)
    }

    func page(bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Self.answer(status, type: "text/html; charset=utf-8", bytes, cache: "no-store")
    }

    static let policy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static func answer(_ status: HTTPResponse.Status, type: String, _ bytes: [UInt8], cache: String) -> Response {
        var headers = FeedResponder.everyAnswer
        headers[.contentType] = type
        headers[.contentLength] = "\(bytes.count)"
        headers[.cacheControl] = cache
        headers[.contentSecurityPolicy] = policy
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        // Not no-referrer (the feeds' policy, whose addresses are secrets): under no-referrer a browser sends
        // `Origin: null` with a form, and the origin check could not tell the console's own forms from others.
        // Console addresses hold no secret.
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        answer(status, type: "text/plain; charset=utf-8", Array(text.utf8), cache: "no-store")
    }

    static func redirect(_ location: String) -> Response {
        var response = text(.seeOther, "see \(location)\n")
        response.headers[.location] = location
        return response
    }

    static func notAllowed(_ allow: String) -> Response {
        var response = text(.methodNotAllowed, "not allowed here\n")
        response.headers[.allow] = allow
        return response
    }
}

/// The account book, read again only when its file's stamp changes (a stat per request, not a read).
final class AccountCache: @unchecked Sendable {
    private let lock = NSLock()
    private var stamp: FileStamp?
    private var cached = AccountBook()

    func book(at path: String) -> AccountBook {
        let now = FileStamp(path)
        return lock.withLock {
            if now != stamp {
                cached = (try? AccountBook.load(from: path)) ?? AccountBook()
                stamp = now
            }
            return cached
        }
    }
}

/// Console pages made once per snapshot and kept: each is made for a stand-in viewer, whose name and CSRF token are
/// marks no real value can hold (they contain U+0001), and a request puts its own in. A new snapshot empties it.
/// At most `limit` pages are kept.
final class RenderCache: @unchecked Sendable {
    static let userMark = "\u{1}user\u{1}"
    static let tokenMark = "\u{1}csrf\u{1}"

    /// A page cut at its marks: the bytes between them, and after each piece which value follows.
    struct Pieces {
        enum Mark { case user, token }
        var pieces: [([UInt8], Mark?)]

        init(_ page: String) {
            pieces = []
            var rest = Substring(page)
            while let next = [(RenderCache.userMark, Mark.user), (RenderCache.tokenMark, .token)]
                .compactMap({ mark, kind in rest.range(of: mark).map { ($0, kind) } })
                .min(by: { $0.0.lowerBound < $1.0.lowerBound }) {
                pieces.append((Array(rest[..<next.0.lowerBound].utf8), next.1))
                rest = rest[next.0.upperBound...]
            }
            pieces.append((Array(rest.utf8), nil))
        }

        /// The page with `user` and `token` put in.
        func filled(user: String, token: String) -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(pieces.reduce(0) { $0 + $1.0.count } + 256)
            for (bytes, mark) in pieces {
                out += bytes
                switch mark {
                case .user: out += Array(user.utf8)
                case .token: out += Array(token.utf8)
                case nil: break
                }
            }
            return out
        }
    }

    private let lock = NSLock()
    private var generation: UInt64 = 0
    private var pages: [String: Pieces] = [:]
    private let limit = 200

    /// The page `key` for `session`, made by `make` (given pages for the stand-in viewer) when not kept.
    func page(_ key: String, generation: UInt64, session: SessionStore.Session, pages template: ConsolePages,
              make: (ConsolePages) -> String) -> [UInt8] {
        let kept = lock.withLock { self.generation == generation ? pages[key] : nil }
        let pieces: Pieces
        if let kept {
            pieces = kept
        } else {
            var stand = template
            stand.viewer = ConsolePages.Viewer(user: Self.userMark, canChange: session.role.canChange, csrf: Self.tokenMark)
            pieces = Pieces(make(stand))
            lock.withLock {
                if self.generation != generation {
                    self.generation = generation
                    pages = [:]
                }
                if pages.count < limit { pages[key] = pieces }
            }
        }
        // User names are 1–64 of a-z A-Z 0-9 . _ - @ and tokens base64url: nothing to escape.
        return pieces.filled(user: session.user, token: session.csrfToken)
    }
}

/// The earliest dates that fit, per patient, for one snapshot (a new snapshot empties it).
final class SlotCache: @unchecked Sendable {
    private let lock = NSLock()
    private var generation: UInt64 = 0
    private var answers: [String: ConsolePages.SlotAnswer] = [:]

    func answer(generation: UInt64, patient: String, _ find: () -> ConsolePages.SlotAnswer) -> ConsolePages.SlotAnswer {
        if let kept = lock.withLock({ self.generation == generation ? answers[patient] : nil }) { return kept }
        let found = find()
        lock.withLock {
            if self.generation != generation {
                self.generation = generation
                answers = [:]
            }
            answers[patient] = found
        }
        return found
    }
}

/// A problem with a form's value, worded for the page.
struct ConsoleProblem: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
