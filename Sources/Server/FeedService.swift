import Calendrical
import Feeds
import Foundation
import ICalendar
import Interchange
import Logging
import Pathway

/// What the server serves from, kept current: the last good ``FeedSnapshot`` of the cohort, the feed registry,
/// and the located errors of the last edit that could not be planned.
///
/// ``refresh()`` looks at the files (the cohort, the files it names, the registry) and re-plans or re-reads what
/// changed; the watcher calls it twice a second, so an edit is live within a second or so. A bad edit leaves the last
/// good snapshot in service and its errors on `/healthz`. Requests take ``current`` once and answer from that copy,
/// so a re-plan swapping in a new snapshot never gives anyone half of each.
public final class FeedService: @unchecked Sendable {
    /// A consistent view for one request.
    public struct Current: Sendable {
        /// The last good snapshot (`nil` until the cohort has been planned once).
        public var snapshot: FeedSnapshot?
        /// The feeds.
        public var registry: FeedRegistry
        /// Located errors of the cohort as it is now on disk (empty when it planned).
        public var errors: [String]
        /// When the snapshot was planned (wall clock).
        public var planned: Instant?
    }

    /// The cohort file.
    public let cohortPath: String
    /// The feed registry's file.
    public let registryPath: String
    let publisher: FeedPublisher
    let fixedNow: Instant?
    let clock: @Sendable () -> Instant
    let logger: Logger

    private let lock = NSLock()
    private var state: Current
    private let refreshing = NSLock()
    private var stamps: [String: FileStamp?] = [:]
    private var registryStamp: FileStamp?
    private var plannedDay: CalendarDate?

    /// A service for `cohort` keeping its state in `state`. `now` fixes the plans' day and DTSTAMPs (as `--now`
    /// does for the other commands); without it each re-plan reads `clock`.
    public init(cohort: String, state: String, language: PatientRecord.Language, now: Instant?,
                logger: Logger, clock: @escaping @Sendable () -> Instant = { Instant(secondsSince1970: Int64(Date().timeIntervalSince1970)) }) {
        self.cohortPath = cohort
        self.registryPath = FeedRegistry.path(state: state, cohort: cohort)
        self.publisher = FeedPublisher(cohort: cohort, state: state, language: language)
        self.fixedNow = now
        self.clock = clock
        self.logger = logger
        self.state = Current(snapshot: nil, registry: FeedRegistry(), errors: [], planned: nil)
    }

    /// The state to answer one request from.
    public var current: Current { lock.withLock { state } }

    /// Re-reads the registry if its file changed and re-plans if the cohort, a file it names, or the day changed.
    /// Returns whether the snapshot was replaced. Failures are logged and kept for `/healthz`, never thrown.
    @discardableResult
    public func refresh(force: Bool = false) -> Bool {
        refreshing.withLock {
            let registryNow = FileStamp(registryPath)
            if force || registryNow != registryStamp {
                registryStamp = registryNow
                do {
                    let registry = try FeedRegistry.load(from: registryPath)
                    lock.withLock { state.registry = registry }
                } catch {
                    logger.error("feed registry: \(error)")
                }
            }
            let now = fixedNow ?? clock()
            let watched = [cohortPath] + (lock.withLock { state.snapshot?.imports } ?? [])
            let stampsNow = Dictionary(uniqueKeysWithValues: watched.map { ($0, FileStamp($0)) })
            let zone = lock.withLock { state.snapshot?.site.timeZone } ?? "Europe/Amsterdam"
            let day = TimeZoneLibrary.localTime(at: now, in: zone)?.date
            guard force || stampsNow != stamps || day != plannedDay else { return false }
            stamps = stampsNow
            switch Result(catching: { () throws(FeedPublisher.Failure) in try publisher.publish(now: now) }) {
            case .success(let snapshot):
                plannedDay = snapshot.today
                // The files the new version names are watched from now on.
                for path in snapshot.imports where stamps[path] == nil { stamps[path] = FileStamp(path) }
                let planned = clock()
                lock.withLock {
                    state.snapshot = snapshot
                    state.errors = []
                    state.planned = planned
                }
                logger.info("planned \(snapshot.patients.count) patients from \(cohortPath)")
                return true
            case .failure(let error):
                plannedDay = day
                lock.withLock { state.errors = error.problems }
                logger.error("\(cohortPath) could not be planned; still serving the last good plan:")
                for problem in error.problems { logger.error("\(problem)") }
                return false
            }
        }
    }

    /// A departed patient's cancellations were delivered: drop their calendar and close the feed for good (410).
    func retire(_ subject: FeedSubject) {
        guard let path = subject.calendarPath else { return }
        refreshing.withLock {
            publisher.retire(path)
            lock.withLock { state.snapshot = state.snapshot?.retiring(path) }
            do {
                let now = fixedNow ?? clock()
                let registry = try FeedRegistry.modify(at: registryPath) { registry throws(FeedRegistry.Failure) in
                    registry.revoke(subject, now: now, reason: .leftCohort)
                    return registry
                }
                registryStamp = FileStamp(registryPath)
                lock.withLock { state.registry = registry }
            } catch {
                logger.error("feed registry: \(error)")
            }
        }
    }
}

/// What identifies a version of a file without reading it: inode, size and modification time to the nanosecond
/// (an editor that saves by renaming a new file over the old changes the inode even within one second).
struct FileStamp: Hashable, Sendable {
    let inode: UInt64
    let size: Int64
    let seconds: Int
    let nanoseconds: Int

    /// The stamp of `path`, or `nil` when it does not exist.
    init?(_ path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        inode = UInt64(status.st_ino)
        size = Int64(status.st_size)
        seconds = status.st_mtim.tv_sec
        nanoseconds = status.st_mtim.tv_nsec
    }
}
