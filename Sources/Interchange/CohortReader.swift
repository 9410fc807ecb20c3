import Calendrical
import Capacity
import Foundation
import ICalendar
import Pathway
internal import Yams

/// Reads a cohort file (YAML, or JSON): the site, the protocol and the patients.
///
/// Every problem is reported with its place, and nothing is returned unless the whole file is right:
/// ```
/// calendars/cohort.yaml:31:19: error: day 30 does not exist in February 2027; expected the conditioning date as a real date YYYY-MM-DD [invalid_date]
/// calendars/cohort.yaml:44:7: error: unknown key 'secnd-opinion' in a patient; did you mean 'second-opinion'? … [unknown_key]
/// ```
/// Paths inside the file (a protocol file, closures from an `.ics`) are relative to the cohort file's folder.
/// The format is described by `calendars/cohort.schema.json`.
public struct CohortReader: Sendable {
    /// A reader.
    public init() {}

    static let topKeys = ["site", "protocol", "patients"]
    static let siteKeys = ["name", "timezone", "holidays", "closures", "resources", "staff", "committee",
                           "capacity-changes", "contacts", "departments", "times"]
    /// The keys of `contacts:`; `haematology` is the older spelling of `haematology-ward`.
    static let contactKeys = ["appointments", "urgent", "out-of-hours", "haematology-ward", "haematology"]

    /// Whether the file at `path` looks like a cohort rather than a protocol: YAML or JSON whose top level is a
    /// mapping with a `site:` or `patients:` key. A file that cannot be read or parsed is not (the protocol reader
    /// then reports why).
    public static func isCohort(contentsOf path: String) -> Bool {
        guard let bytes = try? FileInput.bytes(of: path), let text = String(validating: bytes, as: UTF8.self),
              let root = try? Yams.compose(yaml: text), case let .mapping(top) = root else { return false }
        return top.keys.contains { $0.string == "site" || $0.string == "patients" }
    }

    /// Reads the cohort file at `path`.
    public func read(contentsOf path: String) throws(InputErrors) -> Cohort {
        try read(bytes: try FileInput.bytes(of: path), file: path,
                 directory: (path as NSString).deletingLastPathComponent)
    }

    /// Reads a cohort from `bytes`; locations name `file`, and relative paths are resolved against `directory`.
    public func read(bytes: [UInt8], file: String, directory: String) throws(InputErrors) -> Cohort {
        try read(bytes: bytes, file: file, directory: directory, unchanged: nil)
    }

    /// ``read(bytes:file:directory:)``, taking the records of `unchanged` patients as read before (see
    /// ``read(root:reader:directory:unchanged:)``).
    func read(bytes: [UInt8], file: String, directory: String,
              unchanged: (records: [String: PatientRecord], changed: Set<String>)?) throws(InputErrors) -> Cohort {
        var reader = YAMLReader(file: file)
        guard let root = reader.parse(bytes) else { throw InputErrors(reader.errors) }
        return try read(root: root, reader: reader, directory: directory, unchanged: unchanged)
    }

    /// Reads a cohort from its parsed tree, `reader` holding what parsing found (what ``CohortRecorder`` shares
    /// with the editor, so the text is parsed once).
    ///
    /// `unchanged` serves a writer that has read the file before and changed some patients' entries only: the
    /// entry of a patient whose pseudonym is in its `records` and not in `changed` is the very text read before
    /// (the editor writes inside the changed entries only), so its record is taken from there instead of being read
    /// again. The site, the protocol, the changed entries and the check for duplicate pseudonyms are read as always.
    func read(root: Node, reader: YAMLReader, directory: String,
              unchanged: (records: [String: PatientRecord], changed: Set<String>)? = nil) throws(InputErrors) -> Cohort {
        var reader = reader
        let file = reader.file
        guard let top = reader.mapping(root, "a cohort file", allowed: Self.topKeys, required: ["site", "patients"]) else {
            throw InputErrors(reader.errors)
        }
        var treatmentProtocol = TreatmentProtocol.amsterdamUMC
        if let node = top["protocol"] { treatmentProtocol = readProtocol(node, directory, &reader) ?? treatmentProtocol }
        let site = top["site"].flatMap { readSite($0, treatmentProtocol, directory, &reader) }
        var patients: [PatientRecord] = []
        if let node = top["patients"], let list = reader.sequence(node, "the patients") {
            var seen: [String: Int] = [:]
            for item in list {
                // Duplicates are found even when the first entry has mistakes of its own.
                let id = CohortEditor.id(of: item)
                if let id {
                    if let line = seen[id] {
                        reader.fail(item, .duplicatePatient, "patient '\(id)' is listed twice (first on line \(line))")
                        continue
                    }
                    seen[id] = reader.at(item).line
                }
                if let id, let unchanged, !unchanged.changed.contains(id), let record = unchanged.records[id] {
                    patients.append(record)
                } else if let patient = readPatient(item, treatmentProtocol, &reader) {
                    patients.append(patient)
                }
            }
        }
        guard reader.errors.isEmpty, let site else { throw InputErrors(reader.errors) }
        // A second opinion at a hospital other than the treating site books nothing here. The site is that hospital
        // when its name holds the hospital's own words ("Amsterdam UMC, locatie VUmc" for Amsterdam UMC; "Antonius
        // Ziekenhuis, Nieuwegein" for St Antonius: a leading "St" is left out).
        let siteWords = Set(site.name.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init))
        for index in patients.indices {
            if let other = patients[index].secondOpinionSite {
                let words = other.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init).filter { $0 != "st" }
                patients[index].secondOpinionElsewhere = !words.allSatisfy(siteWords.contains)
            }
        }
        var cohort = Cohort(file: file, site: site, treatmentProtocol: treatmentProtocol, patients: patients)
        cohort.imports = reader.imported
        return cohort
    }

    // MARK: Protocol

    private func readProtocol(_ node: Node, _ directory: String, _ reader: inout YAMLReader) -> TreatmentProtocol? {
        guard let name = reader.string(node, "the protocol (a built-in name or a file)") else { return nil }
        if let builtIn = ProtocolReader.builtIn[name] { return builtIn }
        let looksLikePath = name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.hasSuffix(".json") || name.contains("/")
        let path = FileInput.resolve(name, against: directory)
        guard looksLikePath, FileManager.default.fileExists(atPath: path) else {
            let known = ProtocolReader.builtIn.keys.sorted().joined(separator: ", ")
            reader.fail(node, .unknownProtocol,
                        "unknown protocol '\(name)'; expected a built-in protocol (\(known)) or the path of a protocol file (.yaml or .json)")
            return nil
        }
        reader.imported.append(path)
        do {
            return try ProtocolReader().read(contentsOf: path)
        } catch {
            reader.add(error.errors)
            return nil
        }
    }

    // MARK: Site

    private func readSite(_ node: Node, _ proto: TreatmentProtocol, _ directory: String,
                          _ reader: inout YAMLReader) -> Site? {
        guard let map = reader.mapping(node, "the site", allowed: Self.siteKeys, required: ["name"]) else { return nil }
        var site = Site(name: map["name"].flatMap { reader.string($0, "the site's name") } ?? "")
        if let node = map["timezone"], let zone = reader.string(node, "the site's time zone") {
            if TimeZoneLibrary.isKnown(zone) { site.timeZone = zone } else {
                reader.fail(node, .unknownTimeZone, "unknown time zone '\(zone)'; expected an IANA name such as Europe/Amsterdam")
            }
        }
        if let node = map["holidays"], let holidays: WorkingCalendar.Holidays = reader.choice(node, "holiday rule") {
            site.holidays = holidays
        }
        // The resources the site names, also those whose capacity is wrong (reported once, there).
        var listed: [String] = []
        if let node = map["resources"], let resources = reader.mapping(node, "the site's resources",
                                                                      allowed: proto.resources) {
            listed = resources.entries.map(\.key)
            for entry in resources.entries {
                if let count = reader.integer(entry.value, "the number of \(entry.key)", in: 0...100_000) {
                    site.capacity.resources.append(.init(resource: entry.key, capacity: count))
                }
            }
        }
        if let node = map["closures"], let list = reader.sequence(node, "the closures") {
            for item in list {
                if case .scalar = item {
                    site.closures += importClosures(item, proto, directory, &reader)
                } else if let closure = readClosure(item, proto, &reader) {
                    site.closures.append(closure)
                }
            }
        }
        if let node = map["staff"] { listed += readStaff(node, proto, directory, &site.capacity, &reader) }
        if let node = map["committee"],
           let committee = reader.mapping(node, "the committee", allowed: ["weekday", "cases"], required: ["weekday", "cases"]),
           let weekday = reader.choice(committee.required("weekday"), "meeting weekday", Self.weekdays.map(\.0)),
           let cases = reader.integer(committee.required("cases"), "the cases per meeting", in: 0...1_000) {
            site.capacity.committee = .init(weekday: Self.weekdays.first { $0.0 == weekday }!.1, cases: cases)
            listed.append(CapacitySchedule.committeeResource)
        }
        if let node = map["capacity-changes"], let list = reader.sequence(node, "the capacity changes") {
            for item in list {
                guard let change = reader.mapping(item, "a capacity change", allowed: ["resource", "from", "to", "capacity"],
                                                  required: ["resource", "from", "to", "capacity"]),
                      let resource = reader.string(change.required("resource"), "the resource"),
                      let from = reader.date(change.required("from"), "the first day"),
                      let to = reader.date(change.required("to"), "the last day"),
                      let capacity = reader.integer(change.required("capacity"), "the capacity", in: 0...100_000) else { continue }
                guard listed.contains(resource) else {
                    let resources = listed.isEmpty ? "the site lists no resources (give each its usual capacity under 'resources')"
                        : "the site's resources, roles and committee are: \(listed.joined(separator: ", "))"
                    reader.fail(change.required("resource"), .unknownResource, "unknown resource '\(resource)'; \(resources)")
                    continue
                }
                guard from <= to else {
                    reader.fail(change.required("to"), .outOfOrder, "the capacity change ends (\(to)) before it starts (\(from))")
                    continue
                }
                site.capacity.changes.append(.init(resource: resource, from: from, to: to, capacity: capacity))
            }
        }
        if let node = map["contacts"], let contacts = reader.mapping(node, "the contacts", allowed: Self.contactKeys) {
            site.contacts = readContacts(contacts, &reader)
        }
        if let node = map["departments"], let departments = reader.mapping(node, "the departments",
                                                                          allowed: Site.Department.allCases.map(\.rawValue)) {
            for entry in departments.entries {
                // The keys were checked against the departments' own words.
                guard let department = Site.Department(rawValue: entry.key),
                      let name = readName(entry.value, "the name of the \(entry.key)", &reader) else { continue }
                site.departments[department] = name
            }
        }
        if let node = map["times"], let times = reader.mapping(node, "the visit times", allowed: Site.timedEventKinds) {
            for entry in times.entries {
                if let time = readClockSpan(entry.value, "the \(entry.key) time", needsEnd: true, &reader) {
                    site.times[entry.key] = time
                }
            }
        }
        return site
    }

    /// The phone numbers. `haematology-ward` and its older spelling `haematology` are the same line: giving both
    /// is refused at the second.
    private func readContacts(_ contacts: Mapping, _ reader: inout YAMLReader) -> Site.Contacts {
        let wardKeys = contacts.entries.filter { $0.key == "haematology-ward" || $0.key == "haematology" }
        if wardKeys.count > 1 {
            reader.fail(wardKeys[1].keyNode, .invalidValue,
                        "'\(wardKeys[1].key)' and '\(wardKeys[0].key)' are the same line (the haematology ward's); give it once, as 'haematology-ward'")
        }
        return Site.Contacts(appointments: contacts["appointments"].flatMap { readPhoneNumber($0, "appointments", &reader) },
                             urgent: contacts["urgent"].flatMap { readPhoneNumber($0, "urgent", &reader) },
                             outOfHours: contacts["out-of-hours"].flatMap { readPhoneNumber($0, "out-of-hours", &reader) },
                             ward: wardKeys.first.flatMap { readPhoneNumber($0.value, $0.key, &reader) })
    }

    /// A phone number as the site writes it (`020 444 11 60`, `+31 20 444 1160`): kept as text, but it must hold
    /// a digit and no control characters (it is printed in every patient's calendar and page).
    private func readPhoneNumber(_ node: Node, _ key: String, _ reader: inout YAMLReader) -> String? {
        guard let text = reader.string(node, "the \(key) phone number") else { return nil }
        guard text.unicodeScalars.contains(where: { ("0"..."9").contains($0) }),
              !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            reader.fail(node, .invalidValue,
                        "'\(Self.printable(text))' is not a phone number; expected the \(key) number with its digits, e.g. \"020 444 11 60\"")
            return nil
        }
        return text
    }

    /// A name shown to patients (a department's): 1–100 characters, no control characters.
    private func readName(_ node: Node, _ what: String, _ reader: inout YAMLReader) -> String? {
        guard let text = reader.string(node, what) else { return nil }
        guard text.count <= 100, !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            reader.fail(node, .invalidValue, "expected \(what) in at most 100 characters, without control characters")
            return nil
        }
        return text
    }

    /// A clock time read with ``ClockSpan``: `"09:30"` or `"09:30-10:15"` (`needsEnd`: only the second, as the site's
    /// `times:` are), the end after the start, and no minute in 02:00–03:00 (the hour that is missing or doubled
    /// when the clocks change). `what` names it in messages: "the apheresis time".
    func readClockSpan(_ node: Node, _ what: String, needsEnd: Bool, _ reader: inout YAMLReader) -> ClockSpan? {
        guard let text = reader.string(node, what) else { return nil }
        switch ClockSpan.checked(text, needsEnd: needsEnd) {
        case let .success(span):
            return span
        case .failure(.notATime):
            let expected = needsEnd ? "is not a time span; expected HH:MM-HH:MM, e.g. 08:00-14:00"
                : "is not a time; expected HH:MM or HH:MM-HH:MM on a 24-hour clock, e.g. 09:30 or 09:30-10:15"
            reader.fail(node, .invalidValue, "'\(Self.printable(text))' \(expected)")
        case let .failure(.endsBeforeItStarts(end, atTheStart)):
            reader.fail(node, .outOfOrder,
                        "\(what) ends (\(end)) \(atTheStart ? "as it starts; expected an end after the start" : "before it starts")")
        case .failure(.clockChangeHour):
            reader.fail(node, .invalidValue,
                        "'\(text)' touches 02:00–03:00, the hour that is missing or doubled when the clocks change; choose another time")
        }
        return nil
    }

    /// Text for a message: control characters shown as `\u{7}`, at most 40 characters.
    static func printable(_ text: String) -> String {
        let shown = text.unicodeScalars.map { $0.properties.generalCategory == .control ? "\\u{\(String($0.value, radix: 16))}" : String($0) }
        return shown.count > 40 ? shown.prefix(40).joined() + "…" : shown.joined()
    }

    private func readClosure(_ node: Node, _ proto: TreatmentProtocol, _ reader: inout YAMLReader) -> Closure? {
        guard let map = reader.mapping(node, "a closure", allowed: ["from", "to", "resources", "reason"],
                                       required: ["from", "to"]),
              let from = reader.date(map.required("from"), "the first closed day"),
              let to = reader.date(map.required("to"), "the last closed day") else { return nil }
        guard from <= to else {
            reader.fail(map.required("to"), .outOfOrder, "the closure ends (\(to)) before it starts (\(from))")
            return nil
        }
        var resources: Set<String>?
        if let node = map["resources"], let list = reader.sequence(node, "the closed resources") {
            var names: Set<String> = []
            for item in list {
                guard let name = reader.string(item, "a resource") else { continue }
                guard proto.resources.contains(name) else {
                    reader.fail(item, .unknownResource,
                                "unknown resource '\(name)'; expected one of: \(proto.resources.joined(separator: ", "))")
                    continue
                }
                names.insert(name)
            }
            resources = names
        }
        let reason = map["reason"].flatMap { reader.string($0, "the reason") }
        return Closure(from: from, to: to, resources: resources, reason: reason)
    }

    /// Closures from an `.ics` file: every event (recurrences expanded over 1900–2200) closes the days it covers.
    /// An event whose CATEGORIES names one of the protocol's resources closes that resource only.
    private func importClosures(_ node: Node, _ proto: TreatmentProtocol, _ directory: String,
                                _ reader: inout YAMLReader) -> [Closure] {
        guard let name = reader.string(node, "a closures file") else { return [] }
        let path = FileInput.resolve(name, against: directory)
        reader.imported.append(path)
        do {
            return try ClosureImport.closures(fromICS: path, resources: proto.resources)
        } catch {
            if error.errors.contains(where: { $0.code == .unreadableFile && $0.location.file == path }) {
                reader.fail(node, .unreadableFile, "cannot read the closures file '\(name)' (\(path)): \(error.errors[0].message)")
            } else {
                reader.add(error.errors)
            }
            return []
        }
    }
}
