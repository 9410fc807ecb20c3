import Accounts
import Feeds
import Foundation
import Hummingbird
import ICalendar
import Logging
import NIOCore
import Pathway
import ServiceLifecycle

/// `ahsct serve`: the HTTP server over a ``FeedService``, with the watcher that keeps it current, stopped
/// gracefully by SIGTERM or SIGINT (no new connections; requests under way are finished).
public enum FeedServer {
    /// How the server listens and behaves.
    public struct Options: Sendable {
        /// The address to bind (loopback by default: TLS belongs to a reverse proxy in front).
        public var host = "127.0.0.1"
        /// The port; 0 picks a free one.
        public var port = 8080
        /// Seconds a connection may sit without sending anything (a request never finished included) before it is closed.
        public var idleTimeout = 15.0
        /// The public address for the links on the patient pages; `nil` takes the request's Host.
        public var publicURL: String?
        /// How often the files are looked at, in seconds.
        public var watchInterval = 0.5
        /// Unknown secrets allowed per address at once, and seconds per further one.
        public var burst = 20
        public var refillSeconds = 2.0
        /// Whether a loopback peer is a reverse proxy whose `X-Forwarded-For` names the client (rate limit per client).
        public var trustProxy = false
        /// The rate limit's clock: seconds on a monotonic clock (`nil`: the system's). Tests stop it to count tokens
        /// without waiting, and without a slow machine refilling one between two requests.
        public var limiterClock: (@Sendable () -> Double)?
        /// The clock that times each request for the access log: nanoseconds on a monotonic clock (`nil`: the
        /// system's). Tests fix it, so a log line's duration is known.
        public var requestTimer: (@Sendable () -> UInt64)?
        /// Whether to serve the coordinators' console under `/console/` (accounts: `ahsct users add`).
        public var console = true
        /// The console's words: nl or en.
        public var consoleLanguage: PatientRecord.Language = .nl
        /// The console's clock for sessions and the sign-in throttle: seconds on a monotonic clock (`nil`: the
        /// system's). Tests move it by hand to expire a session.
        public var consoleClock: (@Sendable () -> Double)?
        /// The wall clock for the console's audit entries (`nil`: the system's).
        public var consoleNow: (@Sendable () -> Instant)?

        public init() {}
    }

    /// The Hummingbird application over `service`; `onListening(host, port)` is called once it accepts connections.
    public static func application(service: FeedService, options: Options, accessLog: AccessLog?, logger: Logger,
                                   onListening: @escaping @Sendable (String, Int) async -> Void) -> some ApplicationProtocol {
        var responder = FeedResponder(service: service, publicURL: options.publicURL, accessLog: accessLog,
                                      burst: options.burst, refillSeconds: options.refillSeconds,
                                      trustProxy: options.trustProxy, clock: options.limiterClock,
                                      timer: options.requestTimer)
        if options.console {
            let started = ContinuousClock.now
            responder.console = ConsoleResponder(
                service: service, stateFolder: service.stateFolder, sessions: SessionStore(), throttle: SignInThrottle(),
                publicURL: options.publicURL, language: options.consoleLanguage,
                clock: options.consoleClock ?? {
                    let elapsed = ContinuousClock.now - started
                    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                },
                now: options.consoleNow ?? { Instant(secondsSince1970: Int64(Date().timeIntervalSince1970)) })
        }
        let host = options.host
        return Application(
            responder: responder,
            server: .http1(configuration: .init(idleTimeout: .milliseconds(Int64(options.idleTimeout * 1000)))),
            configuration: .init(address: .hostname(host, port: options.port), serverName: nil),
            services: [Watcher(service: service, interval: options.watchInterval, accessLog: accessLog)],
            onServerRunning: { channel in
                await onListening(host, channel.localAddress?.port ?? options.port)
            },
            logger: logger
        )
    }

    /// Plans the cohort, then serves until SIGTERM or SIGINT.
    public static func run(service: FeedService, options: Options, accessLog: AccessLog?, logger: Logger,
                           onListening: @escaping @Sendable (String, Int) async -> Void) async throws {
        SystemMemory.limitArenas()
        service.refresh(force: true)
        let app = application(service: service, options: options, accessLog: accessLog, logger: logger,
                              onListening: onListening)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: logger))
        try await group.run()
        accessLog?.flush()
    }
}

/// Looks at the cohort, the files it names and the registry every `interval` seconds: flushes the access log and
/// calls ``FeedService/refresh(force:)``, which re-plans what changed and retires delivered departed feeds. The only
/// task that re-plans while the server runs; requests never do.
struct Watcher: Service {
    let service: FeedService
    let accessLog: AccessLog?
    /// Waits until the next look; `false` to stop watching (the task was cancelled).
    let pause: @Sendable () async -> Bool

    /// A watcher that looks every `interval` seconds.
    init(service: FeedService, interval: Double, accessLog: AccessLog?) {
        self.init(service: service, accessLog: accessLog) {
            (try? await Task.sleep(for: .milliseconds(Int64(interval * 1000)))) != nil && !Task.isCancelled
        }
    }

    /// A watcher that looks whenever `pause` returns `true` (tests step it by hand).
    init(service: FeedService, accessLog: AccessLog?, pause: @escaping @Sendable () async -> Bool) {
        self.service = service
        self.accessLog = accessLog
        self.pause = pause
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await watch()
        }
    }

    /// Until `pause` says stop: flush the log, refresh.
    func watch() async {
        while await pause() {
            accessLog?.flush()
            service.refresh()
        }
    }
}
