import ArgumentParser
import Interchange
import Pathway

/// `ahsct protocol`: check a site's protocol file, or list a protocol's rules.
struct ProtocolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "protocol",
        abstract: "Check protocol and cohort files and show a protocol's rules.",
        subcommands: [Check.self, Show.self]
    )

    /// `ahsct protocol check FILE…`: protocol files, and cohort files (their protocol and site).
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check protocol files, or cohort files: one summary line per usable file, located errors otherwise.",
            discussion: """
                A file with a top-level site: or patients: key is checked as a cohort: the whole file is read (its \
                protocol, built in or a file, its site and its patients), and a site that names no number \
                answering around the clock (contacts without haematology-ward) gets a warning on standard error \
                (warning: FILE: … [no_round_the_clock_number]), which does not change the exit status.
                Exit status: 0 when every file is usable, 1 otherwise (errors as FILE:LINE:COL: error: MESSAGE [code]).
                """
        )

        @Argument(help: "Protocol files or cohort files (.yaml or .json).")
        var files: [String]

        func run() throws {
            var failed = false
            for file in files {
                do {
                    if CohortReader.isCohort(contentsOf: file) {
                        let cohort = try CohortReader().read(contentsOf: file)
                        let proto = cohort.treatmentProtocol
                        let patients = cohort.patients.count
                        print("\(file): cohort of \(cohort.site.name), \(patients) patient\(patients == 1 ? "" : "s"); protocol \(proto.name), \(proto.steps.count) steps, resources: \(proto.resources.joined(separator: ", "))")
                        printSiteWarnings(cohort)
                    } else {
                        let proto = try ProtocolReader().read(contentsOf: file)
                        print("\(file): protocol \(proto.name), \(proto.steps.count) steps, resources: \(proto.resources.joined(separator: ", "))")
                    }
                } catch {
                    failed = true
                    for problem in error.errors { printError(problem.description) }
                }
            }
            if failed { throw ExitCode.inputRefused }
        }
    }

    /// `ahsct protocol show [NAME|FILE]`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every step of a protocol with its rule, resource and source.",
            discussion: "NAME is a built-in protocol (amsterdam-umc, the default) or a protocol file."
        )

        @Argument(help: "A built-in protocol name or a protocol file.")
        var name: String = TreatmentProtocol.amsterdamUMC.name

        func run() throws {
            let proto: TreatmentProtocol
            if let builtIn = ProtocolReader.builtIn[name] {
                proto = builtIn
            } else {
                do {
                    proto = try ProtocolReader().read(contentsOf: name)
                } catch {
                    for problem in error.errors { printError(problem.description) }
                    throw ExitCode.inputRefused
                }
            }
            print("protocol \(proto.name); resources: \(proto.resources.joined(separator: ", "))")
            for rule in proto.steps {
                print("\(rule.id.rawValue): \(rule.formula)\(rule.resource.map { "; books \($0)" } ?? "")\(rule.source.isEmpty ? "" : " [\(rule.source)]")")
            }
        }
    }
}
