import Foundation

/// Slows down password guessing: failed sign-ins are counted per user name and per client address. After
/// ``allowedFailures`` (5) failures in a row on either, sign-ins from that name or address are refused for
/// ``firstPause`` (1 minute), and each further failure doubles the pause, up to ``longestPause`` (15 minutes).
/// A good sign-in clears its user's and its address's count.
///
/// ```swift
/// let throttle = SignInThrottle()
/// for _ in 0..<5 { throttle.failed(user: "anna", address: "10.0.0.7", now: 0) }
/// throttle.wait(user: "anna", address: "10.0.0.7", now: 10)   // 50: seconds to wait (Retry-After)
/// throttle.wait(user: "anna", address: "10.0.0.7", now: 60)   // 0: may try again; one more failure pauses 2 min
/// ```
///
/// Times are seconds on a monotonic clock, given by the caller. At most ``maximumKeys`` names and addresses are
/// tracked; when full, the ones whose pause is long over are forgotten first, then the oldest.
public final class SignInThrottle: @unchecked Sendable {
    public let allowedFailures: Int
    public let firstPause: Double
    public let longestPause: Double
    public let maximumKeys: Int
    private let lock = NSLock()
    private var entries: [String: (failures: Int, until: Double, last: Double)] = [:]

    public init(allowedFailures: Int = 5, firstPause: Double = 60, longestPause: Double = 15 * 60, maximumKeys: Int = 10_000) {
        self.allowedFailures = allowedFailures
        self.firstPause = firstPause
        self.longestPause = longestPause
        self.maximumKeys = maximumKeys
    }

    /// Seconds until a sign-in as `user` from `address` may be tried (0: now), rounded up.
    public func wait(user: String, address: String, now: Double) -> Int {
        lock.withLock {
            let until = max(entries["u:" + user]?.until ?? 0, entries["a:" + address]?.until ?? 0)
            return until > now ? Int((until - now).rounded(.up)) : 0
        }
    }

    /// Counts a failed sign-in.
    public func failed(user: String, address: String, now: Double) {
        lock.withLock {
            for key in ["u:" + user, "a:" + address] {
                if entries[key] == nil, entries.count >= maximumKeys { evict(now) }
                var entry = entries[key] ?? (0, 0, now)
                entry.failures += 1
                entry.last = now
                if entry.failures >= allowedFailures {
                    let doublings = entry.failures - allowedFailures
                    let pause = doublings >= 20 ? longestPause : min(longestPause, firstPause * Double(1 << doublings))
                    entry.until = now + pause
                }
                entries[key] = entry
            }
        }
    }

    /// Clears the counts after a good sign-in.
    public func succeeded(user: String, address: String) {
        lock.withLock {
            entries["u:" + user] = nil
            entries["a:" + address] = nil
        }
    }

    private func evict(_ now: Double) {
        let over = entries.filter { $0.value.until + longestPause < now }.map(\.key)
        for key in over { entries[key] = nil }
        if entries.count >= maximumKeys, let oldest = entries.min(by: { $0.value.last < $1.value.last })?.key {
            entries[oldest] = nil
        }
    }
}
