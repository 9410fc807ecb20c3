import ArgumentParser
import Feeds
import Foundation
import ICalendar
import Interchange

/// `ahsct feeds issue|revoke|list`: the capability addresses `ahsct serve` answers.
struct FeedsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feeds",
        abstract: "Issue, revoke and list the secret feed addresses `ahsct serve` answers.",
        subcommands: [Issue.self, Revoke.self, List.self]
    )

    /// Which feed: exactly one of the four.
    struct SubjectOptions: ParsableArguments {
        @Option(help: "A patient's calendar and page (pseudonym).")
        var patient: String?

        @Flag(help: "The ward calendar.")
        var ward = false

        @Option(help: "A staff role's calendar.")
        var staff: String?

        @Flag(help: "The coordinators' report.")
        var report = false

        func validate() throws {
            let chosen = [patient != nil, ward, staff != nil, report].filter { $0 }.count
            guard chosen == 1 else { throw ValidationError("choose one of --patient ID, --ward, --staff ROLE or --report") }
        }

        var subject: FeedSubject {
            if let patient { return .patient(patient) }
            if let staff { return .staff(staff) }
            return ward ? .ward : .report
        }
    }

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    /// Changes the feed registry of `cohort` (in `--state`, or `.ahsct/` beside it) under its lock; a registry that
    /// cannot be read or written is printed with its path and ends the run with exit 1.
    static func changeRegistry<T>(of cohort: String, state: String?, create: Bool,
                                  _ change: (inout FeedRegistry) -> T) throws -> T {
        let folder = try StateFolder.path(for: cohort, state: state, create: create)
        do {
            return try FeedRegistry.modify(at: FeedRegistry.path(state: folder, cohort: cohort)) {
                registry throws(FeedRegistry.Failure) in change(&registry)
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode.inputRefused
        }
    }

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a feed address (issuing again for the same subject replaces the old address).",
            discussion: """
                Prints the new path once, e.g. /feeds/SECRET.ics (a patient's page is the same path ending in .html; \
                the report's is /report/SECRET.html). Only a hash of the secret is kept, in STATE/COHORT.feeds.json \
                (0600): it cannot be shown again, only replaced. The secret is 256 random bits.
                Exit status: 0 issued, 1 unknown patient or role, or the cohort has errors, 64 bad arguments.
                """
        )

        @Argument(help: "The cohort file.")
        var cohort: String

        @OptionGroup var which: SubjectOptions

        @OptionGroup var stateOption: StateOptions
        var state: String? { stateOption.state }

        @Option(help: "text or json ({\"kind\",\"id\",\"path\"}).")
        var format: Format = .text

        func run() throws {
            let subject = which.subject
            let read = try readCohort(cohort)
            switch subject {
            case .patient(let id) where !read.patients.contains(where: { $0.id == id }):
                throw refuseUnknownPatient(id, in: cohort, known: read.patients.map(\.id))
            case .staff(let role) where !PlanCalendars.staffRoles.contains(where: { $0.role == role }):
                printError("error: no staff calendar '\(role)'; known: \(PlanCalendars.staffRoles.map(\.role).joined(separator: ", "))")
                throw ExitCode.inputRefused
            default:
                break
            }
            let secret = try FeedsCommand.changeRegistry(of: cohort, state: state, create: true) {
                $0.issue(subject, now: .current)
            }
            let address = FeedAddress(issuedFor: subject, secret: secret)
            switch format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                struct Issued: Encodable { var kind: String; var id: String?; var path: String }
                let data = try encoder.encode(Issued(kind: subject.kind.rawValue, id: subject.id, path: address.path))
                print(String(decoding: data, as: UTF8.self))
            case .text:
                print("\(subject): \(address.path)")
                if FeedAddress.Kind.page.opens(subject) { print("  page: \(address.with(.page).path)") }
                print("Shown once: only a hash is kept. Issue again to replace it; the old address then stops working.")
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a feed: its address answers 410 Gone from then on (clients stop polling).",
            discussion: "Exit status: 0 revoked, 1 no active feed for that subject, 64 bad arguments."
        )

        @Argument(help: "The cohort file.")
        var cohort: String

        @OptionGroup var which: SubjectOptions

        @OptionGroup var stateOption: StateOptions
        var state: String? { stateOption.state }

        func run() throws {
            let subject = which.subject
            // Nothing issued yet (no registry, perhaps no state folder): nothing to revoke.
            let folder = try StateFolder.path(for: cohort, state: state, create: false)
            var revoked = false
            if FileManager.default.fileExists(atPath: FeedRegistry.path(state: folder, cohort: cohort)) {
                revoked = try FeedsCommand.changeRegistry(of: cohort, state: state, create: false) {
                    $0.revoke(subject, now: .current)
                }
            }
            guard revoked else {
                printError("error: no active feed for \(subject) of \(cohort)")
                throw ExitCode.inputRefused
            }
            print("revoked the feed of \(subject)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the feeds: subject, when issued, whether revoked (never a secret or its hash)."
        )

        @Argument(help: "The cohort file.")
        var cohort: String

        @OptionGroup var stateOption: StateOptions
        var state: String? { stateOption.state }

        @Option(help: "text or json.")
        var format: Format = .text

        func run() throws {
            let folder = try StateFolder.path(for: cohort, state: state, create: false)
            let registry: FeedRegistry
            do {
                registry = try FeedRegistry.load(from: FeedRegistry.path(state: folder, cohort: cohort))
            } catch {
                printError("error: \(error)")
                throw ExitCode.inputRefused
            }
            struct Listed: Encodable {
                var kind: String
                var id: String?
                var issued: String
                var revoked: String?
                var reason: String?
            }
            let listed = registry.entries.map {
                Listed(kind: $0.subject.kind.rawValue, id: $0.subject.id, issued: $0.issued, revoked: $0.revoked,
                       reason: $0.reason?.rawValue)
            }
            switch format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(listed), as: UTF8.self))
            case .text:
                if listed.isEmpty { print("no feeds issued for \(cohort)") }
                for entry in registry.entries {
                    let status = entry.revoked.map { "revoked \($0)" + (entry.reason == .leftCohort ? " (left the cohort)" : "") } ?? "active"
                    print("\(entry.subject.description.padding(toLength: 24, withPad: " ", startingAt: 0)) issued \(entry.issued)  \(status)")
                }
            }
        }
    }
}
