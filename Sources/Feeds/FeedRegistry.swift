import FileSystem
import Foundation
import ICalendar
import Interchange

/// The feeds issued for one cohort: for each subject, the SHA-256 of its current secret, when it was issued and
/// whether (and why) it was revoked. Kept in `STATE/<cohort file name>.feeds.json`, owner-only (0600), written
/// atomically under an advisory lock so `ahsct feeds issue` and a running server never lose each other's change.
///
/// Issuing a feed for a subject that has one replaces its digest (rotation: the old address stops working at
/// once). The file never holds a secret, so neither `feeds list` nor a copied state folder gives one away.
///
/// ```swift
/// var registry = FeedRegistry()
/// let secret = registry.issue(.patient("P-0001"), now: now)   // the only time the secret exists in clear
/// registry.lookup(secret)?.subject                             // .patient("P-0001")
/// registry.revoke(.patient("P-0001"), now: now, reason: .revoked)
/// registry.lookup(secret)?.revoked                             // "2026-11-27T16:00:00Z": answer 410
/// ```
public struct FeedRegistry: Sendable, Hashable {
    /// One subject's feed.
    public struct Entry: Sendable, Hashable, Codable {
        /// Whose feed.
        public var subject: FeedSubject
        /// SHA-256 of the secret, hexadecimal.
        public var sha256: String
        /// When it was issued (UTC, `2026-11-27T16:00:00Z`).
        public var issued: String
        /// When it was revoked, if it was.
        public var revoked: String?
        /// Why: `revoked` (by a coordinator) or `left-cohort` (the patient's cancellations were delivered).
        public var reason: Reason?

        private enum CodingKeys: String, CodingKey { case kind, id, sha256, issued, revoked, reason }

        public init(from decoder: any Decoder) throws {
            subject = try FeedSubject(from: decoder)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            sha256 = try container.decode(String.self, forKey: .sha256)
            guard FeedDigest(hex: sha256) != nil else {
                throw DecodingError.dataCorruptedError(forKey: .sha256, in: container, debugDescription: "not 64 hexadecimal digits")
            }
            issued = try container.decode(String.self, forKey: .issued)
            revoked = try container.decodeIfPresent(String.self, forKey: .revoked)
            reason = try container.decodeIfPresent(Reason.self, forKey: .reason)
        }

        public func encode(to encoder: any Encoder) throws {
            try subject.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(sha256, forKey: .sha256)
            try container.encode(issued, forKey: .issued)
            try container.encodeIfPresent(revoked, forKey: .revoked)
            try container.encodeIfPresent(reason, forKey: .reason)
        }

        init(subject: FeedSubject, sha256: String, issued: String) {
            self.subject = subject
            self.sha256 = sha256
            self.issued = issued
        }
    }

    /// Why a feed no longer serves.
    public enum Reason: String, Sendable, Codable {
        /// `ahsct feeds revoke`.
        case revoked
        /// The patient left the cohort and their cancellations have been delivered.
        case leftCohort = "left-cohort"
    }

    /// A registry file that cannot be read or written.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// `STATE/cohort.yaml.feeds.json: not a feed registry (…)`.
        public var description: String
    }

    /// The feeds, in the order they were first issued.
    public private(set) var entries: [Entry] = [] {
        didSet { digests = entries.map { FeedDigest(hex: $0.sha256) ?? FeedDigest(bytes: []) } }
    }
    /// The entries' digests as bytes, parsed once (a lookup compares against every one of them).
    private var digests: [FeedDigest] = []

    /// An empty registry.
    public init() {}

    /// Issues a new secret for `subject`, replacing (and so invalidating) any earlier one.
    public mutating func issue(_ subject: FeedSubject, now: Instant) -> FeedSecret {
        let secret = FeedSecret.generate()
        let entry = Entry(subject: subject, sha256: secret.digest.hex, issued: now.description)
        if let index = entries.firstIndex(where: { $0.subject == subject }) {
            entries[index] = entry
        } else {
            entries.append(entry)
        }
        return secret
    }

    /// Revokes `subject`'s feed; `false` if it has none or it is revoked already.
    @discardableResult
    public mutating func revoke(_ subject: FeedSubject, now: Instant, reason: Reason = .revoked) -> Bool {
        guard let index = entries.firstIndex(where: { $0.subject == subject }), entries[index].revoked == nil else {
            return false
        }
        entries[index].revoked = now.description
        entries[index].reason = reason
        return true
    }

    /// The entry whose digest is `secret`'s. Every entry is compared, in constant time, whatever matches.
    public func lookup(_ secret: FeedSecret) -> Entry? {
        let digest = secret.digest
        var found: Entry?
        // Stored digests were checked when read; a malformed one is empty and can never match.
        for (entry, stored) in zip(entries, digests) where stored.matches(digest) && found == nil {
            found = entry
        }
        return found
    }

    // MARK: The file

    /// `STATE/<cohort file name>.feeds.json`.
    public static func path(state: String, cohort: String) -> String {
        "\(state)/\(URL(fileURLWithPath: cohort).lastPathComponent).feeds.json"
    }

    /// The registry in `path` (empty when there is no file yet).
    public static func load(from path: String) throws(Failure) -> FeedRegistry {
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) { throw Failure(description: "\(path): cannot be read") }
            return FeedRegistry()
        }
        do {
            let file = try JSONDecoder().decode(File.self, from: data)
            guard file.version == 1 else {
                throw Failure(description: "\(path): registry version \(file.version); this ahsct reads version 1")
            }
            var registry = FeedRegistry()
            registry.entries = file.feeds
            return registry
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "\(path): not a feed registry (\(error))")
        }
    }

    /// Writes the registry to `path`, atomically, owner-only.
    public func save(to path: String) throws(Failure) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(File(version: 1, feeds: entries))
            try AtomicFile.write(Array(data) + [0x0a], to: path, mode: 0o600)
        } catch let failure as AtomicFile.Failure {
            throw Failure(description: failure.description)
        } catch {
            throw Failure(description: "\(path): \(error)")
        }
    }

    /// Loads the registry at `path`, lets `change` modify it and saves it, all under the registry's lock
    /// (`path.lock`, an advisory `flock`), so concurrent writers take turns. Returns what `change` returns.
    public static func modify<T>(at path: String, _ change: (inout FeedRegistry) throws(Failure) -> T) throws(Failure) -> T {
        let lock: FileLock
        do { lock = try FileLock(path + ".lock", wait: .indefinitely) } catch { throw Failure(description: error.description) }
        var registry = try load(from: path)
        let before = registry
        let result = try change(&registry)
        if registry != before { try registry.save(to: path) }
        _ = consume lock  // released only now, after the save (a throw above releases it on the way out)
        return result
    }

    private struct File: Codable {
        var version: Int
        var feeds: [Entry]
    }
}
