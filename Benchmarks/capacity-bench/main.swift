// Builds the occupancy ledger of N synthetic intervals and finds the over-full runs; prints the best time of each
// phase, and writes the intervals for the NumPy peer (Benchmarks/capacity-peer/numpy_sweep.py).
//
//   capacity-bench N REPEAT INTERVALS_FILE
//
// Intervals are made deterministically (a linear congruential generator with a fixed seed): 4 resources, first
// days spread over ten years from 2027-01-01, 1–30 days long, amount 1–2, owners 0..<N/3. Capacities are set so
// that a few per cent of the days are over-full (the runs are what the conflict report lists).
// The file holds little-endian Int32 quadruples (resource, from, to, amount), from/to as days since 1970.
import Calendrical
import Capacity
import Foundation

struct Generator {
    var state: UInt64 = 0x2026_1122
    mutating func callAsFunction(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}

let arguments = CommandLine.arguments
let count = arguments.count > 1 ? Int(arguments[1]) ?? 100_000 : 100_000
let repeats = arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3
let file = arguments.count > 3 ? arguments[3] : nil

let resources = ["isolation-beds", "apheresis-machines", "daycare-chairs", "apheresis-nurses"]
let first = CalendarDate(year: 2027, month: 1, day: 1)!.daysSince1970
let span = 3650
var random = Generator()
var intervals: [OccupancyLedger.Interval] = []
intervals.reserveCapacity(count)
for index in 0..<count {
    let from = first + random(span)
    let length = 1 + random(30)
    intervals.append(.init(resource: Int32(random(resources.count)), from: Int32(from), to: Int32(from + length - 1),
                           amount: Int32(1 + random(2)), owner: Int32(index / 3)))
}
// Mean demand per resource per day m ≈ count/4 intervals × 15.5 days × 1.5 units / 3650 days, with a variance of
// about m × E[a²]/E[a] = m × 2.5/1.5; capacity m + 2.3 standard deviations leaves about 1 % of days over-full.
let mean = Double(count) / 4 * 15.5 * 1.5 / Double(span)
let capacity = max(1, Int(mean + 2.3 * (mean * 2.5 / 1.5).squareRoot()))
let schedule = CapacitySchedule(resources: resources.map { .init(resource: $0, capacity: capacity) })

if let file {
    var bytes = [UInt8]()
    bytes.reserveCapacity(count * 16)
    for interval in intervals {
        for value in [interval.resource, interval.from, interval.to, interval.amount] {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
    }
    try Data(bytes).write(to: URL(fileURLWithPath: file))
}

func seconds(_ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
}

var runs: [Overload] = []
var owners: [[Int32]] = []
let ledgerTime = seconds { _ = OccupancyLedger(intervals: intervals, resourceCount: resources.count) }
let conflictTime = seconds {
    let ledger = OccupancyLedger(intervals: intervals, resourceCount: resources.count)
    let table = AvailabilityTable(schedule: schedule, resources: resources, days: ledger.days)
    runs = ledger.overloads(limit: table)
}
let ownersTime = seconds { owners = OccupancyLedger.owners(of: runs, in: intervals) }
let overfullDays = runs.reduce(0) { $0 + $1.last - $1.first + 1 }
print("swift  intervals=\(count) capacity=\(capacity) ledger=\(String(format: "%.6f", ledgerTime))s "
      + "ledger+runs=\(String(format: "%.6f", conflictTime))s runs=\(runs.count) overfull_days=\(overfullDays) "
      + "owners=\(String(format: "%.6f", ownersTime))s (\(owners.reduce(0) { $0 + $1.count }) patient mentions)")
