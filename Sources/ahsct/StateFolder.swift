import ArgumentParser
import Foundation

/// The folder where ahsct keeps what it must remember about a cohort: the audit log of `record` (and, later,
/// what `serve` remembers). By default `.ahsct/` beside the cohort file, created owner-only (0700).
enum StateFolder {
    /// `--state`, or `.ahsct` in the cohort's folder; created 0700 when missing (an existing folder keeps its own
    /// permissions; exit 1 when creating fails).
    static func path(for cohort: String, state: String?, create: Bool) throws -> String {
        let folder = state ?? URL(fileURLWithPath: cohort).deletingLastPathComponent().appendingPathComponent(".ahsct").path
        guard create else { return folder }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                printError("error: the state folder \(folder) is a file; expected a folder")
                throw ExitCode.inputRefused
            }
            return folder
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            printError("error: cannot create the state folder \(folder): \((error as NSError).localizedDescription)")
            throw ExitCode.inputRefused
        }
        return folder
    }

    /// Takes the lock of one cohort file (`<folder>/<file name>.lock`, an advisory `flock`; callers pass the default
    /// state folder beside the cohort, whatever `--state` says, so every writer meets the same lock) for as long as this
    /// process runs, so two runs that rewrite the same cohort take turns: the second waits up to `wait` seconds for
    /// the first to finish, then refuses with exit 1. Every writer reads the file only after it holds the lock, so
    /// neither loses the other's change.
    static func lockCohort(_ cohort: String, in folder: String, wait: Double = 10) throws {
        let name = URL(fileURLWithPath: cohort).lastPathComponent
        let path = "\(folder)/\(name).lock"
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            printError("error: cannot lock \(cohort): \(String(cString: strerror(errno))) (creating \(path))")
            throw ExitCode.inputRefused
        }
        let deadline = Date().addingTimeInterval(wait)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard Date() < deadline else {
                printError("error: another ahsct run is changing \(cohort) (\(path) is held); try again when it has finished")
                throw ExitCode.inputRefused
            }
            usleep(50_000)
        }
        // Deliberately never closed: the lock lasts as long as this process.
    }
}
