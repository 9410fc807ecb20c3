import Foundation

/// The console's signed-in sessions, in memory only (a restart signs everyone out).
///
/// A sign-in gets a new session id of 256 random bits (never one the browser brought: no session fixation) and its
/// own CSRF token of 256 bits for the forms. A session ends after ``idleLimit`` without a request (30 minutes), after
/// ``absoluteLimit`` whatever happens (12 hours), at sign-out, or when its account is removed or its password
/// changed. Times are seconds on a monotonic clock, given by the caller: tests move them by hand.
///
/// ```swift
/// let store = SessionStore()
/// let (id, session) = store.start(user: "anna", role: .coordinator, now: 0)
/// store.resume(id, now: 60)?.user        // "anna" (and the idle clock restarts at 60)
/// store.resume(id, now: 60 + 1_801)      // nil: 30 minutes and a second without a request
/// ```
///
/// The ids live in this process's memory only; they are never written, logged or shown (the server puts each in one
/// `Set-Cookie` header).
public final class SessionStore: @unchecked Sendable {
    /// One signed-in session.
    public struct Session: Sendable, Hashable {
        /// Who signed in.
        public let user: String
        /// Their role at sign-in.
        public let role: Role
        /// The token every form of this session carries (256 bits, base64url).
        public let csrfToken: String
        /// Which version of the account it was opened with (its password hash at sign-in; empty when the caller
        /// gave none): a new password makes ``AccountBook/admits(_:)`` false.
        let credential: String
        /// When it began and when it was last used (seconds, the caller's clock).
        public let started: Double
        public internal(set) var lastSeen: Double
    }

    /// 30 minutes without a request.
    public let idleLimit: Double
    /// 12 hours after the sign-in.
    public let absoluteLimit: Double
    private let lock = NSLock()
    private var sessions: [String: Session] = [:]

    public init(idleLimit: Double = 30 * 60, absoluteLimit: Double = 12 * 60 * 60) {
        self.idleLimit = idleLimit
        self.absoluteLimit = absoluteLimit
    }

    /// Starts a session for a good sign-in: a new id, a new CSRF token. Expired sessions are swept out on the way.
    public func start(user: String, role: Role, now: Double) -> (id: String, session: Session) {
        start(user: user, role: role, credential: "", now: now)
    }

    /// Starts a session for `account`, remembering which password it was opened with.
    public func start(_ account: AccountBook.Account, now: Double) -> (id: String, session: Session) {
        start(user: account.user, role: account.role, credential: account.hash, now: now)
    }

    private func start(user: String, role: Role, credential: String, now: Double) -> (id: String, session: Session) {
        let id = Self.randomToken()
        let session = Session(user: user, role: role, csrfToken: Self.randomToken(), credential: credential, started: now,
                              lastSeen: now)
        lock.withLock {
            sessions = sessions.filter { isAlive($0.value, now) }
            sessions[id] = session
        }
        return (id, session)
    }

    /// The live session with this id, its idle clock restarted; `nil` (and forgotten) when it has expired.
    public func resume(_ id: String, now: Double) -> Session? {
        lock.withLock {
            guard var session = sessions[id] else { return nil }
            guard isAlive(session, now) else {
                sessions[id] = nil
                return nil
            }
            session.lastSeen = now
            sessions[id] = session
            return session
        }
    }

    /// Ends one session (sign-out).
    public func end(_ id: String) {
        lock.withLock { sessions[id] = nil }
    }

    /// Ends every session of `user` (the account was removed, or its password changed).
    public func endAll(user: String) {
        lock.withLock { sessions = sessions.filter { $0.value.user != user } }
    }

    /// How many sessions are held (live or not yet swept).
    public var count: Int { lock.withLock { sessions.count } }

    private func isAlive(_ session: Session, _ now: Double) -> Bool {
        now - session.lastSeen <= idleLimit && now - session.started <= absoluteLimit
    }

    /// 256 random bits from the system's generator, base64url without padding (43 characters).
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<4).flatMap { _ in withUnsafeBytes(of: generator.next() as UInt64) { Array($0) } }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
