import Foundation
import Interchange
import Locations

extension InputErrorCode {
    /// A JSON document that is not a FHIR `Bundle` (another `resourceType`, or none).
    public static let notABundle = InputErrorCode(rawValue: "not_a_bundle")
}

/// Reads a FHIR R4 `Bundle` in JSON for the import, checking R4's structure of what it reads: `Bundle.type` and
/// `entry`, and in `Appointment`, `Encounter`, `Procedure` and `Patient` every element the import uses — its JSON
/// type, whether it is a list, the required elements (`Appointment.status`, `participant` and each participant's
/// `status`; `Encounter.status` and `class`; `Procedure.status` and `subject`), statuses from their R4 value sets,
/// dates and instants in FHIR's forms and real (2027-02-30 is refused), and a booked, arrived or fulfilled
/// appointment with `start` and `end`, `start` not after `end` (R4's invariant app-3 and per-1).
///
/// Elements the import does not use are not checked (a hospital's bundle carries many). Every problem is an
/// ``InputError`` with the place and the JSON path: `bundle.json:14:18: error: 'booked ' is not an appointment
/// status; expected one of … at Bundle.entry[1].resource.status [invalid_value]`. All problems are reported, in file
/// order.
public struct FHIRBundleReader: Sendable {
    /// The file's name, for locations.
    public let file: String
    /// The site's time zone: instants are read as its local days.
    public let zone: String

    /// A reader for `file`, with days in `zone`.
    public init(file: String, zone: String) {
        self.file = file
        self.zone = zone
    }

    /// R4's value sets of the statuses read.
    static let appointmentStatuses = ["proposed", "pending", "booked", "arrived", "fulfilled", "cancelled", "noshow",
                                      "entered-in-error", "checked-in", "waitlist"]
    static let participantStatuses = ["accepted", "declined", "tentative", "needs-action"]
    static let encounterStatuses = ["planned", "arrived", "triaged", "in-progress", "onleave", "finished", "cancelled",
                                    "entered-in-error", "unknown"]
    static let procedureStatuses = ["preparation", "in-progress", "not-done", "on-hold", "stopped", "completed",
                                    "entered-in-error", "unknown"]
    static let bundleTypes = ["document", "message", "transaction", "transaction-response", "batch", "batch-response",
                              "history", "searchset", "collection"]

    /// The entries of the bundle in `bytes`, or every problem found.
    public func read(_ bytes: [UInt8]) throws(InputErrors) -> [FHIRBundleEntry] {
        let root = try JSONReader(file: file, root: "Bundle").read(bytes)
        var check = Checker(file: file, zone: zone)
        guard case .object = root.value else {
            throw InputErrors([InputError(location: root.location, code: .notABundle,
                                          message: "expected a FHIR Bundle (a JSON object), found \(root.kind) at the top level")])
        }
        guard let type = root["resourceType"] else {
            throw InputErrors([InputError(location: root.location, code: .notABundle,
                                          message: "no resourceType; expected a FHIR Bundle (\"resourceType\": \"Bundle\") at the top level")])
        }
        guard type.string == "Bundle" else {
            let found = type.string.map { "'\($0)'" } ?? type.kind
            throw InputErrors([InputError(location: type.location, code: .notABundle,
                                          message: "resourceType is \(found); expected a FHIR Bundle at resourceType")])
        }
        _ = check.code(root, "type", "Bundle", required: true, in: Self.bundleTypes, what: "bundle type")
        var entries: [FHIRBundleEntry] = []
        for (index, entry) in check.list(root, "entry", "Bundle").enumerated() {
            let path = "Bundle.entry[\(index)]"
            guard check.object(entry, path) else { continue }
            let fullURL = check.string(entry, "fullUrl", path)
            guard let resource = entry["resource"] else { continue }  // a response entry, say: nothing to read
            let resourcePath = path + ".resource"
            guard check.object(resource, resourcePath) else { continue }
            guard let resourceType = check.string(resource, "resourceType", resourcePath, required: true) else { continue }
            let id = check.string(resource, "id", resourcePath)
            if let read = check.resource(resourceType, resource, resourcePath) {
                entries.append(FHIRBundleEntry(index: index, fullURL: fullURL, resourceType: resourceType, id: id,
                                               resource: read, location: resource.location))
            }
        }
        guard check.errors.isEmpty else { throw InputErrors(check.errors) }
        return entries
    }
}

/// The checks, collecting problems (each accessor returns `nil` or an empty list after recording one).
private struct Checker {
    let file: String
    let zone: String
    var errors: [InputError] = []

    mutating func fail(_ node: JSONNode, _ code: InputErrorCode, _ message: String, _ path: String) {
        errors.append(InputError(location: node.location, code: code, message: "\(message) at \(path)"))
    }

    /// Whether `node` is an object (else a problem).
    mutating func object(_ node: JSONNode, _ path: String) -> Bool {
        guard case .object = node.value else {
            fail(node, .wrongType, "expected an object, found \(node.kind)", path)
            return false
        }
        return true
    }

    /// A required element that is missing.
    mutating func missing(_ parent: JSONNode, _ key: String, _ path: String, _ why: String = "") {
        fail(parent, .missingKey, "'\(key)' is missing; R4 requires it\(why)", "\(path).\(key)")
    }

    /// An element of type `string` (FHIR strings, uris and codes): a non-empty JSON string.
    mutating func string(_ parent: JSONNode, _ key: String, _ path: String, required: Bool = false) -> String? {
        guard let node = parent[key] else {
            if required { missing(parent, key, path) }
            return nil
        }
        guard let text = node.string else {
            fail(node, .wrongType, "expected a string, found \(node.kind)", "\(path).\(key)")
            return nil
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            fail(node, .invalidValue, "an empty string; FHIR values have content", "\(path).\(key)")
            return nil
        }
        return text
    }

    /// A `code` from a value set.
    mutating func code(_ parent: JSONNode, _ key: String, _ path: String, required: Bool, in values: [String],
                       what: String) -> String? {
        guard let text = string(parent, key, path, required: required) else { return nil }
        guard values.contains(text) else {
            fail(parent[key] ?? parent, .invalidValue,
                 "'\(text)' is not \(what) of FHIR R4; expected one of \(values.joined(separator: ", "))", "\(path).\(key)")
            return nil
        }
        return text
    }

    /// An element with cardinality 0..*: a JSON array (an object alone is a structure error).
    mutating func list(_ parent: JSONNode, _ key: String, _ path: String) -> [JSONNode] {
        guard let node = parent[key] else { return [] }
        guard let items = node.array else {
            fail(node, .wrongType, "expected an array (\(key) repeats in R4), found \(node.kind)", "\(path).\(key)")
            return []
        }
        return items
    }

    mutating func coding(_ node: JSONNode, _ path: String) -> FHIRResource.Coding? {
        guard object(node, path) else { return nil }
        return FHIRResource.Coding(system: string(node, "system", path), code: string(node, "code", path))
    }

    /// The codings of a `CodeableConcept`.
    mutating func concept(_ node: JSONNode, _ path: String) -> [FHIRResource.Coding] {
        guard object(node, path) else { return [] }
        _ = string(node, "text", path)
        return list(node, "coding", path).enumerated().compactMap { coding($1, "\(path).coding[\($0)]") }
    }

    /// The codings of every `CodeableConcept` in the list `key`.
    mutating func concepts(_ parent: JSONNode, _ key: String, _ path: String) -> [FHIRResource.Coding] {
        list(parent, key, path).enumerated().flatMap { concept($1, "\(path).\(key)[\($0)]") }
    }

    mutating func identifier(_ node: JSONNode, _ path: String) -> FHIRResource.Identifier? {
        guard object(node, path) else { return nil }
        return FHIRResource.Identifier(system: string(node, "system", path), value: string(node, "value", path))
    }

    mutating func reference(_ parent: JSONNode, _ key: String, _ path: String, required: Bool = false) -> FHIRResource.Reference? {
        guard let node = parent[key] else {
            if required { missing(parent, key, path) }
            return nil
        }
        let here = "\(path).\(key)"
        guard object(node, here) else { return nil }
        let identifier = node["identifier"].flatMap { self.identifier($0, "\(here).identifier") }
        return FHIRResource.Reference(reference: string(node, "reference", here), identifier: identifier)
    }

    /// A date, dateTime or instant element, read in the site's zone.
    mutating func time(_ parent: JSONNode, _ key: String, _ path: String, instant: Bool) -> FHIRResource.Time? {
        guard let node = parent[key] else { return nil }
        let here = "\(path).\(key)"
        guard let text = node.string else {
            fail(node, .wrongType, "expected \(instant ? "an instant" : "a dateTime") as a string, found \(node.kind)", here)
            return nil
        }
        switch FHIRTime.read(text, instant: instant, zone: zone) {
        case let .success(value):
            return FHIRResource.Time(value: value, path: here, location: node.location)
        case let .failure(.form(message)):
            fail(node, .invalidDate, message, here)
        case let .failure(.nonexistent(message)):
            fail(node, .invalidDate, "\(message); expected a real date", here)
        }
        return nil
    }

    /// A `Period`: its start and end, the start not after the end (per-1).
    mutating func period(_ parent: JSONNode, _ key: String, _ path: String) -> (FHIRResource.Time?, FHIRResource.Time?) {
        guard let node = parent[key] else { return (nil, nil) }
        let here = "\(path).\(key)"
        guard object(node, here) else { return (nil, nil) }
        let start = time(node, "start", here, instant: false), end = time(node, "end", here, instant: false)
        if let start, let end, Self.after(start.value, end.value) {
            fail(node["end"] ?? node, .invalidValue, "the period ends before it starts; R4 requires start ≤ end", "\(here).end")
        }
        return (start, end)
    }

    /// Whether `a` is after `b` (days compared as days; a day against a time by its day).
    static func after(_ a: FHIRTime.Value, _ b: FHIRTime.Value) -> Bool {
        switch (a, b) {
        case let (.local(x), .local(y)): return x > y
        default:
            guard let x = a.day, let y = b.day else { return false }
            return x > y
        }
    }

    mutating func resource(_ type: String, _ node: JSONNode, _ path: String) -> FHIRResource? {
        let before = errors.count
        let read: FHIRResource
        switch type {
        case "Appointment":
            let status = code(node, "status", path, required: true, in: FHIRBundleReader.appointmentStatuses,
                              what: "an appointment status")
            let codings = concepts(node, "serviceType", path)
                + (node["appointmentType"].map { concept($0, "\(path).appointmentType") } ?? [])
                + concepts(node, "reasonCode", path)
            let start = time(node, "start", path, instant: true), end = time(node, "end", path, instant: true)
            let participants = list(node, "participant", path)
            if let given = node["participant"] {
                if given.array?.isEmpty == true {
                    fail(given, .missingKey, "no participant; R4 requires at least one", "\(path).participant")
                }
            } else {
                missing(node, "participant", path, " (at least one)")
            }
            var people: [FHIRResource.Participant] = []
            for (index, participant) in participants.enumerated() {
                let here = "\(path).participant[\(index)]"
                guard object(participant, here) else { continue }
                let actor = reference(participant, "actor", here)
                if actor == nil, participant["type"] == nil {
                    fail(participant, .missingKey, "a participant without actor or type; R4 requires one of them (app-1)", here)
                }
                if let status = code(participant, "status", here, required: true,
                                     in: FHIRBundleReader.participantStatuses, what: "a participant status") {
                    people.append(FHIRResource.Participant(actor: actor, status: status))
                }
            }
            if let status, ["booked", "arrived", "fulfilled"].contains(status) {
                if node["start"] == nil { missing(node, "start", path, " for a \(status) appointment (app-3)") }
                if node["end"] == nil { missing(node, "end", path, " for a \(status) appointment (app-3)") }
            }
            if let start, let end, Self.after(start.value, end.value) {
                fail(node["end"] ?? node, .invalidValue, "the appointment ends before it starts; expected start ≤ end", "\(path).end")
            }
            guard let status else { return nil }
            read = .appointment(.init(status: status, codings: codings, start: start, end: end, participants: people))
        case "Encounter":
            let status = code(node, "status", path, required: true, in: FHIRBundleReader.encounterStatuses,
                              what: "an encounter status")
            if let klass = node["class"] { _ = coding(klass, "\(path).class") } else { missing(node, "class", path) }
            let codings = concepts(node, "type", path)
                + (node["serviceType"].map { concept($0, "\(path).serviceType") } ?? [])
            let subject = reference(node, "subject", path)
            let (start, end) = period(node, "period", path)
            guard let status else { return nil }
            read = .encounter(.init(status: status, codings: codings, subject: subject, start: start, end: end))
        case "Procedure":
            let status = code(node, "status", path, required: true, in: FHIRBundleReader.procedureStatuses,
                              what: "a procedure status")
            let codings = node["code"].map { concept($0, "\(path).code") } ?? []
            let subject = reference(node, "subject", path, required: true)
            var performed = time(node, "performedDateTime", path, instant: false)
            let (start, _) = period(node, "performedPeriod", path)
            if performed != nil, node["performedPeriod"] != nil {
                fail(node["performedPeriod"] ?? node, .invalidValue,
                     "both performedDateTime and performedPeriod; R4 allows one performed[x]", "\(path).performedPeriod")
            }
            performed = performed ?? start
            guard let status, let subject else { return nil }
            read = .procedure(.init(status: status, codings: codings, subject: subject, performed: performed))
        case "Patient":
            let identifiers = list(node, "identifier", path).enumerated().compactMap {
                identifier($1, "\(path).identifier[\($0)]")
            }
            read = .patient(.init(id: node["id"]?.string, identifiers: identifiers))
        default:
            read = .other(type)
        }
        return errors.count == before ? read : nil
    }
}
