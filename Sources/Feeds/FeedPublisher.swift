import Calendrical
import Capacity
import FileSystem
import Foundation
import ICalendar
import Interchange
import Pathway
import Reports

/// Plans a cohort file into a ``FeedSnapshot``, keeping the calendars it hands out in a folder of its own
/// (`STATE/<cohort file name>.served/`, laid out as `ahsct calendars` lays out its folder) so SEQUENCE numbers and
/// the one-time cancellations carry on across re-plans and restarts exactly as they do for `ahsct calendars`.
///
/// An admission moved in the cohort file: the next ``publish(now:)`` merges the new calendars with the served ones
/// (``CalendarSet``), so the admission and what follows it get SEQUENCE + 1 and a new body, ETag and Last-Modified,
/// while every other feed keeps its bytes and validators.
///
/// A feed body is the served calendar plus `REFRESH-INTERVAL;VALUE=DURATION:PT1H` and `X-PUBLISHED-TTL:PT1H`.
/// The ward feed is windowed so it stays under ``feedLimit``: events that ended more than ``wardPastDays`` ago are
/// left out, and if it is still too large the horizon ahead is halved (a year, six months, …) until it fits.
public struct FeedPublisher: Sendable {
    /// A cohort that could not be published: its located errors (the last good snapshot stays in service).
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// One line per problem, `cohort.yaml:12:7: error: … [code]`.
        public var problems: [String]
        /// All of them, one per line.
        public var description: String { problems.joined(separator: "\n") }
    }

    /// The cohort file.
    public let cohortPath: String
    /// Where the served calendars are kept.
    public let servedFolder: String
    /// The language of the ward and staff calendars and the report (patients get their own).
    public let language: PatientRecord.Language
    /// REFRESH-INTERVAL and X-PUBLISHED-TTL, in seconds.
    public var refreshSeconds = 3600
    /// The most a feed body may weigh, in bytes.
    public var feedLimit = 1_000_000
    /// How far back the ward feed reaches, in days.
    public var wardPastDays = 56

    /// A publisher for `cohort`, keeping its served calendars in `state`.
    public init(cohort: String, state: String, language: PatientRecord.Language) {
        self.cohortPath = cohort
        self.servedFolder = "\(state)/\(URL(fileURLWithPath: cohort).lastPathComponent).served"
        self.language = language
    }

    /// Reads and plans the cohort as of `now`, merges its calendars with the served ones, writes what changed to
    /// the served folder (atomically) and returns the snapshot to serve.
    public func publish(now: Instant) throws(Failure) -> FeedSnapshot {
        let cohort: Cohort
        do {
            cohort = try CohortReader().read(contentsOf: cohortPath)
        } catch {
            throw Failure(problems: error.errors.map(\.description))
        }
        let today = TimeZoneLibrary.localTime(at: now, in: cohort.site.timeZone)?.date
            ?? CalendarDate(daysSince1970: Int(now.secondsSince1970 / 86_400))
        let planner: Planner
        do {
            planner = try cohort.planner()
        } catch {
            throw Failure(problems: ["\(cohortPath): error: \(error)"])
        }
        let analysis = CohortAnalysis(planner: planner, schedule: cohort.site.capacity, records: cohort.patients, now: today)
        let files = FileManager.default
        for folder in [servedFolder, "\(servedFolder)/patients", "\(servedFolder)/staff"] {
            do {
                try files.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw Failure(problems: ["\(folder): error: cannot create the folder (\((error as NSError).localizedDescription))"])
            }
        }
        let served = servedFolder
        let set: CalendarSet
        do {
            set = try CalendarSet(site: cohort.site, records: cohort.patients, plans: analysis.plans, now: now,
                                  language: language, folder: served)
        } catch {
            throw Failure(problems: error.diagnostics + ["\(error.path): error: a served calendar cannot be read; move it away"])
        }
        let writer = CalendarWriter(now: now)
        let current = Set(cohort.patients.map { "patients/\($0.id).ics" })
        var calendars: [String: FeedBody] = [:]
        do {
            for file in set.files {
                let text = Array(try writer.write(file.document).utf8)
                let modified = try store(text, at: file.path)
                var feed = file.document
                feed.refreshInterval = refreshSeconds
                let bytes = file.path == "ward.ics" ? try windowed(feed, today: today, writer: writer)
                                                    : Array(try writer.write(feed).utf8)
                calendars[file.path] = FeedBody(bytes: bytes, lastModified: modified, departed: !current.contains(file.path)
                                                && file.path.hasPrefix("patients/"))
            }
            // Departed patients whose cancellations are written but not yet delivered: served as they are.
            for path in set.removals {
                guard var document = try CalendarSet.read("\(served)/\(path)") else { continue }
                document.refreshInterval = refreshSeconds
                calendars[path] = FeedBody(bytes: Array(try writer.write(document).utf8),
                                           lastModified: Self.modified("\(served)/\(path)"), departed: true)
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(problems: ["\(cohortPath): error: \(error)"])
        }
        var patients: [String: FeedSnapshot.Patient] = [:]
        for (record, plan) in zip(cohort.patients, analysis.plans) {
            patients[record.id] = FeedSnapshot.Patient(record: record, plan: plan)
        }
        let report = HTMLReport(analysis: analysis, siteName: cohort.site.name, from: today.adding(days: -28),
                                to: today.adding(days: 182), language: language)
        return FeedSnapshot(cohortPath: cohortPath, imports: cohort.imports, now: now, today: today, site: cohort.site,
                            calendars: calendars, patients: patients, report: Array(report.html().utf8))
    }

    /// Removes a departed patient's served calendar once its cancellations were delivered.
    public func retire(_ path: String) {
        guard path.hasPrefix("patients/"), !path.contains("..") else { return }
        unlink("\(servedFolder)/\(path)")
    }

    /// Writes `bytes` at the served `path` unless the file already holds them; returns the file's modification time.
    private func store(_ bytes: [UInt8], at path: String) throws(Failure) -> Int64 {
        let full = "\(servedFolder)/\(path)"
        if let old = FileManager.default.contents(atPath: full), old.elementsEqual(bytes) {
            return Self.modified(full)
        }
        do {
            try AtomicFile.write(bytes, to: full, mode: 0o600)
        } catch {
            throw Failure(problems: [error.description])
        }
        return Self.modified(full)
    }

    /// The ward feed, windowed to fit ``feedLimit``.
    private func windowed(_ document: CalendarDocument, today: CalendarDate,
                          writer: CalendarWriter) throws -> [UInt8] {
        let oldest = today.adding(days: -wardPastDays)
        var horizon = 366
        while true {
            var feed = document
            let newest = today.adding(days: horizon)
            feed.events = document.events.filter { event in
                (event.end?.date ?? event.start.date) >= oldest && event.start.date <= newest
            }
            let bytes = Array(try writer.write(feed).utf8)
            if bytes.count <= feedLimit || horizon <= 14 { return bytes }
            horizon /= 2
        }
    }

    /// Modification time in whole seconds (0 when the file is gone).
    static func modified(_ full: String) -> Int64 {
        var status = stat()
        guard stat(full, &status) == 0 else { return 0 }
        return Int64(status.st_mtim.tv_sec)
    }
}
