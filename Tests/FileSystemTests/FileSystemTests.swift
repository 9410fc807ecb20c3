import FileSystem
import Foundation
import Testing

/// A fresh folder under the system's temporary folder.
private func temporaryFolder() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("filesystem-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
}

/// The permission bits of `path`.
private func mode(_ path: String) throws -> Int {
    try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber).intValue & 0o777
}

/// Runs `body` and returns the lock failure it threw, or `nil`.
private func failure(_ body: () throws(FileLock.Failure) -> Void) -> FileLock.Failure? {
    do { try body() } catch { return error }
    return nil
}

@Suite struct FileLockTests {
    /// While one holder has the lock, `.no` refuses at once and `.upTo` refuses after its wait; once the holder is
    /// gone, the same call takes it.
    @Test func aHeldLockRefusesAndIsFreedWithItsHolder() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = "\(folder)/cohort.yaml.lock"
        do {
            let held = try FileLock(path, wait: .no)
            #expect(held.path == path)
            #expect(failure { () throws(FileLock.Failure) in _ = try FileLock(path, wait: .no) } == .held(lock: path))
            #expect(failure { () throws(FileLock.Failure) in _ = try FileLock(path, wait: .upTo(.milliseconds(120))) } == .held(lock: path))
            _ = consume held
        }
        #expect(failure { () throws(FileLock.Failure) in _ = try FileLock(path, wait: .no) } == nil)
        #expect(failure { () throws(FileLock.Failure) in _ = try FileLock(path, wait: .indefinitely) } == nil)
    }

    /// A lock file in a folder that does not exist cannot be opened: the failure names the file and the reason.
    @Test func aMissingFolderCannotBeLocked() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = "\(folder)/missing/x.lock"
        let refused = try #require(failure { () throws(FileLock.Failure) in _ = try FileLock(path, wait: .no) })
        #expect(refused.lock == path)
        #expect(refused.description == "cannot lock \(path): No such file or directory")
    }

    /// A waiting taker gets the lock once the holder lets go: a thread holds it, the test waits indefinitely, and
    /// the thread releases it only after it has seen that the lock is taken (a flag, not a sleep, orders them).
    @Test func anIndefiniteWaitEndsWhenTheHolderLetsGo() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = "\(folder)/feeds.json.lock"
        let taken = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let thread = Thread {
            do {
                let held = try FileLock(path, wait: .no)
                taken.signal()
                release.wait()
                _ = consume held
            } catch {
                taken.signal()
            }
        }
        thread.start()
        taken.wait()
        #expect(failure { () throws(FileLock.Failure) in _ = try FileLock(path, wait: .no) } == .held(lock: path))
        release.signal()
        // Returns only once the thread has dropped its lock.
        #expect(failure { () throws(FileLock.Failure) in _ = try FileLock(path, wait: .indefinitely) } == nil)
    }
}

@Suite struct AtomicFileTests {
    /// A new file is complete, has the mode asked for whatever the umask, and leaves no temporary file behind.
    @Test func aWriteIsCompleteWithItsMode() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = "\(folder)/ward.ics"
        try AtomicFile.write(Array("BEGIN:VCALENDAR\r\n".utf8), to: path, mode: 0o640)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "BEGIN:VCALENDAR\r\n")
        #expect(try mode(path) == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["ward.ics"])
    }

    /// A failed write names the file as the user gave it and leaves nothing: the folder does not exist.
    @Test func aFailedWriteSaysWhatFailed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            try AtomicFile.write([0x41], to: "\(folder)/gone/ward.ics", shownAs: "gone/ward.ics")
            Issue.record("the write should have failed")
        } catch {
            #expect(error.description.hasPrefix("cannot write gone/ward.ics: creating "))
            #expect(error.description.hasSuffix("failed (No such file or directory)"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    /// `replace` rewrites the real file behind a symbolic link and keeps that file's own permissions.
    @Test func replaceGoesThroughTheLinkAndKeepsTheMode() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let real = "\(folder)/real.yaml"
        let link = "\(folder)/cohort.yaml"
        try AtomicFile.write(Array("old\n".utf8), to: real, mode: 0o644)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        try AtomicFile.replace(Array("new\n".utf8), at: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real)
        #expect(try String(contentsOfFile: real, encoding: .utf8) == "new\n")
        #expect(try mode(real) == 0o644)
    }
}

@Suite struct FileStampTests {
    /// No stamp for a missing file; the same file gives the same stamp; a new file renamed over it (same size,
    /// and possibly the same second) gives a different one, because its inode differs.
    @Test func aStampChangesWhenTheFileIsReplaced() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = "\(folder)/cohort.yaml"
        #expect(FileStamp(path) == nil)
        try AtomicFile.write(Array("a\n".utf8), to: path)
        let first = try #require(FileStamp(path))
        #expect(FileStamp(path) == first)
        #expect(first.size == 2)
        try AtomicFile.write(Array("b\n".utf8), to: path)
        let second = try #require(FileStamp(path))
        #expect(second.size == 2)
        #expect(second != first)
    }
}
