import Foundation

/// The folder where ahsct keeps what it must remember about a cohort: the audit log of ``CohortRecorder`` (and what
/// `serve` remembers), and the lock every writer of the cohort takes. By default `.ahsct/` beside the cohort file,
/// created owner-only (0700): `calendars/cohort.yaml` → `calendars/.ahsct`.
public enum StateFolder {
    /// Why a state folder cannot be used.
    public enum Failure: Error, Sendable, Hashable {
        /// A file stands where the folder should be.
        case isAFile(String)
        /// Creating the folder failed, with the system's reason.
        case cannotCreate(String, reason: String)

        /// The folder concerned.
        public var folder: String {
            switch self {
            case let .isAFile(folder), let .cannotCreate(folder, _): return folder
            }
        }
    }

    /// `.ahsct` in the cohort file's folder (`cohort.yaml` → `.ahsct`, `calendars/cohort.yaml` → `calendars/.ahsct`).
    public static func defaultPath(for cohort: String) -> String {
        URL(fileURLWithPath: cohort).deletingLastPathComponent().appendingPathComponent(".ahsct").path
    }

    /// The lock every writer of `cohort` takes (a ``FileLock``): `<folder>/<file name>.lock`, in the state folder
    /// beside the cohort whatever folder its audit log goes to, so all writers take turns and each reads the file only
    /// once it holds the lock (none loses another's change): `calendars/cohort.yaml` → `calendars/.ahsct/cohort.yaml.lock`.
    public static func lockPath(forCohort cohort: String, in folder: String) -> String {
        "\(folder)/\(URL(fileURLWithPath: cohort).lastPathComponent).lock"
    }

    /// Makes sure `folder` exists: created 0700 when missing (with its parents); an existing folder keeps its own
    /// permissions.
    public static func create(_ folder: String) throws(Failure) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .isAFile(folder) }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cannotCreate(folder, reason: (error as NSError).localizedDescription)
        }
    }
}
