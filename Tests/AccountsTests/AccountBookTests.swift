@testable import Accounts
import Foundation
import Testing

/// A fresh folder under the system's temporary folder.
private func temporaryFolder() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("accounts-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
}

/// The failure `body` threw, or `nil`.
private func failure(_ body: () throws(AccountBook.Failure) -> Void) -> AccountBook.Failure? {
    do { try body() } catch { return error }
    return nil
}

/// Cost 4 (the least bcrypt allows) keeps these tests fast; `aNewHashHasTheDefaultCost` checks the real one.
private let cheap: UInt8 = 4

@Suite struct AccountBookTests {
    /// The right password signs in; a wrong one and an unknown user both give nil.
    @Test func signInChecksThePassword() throws {
        var book = AccountBook()
        try book.add(user: "anna", role: .coordinator, password: "twelve chars!", cost: cheap)
        #expect(book.signIn(user: "anna", password: "twelve chars!")?.role == .coordinator)
        #expect(book.signIn(user: "anna", password: "twelve chars?") == nil)
        #expect(book.signIn(user: "bert", password: "twelve chars!") == nil)
    }

    /// The default cost is 12: the hash says so in its prefix (`$2b$12$`), and the password is nowhere in it.
    @Test func aNewHashHasTheDefaultCost() throws {
        var book = AccountBook()
        try book.add(user: "anna", role: .viewer, password: "a long passphrase")
        let hash = try #require(book.account("anna")).hash
        #expect(hash.hasPrefix("$2b$12$") && hash.count == 60)
        #expect(!hash.contains("passphrase"))
    }

    /// 11 characters are too few, 12 are enough; more than 72 bytes, or a control character, are refused; a taken
    /// name and a name with a space are refused; each with its code.
    @Test func weakPasswordsAndBadNamesAreRefused() throws {
        var book = AccountBook()
        #expect(failure { () throws(AccountBook.Failure) in try book.add(user: "anna", role: .viewer, password: "elevenchars", cost: cheap) }?.code == "weak_password")
        #expect(failure { () throws(AccountBook.Failure) in try book.add(user: "anna", role: .viewer, password: String(repeating: "é", count: 37), cost: cheap) }?.code == "weak_password")
        #expect(failure { () throws(AccountBook.Failure) in try book.add(user: "anna", role: .viewer, password: "twelve\tchars!", cost: cheap) }?.code == "weak_password")
        #expect(failure { () throws(AccountBook.Failure) in try book.add(user: "an na", role: .viewer, password: "twelve chars", cost: cheap) }?.code == "bad_user_name")
        #expect(failure { () throws(AccountBook.Failure) in try book.add(user: "anna", role: .viewer, password: "twelve chars", cost: cheap) } == nil)
        #expect(failure { () throws(AccountBook.Failure) in try book.add(user: "anna", role: .viewer, password: "twelve chars", cost: cheap) }?.code == "user_exists")
        #expect(failure { () throws(AccountBook.Failure) in try book.remove(user: "bert") }?.code == "unknown_user")
    }

    /// A new password replaces the old one; removing an account ends its sign-in.
    @Test func passwdAndRemove() throws {
        var book = AccountBook()
        try book.add(user: "anna", role: .coordinator, password: "first password", cost: cheap)
        try book.setPassword(user: "anna", password: "second password", cost: cheap)
        #expect(book.signIn(user: "anna", password: "first password") == nil)
        #expect(book.signIn(user: "anna", password: "second password") != nil)
        try book.remove(user: "anna")
        #expect(book.signIn(user: "anna", password: "second password") == nil)
        #expect(book.accounts.isEmpty)
    }

    /// The file: 0600, sorted by name, hashes only; a missing file is an empty book; a damaged one is refused with
    /// its path; `modify` writes only when something changed.
    @Test func theFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = AccountBook.path(state: folder)
        #expect(try AccountBook.load(from: path).accounts.isEmpty)
        try AccountBook.modify(at: path) { book throws(AccountBook.Failure) in
            try book.add(user: "zoe", role: .viewer, password: "zoe's password", cost: cheap)
            try book.add(user: "anna", role: .coordinator, password: "anna's password", cost: cheap)
        }
        let mode = try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber).intValue
        #expect(mode & 0o777 == 0o600)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("password"))
        let book = try AccountBook.load(from: path)
        #expect(book.accounts.map(\.user) == ["anna", "zoe"])
        #expect(book.signIn(user: "zoe", password: "zoe's password")?.role == .viewer)
        let stamp = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        try AccountBook.modify(at: path) { _ throws(AccountBook.Failure) in }
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == stamp)
        try "{ not json".write(toFile: path, atomically: true, encoding: .utf8)
        let refused = try #require(failure { () throws(AccountBook.Failure) in _ = try AccountBook.load(from: path) })
        #expect(refused.code == "unreadable_accounts" && refused.description.hasPrefix(path))
    }
}
