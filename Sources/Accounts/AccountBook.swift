import FileSystem
import Foundation
import HummingbirdBcrypt

/// The console's accounts: `STATE/users.json` (0600), beside the feed registry. Each account has a user name, a role
/// and a bcrypt hash of its password; the password itself is never stored, listed or logged.
///
/// ```swift
/// try AccountBook.modify(at: AccountBook.path(state: ".ahsct")) { book throws(AccountBook.Failure) in
///     try book.add(user: "anna", role: .coordinator, password: "correct horse battery")
/// }
/// let book = try AccountBook.load(from: ".ahsct/users.json")
/// book.signIn(user: "anna", password: "correct horse battery")   // the account
/// book.signIn(user: "anna", password: "wrong")                    // nil, after as long as a right one takes
/// ```
///
/// Checking a password always runs bcrypt once: for a user that does not exist it checks against a dummy hash of the
/// same cost, so an unknown user and a wrong password take the same time and give the same answer (`nil`).
public struct AccountBook: Sendable, Equatable {
    /// Why a change or a read was refused.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// A stable code: `weak_password`, `bad_user_name`, `user_exists`, `unknown_user`, `unreadable_accounts`,
        /// `cannot_write`.
        public let code: String
        /// One line for a person.
        public let description: String
    }

    /// One account as stored.
    public struct Account: Codable, Sendable, Hashable {
        /// The name to sign in with: 1 to 64 of `a-z A-Z 0-9 . _ - @`.
        public let user: String
        /// What the account may do.
        public var role: Role
        /// bcrypt (`$2b$12$…`): never shown.
        var hash: String
    }

    /// The bcrypt cost for new hashes (2¹² rounds, about a quarter of a second on the development machine).
    public static let defaultCost: UInt8 = 12

    /// The fewest characters a password may have.
    public static let minimumPasswordLength = 12

    /// The accounts, by user name.
    public private(set) var accounts: [Account]

    /// An empty book.
    public init() { accounts = [] }

    /// `STATE/users.json`.
    public static func path(state: String) -> String { "\(state)/users.json" }

    /// The account called `user`.
    public func account(_ user: String) -> Account? { accounts.first { $0.user == user } }

    /// Adds an account; refuses a weak password, a bad name or a name already taken.
    public mutating func add(user: String, role: Role, password: String, cost: UInt8 = defaultCost) throws(Failure) {
        try Self.checkName(user)
        guard account(user) == nil else {
            throw Failure(code: "user_exists", description: "there is already an account '\(user)'; use `ahsct users passwd` to change its password")
        }
        try Self.checkPassword(password)
        accounts.append(Account(user: user, role: role, hash: Bcrypt.hash(password, cost: cost)))
        accounts.sort { $0.user < $1.user }
    }

    /// Removes an account.
    public mutating func remove(user: String) throws(Failure) {
        guard let index = accounts.firstIndex(where: { $0.user == user }) else { throw Self.unknown(user) }
        accounts.remove(at: index)
    }

    /// Gives an account a new password.
    public mutating func setPassword(user: String, password: String, cost: UInt8 = defaultCost) throws(Failure) {
        guard let index = accounts.firstIndex(where: { $0.user == user }) else { throw Self.unknown(user) }
        try Self.checkPassword(password)
        accounts[index].hash = Bcrypt.hash(password, cost: cost)
    }

    /// The account when `password` is its password, else `nil`. Runs bcrypt exactly once either way.
    public func signIn(user: String, password: String) -> Account? {
        guard let account = account(user) else {
            _ = Bcrypt.verify(password, hash: Self.dummyHash)
            return nil
        }
        return Bcrypt.verify(password, hash: account.hash) ? account : nil
    }

    /// Whether `session` may go on: its account still exists, with the same role and the same password as when it
    /// was opened. A removed account, a new role or a new password (`ahsct users remove|passwd`) ends it.
    public func admits(_ session: SessionStore.Session) -> Bool {
        guard let account = account(session.user) else { return false }
        return account.role == session.role && (session.credential.isEmpty || session.credential == account.hash)
    }

    /// A hash of a password nobody has, at the default cost: what an unknown user's password is checked against.
    static let dummyHash = Bcrypt.hash(UUID().uuidString + UUID().uuidString, cost: defaultCost)

    /// A name is 1 to 64 of `a-z A-Z 0-9 . _ - @`: it appears in the audit log and on pages.
    public static func checkName(_ user: String) throws(Failure) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@")
        guard (1...64).contains(user.count), user.allSatisfy(allowed.contains) else {
            throw Failure(code: "bad_user_name", description: "a user name is 1 to 64 letters, digits or . _ - @; got '\(user.prefix(64))'")
        }
    }

    /// A password has at least 12 characters, at most 72 bytes (bcrypt reads no further), and no control characters.
    public static func checkPassword(_ password: String) throws(Failure) {
        guard password.count >= minimumPasswordLength else {
            throw Failure(code: "weak_password", description: "a password needs at least \(minimumPasswordLength) characters; a few words you remember make a good one")
        }
        guard password.utf8.count <= 72 else {
            throw Failure(code: "weak_password", description: "a password can be at most 72 bytes long (bcrypt reads no further)")
        }
        guard !password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw Failure(code: "weak_password", description: "a password cannot hold control characters")
        }
    }

    private static func unknown(_ user: String) -> Failure {
        Failure(code: "unknown_user", description: "no account '\(user)'")
    }
}

// MARK: - The file

extension AccountBook {
    private struct File: Codable {
        var version: Int
        var accounts: [Account]
    }

    /// Reads the book at `path`; a missing file is an empty book.
    public static func load(from path: String) throws(Failure) -> AccountBook {
        guard FileManager.default.fileExists(atPath: path) else { return AccountBook() }
        do {
            let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            guard file.version == 1 else {
                throw Failure(code: "unreadable_accounts", description: "\(path): version \(file.version) is not known; expected 1")
            }
            var book = AccountBook()
            book.accounts = file.accounts.sorted { $0.user < $1.user }
            return book
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(code: "unreadable_accounts", description: "\(path): cannot be read as an account list (\(error.localizedDescription))")
        }
    }

    /// Writes the book atomically, readable by its owner only.
    public func save(to path: String) throws(Failure) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(File(version: 1, accounts: accounts))
            try AtomicFile.write(Array(data) + [0x0a], to: path, mode: 0o600)
        } catch let failure as AtomicFile.Failure {
            throw Failure(code: "cannot_write", description: failure.description)
        } catch {
            throw Failure(code: "cannot_write", description: "\(path): \(error)")
        }
    }

    /// Loads the book at `path`, lets `change` modify it and saves it if it changed, all under its lock
    /// (`path.lock`), so two `ahsct users` runs (or a run and the console) take turns.
    public static func modify<T>(at path: String, _ change: (inout AccountBook) throws(Failure) -> T) throws(Failure) -> T {
        let lock: FileLock
        do { lock = try FileLock(path + ".lock", wait: .indefinitely) } catch {
            throw Failure(code: "cannot_write", description: error.description)
        }
        var book = try load(from: path)
        let before = book
        let result = try change(&book)
        if book != before { try book.save(to: path) }
        _ = consume lock
        return result
    }
}
