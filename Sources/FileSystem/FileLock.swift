import Foundation

/// An advisory lock on one file (`flock`), held as long as the value lives: the one lock every writer in the package
/// takes (a cohort's writers, `calendars` into its output folder, the feed registry).
///
/// ```swift
/// do {
///     let lock = try FileLock("out/.ahsct.lock", wait: .no)   // refuses at once if another run holds it
///     // … write into out/ …
/// }                                                           // released here
/// ```
///
/// A lock that must outlast its scope (the output folder of one `ahsct calendars` run) is kept with
/// ``holdUntilExit()``. Locks taken by one process on one file with two descriptors exclude each other too, so two
/// tasks of a server take turns like two processes do.
public struct FileLock: ~Copyable {
    /// How long to wait when another holder has the lock.
    public enum Wait: Sendable, Hashable {
        /// Refuse at once.
        case no
        /// Try again every 50 ms on the monotonic clock, up to this long.
        case upTo(Duration)
        /// Block until the holder lets go.
        case indefinitely
    }

    /// Why the lock was not taken.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// The lock file could not be opened or created (with the system's reason).
        case cannotOpen(lock: String, reason: String)
        /// Another holder kept it for the whole wait.
        case held(lock: String)

        /// The lock file concerned.
        public var lock: String {
            switch self {
            case let .cannotOpen(lock, _), let .held(lock): return lock
            }
        }

        /// `cannot lock out/.ahsct.lock: Permission denied` or `out/.ahsct.lock is held by another writer`.
        public var description: String {
            switch self {
            case let .cannotOpen(lock, reason): return "cannot lock \(lock): \(reason)"
            case let .held(lock): return "\(lock) is held by another writer"
            }
        }
    }

    /// The lock file.
    public let path: String
    private let descriptor: Int32

    /// Takes the lock on `path` (created 0600 if missing; its folder must exist), waiting as `wait` says.
    public init(_ path: String, wait: Wait) throws(Failure) {
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .cannotOpen(lock: path, reason: String(cString: strerror(errno))) }
        switch wait {
        case .no:
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                close(descriptor)
                throw .held(lock: path)
            }
        case let .upTo(limit):
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: limit)
            while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                guard clock.now < deadline else {
                    close(descriptor)
                    throw .held(lock: path)
                }
                usleep(50_000)
            }
        case .indefinitely:
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let reason = String(cString: strerror(errno))
                    close(descriptor)
                    throw .cannotOpen(lock: path, reason: reason)
                }
            }
        }
        self.path = path
        self.descriptor = descriptor
    }

    /// Keeps the lock until the process ends: a duplicate of the descriptor, never closed, shares the lock, so
    /// dropping this value does not release it.
    public consuming func holdUntilExit() {
        _ = fcntl(descriptor, F_DUPFD_CLOEXEC, 0)
    }

    deinit {
        // Closing the descriptor releases the flock.
        close(descriptor)
    }
}
