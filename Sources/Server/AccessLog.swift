import Foundation
import ICalendar

/// The access log: one line per request, `2026-11-27T16:00:00Z GET /feeds/{secret}.ics 304 0 B 0.2 ms` — the
/// route's template, never the path, so no secret is ever written.
///
/// Lines are gathered in a buffer and written with one `write(2)` when it passes 16 kB, when the watcher ticks
/// (twice a second) and when the server stops: a calendar feed answers tens of thousands of requests a second,
/// and a system call per line would cost more than the answer. The timestamp is formatted once per second.
/// Without a file descriptor the lines are kept in memory instead (tests read ``lines``). The stamp comes from an
/// injected clock (the wall clock in service), so a test knows each line to the byte.
public final class AccessLog: @unchecked Sendable {
    private let lock = NSLock()
    private let descriptor: Int32?
    /// Whole seconds since 1970 for the stamps.
    private let clock: @Sendable () -> Int64
    private var buffer: [UInt8] = []
    private var kept: [String] = []
    private var second: Int64 = -1
    private var stamp = ""

    /// A log written to `descriptor` (standard error: `STDERR_FILENO`), stamped by `clock` (seconds since 1970).
    public init(descriptor: Int32, clock: @escaping @Sendable () -> Int64 = AccessLog.wallClock) {
        self.descriptor = descriptor
        self.clock = clock
        buffer.reserveCapacity(32_768)
    }

    /// A log kept in memory, stamped by `clock`.
    public init(clock: @escaping @Sendable () -> Int64 = AccessLog.wallClock) {
        descriptor = nil
        self.clock = clock
    }

    /// The system's wall clock in whole seconds since 1970.
    public static let wallClock: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }

    /// The lines so far (in memory only).
    public var lines: [String] { lock.withLock { kept } }

    /// Adds one line, stamped with the current second.
    func record(_ text: String) {
        let now = clock()
        lock.withLock {
            if now != second {
                second = now
                stamp = Instant(secondsSince1970: now).description
            }
            guard descriptor != nil else {
                kept.append(stamp + " " + text)
                return
            }
            buffer.append(contentsOf: stamp.utf8)
            buffer.append(0x20)
            buffer.append(contentsOf: text.utf8)
            buffer.append(0x0a)
            if buffer.count >= 16_384 { writeOut() }
        }
    }

    /// Writes what is buffered.
    public func flush() {
        lock.withLock { writeOut() }
    }

    private func writeOut() {
        guard let descriptor, !buffer.isEmpty else { return }
        var written = 0
        while written < buffer.count {
            let count = buffer[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }  // a closed or full standard error loses log lines, never requests
            written += count
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
