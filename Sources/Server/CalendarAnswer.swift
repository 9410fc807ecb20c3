import Feeds
import Foundation
import HTTPTypes
import Hummingbird
import ICalendar
import NIOCore

/// One calendar's two answers, made once when a snapshot is swapped in and shared by every request for it: the 200
/// with the body in one `ByteBuffer` (NIO writes the same storage to every connection; nothing is copied per
/// request) and the 304 with the validators only.
///
/// The validators are HTTP's spelling of the plain values Feeds keeps: the strong `ETag` is the body's SHA-256 in
/// base64url, quoted, and `Last-Modified` the instant the body last changed as an HTTP date. A body whose hash is
/// `ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0` and that changed on 27 November 2026 at 15:56:57 UTC answers
///
/// ```
/// ETag: "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0"
/// Last-Modified: Fri, 27 Nov 2026 15:56:57 GMT
/// ```
struct CalendarAnswer: Sendable {
    /// `"<base64url SHA-256 of the body>"`, quotes included.
    let etag: String
    /// When the body last changed.
    let lastModified: Instant
    /// Whether this is a departed patient's last calendar (see ``FeedService``).
    let departed: Bool
    /// 200: the calendar, its validators, type and length, and the headers every answer carries.
    let full: Response
    /// 304: the validators and the headers every answer carries.
    let notModified: Response

    /// The answers for `body`.
    init(_ body: FeedBody) {
        etag = Self.etag(of: body.sha256)
        lastModified = body.lastModified
        departed = body.departed
        var headers = FeedResponder.everyAnswer
        headers[.eTag] = etag
        headers[.lastModified] = HTTPDate.format(body.lastModified)
        notModified = Response(status: .notModified, headers: headers)
        headers[.contentType] = "text/calendar; charset=utf-8"
        headers[.contentLength] = "\(body.bytes.count)"
        full = Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body.bytes)))
    }

    /// Whether these are `body`'s answers: the same hash, instant and standing.
    func answers(_ body: FeedBody) -> Bool {
        lastModified == body.lastModified && departed == body.departed && etag == Self.etag(of: body.sha256)
    }

    /// The strong entity tag of a body with `hash`: its base64url, quoted.
    static func etag(of hash: ContentHash) -> String { "\"" + hash.base64URL + "\"" }

    /// 200 with the calendar, or 304 when the client's validators match (RFC 9110 §13.2.2: If-None-Match first;
    /// If-Modified-Since only without it, and only when it is a valid HTTP date).
    func answer(_ request: Request) -> Response {
        isFresh(ifNoneMatch: request.headers[values: .ifNoneMatch], ifModifiedSince: request.headers[.ifModifiedSince])
            ? notModified : full
    }

    /// Whether the client's copy is this one: a tag in `If-None-Match` (a list, `*`, or a weak `W/` form) is ours;
    /// without that header, `If-Modified-Since` is a valid HTTP date no earlier than ``lastModified``.
    func isFresh(ifNoneMatch tags: [String], ifModifiedSince since: String?) -> Bool {
        if !tags.isEmpty {
            // The common case, one tag as we sent it, without splitting.
            if tags.count == 1 && tags[0] == etag { return true }
            return tags.contains { value in
                value.split(separator: ",").contains { candidate in
                    let tag = candidate.trimmingCharacters(in: .whitespaces)
                    return tag == "*" || tag == etag || tag == "W/" + etag
                }
            }
        }
        guard let since = since.flatMap(HTTPDate.parse) else { return false }
        return lastModified <= since
    }
}

/// A ``FeedSnapshot`` as the server answers from it: every calendar's answers and the report's, made once when the
/// snapshot is swapped in (a re-plan, or the start), never per request.
struct ServedSnapshot: Sendable {
    /// What was planned.
    let snapshot: FeedSnapshot
    /// The calendars' answers, by subject (hashing a subject makes no string, as its path would).
    let calendars: [FeedSubject: CalendarAnswer]
    /// The coordinators' report, 200: made on its first request (a secret link a few people open, 8 MB of HTML for
    /// 2,000 patients), not with every re-plan.
    let report: LazyAnswer

    /// The answers of `snapshot`; a calendar whose body `previous` (the snapshot in service) answers already, the
    /// same bytes changed at the same instant, keeps that answer and its buffer: after one patient's change, two
    /// thousand calendars are not copied again.
    init(_ snapshot: FeedSnapshot, previous: ServedSnapshot? = nil) {
        self.snapshot = snapshot
        var calendars: [FeedSubject: CalendarAnswer] = [:]
        for (path, body) in snapshot.calendars {
            guard let subject = FeedSubject(calendarPath: path) else { continue }
            if let answer = previous?.calendars[subject], answer.answers(body) {
                calendars[subject] = answer
            } else {
                calendars[subject] = CalendarAnswer(body)
            }
        }
        self.calendars = calendars
        let made = snapshot.console.report
        report = LazyAnswer { FeedResponder.html(Array(made.html().utf8)) }
    }
}

/// An answer made by its first request and then shared by the others (one maker at a time; the others wait for it).
final class LazyAnswer: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Response?
    private let make: @Sendable () -> Response

    /// The answer `make` will make.
    init(_ make: @escaping @Sendable () -> Response) { self.make = make }

    /// The answer (made now if this is the first request).
    var response: Response {
        lock.withLock {
            if let made { return made }
            let response = make()
            made = response
            return response
        }
    }
}
