import ArgumentParser
import FileSystem
import Foundation

/// One writer per output folder: `calendars` takes `OUT/.ahsct.lock` (an advisory `flock`) before it reads the old
/// files and keeps it until the process ends, so two runs into the same folder cannot interleave their updates;
/// the second one refuses at once with a clear message. Temporary files a killed run left behind are removed.
enum OutputLock {
    /// Takes the lock of `folder` (created if missing), or exits 1 when another run holds it.
    static func acquire(_ folder: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), !isDirectory.boolValue {
            printError("error: --out \(folder) is a file; expected a folder to write the calendars into")
            throw ExitCode.inputRefused
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            printError("error: cannot create the folder \(folder): \((error as NSError).localizedDescription)")
            throw ExitCode.inputRefused
        }
        let path = "\(folder)/.ahsct.lock"
        do {
            try FileLock(path, wait: .no).holdUntilExit()
        } catch .held {
            printError("error: another ahsct run is writing into \(folder) (\(path) is held); run again when it has finished")
            throw ExitCode.inputRefused
        } catch {
            printError("error: cannot write into \(folder): \(error.description) (creating \(path))")
            throw ExitCode.inputRefused
        }
        removeStaleTemporaries(folder)
    }

    /// `.NAME.PID.tmp` files of runs that were killed before their rename.
    private static func removeStaleTemporaries(_ folder: String) {
        for sub in [folder, "\(folder)/patients", "\(folder)/staff"] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: sub)) ?? []
            where name.hasPrefix(".") && name.hasSuffix(".tmp") {
                try? FileManager.default.removeItem(atPath: "\(sub)/\(name)")
            }
        }
    }
}
