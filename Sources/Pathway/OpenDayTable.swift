import Calendrical

/// Which days are open for one kind of step, looked up by day number: a bit per day over the supported years,
/// built once per planner, so planning a patient never scans the closures.
struct OpenDayTable: Sendable {
    private let firstDay: Int
    private let open: [Bool]
    private let rule: StepRule.OpenDays
    private let resource: String?
    private let calendar: WorkingCalendar

    /// The first and last day numbers the tables cover: the calendar's supported years.
    static let range: ClosedRange<Int> = {
        let first = CalendarDate(clamping: WorkingCalendar.supportedYears.lowerBound, 1, 1).daysSince1970
        let last = CalendarDate(clamping: WorkingCalendar.supportedYears.upperBound, 12, 31).daysSince1970
        return first...last
    }()

    /// Working days (weekdays without public holidays) over ``range``, the base every table starts from.
    static func workingDays(_ calendar: WorkingCalendar) -> [Bool] {
        let first = range.lowerBound
        // 1970-01-01 (day 0) was a Thursday: weekday index 3 with Monday as 0.
        var open = range.map { (($0 % 7) + 7 + 3) % 7 < 5 }
        if calendar.holidays == .netherlands {
            for year in WorkingCalendar.supportedYears {
                for (date, _) in DutchHolidays.holidays(in: year) { open[date.daysSince1970 - first] = false }
            }
        }
        return open
    }

    /// The days open for `rule` (and `resource`, when the rule is ``StepRule/OpenDays/resource``), starting from
    /// `workingDays` (see ``workingDays(_:)``).
    init(_ rule: StepRule.OpenDays, resource: String?, calendar: WorkingCalendar, workingDays: [Bool]) {
        self.rule = rule
        self.resource = resource
        self.calendar = calendar
        let first = Self.range.lowerBound, last = Self.range.upperBound
        firstDay = first
        guard rule != .everyDay else {
            open = []
            return
        }
        var open = workingDays
        if rule == .resource {
            // Paint the closures over the working days: linear in the closed days, however many closures there are.
            for closure in calendar.closures where closure.resources.map({ resource.map($0.contains) ?? false }) ?? true {
                let from = max(closure.from.daysSince1970, first), to = min(closure.to.daysSince1970, last)
                if from <= to { for day in from...to { open[day - first] = false } }
            }
        }
        self.open = open
    }

    private static func compute(_ rule: StepRule.OpenDays, _ resource: String?, _ calendar: WorkingCalendar,
                                _ date: CalendarDate) -> Bool {
        switch rule {
        case .everyDay: return true
        case .workingDays: return calendar.isWorkingDay(date)
        case .resource: return calendar.isOpen(date, for: resource)
        }
    }

    /// Whether day number `day` (days since 1970) is open.
    func isOpen(_ day: Int) -> Bool {
        if rule == .everyDay { return true }
        let index = day - firstDay
        if index >= 0 && index < open.count { return open[index] }
        return Self.compute(rule, resource, calendar, CalendarDate(daysSince1970: day))
    }

    /// How far a search for an open day goes before it gives up and keeps the day it started from (a site
    /// closed for ten years is a data error the cohort reader reports, not a reason to loop).
    static let searchLimit = 3653

    /// `open≥(day)`.
    func next(onOrAfter day: Int) -> Int {
        for candidate in day..<(day + Self.searchLimit) where isOpen(candidate) { return candidate }
        return day
    }

    /// `open≤(day)`.
    func previous(onOrBefore day: Int) -> Int {
        for candidate in stride(from: day, to: day - Self.searchLimit, by: -1) where isOpen(candidate) { return candidate }
        return day
    }

    /// The bound's day moved the way it says.
    func snap(_ day: Int, _ snap: Bound.Snap) -> Int {
        snap == .next ? next(onOrAfter: day) : previous(onOrBefore: day)
    }
}
