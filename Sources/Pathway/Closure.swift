import Calendrical

/// A span of days on which a site, or some of its resources, is closed (both ends included).
///
/// `Closure(from: 2026-12-24, to: 2026-12-26, resources: ["apheresis-machines"])` closes the apheresis machines
/// over Christmas; `resources: nil` closes everything.
public struct Closure: Sendable, Hashable {
    /// The first closed day.
    public var from: CalendarDate
    /// The last closed day (included).
    public var to: CalendarDate
    /// The resources closed; `nil` for all of them.
    public var resources: Set<String>?
    /// Why, for reports ("Kerstsluiting").
    public var reason: String?

    /// A closure; `to` must not be before `from`.
    public init(from: CalendarDate, to: CalendarDate, resources: Set<String>? = nil, reason: String? = nil) {
        precondition(from <= to, "a closure ends before it starts")
        self.from = from
        self.to = to
        self.resources = resources
        self.reason = reason
    }

    /// Whether this closure closes `resource` on `date` (`resource == nil` asks about the whole site).
    public func closes(_ date: CalendarDate, for resource: String?) -> Bool {
        guard from <= date, date <= to else { return false }
        guard let resources else { return true }
        return resource.map(resources.contains) ?? false
    }
}
