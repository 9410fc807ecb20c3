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
///
/// A request reads ``FeedService/current`` once and answers from it: a calendar's answer was made when its snapshot
/// was swapped in (``CalendarAnswer``), so a feed costs a lookup, a validator comparison and a log line. Nothing a
/// request does waits for a re-plan.
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
    /// Nanoseconds on a monotonic clock, for the time each request took (the access log).
    let timer: @Sendable () -> UInt64
    /// The coordinators' console under `/console/` (`nil`: not served).
    var console: ConsoleResponder?

    /// A responder over `service`. Unknown secrets are limited to `burst` per address, then one per `refillSeconds`,
    /// counted on `clock` (seconds on a monotonic clock; `nil`: the system's, from when the responder was made).
    /// `timer` times each request for the access log (nanoseconds on a monotonic clock; `nil`: the system's).
    public init(service: FeedService, publicURL: String?, accessLog: AccessLog?, burst: Int = 20, refillSeconds: Double = 2,
                trustProxy: Bool = false, clock: (@Sendable () -> Double)? = nil, timer: (@Sendable () -> UInt64)? = nil) {
        let started = ContinuousClock.now
        self.clock = clock ?? {
            let elapsed = ContinuousClock.now - started
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
        self.timer = timer ?? Self.monotonicNanoseconds
        self.service = service
        self.trustProxy = trustProxy
        self.limiter = RateLimiter(burst: burst, refillSeconds: refillSeconds)
        self.publicURL = publicURL
        self.accessLog = accessLog
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        let start = accessLog == nil ? 0 : timer()
        let (template, full): (String, Response)
        if let console, request.uri.path.hasPrefix("/console"),
           request.head.authority != nil, request.headers[values: Self.host].isEmpty {
            (template, full) = await console.answer(request, context: context,
                                                    client: client(request, peer: context.remoteAddress?.ipAddress))
        } else {
            (template, full) = answer(request, context: context)
        }
        // A HEAD answer states what GET would send (Content-Length included) without the body.
        let response = request.method == .head ? Response(status: full.status, headers: full.headers) : full
        if let accessLog {
            let tenths = (timer() &- start + 50_000) / 100_000
            let bytes = request.method == .head ? 0 : full.body.contentLength ?? 0
            accessLog.record("\(request.method.rawValue) \(template) \(response.status.code) \(bytes) B \(tenths / 10).\(tenths % 10) ms")
        }
        return response
    }

    /// The route's template and the response (with a full body also for HEAD; the caller leaves it out).
    func answer(_ request: Request, context: Context) -> (String, Response) {
        // The raw path, not decoded: `%2e%2e` stays what it is and can never match a secret.
        let uri = request.uri.string
        let route = Route(uri.firstIndex(of: "?").map { uri[..<$0] } ?? uri[...])
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
        case .feed(let address):
            let client = client(request, peer: context.remoteAddress?.ipAddress)
            let now = clock()
            if limiter.isLimited(client, now: now) {
                var response = Self.text(.tooManyRequests, "too many requests\n")
                response.headers[.retryAfter] = "\(Int(limiter.refillSeconds.rounded(.up)))"
                return (route.template, response)
            }
            let current = service.current
            guard let secret = address.secret, let entry = current.registry.lookup(secret) else {
                limiter.charge(client, now: now)
                return (route.template, Self.text(.notFound, "not found\n"))
            }
            if entry.revoked != nil {
                return (route.template, Self.text(.gone, "this address no longer works; ask for a new one\n"))
            }
            return (route.template, serve(address, entry.subject, current: current, request: request))
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

    private func serve(_ address: FeedAddress, _ subject: FeedSubject, current: FeedService.Current,
                       request: Request) -> Response {
        guard let served = current.served else {
            var response = Self.text(.serviceUnavailable, "the cohort has not been planned yet\n")
            response.headers[.retryAfter] = "2"
            return response
        }
        guard address.kind.opens(subject) else { return Self.text(.notFound, "not found\n") }
        let snapshot = served.snapshot
        switch (address.kind, subject) {
        case (.calendar, _):
            guard let calendar = served.calendars[subject], !(calendar.departed && current.delivered.contains(subject)) else {
                if case .patient(let id) = subject, snapshot.patients[id] == nil {
                    return Self.text(.gone, "this calendar has ended\n")
                }
                return Self.text(.notFound, "not found\n")
            }
            let response = calendar.answer(request)
            // A departed patient's cancellations, delivered (in full, or confirmed by a 304): the feed closes. The
            // request only says so; the watcher's next refresh does the retiring.
            if calendar.departed && request.method == .get {
                service.delivered(subject)
            }
            return response
        case (.page, .patient(let id)):
            guard let patient = snapshot.patients[id] else {
                return Self.text(.gone, "this page has ended\n")
            }
            let base = publicURL ?? request.head.authority.flatMap(Self.validHost).map { "http://\($0)" } ?? ""
            let feed = address.with(.calendar)
            let page = PatientPage(site: snapshot.site, now: snapshot.today)
            let html = page.html(patient.plan, record: patient.record, calendarFile: feed.fileName,
                                 subscription: PatientPage.Subscription(web: base + feed.path))
            return Self.html(Array(html.utf8))
        case (.report, .report):
            return served.report.response
        default:
            return Self.text(.notFound, "not found\n")
        }
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
        var headers = Self.everyAnswer
        headers[.contentType] = "application/json"
        headers[.contentLength] = "\(bytes.count)"
        return Response(status: current.snapshot == nil ? .serviceUnavailable : .ok, headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// 200 with an HTML page.
    static func html(_ bytes: [UInt8]) -> Response {
        var headers = everyAnswer
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentLength] = "\(bytes.count)"
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers = everyAnswer
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

    /// The headers every answer starts from: no caching by anyone but the client (and it revalidates), no referrer,
    /// no indexing, no sniffing.
    static let everyAnswer: HTTPFields = {
        var headers = HTTPFields()
        headers[.cacheControl] = "private, no-cache"
        headers[Self.referrerPolicy] = "no-referrer"
        headers[Self.robotsTag] = "noindex"
        headers[.xContentTypeOptions] = "nosniff"
        return headers
    }()

    /// The system's monotonic clock in nanoseconds.
    static let monotonicNanoseconds: @Sendable () -> UInt64 = {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }

    /// A Host header fit to put in a link: letters, digits, dots, hyphens, a port and IPv6 brackets only.
    static func validHost(_ host: String) -> String? {
        guard !host.isEmpty, host.count <= 255,
              host.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || ".-:[]".unicodeScalars.contains($0)) })
        else { return nil }
        return host
    }
}

/// The routes, told apart by the raw path: `/healthz`, an address of ``FeedAddress``'s shape, or anything else.
enum Route {
    case health
    case feed(FeedAddress)
    case other

    init(_ path: Substring) {
        if path == "/healthz" {
            self = .health
        } else if let address = FeedAddress(path: path) {
            self = .feed(address)
        } else {
            self = .other
        }
    }

    /// The template written to the access log: never the secret.
    var template: String {
        switch self {
        case .health: "/healthz"
        case .feed(let address): address.kind.template
        case .other: "(other)"
        }
    }
}
