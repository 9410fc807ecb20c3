import Locations
import Foundation

/// The record of who changed what in a cohort file: one JSON object per line in `audit.jsonl` in the state folder
/// (`.ahsct/` beside the cohort), owner-only (0600), appended to and never rewritten.
///
/// A line: `{"cohort":"cohort.yaml","field":"apheresis","new":"[2026-11-10, 2026-11-11, 2026-11-12]",
/// "old":"[2026-11-10, 2026-11-11]","patient":"P-0001","time":"2026-11-27T14:05:09Z","user":"coordinator"}`.
/// Values are the cohort file's own flow YAML; `old` is `null` when the field was not there. Patients appear by
/// pseudonym only: a patient's name is never a field `ahsct record` writes.
public enum AuditLog {
    /// One change to one field.
    public struct Entry: Codable, Sendable, Hashable {
        /// When it was written: UTC, `YYYY-MM-DDTHH:MM:SSZ`.
        public var time: String
        /// Who wrote it (`--by`, else the login name).
        public var user: String
        /// The cohort file's name (without its folder).
        public var cohort: String
        /// The patient's pseudonym.
        public var patient: String
        /// The field, its keys joined by dots (`fertility-preservation.done`).
        public var field: String
        /// The value before, or `nil` when there was none.
        public var old: String?
        /// The value after.
        public var new: String

        /// An entry.
        public init(time: String, user: String, cohort: String, patient: String, field: String, old: String?,
                    new: String) {
            self.time = time
            self.user = user
            self.cohort = cohort
            self.patient = patient
            self.field = field
            self.old = old
            self.new = new
        }

        enum CodingKeys: String, CodingKey { case time, user, cohort, patient, field, old, new }

        /// Writes every key, `old` as `null` when there was no value.
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(time, forKey: .time)
            try container.encode(user, forKey: .user)
            try container.encode(cohort, forKey: .cohort)
            try container.encode(patient, forKey: .patient)
            try container.encode(field, forKey: .field)
            if let old { try container.encode(old, forKey: .old) } else { try container.encodeNil(forKey: .old) }
            try container.encode(new, forKey: .new)
        }

        /// The JSON line (keys sorted, so equal entries give equal bytes).
        public var line: String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            // Encoding strings and null cannot fail.
            return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
        }
    }

    /// Who runs this process, for an entry when no one is named (`ahsct record` without `--by`): the session's login
    /// name (`getlogin`), else the name of the effective user id (`getpwuid(geteuid())`), else `USER` from
    /// `environment`; `nil` only when none of them says.
    public static func processUser(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let login = getlogin(), let name = String(validatingCString: login), !name.isEmpty { return name }
        if let entry = getpwuid(geteuid()), let pointer = entry.pointee.pw_name,
           let name = String(validatingCString: pointer), !name.isEmpty {
            return name
        }
        return environment["USER"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The log's path in a state folder.
    public static func path(in stateFolder: String) -> String { "\(stateFolder)/audit.jsonl" }

    /// Appends `entries` to the log in `stateFolder` with one `write` (the file is created 0600).
    public static func append(_ entries: [Entry], in stateFolder: String) throws {
        let text = entries.map { $0.line + "\n" }.joined()
        let descriptor = open(path(in: stateFolder), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path(in: stateFolder),
                                                           NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path(in: stateFolder),
                                                           NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
    }

    /// Every entry of the log in `stateFolder` (none when there is no log yet); a line that is not an entry is
    /// reported with its line number.
    public static func read(in stateFolder: String) throws(InputErrors) -> [Entry] {
        let file = path(in: stateFolder)
        guard FileManager.default.fileExists(atPath: file) else { return [] }
        let text = String(decoding: try FileInput.bytes(of: file), as: UTF8.self)
        var entries: [Entry] = []
        var problems: [InputError] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.isEmpty {
            do {
                entries.append(try JSONDecoder().decode(Entry.self, from: Data(line.utf8)))
            } catch {
                problems.append(InputError(location: SourceLocation(file: file, line: number + 1, column: 1),
                                           code: .invalidSyntax, message: "not an audit entry: \(error)"))
            }
        }
        guard problems.isEmpty else { throw InputErrors(problems) }
        return entries
    }
}
