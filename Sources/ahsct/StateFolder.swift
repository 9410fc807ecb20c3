import ArgumentParser
import Interchange

extension StateFolder {
    /// `--state`, or `.ahsct` in the cohort's folder; created 0700 when missing (an existing folder keeps its own
    /// permissions). When it cannot be used, says why and exits 1.
    static func path(for cohort: String, state: String?, create: Bool) throws -> String {
        let folder = state ?? defaultPath(for: cohort)
        guard create else { return folder }
        do { try self.create(folder) } catch {
            printError(message(error))
            throw ExitCode.inputRefused
        }
        return folder
    }

    /// The line that says why a state folder cannot be used.
    static func message(_ failure: Failure) -> String {
        switch failure {
        case let .isAFile(folder): return "error: the state folder \(folder) is a file; expected a folder"
        case let .cannotCreate(folder, reason): return "error: cannot create the state folder \(folder): \(reason)"
        }
    }
}
