import FileSystem
import Foundation

/// What happens in the console besides changes to the cohort (those are in the cohort's audit log): sign-ins, good
/// and failed, sign-outs, and feeds issued, rotated or revoked. One JSON object per line in `STATE/console.jsonl`
/// (0600), appended under its lock; never a password, a session id, a token or a feed secret.
///
/// `{"detail":"","event":"sign-in failed","patient":null,"time":"2026-12-07T09:14:03Z","user":"anna"}`
public enum ActivityLog {
    /// One event.
    public struct Event: Codable, Sendable, Hashable {
        /// UTC, `2026-12-07T09:14:03Z`.
        public var time: String
        /// Who (for a failed sign-in: the name that was tried, cut to 64 characters).
        public var user: String
        /// `sign-in`, `sign-in failed`, `sign-out`, `feed issued`, `feed rotated`, `feed revoked`.
        public var event: String
        /// The patient concerned, if any.
        public var patient: String?
        /// A few words more (the client's address for a sign-in).
        public var detail: String

        public init(time: String, user: String, event: String, patient: String? = nil, detail: String = "") {
            self.time = time
            self.user = String(user.prefix(64))
            self.event = event
            self.patient = patient
            self.detail = detail
        }
    }

    /// `STATE/console.jsonl`.
    public static func path(in state: String) -> String { "\(state)/console.jsonl" }

    /// Appends `event` (created 0600 if missing).
    public static func append(_ event: Event, in state: String) throws {
        let path = path(in: state)
        let lock = try FileLock(path + ".lock", wait: .upTo(.seconds(5)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let line = try encoder.encode(event) + Data([0x0a])
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(descriptor) }
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count else { throw CocoaError(.fileWriteUnknown) }
        _ = consume lock
    }

    /// Every event, oldest first (a line that does not read is skipped).
    public static func read(in state: String) -> [Event] {
        guard let data = FileManager.default.contents(atPath: path(in: state)) else { return [] }
        let decoder = JSONDecoder()
        return data.split(separator: 0x0a).compactMap { try? decoder.decode(Event.self, from: Data($0)) }
    }
}
