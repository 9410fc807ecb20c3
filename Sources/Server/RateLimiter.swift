import Foundation

/// A token bucket per client address, for requests that name a secret the server does not know: each address may
/// make ``burst`` such requests at once and then one per ``refillSeconds``; past that, every secret route answers
/// 429 to that address (a right guess too, so guessing gains nothing) until the bucket has refilled a token.
///
/// With `burst` 20 and `refillSeconds` 2: 20 wrong secrets in a row get 404, the 21st gets 429, and two seconds
/// later one more is allowed.
///
/// At most ``maximumClients`` addresses are tracked; when full, buckets that have refilled completely are forgotten
/// (they are indistinguishable from new ones), and if none has, the oldest is.
final class RateLimiter: @unchecked Sendable {
    let burst: Double
    let refillSeconds: Double
    let maximumClients: Int
    private let lock = NSLock()
    private var buckets: [String: (tokens: Double, at: Double)] = [:]

    init(burst: Int = 20, refillSeconds: Double = 2, maximumClients: Int = 10_000) {
        self.burst = Double(burst)
        self.refillSeconds = refillSeconds
        self.maximumClients = maximumClients
    }

    /// Whether `client` is over its limit at `now` (seconds on a monotonic clock).
    func isLimited(_ client: String, now: Double) -> Bool {
        lock.withLock { tokens(client, now) < 1 }
    }

    /// Takes one token from `client`'s bucket for an unknown secret.
    func charge(_ client: String, now: Double) {
        lock.withLock {
            let left = tokens(client, now)
            if buckets[client] == nil && buckets.count >= maximumClients { evict(now) }
            buckets[client] = (max(0, left - 1), now)
        }
    }

    private func tokens(_ client: String, _ now: Double) -> Double {
        guard let bucket = buckets[client] else { return burst }
        return min(burst, bucket.tokens + max(0, now - bucket.at) / refillSeconds)
    }

    private func evict(_ now: Double) {
        let full = buckets.filter { tokens($0.key, now) >= burst }.map(\.key)
        if full.isEmpty, let oldest = buckets.min(by: { $0.value.at < $1.value.at })?.key {
            buckets[oldest] = nil
        }
        for key in full { buckets[key] = nil }
    }
}
