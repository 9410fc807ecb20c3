import Calendrical
import Capacity
import Pathway
@testable import Reports
import Testing
import TestSupport

@Suite struct FormatTests {
    /// One decimal, rounded half away from zero, with the reader's decimal mark. Worked by hand:
    /// 1/8 = 0.125 → ×1,000 = 125 → /10 = 12.5; 13/15 = 0.8666… → 866.6… rounds to 867 → 86.7;
    /// 0.0004 → 0.4 rounds to 0 → 0.0; 1 → 1,000 → 100.0.
    @Test func percentHasADecimalCommaInDutchOnly() {
        #expect(Format.percent(0.125, .en) == "12.5 %" && Format.percent(0.125, .nl) == "12,5 %")
        #expect(Format.percent(13.0 / 15.0) == "86.7 %" && Format.percent(13.0 / 15.0, .nl) == "86,7 %")
        #expect(Format.percent(0.0004, .nl) == "0,0 %" && Format.percent(1, .nl) == "100,0 %")
        #expect(Format.wholePercent(0.25) == "25 %")
    }

    /// Two decimals: 2.7681 → ×100 = 276.81 → 277 → 2.77; 3 → 300 → 3.00; 0.05 → 5 → 0.05 (the hundredths padded).
    @Test func decimalsAndNumbers() {
        #expect(Format.decimal(2.7681) == "2.77" && Format.decimal(2.7681, .nl) == "2,77")
        #expect(Format.decimal(3) == "3.00" && Format.decimal(0.05, .nl) == "0,05")
        #expect(Format.number(0.77) == "0.77" && Format.number(0.77, .nl) == "0,77" && Format.number(2, .nl) == "2,0")
    }

    /// Columns: left-aligned with at least one space after; right-aligned with one space before when full (or as
    /// it is, without `gap`); zeros in front of a number.
    @Test func padding() {
        #expect(Format.padded("day", 6) == "day   " && Format.padded("isolation-beds", 6) == "isolation-beds ")
        #expect(Format.rightAligned("12", 6) == "    12" && Format.rightAligned("capacity", 8) == " capacity")
        #expect(Format.rightAligned("77.0 %", 8, gap: false) == "  77.0 %" && Format.rightAligned("12345", 5, gap: false) == "12345")
        #expect(Format.zeroPadded(7, 2) == "07" && Format.zeroPadded(2027, 2) == "2027")
    }

    /// Mon 4 Jan 2027 in the three forms; 09:30–10:15 with an en dash (the files write a hyphen).
    @Test func daysAndTimes() {
        let monday = day(2027, 1, 4)
        #expect(Format.day(monday) == "Mon 2027-01-04" && Format.day(monday, .nl) == "ma 2027-01-04")
        #expect(Format.spelledOut(monday, .en) == "Monday 4 January 2027" && Format.spelledOut(monday, .nl) == "maandag 4 januari 2027")
        let span = ClockSpan(fromMinutes: 9 * 60 + 30, toMinutes: 10 * 60 + 15)
        #expect(Format.clock(span) == "09:30–10:15" && span.description == "09:30-10:15")
    }

    @Test func escaping() {
        #expect(Format.html("a < b & \"c\" 'd'") == "a &lt; b &amp; &quot;c&quot; &#39;d&#39;")
        #expect(Format.markdown("a_b|c *d*") == "a\\_b\\|c \\*d\\*")
    }

    /// The cohort report's risk strip, for a day with P(over) = 1/8 and 2.7681 beds expected of 2: the Dutch page
    /// says `P(vol) 12,5 %, verwacht 2,77 van 2`, the English one `P(over) 12.5 %, expected 2.77 of 2` (worked as
    /// in `percentHasADecimalCommaInDutchOnly` and `decimalsAndNumbers`); the legend's round marks (`25 %`) and the
    /// model's chances (0.77 → `0,77` in Dutch) follow the same rule.
    @Test func theDutchReportWritesDecimalCommas() throws {
        let planner = try Planner(protocol: .amsterdamUMC, calendar: WorkingCalendar())
        let monday = day(2027, 1, 4)
        let analysis = CohortAnalysis(planner: planner,
                                      schedule: CapacitySchedule(resources: [.init(resource: "isolation-beds", capacity: 2)]),
                                      records: [], now: monday)
        func page(_ language: PatientRecord.Language) -> String {
            var report = HTMLReport(siteName: "Site", now: monday, from: monday, to: monday.adding(days: 6),
                                    calendar: planner.calendar, plans: [],
                                    occupancy: CapacityOverview(analysis: analysis, from: monday, to: monday.adding(days: 6), period: .day),
                                    conflicts: [], language: language)
            report.risk = [RiskView.Day(resource: "isolation-beds", day: monday, capacity: 2, expected: 2.7681, p90: 3, pOver: 0.125)]
            report.riskModel = RiskModel(sessionOdds: [0.77, 0.17, 0.06], stayDays: 14...28)
            return report.html()
        }
        let dutch = page(.nl), english = page(.en)
        #expect(dutch.contains("P(vol) 12,5 %, verwacht 2,77 van 2"))
        #expect(dutch.contains("hoogste 12,5 % (2027-01-04)"))
        #expect(dutch.contains("kansen 0,77/0,17/0,06"))
        #expect(english.contains("P(over) 12.5 %, expected 2.77 of 2"))
        #expect(english.contains("highest 12.5 % (2027-01-04)"))
        #expect(english.contains("chances 0.77/0.17/0.06"))
        #expect(dutch.contains("25 %") && !dutch.contains("12.5") && !english.contains("12,5"))
    }
}
