import Accounts
import ArgumentParser
import Foundation
import Interchange

/// `ahsct users add|remove|passwd|list COHORT`: the console's accounts, in `STATE/users.json` beside the feed
/// registry. Passwords are read from standard input (one line) when it is not a terminal, else asked twice without
/// echo; only bcrypt hashes are stored, and nothing ever prints one.
struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Add, remove and list the console's accounts (passwords stored as bcrypt hashes only).",
        discussion: """
            A viewer sees the cohort with pseudonyms and no forms; a coordinator also sees names and records, \
            issues and revokes. Passwords need at least 12 characters.

              printf '%s\\n' "$PASSWORD" | ahsct users add calendars/cohort.yaml --user anna --role coordinator
              ahsct users passwd calendars/cohort.yaml --user anna     (asks twice, without echo)
              ahsct users list calendars/cohort.yaml
            """,
        subcommands: [Add.self, Remove.self, Passwd.self, List.self]
    )

    /// The cohort and the state folder every subcommand takes.
    struct Where: ParsableArguments {
        @Argument(help: "The cohort file (the accounts live in its state folder).")
        var cohort: String
        @OptionGroup var stateOptions: StateOptions

        /// `STATE/users.json`, the state folder created if missing.
        func book() throws -> String {
            AccountBook.path(state: try StateFolder.path(for: cohort, state: stateOptions.state, create: true))
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an account; the password comes from standard input or is asked for.")
        @OptionGroup var place: Where
        @Option(help: "The user name: 1 to 64 letters, digits or . _ - @.") var user: String
        @Option(help: "coordinator (sees names, changes things) or viewer (pseudonyms, no forms).") var role: Role

        func run() throws {
            do { try AccountBook.checkName(user) } catch {
                printError("error: \(error.description) [\(error.code)]")
                throw ExitCode.inputRefused
            }
            let password = try readNewPassword(for: user)
            try change(place) { book throws(AccountBook.Failure) in try book.add(user: user, role: role, password: password) }
            print("added \(user) (\(role.rawValue))")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an account (its sessions end at their next request).")
        @OptionGroup var place: Where
        @Option(help: "The user name.") var user: String

        func run() throws {
            try change(place) { book throws(AccountBook.Failure) in try book.remove(user: user) }
            print("removed \(user)")
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give an account a new password.")
        @OptionGroup var place: Where
        @Option(help: "The user name.") var user: String

        func run() throws {
            let path = try place.book()
            guard (try? AccountBook.load(from: path))?.account(user) != nil else {
                printError("error: no account '\(user)' [unknown_user]")
                throw ExitCode.inputRefused
            }
            let password = try readNewPassword(for: user)
            try change(place) { book throws(AccountBook.Failure) in try book.setPassword(user: user, password: password) }
            print("changed the password of \(user)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts: name and role (never a hash).")
        @OptionGroup var place: Where
        @Option(help: "text or json.") var format: ListFormat = .text

        enum ListFormat: String, ExpressibleByArgument { case text, json }

        func run() throws {
            let book: AccountBook
            do { book = try AccountBook.load(from: try place.book()) } catch let failure as AccountBook.Failure {
                printError("error: \(failure.description) [\(failure.code)]")
                throw ExitCode.inputRefused
            }
            switch format {
            case .text:
                if book.accounts.isEmpty { print("no accounts yet; add one with `ahsct users add`") }
                let width = book.accounts.map(\.user.count).max() ?? 0
                for account in book.accounts {
                    print(account.user.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + account.role.rawValue)
                }
            case .json:
                let rows = book.accounts.map { "  {\"role\": \"\($0.role.rawValue)\", \"user\": \"\($0.user)\"}" }
                print(rows.isEmpty ? "[]" : "[\n" + rows.joined(separator: ",\n") + "\n]")
            }
        }
    }
}

extension Role: ExpressibleByArgument {}

/// Changes the book under its lock; a refusal prints `error: … [code]` and exits 1 with the file unchanged.
private func change(_ place: UsersCommand.Where, _ edit: (inout AccountBook) throws(AccountBook.Failure) -> Void) throws {
    do {
        try AccountBook.modify(at: try place.book(), edit)
    } catch let failure as AccountBook.Failure {
        printError("error: \(failure.description) [\(failure.code)]")
        throw ExitCode.inputRefused
    }
}

/// A new password: one line from standard input when it is not a terminal (a script, a password manager), else
/// asked twice at the terminal without echo. It is checked against the rules before anything is written.
private func readNewPassword(for user: String) throws -> String {
    let password: String
    if isatty(STDIN_FILENO) == 0 {
        guard let line = readLine(strippingNewline: true) else {
            printError("error: no password on standard input; give it as one line [weak_password]")
            throw ExitCode.inputRefused
        }
        password = line
    } else {
        let first = try askWithoutEcho("New password for \(user) (at least \(AccountBook.minimumPasswordLength) characters): ")
        let second = try askWithoutEcho("The same password again: ")
        guard first == second else {
            printError("error: the two passwords differ; nothing changed")
            throw ExitCode.inputRefused
        }
        password = first
    }
    do { try AccountBook.checkPassword(password) } catch {
        printError("error: \(error.description) [\(error.code)]")
        throw ExitCode.inputRefused
    }
    return password
}

/// Asks on standard error and reads a line from the terminal with echo off (restored afterwards, also on failure).
private func askWithoutEcho(_ prompt: String) throws -> String {
    FileHandle.standardError.write(Data(prompt.utf8))
    var saved = termios()
    tcgetattr(STDIN_FILENO, &saved)
    var quiet = saved
    quiet.c_lflag &= ~tcflag_t(ECHO)
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
    defer {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
        FileHandle.standardError.write(Data("\n".utf8))
    }
    guard let line = readLine(strippingNewline: true) else {
        printError("error: no password given")
        throw ExitCode.inputRefused
    }
    return line
}
