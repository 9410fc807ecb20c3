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
/// Each calendar goes through libical once per publish: the feed is written, and the served file is the same text
/// without those two lines (the ward's feed is written a second time only when its window cuts events).
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
    /// Turns a calendar into text: libical, through ``CalendarWriter``. Tests count the calls (one per calendar).
    var serialise: @Sendable (CalendarWriter, CalendarDocument) throws(ICalendarWriteError) -> String = { writer, document in
        try writer.write(document)
    }

    /// A publisher for `cohort`, keeping its served calendars in `state`.
    public init(cohort: String, state: String, language: PatientRecord.Language) {
        self.cohortPath = cohort
        self.servedFolder = "\(state)/\(URL(fileURLWithPath: cohort).lastPathComponent).served"
        self.language = language
    }

    /// Reads and plans the cohort as of `now`, merges its calendars with the served ones, writes what changed to
    /// the served folder (atomically) and returns the snapshot to serve.
    ///
    /// With `previous` (the snapshot this one replaces, published from the same folder), a patient whose record
    /// and plan are those of `previous`, on the same day at the same site, and whose calendar there held no
    /// cancellation, keeps their feed body as it is: neither built, merged, written through libical nor stored
    /// again, since it would come out byte for byte the same (the merge keeps an unchanged event's SEQUENCE and
    /// DTSTAMP). A calendar with cancellations is merged again, which drops them, as it always has (a cancellation
    /// is sent once). A coordinator's record of one fact in a cohort of 2,000 then rebuilds one patient's calendar,
    /// the ward's and the staff's, not 2,000; and the ward's and staff's merge against `previous`'s documents
    /// instead of their files.
    public func publish(now: Instant, previous: FeedSnapshot? = nil) throws(Failure) -> FeedSnapshot {
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
        // What the report and the console show, worked out once per version of the cohort, on a second thread
        // while this one makes the calendars (2 cores: a re-plan of 2,000 patients takes about half as long).
        let views = Background { [language] in
            Self.views(analysis, site: cohort.site, today: today, language: language)
        }
        var patients: [String: FeedSnapshot.Patient] = [:]
        for (record, plan) in zip(cohort.patients, analysis.plans) {
            patients[record.id] = FeedSnapshot.Patient(record: record, plan: plan)
        }
        let made: Made
        do {
            made = try calendars(cohort, plans: analysis.plans, patients: patients, now: now, today: today,
                                 previous: previous)
        } catch {
            _ = views.value
            throw error
        }
        return FeedSnapshot(cohortPath: cohortPath, imports: cohort.imports, now: now, today: today, site: cohort.site,
                            calendars: made.calendars, documents: made.documents, settled: made.settled,
                            patients: patients, console: views.value)
    }

    /// The console's view of `analysis`: its conflicts, the weeks ahead and the report (whose page is made when it
    /// is asked for).
    private static func views(_ analysis: CohortAnalysis, site: Site, today: CalendarDate,
                              language: PatientRecord.Language) -> FeedSnapshot.Console {
        let conflicts = ConflictFinder(analysis: analysis).conflicts()
        let risk = RiskView(analysis: analysis)
        let report = HTMLReport(analysis: analysis, siteName: site.name, from: today.adding(days: -28),
                                to: today.adding(days: 182), language: language, conflicts: conflicts, risk: risk)
        return FeedSnapshot.Console(analysis: analysis, conflicts: conflicts,
                                    weeks: RiskView.byWeek(risk.days(from: today, to: today.adding(days: 55))),
                                    report: report)
    }

    /// The feed bodies of the cohort's calendars, merged with those served before and stored (what changed), and
    /// the ward's and staff's merged documents (for the next publish to merge against without reading them back).
    private func calendars(_ cohort: Cohort, plans: [PatientPlan], patients: [String: FeedSnapshot.Patient],
                           now: Instant, today: CalendarDate, previous: FeedSnapshot?) throws(Failure) -> Made {
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
            // The ward's and staff's calendars as the snapshot in service merged them (the same events libical
            // would read back from their files, without reading 2,000 patients' worth of them); the rest from disk.
            set = try CalendarSet(site: cohort.site, records: cohort.patients, plans: plans, now: now, language: language,
                                  folder: served, held: previous?.documents ?? [:],
                                  keeping: Self.keeping(previous, patients: patients, site: cohort.site, today: today))
        } catch {
            throw Failure(problems: error.diagnostics + ["\(error.path): error: a served calendar cannot be read; move it away"])
        }
        let writer = CalendarWriter(now: now)
        let current = Set(cohort.patients.map { "patients/\($0.id).ics" })
        var calendars: [String: FeedBody] = [:]
        var documents: [String: CalendarDocument] = [:]
        var settled = Set(set.kept)
        for path in set.kept { calendars[path] = previous?.calendars[path] }
        // The two refresh lines as libical wrote them, to add to the departed patients' files below.
        var hints: [UInt8]?
        do {
            for file in set.files {
                // One pass through libical per calendar: the feed; the served file is the feed without the two
                // refresh lines (libical writes each property on its own, so taking two out changes no other byte).
                var feed = file.document
                feed.refreshInterval = refreshSeconds
                let text = Array(try serialise(writer, feed).utf8)
                let split = Self.splitRefreshLines(text)
                if hints == nil && !split.hints.isEmpty { hints = split.hints }
                let modified = try store(split.served, at: file.path)
                let bytes = file.path == "ward.ics" ? try windowed(feed, whole: text, today: today, writer: writer) : text
                let departed = !current.contains(file.path) && file.path.hasPrefix("patients/")
                calendars[file.path] = FeedBody(bytes: bytes, lastModified: modified, departed: departed)
                if !file.path.hasPrefix("patients/") {
                    documents[file.path] = file.document
                } else if !departed && !file.document.events.contains(where: { $0.status == .cancelled }) {
                    settled.insert(file.path)
                }
            }
            // Departed patients whose cancellations are written but not yet delivered: served as they are, the file's
            // bytes with the refresh lines added.
            for path in set.removals {
                let full = "\(served)/\(path)"
                guard let data = FileManager.default.contents(atPath: full) else { continue }
                let bytes: [UInt8]
                if let hints {
                    bytes = Self.addingRefreshLines(hints, to: Array(data))
                } else {
                    // No calendar was written above (there is always the ward's; this is for safety only).
                    guard var document = try CalendarSet.read(full) else { continue }
                    document.refreshInterval = refreshSeconds
                    bytes = Array(try serialise(writer, document).utf8)
                }
                calendars[path] = FeedBody(bytes: bytes, lastModified: Self.modified(full), departed: true)
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(problems: ["\(cohortPath): error: \(error)"])
        }
        return Made(calendars: calendars, documents: documents, settled: settled)
    }

    /// What ``calendars(_:plans:now:today:previous:)`` made: see ``FeedSnapshot``'s properties of the same names.
    private struct Made {
        var calendars: [String: FeedBody]
        var documents: [String: CalendarDocument]
        var settled: Set<String>
    }

    /// Which patients' calendars `previous` holds as a publish now would make them: same site, same day, same record
    /// and plan, and a calendar without cancellations (``FeedSnapshot/settled``; the path is
    /// `patients/<pseudonym>.ics`).
    static func keeping(_ previous: FeedSnapshot?, patients: [String: FeedSnapshot.Patient], site: Site,
                        today: CalendarDate) -> (String) -> Bool {
        guard let previous, previous.today == today, previous.site == site else { return { _ in false } }
        return { path in
            guard path.hasPrefix("patients/"), path.hasSuffix(".ics"), previous.settled.contains(path),
                  previous.calendars[path] != nil else { return false }
            let id = String(path.dropFirst("patients/".count).dropLast(".ics".count))
            guard let patient = patients[id], let before = previous.patients[id] else { return false }
            return before.record == patient.record && before.plan == patient.plan
        }
    }

    /// Removes a departed patient's served calendar once its cancellations were delivered.
    public func retire(_ path: String) {
        guard path.hasPrefix("patients/"), !path.contains("..") else { return }
        unlink("\(servedFolder)/\(path)")
    }

    /// Writes `bytes` at the served `path` unless the file already holds them; returns the file's modification time.
    private func store(_ bytes: [UInt8], at path: String) throws(Failure) -> Instant {
        let full = "\(servedFolder)/\(path)"
        if let old = FileManager.default.contents(atPath: full), old.count == bytes.count, [UInt8](old) == bytes {
            return Self.modified(full)
        }
        do {
            try AtomicFile.write(bytes, to: full, mode: 0o600)
        } catch {
            throw Failure(problems: [error.description])
        }
        return Self.modified(full)
    }

    /// The ward feed, windowed to fit ``feedLimit``; `whole` is `document` as text already (kept when the window
    /// leaves every event in and it fits).
    ///
    /// The horizon ahead starts at a year and is halved until the feed fits. Which horizon fits is told by the sizes
    /// of the events as libical wrote them in `whole` (each `BEGIN:VEVENT` … `END:VEVENT` block, in the document's
    /// order), so the ward goes through libical once more for the horizon chosen, not once per horizon tried; should
    /// that text still be too large, halving goes on.
    private func windowed(_ document: CalendarDocument, whole: [UInt8], today: CalendarDate,
                          writer: CalendarWriter) throws -> [UInt8] {
        let oldest = today.adding(days: -wardPastDays)
        let sizes = Self.eventSizes(whole)
        var horizon = 366
        while true {
            let newest = today.adding(days: horizon)
            let inside = document.events.map { event in
                (event.end?.date ?? event.start.date) >= oldest && event.start.date <= newest
            }
            let kept = inside.filter { $0 }.count
            if kept == document.events.count, whole.count <= feedLimit { return whole }
            if let sizes, sizes.count == inside.count, horizon > 14 {
                let left = zip(sizes, inside).reduce(0) { $0 + ($1.1 ? 0 : $1.0) }
                if whole.count - left > feedLimit {
                    horizon /= 2
                    continue
                }
            }
            var feed = document
            feed.events = zip(document.events, inside).filter(\.1).map(\.0)
            let bytes = kept == document.events.count ? whole : Array(try serialise(writer, feed).utf8)
            if bytes.count <= feedLimit || horizon <= 14 { return bytes }
            horizon /= 2
        }
    }

    /// The byte length of each `BEGIN:VEVENT` … `END:VEVENT` block of `text`, in order (`nil` when a block does not
    /// close).
    static func eventSizes(_ text: [UInt8]) -> [Int]? {
        var sizes: [Int] = []
        var start: Int?
        var index = 0
        while index < text.count {
            var next = index
            while next < text.count && text[next] != 0x0a { next += 1 }
            next = min(next + 1, text.count)
            if text[index...].starts(with: Self.beginEvent) {
                start = index
            } else if text[index...].starts(with: Self.endEvent) {
                guard let first = start else { return nil }
                sizes.append(next - first)
                start = nil
            }
            index = next
        }
        return start == nil ? sizes : nil
    }

    // MARK: The refresh lines

    /// `text` (a calendar libical wrote with a refresh interval) split into the served file (`REFRESH-INTERVAL` and
    /// `X-PUBLISHED-TTL` taken out of the calendar's own properties, continuation lines included) and those lines.
    ///
    /// ```
    /// BEGIN:VCALENDAR                          BEGIN:VCALENDAR                       REFRESH-INTERVAL;VALUE=DURATION:PT1H
    /// PRODID:…                                 PRODID:…                              X-PUBLISHED-TTL:PT1H
    /// X-WR-TIMEZONE:Europe/Amsterdam     →     X-WR-TIMEZONE:Europe/Amsterdam   +
    /// REFRESH-INTERVAL;VALUE=DURATION:PT1H     BEGIN:VEVENT
    /// X-PUBLISHED-TTL:PT1H                     …
    /// BEGIN:VEVENT
    /// ```
    static func splitRefreshLines(_ text: [UInt8]) -> (served: [UInt8], hints: [UInt8]) {
        let end = headerEnd(text)
        var served: [UInt8] = []
        served.reserveCapacity(text.count)
        var hints: [UInt8] = []
        var start = 0
        var taking = false
        while start < end {
            var next = start
            while next < end && text[next] != 0x0a { next += 1 }
            next = min(next + 1, end)
            let line = text[start..<next]
            if line.first == 0x20 || line.first == 0x09 {
                // A folded continuation belongs to the line before it.
            } else {
                taking = line.starts(with: Self.refreshName) || line.starts(with: Self.ttlName)
            }
            if taking { hints += line } else { served += line }
            start = next
        }
        served += text[end...]
        return (served, hints)
    }

    /// `lines` put back where libical writes them: after the calendar's own properties, before its first component.
    static func addingRefreshLines(_ lines: [UInt8], to text: [UInt8]) -> [UInt8] {
        let end = headerEnd(text)
        return Array(text[..<end]) + lines + text[end...]
    }

    /// Where the calendar's own properties end: the start of the first `BEGIN:` line after the first line, or of
    /// `END:VCALENDAR`.
    private static func headerEnd(_ text: [UInt8]) -> Int {
        var index = text.firstIndex(of: 0x0a).map { $0 + 1 } ?? text.count
        while index < text.count {
            if text[index...].starts(with: Self.begin) || text[index...].starts(with: Self.endCalendar) { return index }
            index = text[index...].firstIndex(of: 0x0a).map { $0 + 1 } ?? text.count
        }
        return text.count
    }

    private static let refreshName = Array("REFRESH-INTERVAL".utf8)
    private static let ttlName = Array("X-PUBLISHED-TTL".utf8)
    private static let begin = Array("BEGIN:".utf8)
    private static let endCalendar = Array("END:VCALENDAR".utf8)
    private static let beginEvent = Array("BEGIN:VEVENT\r".utf8)
    private static let endEvent = Array("END:VEVENT\r".utf8)

    /// Modification time in whole seconds (1970 when the file is gone).
    static func modified(_ full: String) -> Instant {
        Instant(secondsSince1970: Int64(FileStamp(full)?.seconds ?? 0))
    }
}

