// ics-bench: writes N planner-like events through ICalendar's CalendarWriter and prints how long it took.
//
//   ics-bench [--events N] [--repeat R] [--out FILE]
//   ics-bench --read FILE
//
// Prints one machine-readable line (Benchmarks/run-ics.sh parses it):
//   swift events=100000 build_serialize_s=0.812 bytes=35123456 values_s=0.051
// build_serialize_s is the best of R calls to `CalendarWriter.write` (libical tree, serialization, copy into a
// Swift String, freeing the tree); values_s is the time to make the Swift `Event` values, reported apart.
// The events are the same, property for property and in the same order, as Benchmarks/ics-c/write_events.c
// writes, so `--out` files of both can be compared byte for byte.
//
// `--read FILE` reads a file with `CalendarReader` (what `ahsct ics check` does) and prints
//   swift-read events=75000 read_s=1.234
// It is there for profiling the reader under valgrind (3.19 crashes loading the whole `ahsct` binary);
// `make bench-ics` times `ahsct ics check` itself.
import Glibc
import ICalendar
import Calendrical

struct Options {
    var events = 100_000
    var repeats = 3
    var out: String?
    var read: String?
}

/// Writes to standard error (fd 2; Glibc's `stderr` global is not concurrency-safe in Swift 6).
func printError(_ message: String) {
    var line = message + "\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

func fail(_ message: String) -> Never {
    printError("ics-bench: \(message)\nusage: ics-bench [--events N] [--repeat R] [--out FILE] | --read FILE")
    exit(2)
}

func parseOptions() -> Options {
    var options = Options()
    var arguments = CommandLine.arguments.dropFirst().makeIterator()
    while let argument = arguments.next() {
        switch argument {
        case "--events", "--repeat", "--out", "--read":
            guard let value = arguments.next() else { fail("\(argument) needs a value") }
            if argument == "--out" {
                options.out = value
            } else if argument == "--read" {
                options.read = value
            } else {
                guard let number = Int(value), number > 0 else { fail("\(argument) wants a positive whole number") }
                if argument == "--events" { options.events = number } else { options.repeats = number }
            }
        case "-h", "--help":
            print("usage: ics-bench [--events N] [--repeat R] [--out FILE] | --read FILE")
            exit(0)
        default:
            fail("unknown argument '\(argument)'")
        }
    }
    return options
}

// The data. Keep in step with Benchmarks/ics-c/write_events.c and Benchmarks/ics-peer/write_events.py.
let zone = "Europe/Amsterdam"
let titles = ["Bloedafname", "Poli hematologie", "Dagbehandeling", "Stamcelinfusie", "Controle na ontslag"]
let locations = ["UMC Utrecht, Afdeling Hematologie, kamer 3", "Prinses Máxima Centrum, Poli B",
                 "Huisartsenpraktijk De Linde", "Dagbehandeling C4, UMC Utrecht"]
let categories = ["Ziekenhuis", "Bloedafname", "Behandeling"]
let firstDay = CalendarDate(year: 2026, month: 1, day: 5)!
let now = Instant(utc: LocalDateTime(year: 2026, month: 1, day: 2, hour: 9, minute: 0)!)

/// Event `i`: 8 a day from 2026-01-05, 08:00–15:45 local, one hour long; every 10th repeats for four weeks.
func makeEvent(_ i: Int) -> Event {
    let day = firstDay.adding(days: i / 8)
    let start = LocalDateTime(date: day, hour: 8 + i % 8, minute: 15 * (i % 4))!
    let end = LocalDateTime(date: day, hour: start.hour + 1, minute: start.minute)!
    let summary = "\(titles[i % titles.count]) #\(i)"
    var event = Event(uid: "bench-\(i)@ahsct-planner", summary: summary,
                      start: .zoned(start, timeZone: zone), end: .zoned(end, timeZone: zone))
    event.description = "Afspraak \(i) in het kader van de stamceltransplantatie, graag 15 minuten eerder aanwezig.\n"
        + "Neem een geldig identiteitsbewijs en de medicatielijst mee."
    event.location = locations[i % locations.count]
    event.category = categories[i % categories.count]
    event.status = i % 2 == 0 ? .tentative : .confirmed
    event.classification = .confidential
    event.transparency = .opaque
    if i % 10 == 0 {
        let until = LocalDateTime(date: day.adding(days: 28), hour: 22, minute: 59, second: 59)!
        event.recurrence = RecurrenceRule(frequency: .weekly,
                                          daysOfTheWeek: [.init(.monday), .init(.wednesday), .init(.friday)],
                                          end: .until(.utc(until)))
    }
    event.alarms = [Alarm(trigger: .beforeStart(seconds: 86_400), message: "Morgen: \(summary)")]
    return event
}

func seconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
}

let options = parseOptions()
let clock = ContinuousClock()

if let path = options.read {
    let start = clock.now
    do {
        let document = try CalendarReader().read(contentsOf: path)
        print("swift-read events=\(document.events.count) read_s=\(fixed(seconds(clock.now - start)))")
        exit(0)
    } catch {
        for diagnostic in error.diagnostics { printError(diagnostic.description) }
        exit(1)
    }
}

let valuesStart = clock.now
var events: [Event] = []
events.reserveCapacity(options.events)
for i in 0..<options.events { events.append(makeEvent(i)) }
let document = CalendarDocument(productID: "-//ahsct-planner//ics-bench//EN", method: "PUBLISH",
                                name: "Bench", timeZone: zone, events: events)
let valuesSeconds = seconds(clock.now - valuesStart)

let writer = CalendarWriter(now: now)
var best = Double.infinity
var bytes = 0
for run in 0..<options.repeats {
    let start = clock.now
    let text: String
    do {
        text = try writer.write(document)
    } catch {
        printError("ics-bench: write failed: \(error)")
        exit(1)
    }
    best = min(best, seconds(clock.now - start))
    bytes = text.utf8.count
    if run == 0, let path = options.out {
        guard let file = fopen(path, "wb") else { fail("cannot open \(path) for writing") }
        var copy = text
        let written = copy.withUTF8 { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == bytes, fclose(file) == 0 else { fail("cannot write \(path)") }
    }
}

func fixed(_ value: Double) -> String {
    let milliseconds = Int((value * 1000).rounded())
    let fraction = String(milliseconds % 1000)
    return "\(milliseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
}

print("swift events=\(options.events) build_serialize_s=\(fixed(best)) bytes=\(bytes) values_s=\(fixed(valuesSeconds))")
