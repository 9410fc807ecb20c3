import Feeds
import Foundation
import HTTPTypes
import Hummingbird
import Interchange
import NIOCore
import Reports

/// The request context: Hummingbird's core storage plus the peer's address (for the rate limit).
public struct FeedRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}

/// Answers every request: the feeds, the patient pages, the report and `/healthz`; 404 for anything else.
///
/// The access log line names the route's template, never the path: `GET /feeds/{secret}.ics 304 0 B 0.2 ms`.
/// Every answer carries `Cache-Control: private, no-cache`, `Referrer-Policy: no-referrer`,
/// `X-Robots-Tag: noindex` and `X-Content-Type-Options: nosniff`; HTML adds a content security policy that allows
/// nothing but its inline style.
public struct FeedResponder: HTTPResponder {
    public typealias Context = FeedRequestContext

    let service: FeedService
    let limiter: RateLimiter
    /// `https://planner.example.nl`: the address people reach the server at (behind a proxy); `nil` to take it from
    /// the request's Host header.
    let publicURL: String?
    let accessLog: AccessLog?
    /// Whether a loopback peer is a reverse proxy whose `X-Forwarded-For` names the real client (for the rate limit).
    let trustProxy: Bool
    /// Seconds on a monotonic clock, for the rate limit.
    let clock: @Sendable () -> Double

    /// A responder over `service`. Unknown secrets are limited to `burst` per address, then one per `refillSeconds`,
    /// counted on `clock` (seconds on a monotonic clock; `nil`: the system's, from when the responder was made).
    public init(service: FeedService, publicURL: String?, accessLog: AccessLog?, burst: Int = 20, refillSeconds: Double = 2,
                trustProxy: Bool = false, clock: (@Sendable () -> Double)? = nil) {
        let started = ContinuousClock.now
        self.clock = clock ?? {
            let elapsed = ContinuousClock.now - started
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
        self.service = service
        self.trustProxy = trustProxy
        self.limiter = RateLimiter(burst: burst, refillSeconds: refillSeconds)
        self.publicURL = publicURL
        self.accessLog = accessLog
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        let start = ContinuousClock.now
        var (template, response) = answer(request, context: context)
        Self.secure(&response.headers)
        if request.method == .head {
            // Emptying the body would reset Content-Length to 0; a HEAD answer states what GET would send.
            let length = response.headers[.contentLength]
            response.body = ResponseBody()
            response.headers[.contentLength] = length
        }
        if let accessLog {
            let elapsed = ContinuousClock.now - start
            let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
            let bytes = request.method == .head ? 0 : Int(response.headers[.contentLength] ?? "0") ?? 0
            accessLog.record("\(request.method) \(template) \(response.status.code) \(bytes) B \((milliseconds * 10).rounded() / 10) ms")
        }
        return response
    }

    /// The route's template and the response (with a full body also for HEAD; the caller empties it).
    func answer(_ request: Request, context: Context) -> (String, Response) {
        // The raw path, not decoded: `%2e%2e` stays what it is and can never match a secret.
        let path = request.uri.string.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let route = Route(path)
        // RFC 9112 §3.2: a request without a Host header, or with more than one, is answered 400.
        guard request.head.authority != nil, request.headers[values: Self.host].isEmpty else {
            return (route.template, Self.text(.badRequest, "one Host header is required\n"))
        }
        guard request.method == .get || request.method == .head else {
            var response = Self.text(.methodNotAllowed, "only GET and HEAD are answered here\n")
            response.headers[.allow] = "GET, HEAD"
            return (route.template, response)
        }
        switch route {
        case .health:
            return (route.template, health())
        case .other:
            return (route.template, Self.text(.notFound, "not found\n"))
        case .feed(let stem), .page(let stem), .report(let stem):
            let client = client(request, peer: context.remoteAddress?.ipAddress)
            let now = clock()
            if limiter.isLimited(client, now: now) {
                var response = Self.text(.tooManyRequests, "too many requests\n")
                response.headers[.retryAfter] = "\(Int(limiter.refillSeconds.rounded(.up)))"
                return (route.template, response)
            }
            let current = service.current
            guard let secret = FeedSecret(text: stem), let entry = current.registry.lookup(secret) else {
                limiter.charge(client, now: now)
                return (route.template, Self.text(.notFound, "not found\n"))
            }
            if entry.revoked != nil {
                return (route.template, Self.text(.gone, "this address no longer works; ask for a new one\n"))
            }
            return (route.template, serve(route, entry.subject, secret: stem, current: current, request: request))
        }
    }

    /// Who is asking, for the rate limit: the peer's address; behind a trusted proxy on loopback, the last address
    /// in `X-Forwarded-For` (the one the proxy itself added; earlier ones are the client's to invent).
    func client(_ request: Request, peer: String?) -> String {
        guard let peer else { return "-" }
        guard trustProxy, peer == "::1" || peer.hasPrefix("127.") || peer.hasPrefix("::ffff:127."),
              let forwarded = request.headers[values: Self.forwardedFor].last,
              let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty
        else { return peer }
        return String(last.prefix(64))
    }

    private func serve(_ route: Route, _ subject: FeedSubject, secret: String, current: FeedService.Current,
                       request: Request) -> Response {
        guard let snapshot = current.snapshot else {
            var response = Self.text(.serviceUnavailable, "the cohort has not been planned yet\n")
            response.headers[.retryAfter] = "2"
            return response
        }
        switch (route, subject) {
        case (.feed, .patient), (.feed, .ward), (.feed, .staff):
            guard let body = snapshot.calendar(for: subject) else {
                if case .patient(let id) = subject, snapshot.patients[id] == nil {
                    return Self.text(.gone, "this calendar has ended\n")
                }
                return Self.text(.notFound, "not found\n")
            }
            let response = calendar(body, request: request)
            // A departed patient's cancellations, delivered (in full, or confirmed by a 304): the feed closes.
            if body.departed && request.method == .get && (response.status == .ok || response.status == .notModified) {
                service.retire(subject)
            }
            return response
        case (.page, .patient(let id)):
            guard let patient = snapshot.patients[id] else {
                return Self.text(.gone, "this page has ended\n")
            }
            let base = publicURL ?? request.head.authority.flatMap(Self.validHost).map { "http://\($0)" } ?? ""
            let page = PatientPage(site: snapshot.site, now: snapshot.today)
            let html = page.html(patient.plan, record: patient.record, calendarFile: "\(secret).ics",
                                 subscription: PatientPage.Subscription(web: "\(base)/feeds/\(secret).ics"))
            return Self.html(Array(html.utf8))
        case (.report, .report):
            return Self.html(snapshot.report)
        default:
            return Self.text(.notFound, "not found\n")
        }
    }

    /// 200 with the calendar, or 304 when the client's validators match (RFC 9110 §13.2.2: If-None-Match first;
    /// If-Modified-Since only without it, and only when it is a valid HTTP date).
    private func calendar(_ body: FeedBody, request: Request) -> Response {
        var headers = HTTPFields()
        headers[.eTag] = body.etag
        headers[.lastModified] = body.lastModifiedHTTP
        let tags = request.headers[values: .ifNoneMatch]
        let notModified: Bool
        if !tags.isEmpty {
            notModified = tags.flatMap { $0.split(separator: ",") }.contains { candidate in
                let tag = candidate.trimmingCharacters(in: .whitespaces)
                return tag == "*" || tag == body.etag || tag == "W/" + body.etag
            }
        } else if let since = request.headers[.ifModifiedSince].flatMap(HTTPDate.parse) {
            notModified = body.lastModified <= since
        } else {
            notModified = false
        }
        if notModified {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = "text/calendar; charset=utf-8"
        headers[.contentLength] = "\(body.bytes.count)"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body.bytes)))
    }

    private func health() -> Response {
        let current = service.current
        struct Health: Encodable {
            var status: String
            var cohort: String
            var planned: String?
            var plannedFor: String?
            var patients: Int
            var feeds: Int
            var errors: [String]
        }
        let status = current.snapshot == nil ? "starting" : (current.errors.isEmpty ? "ok" : "stale")
        let health = Health(status: status, cohort: service.cohortPath, planned: current.planned?.description,
                            plannedFor: current.snapshot?.now.description, patients: current.snapshot?.patients.count ?? 0,
                            feeds: current.registry.entries.filter { $0.revoked == nil }.count, errors: current.errors)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let bytes = Array((try? encoder.encode(health)) ?? Data("{}".utf8)) + [0x0a]
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.contentLength] = "\(bytes.count)"
        return Response(status: current.snapshot == nil ? .serviceUnavailable : .ok, headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private static func html(_ bytes: [UInt8]) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentLength] = "\(bytes.count)"
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.contentLength] = "\(text.utf8.count)"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    // These four names are literal RFC 9110 tokens (letters and hyphens only), so `HTTPField.Name(_:)`, which fails
    // only for other characters, cannot fail for them.
    private static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    private static let robotsTag = HTTPField.Name("X-Robots-Tag")!
    /// A second Host header stays among the fields (the first becomes the request's authority).
    private static let host = HTTPField.Name("Host")!
    private static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    private static func secure(_ headers: inout HTTPFields) {
        headers[.cacheControl] = "private, no-cache"
        headers[Self.referrerPolicy] = "no-referrer"
        headers[Self.robotsTag] = "noindex"
        headers[.xContentTypeOptions] = "nosniff"
    }

    /// A Host header fit to put in a link: letters, digits, dots, hyphens, a port and IPv6 brackets only.
    static func validHost(_ host: String) -> String? {
        guard !host.isEmpty, host.count <= 255,
              host.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || ".-:[]".unicodeScalars.contains($0)) })
        else { return nil }
        return host
    }
}

/// The routes, told apart by the raw path.
enum Route {
    case health
    case feed(String)
    case page(String)
    case report(String)
    case other

    init(_ path: String) {
        if path == "/healthz" {
            self = .health
        } else if path.hasPrefix("/feeds/"), let name = Self.name(path.dropFirst(7)) {
            if name.hasSuffix(".ics") {
                self = .feed(String(name.dropLast(4)))
            } else if name.hasSuffix(".html") {
                self = .page(String(name.dropLast(5)))
            } else {
                self = .other
            }
        } else if path.hasPrefix("/report/"), let name = Self.name(path.dropFirst(8)), name.hasSuffix(".html") {
            self = .report(String(name.dropLast(5)))
        } else {
            self = .other
        }
    }

    /// The template written to the access log: never the secret.
    var template: String {
        switch self {
        case .health: "/healthz"
        case .feed: "/feeds/{secret}.ics"
        case .page: "/feeds/{secret}.html"
        case .report: "/report/{secret}.html"
        case .other: "(other)"
        }
    }

    private static func name(_ rest: Substring) -> Substring? {
        rest.isEmpty || rest.contains("/") ? nil : rest
    }
}
