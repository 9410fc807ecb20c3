import ArgumentParser
import Feeds
import Foundation
import ICalendar
import Interchange
import Logging
import Pathway
import Server

/// `ahsct serve COHORT`: subscription feeds, patient pages and the report over HTTP, always from the current cohort.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the cohort's calendars as subscription feeds, with the patient pages and the report.",
        discussion: """
            Routes (GET and HEAD): /feeds/SECRET.ics (a patient's, the ward's or a staff role's calendar), \
            /feeds/SECRET.html (the patient's own page with subscribe links), /report/SECRET.html (the coordinators' \
            report), /healthz and the coordinators' console under /console/ (signed in; see docs/console.md). Secrets come from `ahsct feeds issue`; an unknown one is 404, a revoked one 410. \
            The cohort file and the files it names are watched: an edit is served within two seconds, and an edit \
            with errors keeps the last good plan in service (its errors are logged and shown on /healthz).
            The first line on standard output is `listening on http://HOST:PORT`; the access log (route, status, \
            bytes, time; never a secret) goes to standard error. SIGTERM or SIGINT stops it gracefully (exit 0).
            Bind to loopback and put a TLS proxy (nginx, Caddy) in front: see docs/serving.md.
            """
    )

    @OptionGroup var input: CohortOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port (0 picks a free one).")
    var port = 8080

    @OptionGroup var stateOption: StateOptions
    var state: String? { stateOption.state }

    @Option(help: "Language of the ward and staff calendars and the report: nl or en (patients get their own).")
    var lang: PatientRecord.Language = .nl

    @Option(help: "The public address, e.g. https://planner.example.nl, for the subscribe links (default: the request's Host).")
    var publicURL: String?

    @Option(help: "Seconds a connection may stay silent, an unfinished request included, before it is closed.")
    var idleTimeout: Double = 15

    @Flag(help: "Behind a reverse proxy on loopback: limit wrong secrets per X-Forwarded-For client, not per proxy.")
    var trustProxy = false

    @Flag(inversion: .prefixedNo, help: "Write the access log to standard error.")
    var accessLog = true

    @Flag(inversion: .prefixedNo, help: "Serve the coordinators' console under /console/ (accounts: ahsct users add).")
    var console = true

    @Option(help: "Language of the console: nl or en.")
    var consoleLang: PatientRecord.Language = .nl

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard idleTimeout > 0, idleTimeout <= 3600 else { throw ValidationError("--idle-timeout must be between 0 and 3600 seconds") }
        if let publicURL {
            guard publicURL.hasPrefix("https://") || publicURL.hasPrefix("http://"), !publicURL.hasSuffix("/"),
                  !publicURL.contains(where: { $0 == "\"" || $0 == "<" || $0 == ">" || $0 == " " }) else {
                throw ValidationError("--public-url must be an http:// or https:// address without a trailing slash, e.g. https://planner.example.nl")
            }
        }
    }

    func run() async throws {
        let cohort = input.cohort
        let folder = try StateFolder.path(for: cohort, state: state, create: true)
        // A fixed --now holds for every re-plan; without it each re-plan reads the clock.
        let fixed = try input.now.map(parseInstant)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = label == "hummingbird" ? .warning : .info
            return handler
        }
        let logger = Logger(label: "ahsct.serve")
        let service = FeedService(cohort: cohort, state: folder, language: lang, now: fixed, logger: logger)
        var options = FeedServer.Options()
        options.host = host
        options.port = port
        options.idleTimeout = idleTimeout
        options.publicURL = publicURL
        options.trustProxy = trustProxy
        options.console = console
        options.consoleLanguage = consoleLang
        try await FeedServer.run(service: service, options: options,
                                 accessLog: accessLog ? AccessLog(descriptor: STDERR_FILENO) : nil,
                                 logger: Logger(label: "hummingbird")) { host, port in
            let shown = host.contains(":") ? "[\(host)]" : host
            // Written straight to the descriptor: scripts wait for this line, so it must not sit in a buffer.
            FileHandle.standardOutput.write(Data("listening on http://\(shown):\(port)\n".utf8))
        }
    }
}
