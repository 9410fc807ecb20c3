import Calendrical
import Feeds
import Foundation
import ICalendar
import Interchange
import Logging
import Pathway

/// What the server serves from, kept current: the last good ``FeedSnapshot`` of the cohort (with its answers made
/// once, ``ServedSnapshot``), the feed registry, and the located errors of the last edit that could not be planned.
///
/// Two locks, two lanes:
/// - **Requests** take ``current`` (a short lock around a copy of a few references) and answer from that copy, so a
///   re-plan swapping in a new snapshot never gives anyone half of each, and never makes a request wait for it.
/// - **The watcher** calls ``refresh(force:)`` on its own task (twice a second in service; tests call it directly).
///   It alone re-plans, re-reads the registry and retires departed patients' feeds, one refresh at a time.
///
/// A departed patient's cancellations fetched by a `GET` (200 or 304): the request only marks the calendar
/// delivered (``delivered(_:)``, under the short lock), and from that instant it answers 410. The next refresh
/// removes the served file and records the feed as revoked (`left-cohort`) in the registry. Before this split a
/// `GET` did that work itself, behind the refresh lock: it could wait for a whole re-plan.
public final class FeedService: @unchecked Sendable {
    /// A consistent view for one request.
    public struct Current: Sendable {
        /// The last good snapshot (`nil` until the cohort has been planned once).
        public var snapshot: FeedSnapshot? { served?.snapshot }
        /// The snapshot with its answers.
        var served: ServedSnapshot?
        /// The feeds.
        public var registry: FeedRegistry
        /// Located errors of the cohort as it is now on disk (empty when it planned).
        public var errors: [String]
        /// When the snapshot was planned (wall clock).
        public var planned: Instant?
        /// Departed patients a client has fetched the cancellations of: answered 410 from then on, though the
        /// snapshot still holds their calendar until a publish after their retirement leaves it out.
        var delivered: Set<FeedSubject>
    }

    /// The cohort file.
    public let cohortPath: String
    /// The feed registry's file.
    public let registryPath: String
    /// The state folder (the registry, the audit logs, the console's accounts).
    public let stateFolder: String
    let publisher: FeedPublisher
    /// Plans the cohort as of an instant, given the snapshot in service (the publisher's; tests put a gate in front
    /// of it).
    let publish: @Sendable (Instant, FeedSnapshot?) throws(FeedPublisher.Failure) -> FeedSnapshot
    let fixedNow: Instant?
    let clock: @Sendable () -> Instant
    let logger: Logger

    /// Guards `state` and `toRetire`: held for a copy or an assignment, never for I/O.
    private let lock = NSLock()
    private var state: Current
    /// Delivered departed patients the next refresh retires.
    private var toRetire: [FeedSubject] = []
    /// One refresh at a time (the watcher's; the first, before the server listens); requests never take it.
    private let refreshing = NSLock()
    private var stamps: [String: ContentStamp?] = [:]
    private var registryStamp: ContentStamp?
    private var plannedDay: CalendarDate?

    /// A service for `cohort` keeping its state in `state`. `now` fixes the plans' day and DTSTAMPs (as `--now`
    /// does for the other commands); without it each re-plan reads `clock`.
    public convenience init(cohort: String, state: String, language: PatientRecord.Language, now: Instant?,
                            logger: Logger,
                            clock: @escaping @Sendable () -> Instant = { Instant(secondsSince1970: Int64(Date().timeIntervalSince1970)) }) {
        self.init(cohort: cohort, state: state, language: language, now: now, logger: logger, clock: clock, publish: nil)
    }

    /// The same, with `publish` standing in front of the publisher (`nil`: the publisher itself).
    init(cohort: String, state: String, language: PatientRecord.Language, now: Instant?, logger: Logger,
         clock: @escaping @Sendable () -> Instant,
         publish: (@Sendable (FeedPublisher, Instant, FeedSnapshot?) throws(FeedPublisher.Failure) -> FeedSnapshot)?) {
        self.cohortPath = cohort
        self.registryPath = FeedRegistry.path(state: state, cohort: cohort)
        self.stateFolder = state
        let publisher = FeedPublisher(cohort: cohort, state: state, language: language)
        self.publisher = publisher
        if let publish {
            self.publish = { now, previous throws(FeedPublisher.Failure) in try publish(publisher, now, previous) }
        } else {
            self.publish = { now, previous throws(FeedPublisher.Failure) in try publisher.publish(now: now, previous: previous) }
        }
        self.fixedNow = now
        self.clock = clock
        self.logger = logger
        self.state = Current(served: nil, registry: FeedRegistry(), errors: [], planned: nil, delivered: [])
    }

    /// Re-plans now on a task of its own (the caller, a console request that has just written the cohort or the
    /// registry, only waits for it), so the page it answers with shows the change. The watcher would see it too, a
    /// tick later.
    public func refreshNow() async {
        await Task.detached { _ = self.refresh() }.value
    }

    /// The state to answer one request from.
    public var current: Current { lock.withLock { state } }

    /// Retires the departed patients' feeds delivered since the last call, re-reads the registry if its file changed
    /// and re-plans if the cohort, a file it names, or the day changed. Returns whether the snapshot was replaced.
    /// Failures are logged and kept for `/healthz`, never thrown. The watcher's work: never called for a request.
    @discardableResult
    public func refresh(force: Bool = false) -> Bool {
        refreshing.withLock {
            retireDelivered()
            let registryNow = ContentStamp(registryPath)
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
            let stampsNow = Dictionary(uniqueKeysWithValues: watched.map { ($0, ContentStamp($0)) })
            let zone = lock.withLock { state.snapshot?.site.timeZone } ?? "Europe/Amsterdam"
            let day = TimeZoneLibrary.localTime(at: now, in: zone)?.date
            guard force || stampsNow != stamps || day != plannedDay else { return false }
            stamps = stampsNow
            // The snapshot in service: the patients it holds unchanged keep their feeds as they are.
            let previous = lock.withLock { state.snapshot }
            switch Result(catching: { () throws(FeedPublisher.Failure) in try publish(now, previous) }) {
            case .success(let snapshot):
                plannedDay = snapshot.today
                // The files the new version names are watched from now on.
                for path in snapshot.imports where stamps[path] == nil { stamps[path] = ContentStamp(path) }
                let served = ServedSnapshot(snapshot, previous: lock.withLock { state.served })
                let planned = clock()
                lock.withLock {
                    state.served = served
                    // A calendar delivered while this publish ran is still in it (its file was there): still 410.
                    state.delivered = state.delivered.filter { served.calendars[$0] != nil }
                    state.errors = []
                    state.planned = planned
                }
                logger.info("planned \(snapshot.patients.count) patients from \(cohortPath)")
                SystemMemory.returnFreed()
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

    /// A `GET` handed out a departed patient's cancellations (200, or 304 confirming the client has them): the feed
    /// answers 410 from now on, and the next ``refresh(force:)`` retires it. Takes only the short lock.
    func delivered(_ subject: FeedSubject) {
        lock.withLock {
            if state.delivered.insert(subject).inserted { toRetire.append(subject) }
        }
    }

    /// Drops the delivered departed patients' served calendars and closes their feeds for good (410, `left-cohort`).
    private func retireDelivered() {
        let subjects = lock.withLock {
            defer { toRetire = [] }
            return toRetire
        }
        guard !subjects.isEmpty else { return }
        for subject in subjects {
            if let path = subject.calendarPath { publisher.retire(path) }
        }
        do {
            let now = fixedNow ?? clock()
            let registry = try FeedRegistry.modify(at: registryPath) { registry throws(FeedRegistry.Failure) in
                for subject in subjects { registry.revoke(subject, now: now, reason: .leftCohort) }
                return registry
            }
            registryStamp = ContentStamp(registryPath)
            lock.withLock { state.registry = registry }
        } catch {
            logger.error("feed registry: \(error)")
        }
    }
}

/// What identifies a version of a watched file: the SHA-256 of its bytes (`nil` when it does not exist or cannot be
/// read). Not FileSystem's ``FileSystem/FileStamp`` (inode, size and modification time), which the writers' side
/// uses: on a file system whose clock ticks every few milliseconds, two
/// saves of the same size can share all three, and the second would be missed. The files are small (a cohort of
/// 2,000 patients is a few hundred kB), so reading them twice a second costs little.
struct ContentStamp: Hashable, Sendable {
    let hash: ContentHash

    /// The stamp of `path`, or `nil` when it does not exist.
    init?(_ path: String) {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        hash = ContentHash(of: data)
    }
}
