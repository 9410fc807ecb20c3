import Capacity
import Foundation
import ICalendar
import Pathway

/// Every calendar of a cohort, merged with what an earlier run handed out: the one update policy shared by
/// `ahsct calendars` (files in a folder) and `ahsct serve` (feeds), so both raise SEQUENCE and cancel events the same
/// way.
///
/// Paths are relative: `patients/<pseudonym>.ics`, `ward.ics`, `staff/<role>.ics`. For each, the calendar handed out
/// last time (if any) is merged through ``CalendarUpdate``. A patient who left the cohort gets their old calendar once
/// more with every event `STATUS:CANCELLED`; on the run after that (their events all cancelled already) the path is
/// listed in ``removals``.
///
/// A cohort of two patients, with P-0002's admission moved since the last run and P-0003 gone:
/// `patients/P-0001.ics` is unchanged, `patients/P-0002.ics` has the admission and what follows it with SEQUENCE 1,
/// `patients/P-0003.ics` holds only cancelled events, and `removals` is empty until the next run.
public struct CalendarSet: Sendable {
    /// One calendar to hand out.
    public struct File: Sendable {
        /// Where it goes, relative to the output folder (or the feed's subject).
        public var path: String
        /// The merged calendar.
        public var document: CalendarDocument
        /// What changed since it was last handed out (`nil` the first time).
        public var summary: CalendarUpdate.Summary?
    }

    /// Calendars handed out before could not be read: a file this tool did not write is in the way.
    public struct UnreadablePrevious: Error, Sendable {
        /// The relative path.
        public var path: String
        /// libical's and the reader's complaints, located.
        public var diagnostics: [String]

        /// The complaint about `path`.
        public init(path: String, diagnostics: [String]) {
            self.path = path
            self.diagnostics = diagnostics
        }
    }

    /// The calendars, patients first (cohort order), then the ward, then staff roles by name, then the departed
    /// patients' cancellations (by path).
    public var files: [File]
    /// Paths of departed patients whose cancellations were handed out last time: drop them now.
    public var removals: [String]
    /// How many calendars belong to patients in the cohort.
    public var patientCount: Int
    /// Patients' calendars the caller still holds as they would come out (``init(site:records:plans:now:language:previous:previousPatients:keeping:)``):
    /// not built, not merged, not in ``files``.
    public var kept: [String] = []

    /// Builds the set.
    ///
    /// - Parameters:
    ///   - previous: the calendar handed out last time at a relative path, or `nil` if there is none; throws
    ///     ``UnreadablePrevious`` when something is there that is not such a calendar.
    ///   - previousPatients: relative paths (`patients/X.ics`) of every patient calendar handed out last time.
    ///   - keeping: whether the caller still holds a patient's calendar (the path) as this set would make it: their
    ///     record, plan, site and day are those it was made from. Such a calendar is listed in ``kept`` and costs
    ///     nothing here. A server re-planning after one patient's change keeps the other 1,999 this way.
    public init(site: Site, records: [PatientRecord], plans: [PatientPlan], now: Instant,
                language: PatientRecord.Language,
                previous: (String) throws(UnreadablePrevious) -> CalendarDocument?,
                previousPatients: [String],
                keeping: (String) -> Bool = { _ in false }) throws(UnreadablePrevious) {
        let builder = PlanCalendars(site: site, now: now)
        var documents: [(String, CalendarDocument)] = []
        var kept: [String] = []
        for (plan, record) in zip(plans, records) {
            let path = "patients/\(record.id).ics"
            if keeping(path) {
                kept.append(path)
            } else {
                documents.append((path, builder.patientCalendar(plan, record: record)))
            }
        }
        documents.append(("ward.ics", builder.wardCalendar(plans, language: language)))
        for (role, calendar) in builder.staffCalendars(plans, language: language) {
            documents.append(("staff/\(role).ics", calendar))
        }
        var files: [File] = []
        for (path, calendar) in documents {
            var calendar = calendar
            var summary: CalendarUpdate.Summary?
            if let old = try previous(path) {
                let update = CalendarUpdate(old: old.events, new: calendar.events, now: now)
                calendar.events = update.events
                summary = update.summary
            }
            files.append(File(path: path, document: calendar, summary: summary))
        }
        // Patients no longer in the cohort: their events are cancelled once, and the path goes on the run after.
        var removals: [String] = []
        let current = Set(records.map { "patients/\($0.id).ics" })
        for path in previousPatients.sorted() where !current.contains(path) {
            // A departed patient's file that cannot be read is left alone (it is not in the way of anything).
            guard let old = try? previous(path) else { continue }
            let update = CalendarUpdate(old: old.events, new: [], now: now)
            if update.events.isEmpty {
                removals.append(path)
            } else {
                var calendar = old
                calendar.events = update.events
                files.append(File(path: path, document: calendar, summary: update.summary))
            }
        }
        self.files = files
        self.removals = removals
        self.patientCount = records.count
        self.kept = kept
    }

    /// The set merged with the calendars an earlier run left in `folder` (laid out as this set lays out its paths).
    /// A calendar in `held` (by path) is merged against as it is there instead of being read back from its file: a
    /// server holds the ward's and staff's merged calendars of its last run in memory. `keeping` as above.
    public init(site: Site, records: [PatientRecord], plans: [PatientPlan], now: Instant,
                language: PatientRecord.Language, folder: String, held: [String: CalendarDocument] = [:],
                keeping: (String) -> Bool = { _ in false }) throws(UnreadablePrevious) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "\(folder)/patients")) ?? []
        try self.init(site: site, records: records, plans: plans, now: now, language: language,
                      previous: { path throws(UnreadablePrevious) in
                          if let document = held[path] { return document }
                          return try Self.read("\(folder)/\(path)")
                      },
                      previousPatients: names.filter { $0.hasSuffix(".ics") }.map { "patients/\($0)" },
                      keeping: keeping)
    }

    /// The calendar at `path`, `nil` when there is no file.
    public static func read(_ path: String) throws(UnreadablePrevious) -> CalendarDocument? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try CalendarReader().read(contentsOf: path)
        } catch {
            throw UnreadablePrevious(path: path, diagnostics: error.diagnostics.map(\.description))
        }
    }
}
