import Calendrical
import Capacity
import Dispatch
import Foundation
import Interchange
import Pathway

// risk-bench COHORT NOW FROM TO REPEAT OUT.json
// Reads and plans the cohort (not timed), then builds the risk view (every patient's chances per resource) and its
// days FROM…TO, REPEAT times, and prints the best time. OUT.json gets the chances and capacities (for the NumPy
// peer, which convolves the same numbers) and ahsct's results (to be compared).
let arguments = CommandLine.arguments
guard arguments.count == 7, let repeats = Int(arguments[5]) else {
    FileHandle.standardError.write(Data("usage: risk-bench COHORT NOW FROM TO REPEAT OUT.json\n".utf8))
    exit(64)
}
func date(_ text: String) -> CalendarDate {
    let parts = text.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3, let day = CalendarDate(year: parts[0], month: parts[1], day: parts[2]) else {
        FileHandle.standardError.write(Data("not a date: \(text)\n".utf8))
        exit(64)
    }
    return day
}
let cohort: Cohort
do { cohort = try CohortReader().read(contentsOf: arguments[1]) } catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
let now = date(arguments[2]), from = date(arguments[3]), to = date(arguments[4])
let analysis = CohortAnalysis(planner: try cohort.planner(), schedule: cohort.site.capacity, records: cohort.patients,
                              now: now)
var best = Double.infinity
var view = RiskView(analysis: analysis)
var days: [RiskView.Day] = []
for _ in 0..<max(1, repeats) {
    let start = DispatchTime.now().uptimeNanoseconds
    view = RiskView(analysis: analysis)
    days = view.days(from: from, to: to)
    best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}
// The same chances for the peer: per resource, per day, the list of chances; and the capacities.
var chances: [String: [String: [Double]]] = [:]
for profile in view.profiles {
    for (offset, chance) in profile.probabilities.enumerated() where chance > 0 {
        let day = CalendarDate(daysSince1970: profile.first + offset)
        guard from <= day && day <= to else { continue }
        chances[profile.resource, default: [:]][day.description, default: []].append(chance)
    }
}
let rows: [[String: Any]] = days.map {
    ["resource": $0.resource, "day": $0.day.description, "capacity": $0.capacity, "expected": $0.expected,
     "p90": $0.p90, "p_over": $0.pOver]
}
let object: [String: Any] = ["chances": chances, "rows": rows]
do {
    try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: URL(fileURLWithPath: arguments[6]))
} catch {
    FileHandle.standardError.write(Data("cannot write \(arguments[6]): \(error)\n".utf8))
    exit(1)
}
let contributions = chances.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.count } }
print("swift patients=\(analysis.records.count) resources=\(view.resources.count) days=\(from.days(until: to) + 1) chances=\(contributions) seconds=\(String(format: "%.4f", best))")
