import Foundation

/// The lock of one cohort file, held while it is read, changed and written: an advisory `flock` on
/// `<folder>/<file name>.lock`, released when the owner goes away.
///
/// Every writer of a cohort (``CohortRecorder`` for `ahsct record` and `ahsct schedule --in-place`, the console) takes
/// it in the state folder beside the cohort, whatever folder its audit log goes to, so all of them take turns; and
/// each reads the file only once it holds the lock, so none loses another's change. A second writer waits up to
/// `wait` for the first to finish (polling every 50 ms on the monotonic clock), then gives up.
public struct CohortLock: ~Copyable {
    /// Why the lock was not taken.
    public enum Failure: Error, Sendable, Hashable {
        /// The lock file could not be opened or created (with the system's reason).
        case cannotOpen(lock: String, reason: String)
        /// Another writer held it for the whole wait.
        case held(lock: String)
    }

    /// The lock file.
    public let path: String
    private let descriptor: Int32

    /// Takes the lock of `cohort` in `folder` (which must exist), waiting up to `wait` for another holder.
    public init(cohort: String, in folder: String, wait: Duration = .seconds(10)) throws(Failure) {
        let path = "\(folder)/\(URL(fileURLWithPath: cohort).lastPathComponent).lock"
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .cannotOpen(lock: path, reason: String(cString: strerror(errno))) }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: wait)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard clock.now < deadline else {
                close(descriptor)
                throw .held(lock: path)
            }
            usleep(50_000)
        }
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        // Closing the descriptor releases the flock.
        close(descriptor)
    }
}
