import Calendrical
import Pathway

/// What a site can take, day by day: equipment, staff roles and the national committee, each with a usual
/// capacity that may change over time.
///
/// A worked case: two isolation beds, one from 1 July to 31 August 2027 (summer staffing); two apheresis nurses,
/// one of whom is on leave 28–31 December (an absence imported from `.ics`):
/// ```swift
/// var schedule = CapacitySchedule()
/// schedule.resources = [.init(resource: "isolation-beds", capacity: 2)]
/// schedule.roles = [.init(resource: "apheresis-nurses", capacity: 2)]
/// schedule.changes = [.init(resource: "isolation-beds", from: july1, to: august31, capacity: 1)]
/// schedule.absences = [.init(role: "apheresis-nurses", from: december28, to: december31)]
/// schedule.capacity(of: "isolation-beds", on: july1)          // 1
/// schedule.capacity(of: "isolation-beds", on: september1)     // 2 (the change ends on 31 August, included)
/// schedule.available(of: "apheresis-nurses", on: december28)  // 1 (2 scheduled, 1 away)
/// schedule.capacity(of: "outpatient-clinic", on: july1)       // nil: not limited
/// ```
/// Closures do not lower capacity: they decide on which days a step may *start* (see `closed_day` conflicts);
/// a patient already in a bed stays in it over a closed day.
public struct CapacitySchedule: Sendable, Hashable {
    /// How many of a resource (or people in a role) there usually are.
    public struct Capacity: Sendable, Hashable {
        /// The resource or role (`isolation-beds`, `apheresis-nurses`).
        public var resource: String
        /// How many.
        public var capacity: Int

        /// A usual capacity.
        public init(resource: String, capacity: Int) {
            self.resource = resource
            self.capacity = capacity
        }
    }

    /// A different capacity over a span of days (both ends included); a later change wins where two overlap.
    public struct Change: Sendable, Hashable {
        /// The resource or role.
        public var resource: String
        /// First day.
        public var from: CalendarDate
        /// Last day (included).
        public var to: CalendarDate
        /// The capacity on those days.
        public var capacity: Int

        /// A capacity change.
        public init(resource: String, from: CalendarDate, to: CalendarDate, capacity: Int) {
            self.resource = resource
            self.from = from
            self.to = to
            self.capacity = capacity
        }
    }

    /// One person of a role away for a span of days (both ends included).
    public struct Absence: Sendable, Hashable {
        /// The role.
        public var role: String
        /// First day away.
        public var from: CalendarDate
        /// Last day away (included).
        public var to: CalendarDate
        /// Why, as the absence calendar says (never shown to patients).
        public var reason: String?

        /// An absence.
        public init(role: String, from: CalendarDate, to: CalendarDate, reason: String? = nil) {
            self.role = role
            self.from = from
            self.to = to
            self.reason = reason
        }
    }

    /// A step needs `count` people of `role` on every day it books its resource.
    public struct Need: Sendable, Hashable {
        /// The step.
        public var step: StepID
        /// The role.
        public var role: String
        /// How many people.
        public var count: Int

        /// A staffing need.
        public init(step: StepID, role: String, count: Int) {
            self.step = step
            self.role = role
            self.count = count
        }
    }

    /// The national committee: it meets on one weekday and discusses at most `cases` patients a meeting.
    public struct Committee: Sendable, Hashable {
        /// The meeting day.
        public var weekday: Weekday
        /// Cases per meeting.
        public var cases: Int

        /// A committee.
        public init(weekday: Weekday, cases: Int) {
            self.weekday = weekday
            self.cases = cases
        }

        /// The meeting that discusses a case whose answer is given on `answer`: the last meeting day before it.
        ///
        /// With meetings on Tuesdays, an answer on Monday 30 November 2026 comes from Tuesday 24 November;
        /// an answer on Tuesday 1 December comes from the same Tuesday 24 November (not the day itself).
        public func meeting(before answer: CalendarDate) -> CalendarDate {
            let back = (answer.weekday.isoNumber - weekday.isoNumber + 7) % 7
            return answer.adding(days: back == 0 ? -7 : -back)
        }
    }

    /// The name under which committee cases are counted.
    public static let committeeResource = "committee"

    /// Equipment and places (beds, machines, chairs), in file order.
    public var resources: [Capacity]
    /// Staff roles, in file order.
    public var roles: [Capacity]
    /// Capacity changes over time, in file order.
    public var changes: [Change]
    /// Staff absences.
    public var absences: [Absence]
    /// Which steps need which roles.
    public var needs: [Need]
    /// The committee, when the site tracks its meetings.
    public var committee: Committee?

    /// A schedule.
    public init(resources: [Capacity] = [], roles: [Capacity] = [], changes: [Change] = [], absences: [Absence] = [],
                needs: [Need] = [], committee: Committee? = nil) {
        self.resources = resources
        self.roles = roles
        self.changes = changes
        self.absences = absences
        self.needs = needs
        self.committee = committee
    }

    /// Whether `name` is a staff role.
    public func isRole(_ name: String) -> Bool { roles.contains { $0.resource == name } }

    /// The usual capacity of `name` (`nil` when it is not limited).
    public func usualCapacity(of name: String) -> Int? {
        if name == Self.committeeResource { return committee?.cases }
        return (resources + roles).first { $0.resource == name }?.capacity
    }

    /// The scheduled capacity of `name` on `date`, absences aside (`nil` when it is not limited).
    public func capacity(of name: String, on date: CalendarDate) -> Int? {
        guard let usual = usualCapacity(of: name) else { return nil }
        return changes.last { $0.resource == name && $0.from <= date && date <= $0.to }?.capacity ?? usual
    }

    /// How many people of `role` are away on `date`.
    public func absent(_ role: String, on date: CalendarDate) -> Int {
        absences.count { $0.role == role && $0.from <= date && date <= $0.to }
    }

    /// The capacity on `date` with absences taken off (never below zero).
    public func available(of name: String, on date: CalendarDate) -> Int? {
        capacity(of: name, on: date).map { max(0, $0 - absent(name, on: date)) }
    }
}
