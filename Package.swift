// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ahsct-planner",
    products: [
        .executable(name: "ahsct", targets: ["ahsct"]),
        .library(name: "ICalendar", targets: ["ICalendar"]),
        .library(name: "Pathway", targets: ["Pathway"]),
        .library(name: "Capacity", targets: ["Capacity"]),
        .library(name: "Interchange", targets: ["Interchange"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "FHIR", targets: ["FHIR"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Property-based tests only (dates against Foundation's calendar, DST): no macros, no swift-syntax.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // `ahsct serve` only (the Server target): HTTP, graceful shutdown, logging, hashing of feed secrets.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // The console's accounts: bcrypt (HummingbirdBcrypt, a small C bcrypt without the HTTP stack).
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // The system library libical (Debian: libical-dev). Only ICalendar imports it.
        .systemLibrary(
            name: "CLibical",
            pkgConfig: "libical",
            providers: [.apt(["libical-dev"])]
        ),
        // The system library libqrencode (Debian: libqrencode-dev). Only QRCode imports it.
        .systemLibrary(
            name: "CQRencode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        // QR codes (libqrencode) as modules and SVG path data: the subscription code on a patient's hand-out.
        .target(name: "QRCode", dependencies: ["CQRencode"]),
        // Civil dates and weekdays: pure arithmetic, shared by every module.
        .target(name: "Calendrical"),
        // Where a reader found something (file, line, column): shared by every reader's errors.
        .target(name: "Locations"),
        // The small file-system layer every writer shares: the file lock (wait or not), the atomic write, the stamp
        // a watcher compares. Foundation only.
        .target(name: "FileSystem"),
        // A Swift API over libical: reading, validating, writing and expanding iCalendar data.
        .target(name: "ICalendar", dependencies: ["CLibical", "Calendrical", "Locations"]),
        // The treatment pathway: working calendars, Dutch holidays, the protocol and date plans. No libical.
        .target(name: "Pathway", dependencies: ["Calendrical"]),
        // The site as a value (zone, contacts, hours, resources), resources over time, the occupancy ledger, conflicts
        // and slots. Numbers, never words. No libical.
        .target(name: "Capacity", dependencies: ["Calendrical", "Pathway"]),
        // Files in and out: cohort, site and protocol files (YAML or JSON, located errors), closures from .ics; the
        // .ics calendars out, made from the entries and words Reports gives.
        .target(
            name: "Interchange",
            dependencies: ["FileSystem", "ICalendar", "Locations", "Pathway", "Capacity", "Reports",
                           .product(name: "Yams", package: "Yams")]
        ),
        // Every word and number people read: plans, conflicts, capacity and slots as text, Markdown, JSON and CSV;
        // the HTML report; the patient calendar texts, entries and page; the console's pages. Its Format (days,
        // padding, percentages with the Dutch decimal comma, escaping) is the package's one. No libical, no files.
        .target(name: "Reports", dependencies: ["Calendrical", "Pathway", "Capacity"]),
        // The FHIR R4 hand-off: plans out as a Bundle (Patient, CarePlan, Appointment, Encounter), a hospital's
        // appointments and stays back in as facts; its own strict JSON reader with line, column and JSON path.
        .target(
            name: "FHIR",
            dependencies: ["Calendrical", "ICalendar", "Locations", "Pathway", "Capacity", "Interchange", "Reports",
                           .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Subscription feeds without HTTP: the registry of capability secrets (only hashes stored), the one spelling
        // of the feed addresses, the served calendars with their update history (each written through libical once
        // per publish), and the immutable snapshot a server answers from, in plain values (bytes, a content hash,
        // the instant of the last change).
        .target(
            name: "Feeds",
            dependencies: ["FileSystem", "ICalendar", "Pathway", "Capacity", "Interchange", "Reports",
                           .product(name: "Crypto", package: "swift-crypto")]
        ),
        // `ahsct serve`: the read-only HTTP server over Feeds (Hummingbird). HTTP dates, validators and 304s, answers
        // made once per snapshot (shared buffers), the rate limit, and the watcher: the only task that re-plans and
        // retires departed feeds, never a request. Nothing else links the HTTP stack.
        .target(
            name: "Server",
            dependencies: ["Feeds", "FileSystem", "Calendrical", "ICalendar", "Interchange", "Pathway", "Reports",
                           "Accounts", "WebForm", "QRCode",
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "HTTPTypes", package: "swift-http-types"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")]
        ),
        // What the console reads from a request, strictly: form bodies and the Cookie header (no HTTP stack; fuzzed).
        .target(name: "WebForm"),
        // The console's accounts (STATE/users.json): user names, roles, bcrypt hashes; no HTTP.
        .target(
            name: "Accounts",
            dependencies: ["FileSystem", .product(name: "HummingbirdBcrypt", package: "hummingbird-auth")]
        ),
        // The command-line tool: argument parsing, file I/O, nothing else.
        .executableTarget(
            name: "ahsct",
            dependencies: [
                "Accounts",
                "FileSystem",
                "ICalendar",
                "Pathway",
                "Capacity",
                "Interchange",
                "Reports",
                "Feeds",
                "Server",
                "FHIR",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Writes N events through ICalendar and prints the time (see `make bench-ics`).
        .executableTarget(name: "ics-bench", dependencies: ["ICalendar"], path: "Benchmarks/ics-bench"),
        // Plans N synthetic patients and prints patients per second (see `make bench-plan`).
        .executableTarget(name: "plan-bench", dependencies: ["Pathway"], path: "Benchmarks/plan-bench"),
        // Builds the occupancy ledger of N intervals and finds over-full runs (see `make bench-capacity`).
        .executableTarget(name: "capacity-bench", dependencies: ["Calendrical", "Capacity"],
                          path: "Benchmarks/capacity-bench"),
        // The risk view of a large cohort, timed; writes its chances for the NumPy peer (see `make bench-risk`).
        .executableTarget(name: "risk-bench", dependencies: ["Calendrical", "Capacity", "Interchange", "Pathway"],
                          path: "Benchmarks/risk-bench"),
        // libFuzzer targets (Fuzz/run.sh builds them with -sanitize=fuzzer,address -DFUZZING); a plain build replays files.
        .target(name: "FuzzSupport", path: "Fuzz/FuzzSupport"),
        .executableTarget(name: "fuzz-ics", dependencies: ["ICalendar", "FuzzSupport"], path: "Fuzz/fuzz-ics"),
        .executableTarget(name: "fuzz-cohort", dependencies: ["Interchange", "FuzzSupport"], path: "Fuzz/fuzz-cohort"),
        .executableTarget(name: "fuzz-form", dependencies: ["WebForm", "FuzzSupport"], path: "Fuzz/fuzz-form"),
        .executableTarget(name: "fuzz-fhir", dependencies: ["FHIR", "Calendrical", "Capacity", "Pathway", "FuzzSupport"],
                          path: "Fuzz/fuzz-fhir"),
        // What every test target shares: the day() shorthand and the golden-file comparison (tests only).
        .target(name: "TestSupport", dependencies: ["Calendrical"], path: "Tests/TestSupport"),
        // Fixtures and golden files are read from the source tree (see TestPaths.swift), not bundled.
        .testTarget(
            name: "ICalendarTests",
            dependencies: ["TestSupport", "ICalendar"],
            exclude: ["Fixtures", "Snapshots"]
        ),
        // Civil dates: pure arithmetic, tested without libical.
        .testTarget(name: "CalendricalTests", dependencies: ["TestSupport", "Calendrical"]),
        .testTarget(name: "PathwayTests", dependencies: ["TestSupport", "Pathway"]),
        .testTarget(name: "CapacityTests", dependencies: ["TestSupport", "Capacity"]),
        // Locks, atomic writes and stamps on real files in a temporary folder.
        .testTarget(name: "FileSystemTests", dependencies: ["FileSystem"]),
        // Accounts: names, password rules, bcrypt, the file and its lock.
        .testTarget(name: "AccountsTests", dependencies: ["Accounts"]),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode"]),
        .testTarget(name: "WebFormTests", dependencies: ["WebForm"]),
        // Day arithmetic and DST, checked on random dates against Foundation's Gregorian calendar and time zones.
        .testTarget(name: "PropertyTests", dependencies: ["ICalendar", "Interchange",
                                                          .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "InterchangeTests", dependencies: ["TestSupport", "Interchange", "Capacity", "FileSystem"], exclude: ["Fixtures"]),
        // Words and formats; the patient texts read their cohorts through Interchange and their events from its .ics.
        .testTarget(name: "ReportsTests", dependencies: ["TestSupport", "Reports", "Interchange", "ICalendar"]),
        // The FHIR mapping and its JSON reader; hand-written bundles in Fixtures/.
        .testTarget(name: "FHIRTests", dependencies: ["TestSupport", "FHIR", "Interchange", "Pathway", "Capacity", "ICalendar"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "FeedsTests", dependencies: ["Feeds", "Interchange", "TestSupport"]),
        // The server in process (HummingbirdTesting): routes, statuses, caching, reloads, hostile requests.
        .testTarget(name: "ServerTests", dependencies: ["Server", "Feeds", "TestSupport", "Accounts", "Interchange",
                                                       .product(name: "HummingbirdTesting", package: "hummingbird"),
                                                       .product(name: "Logging", package: "swift-log")]),
        // End-to-end: runs the built `ahsct` binary.
        .testTarget(name: "ahsctTests", dependencies: ["TestSupport", "ahsct", "ICalendar"], exclude: ["Snapshots"]),
    ],
    swiftLanguageModes: [.v6]
)
