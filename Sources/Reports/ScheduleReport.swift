import Calendrical
import Capacity

/// The scheduler's result for people: totals with the bound, every proposed change, and who cannot fit.
public struct ScheduleReport: Sendable {
    /// The schedule.
    public var schedule: Schedule
    /// The day it was made on.
    public var now: CalendarDate
    /// The search's seed.
    public var seed: UInt64
    /// The total delay of the same search without the risk limit, when there is one.
    public var plainDelay: Int?

    /// A report.
    public init(schedule: Schedule, now: CalendarDate, seed: UInt64) {
        self.schedule = schedule
        self.now = now
        self.seed = seed
    }

    /// Text, 80 columns.
    public func text() -> String {
        var out = "Schedule as of \(Format.day(now)) (seed \(seed), \(schedule.iterations) moves"
            + (schedule.stoppedByTime ? ", stopped by the time limit" : "") + ")\n"
        out += "  patients scheduled: \(schedule.assignments.count); admission recorded: \(schedule.fixed.count)\n"
        // The bound holds for schedules without overflow only.
        let bound = schedule.unfit.isEmpty ? "lower bound \(schedule.lowerBound)" : "no bound while some patient cannot fit"
        out += "  total delay: \(schedule.totalDelay) days (\(bound); first pass \(schedule.constructiveDelay))\n"
        if schedule.unfit.isEmpty {
            let gap = schedule.gap.map { $0 == 0 ? "0 (optimal)" : Format.percent($0) } ?? "unknown (bound 0)"
            out += "  certified gap: \(gap); bounds: beds \(schedule.bedBound), day 1 \(schedule.dayOneBound), together \(schedule.lowerBound)\n"
        }
        out += "  maximum delay: \(schedule.maxDelay) days\n"
        out += "  cannot fit: \(schedule.unfit.count)\n"
        if let limit = schedule.riskLimit {
            out += "  risk limit: P(beds over capacity) ≤ \(Format.number(limit)) on every future day\n"
            if let plainDelay {
                out += "    price: \(schedule.totalDelay - plainDelay) days of delay more than without the limit (\(plainDelay))\n"
            }
            for run in schedule.overByRecorded {
                let days = run.lowerBound.days(until: run.upperBound) + 1
                out += "    over it on recorded stays alone (not counted): \(Format.day(run.lowerBound))"
                    + (days > 1 ? " … \(Format.day(run.upperBound)) (\(days) days)" : "") + "\n"
            }
        }
        if !schedule.assignments.isEmpty {
            out += "\n  patient    day 1            admission        earliest         delay\n"
            for item in schedule.assignments {
                var line = "  " + Format.padded(item.patient, 11)
                line += Format.padded(Format.day(item.mobilisation) + (item.mobilisationMoved ? "" : "*"), 17)
                line += Format.padded(Format.day(item.admission), 17) + Format.padded(Format.day(item.earliestAdmission), 17)
                out += line + String(item.delay) + "\n"
            }
            out += "  (* day 1 recorded)\n"
        }
        for unfit in schedule.unfit {
            out += "\ncannot fit \(unfit.patient): \(Words(.en).noSlot(unfit.reason)); the least overflow placing them: \(unfit.overflow) more \(unfit.resource)\n"
        }
        return TerminalText.fit(out)
    }
}
