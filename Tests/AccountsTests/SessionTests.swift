@testable import Accounts
import Testing

@Suite struct SessionStoreTests {
    /// A session lives while used: idle up to 30 minutes (1,800 s) is fine, a second more ends it; the idle clock
    /// restarts at every request.
    @Test func idleExpiry() throws {
        let store = SessionStore()
        let (id, session) = store.start(user: "anna", role: .coordinator, now: 1_000)
        #expect(session.user == "anna" && session.role == .coordinator)
        #expect(store.resume(id, now: 2_800)?.user == "anna")       // 1,800 s idle: still alive
        #expect(store.resume(id, now: 4_600)?.user == "anna")       // 1,800 s after the last request
        #expect(store.resume(id, now: 6_401) == nil)                // 1,801 s idle: gone
        #expect(store.resume(id, now: 6_402) == nil)
        #expect(store.count == 0)
    }

    /// Used every 20 minutes, a session still ends 12 hours (43,200 s) after the sign-in.
    @Test func absoluteExpiry() throws {
        let store = SessionStore()
        let (id, _) = store.start(user: "anna", role: .viewer, now: 0)
        var now = 0.0
        while now + 1_200 <= 43_200 {
            now += 1_200
            #expect(store.resume(id, now: now) != nil, "alive at \(now)")
        }
        #expect(now == 43_200)
        #expect(store.resume(id, now: 43_201) == nil)
    }

    /// Every sign-in gets a new id and a new CSRF token (43 base64url characters: 256 bits); sign-out ends one
    /// session; removing a user ends all of theirs.
    @Test func newIdsAndEnding() throws {
        let store = SessionStore()
        let first = store.start(user: "anna", role: .coordinator, now: 0)
        let second = store.start(user: "anna", role: .coordinator, now: 0)
        let other = store.start(user: "bert", role: .viewer, now: 0)
        #expect(first.id != second.id && first.session.csrfToken != second.session.csrfToken)
        #expect(first.id.count == 43 && first.session.csrfToken.count == 43)
        #expect(first.id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        store.end(first.id)
        #expect(store.resume(first.id, now: 1) == nil && store.resume(second.id, now: 1) != nil)
        store.endAll(user: "anna")
        #expect(store.resume(second.id, now: 2) == nil && store.resume(other.id, now: 2)?.user == "bert")
    }
}

@Suite struct SignInThrottleTests {
    /// Four failures cost nothing; the fifth pauses 60 s; then each failure doubles the pause (120, 240, 480) up to
    /// 900 s (15 minutes). The pause holds for the user from any address and for the address with any user.
    @Test func pausesDoubleUpToFifteenMinutes() {
        let throttle = SignInThrottle()
        for _ in 0..<4 { throttle.failed(user: "anna", address: "10.0.0.7", now: 0) }
        #expect(throttle.wait(user: "anna", address: "10.0.0.7", now: 0) == 0)
        throttle.failed(user: "anna", address: "10.0.0.7", now: 0)
        #expect(throttle.wait(user: "anna", address: "10.0.0.7", now: 10) == 50)
        #expect(throttle.wait(user: "anna", address: "10.9.9.9", now: 10) == 50)     // the user, elsewhere
        #expect(throttle.wait(user: "bert", address: "10.0.0.7", now: 10) == 50)     // the address, another user
        #expect(throttle.wait(user: "bert", address: "10.9.9.9", now: 10) == 0)
        #expect(throttle.wait(user: "anna", address: "10.0.0.7", now: 60) == 0)
        var now = 60.0
        for expected in [120, 240, 480, 900, 900] {
            throttle.failed(user: "anna", address: "10.0.0.7", now: now)
            #expect(throttle.wait(user: "anna", address: "10.0.0.7", now: now) == expected)
            now += Double(expected)
        }
    }

    /// A good sign-in clears the counts: four more failures cost nothing again.
    @Test func successClears() {
        let throttle = SignInThrottle()
        for _ in 0..<4 { throttle.failed(user: "anna", address: "a", now: 0) }
        throttle.succeeded(user: "anna", address: "a")
        for _ in 0..<4 { throttle.failed(user: "anna", address: "a", now: 0) }
        #expect(throttle.wait(user: "anna", address: "a", now: 0) == 0)
    }
}
