import Calendrical
import Capacity

/// How likely each resource is to be over-full, per day or week: expected demand, the 90th-percentile demand and
/// P(demand > capacity), with the model that produced them.
///
/// ```
/// isolation-beds
///   day             capacity  expected  p90  p_over
///   Mon 2027-01-04         2      2.77    3   77.0 %  ########
/// ```
/// The bar has one `#` per ten per cent of `p_over` (rounded up), so a glance finds the risky weeks.
public struct RiskReport: Sendable {
    /// The rows.
    public var days: [RiskView.Day]
    /// The model's words.
    public var model: String
    /// By day or by week.
    public var weekly: Bool
    /// The day the report is made on.
    public var now: CalendarDate
    /// The site's name.
    public var siteName: String

    /// A report.
    public init(days: [RiskView.Day], model: String, weekly: Bool, now: CalendarDate, siteName: String) {
        self.days = days
        self.model = model
        self.weekly = weekly
        self.now = now
        self.siteName = siteName
    }

    private var resources: [String] {
        var seen: [String] = []
        for day in days where !seen.contains(day.resource) { seen.append(day.resource) }
        return seen
    }

    static func bar(_ chance: Double) -> String {
        String(repeating: "#", count: Int((chance * 10 - 1e-9).rounded(.up).clamped(0, 10)))
    }

    // MARK: Text

    /// A table per resource.
    public func text() -> String {
        var out = "\(siteName) — risk of over-full days as of \(Format.day(now))\nmodel: \(model)\n"
        for resource in resources {
            out += "\n\(resource)\n  " + Format.padded(weekly ? "week of" : "day", 16)
                + "capacity  expected  p90  p_over\n"
            for day in days where day.resource == resource {
                var line = "  " + Format.padded(Format.day(day.day), 16)
                line += Format.rightAligned(String(day.capacity), 8, gap: false)
                line += Format.rightAligned(Format.decimal(day.expected), 10, gap: false)
                line += Format.rightAligned(String(day.p90), 5, gap: false)
                line += Format.rightAligned(Format.percent(day.pOver), 8, gap: false)
                if day.pOver > 0 { line += "  " + Self.bar(day.pOver) }
                out += line + "\n"
            }
        }
        return TerminalText.fit(out)
    }

    // MARK: Markdown

    /// A table per resource.
    public func markdown() -> String {
        var out = "# Risk of over-full days — \(siteName)\n\nAs of \(Format.day(now)). Model: \(model).\n"
        for resource in resources {
            out += "\n## \(resource)\n\n| \(weekly ? "week of" : "day") | capacity | expected | p90 | P(over) |\n|---|---:|---:|---:|---:|\n"
            for day in days where day.resource == resource {
                out += "| \(Format.day(day.day)) | \(day.capacity) | \(Format.decimal(day.expected)) | \(day.p90) | \(Format.percent(day.pOver)) |\n"
            }
        }
        return out
    }

    // MARK: JSON and CSV

    /// `{"now", "model", "risk": [{"resource", "day", "capacity", "expected", "p90", "p_over"}]}`, with
    /// `expected` and `p_over` at full double precision.
    public func json() -> String {
        JSONValue.object([
            ("now", .string(now.description)),
            ("model", .string(model)),
            ("by", .string(weekly ? "week" : "day")),
            ("risk", .array(days.map { day in
                .object([
                    ("resource", .string(day.resource)),
                    ("day", .string(day.day.description)),
                    ("capacity", .number(day.capacity)),
                    ("expected", .double(day.expected)),
                    ("p90", .number(day.p90)),
                    ("p_over", .double(day.pOver)),
                ])
            })),
        ]).text(indent: 2) + "\n"
    }

    /// One row per resource and day.
    public func csv() -> String {
        var out = CSV.row(["resource", "day", "capacity", "expected", "p90", "p_over"])
        for day in days {
            out += CSV.row([day.resource, day.day.description, String(day.capacity), "\(day.expected)", String(day.p90),
                            "\(day.pOver)"])
        }
        return out
    }
}

private extension Double {
    func clamped(_ low: Double, _ high: Double) -> Double { Swift.min(high, Swift.max(low, self)) }
}
