import Calendrical
import Capacity

/// Occupancy against capacity per resource, by day or week, in both views, with each resource's peaks.
///
/// ```
/// isolation-beds
///   peak expected 3 on Mon 2027-01-04 (capacity 2), worst case 3 on Mon 2027-01-04
///   week of        capacity expected  free  worst  free closed
///   Mon 2027-01-04        2        3    -1      3    -1      0   over
/// ```
/// A negative "free" is an over-full period; `closed` counts days closed for new starts of that resource.
public struct CapacityReport: Sendable {
    /// The overview.
    public var overview: CapacityOverview
    /// The day the report is made on.
    public var now: CalendarDate
    /// The site's name.
    public var siteName: String

    /// A report.
    public init(overview: CapacityOverview, now: CalendarDate, siteName: String) {
        self.overview = overview
        self.now = now
        self.siteName = siteName
    }

    private func rows(_ resource: String) -> [CapacityOverview.Row] { overview.rows.filter { $0.resource == resource } }

    private static func number(_ value: Int?) -> String { value.map(String.init) ?? "-" }

    private static func flag(_ row: CapacityOverview.Row) -> String {
        if let free = row.freeExpected, free < 0 { return "over" }
        if let free = row.freeWorstCase, free < 0 { return "over (worst case)" }
        return ""
    }

    private var periodHeading: String { overview.period == .day ? "day" : "week of" }

    // MARK: Text

    /// A table per resource.
    public func text() -> String {
        var out = "\(siteName) — capacity \(Format.day(overview.from)) … \(Format.day(overview.to)), by \(overview.period.rawValue) — as of \(Format.day(now))\n"
        for peak in overview.peaks {
            out += "\n\(peak.resource)\n  peak expected \(peak.expected.demand) on \(Format.day(peak.expected.day))"
            out += peak.capacity.map { " (capacity \($0))" } ?? " (not limited)"
            out += ", worst case \(peak.worstCase.demand) on \(Format.day(peak.worstCase.day))\n"
            out += "  " + Format.padded(periodHeading, 15) + Format.rightAligned("capacity", 8) + Format.rightAligned("expected", 9)
                + Format.rightAligned("free", 6) + Format.rightAligned("worst", 7) + Format.rightAligned("free", 6) + Format.rightAligned("closed", 7) + "\n"
            for row in rows(peak.resource) {
                var line = "  " + Format.padded(Format.day(row.from), 15)
                line += Format.rightAligned(Self.number(row.capacity), 8) + Format.rightAligned(String(row.expected), 9)
                line += Format.rightAligned(Self.number(row.freeExpected), 6) + Format.rightAligned(String(row.worstCase), 7)
                line += Format.rightAligned(Self.number(row.freeWorstCase), 6) + Format.rightAligned(String(row.closedDays), 7)
                let flag = Self.flag(row)
                out += line + (flag.isEmpty ? "" : "   " + flag) + "\n"
            }
        }
        return TerminalText.fit(out)
    }

    // MARK: Markdown

    /// A table per resource.
    public func markdown() -> String {
        var out = "# Capacity — \(siteName)\n\n\(Format.day(overview.from)) … \(Format.day(overview.to)), by \(overview.period.rawValue), as of \(Format.day(now)).\n"
        for peak in overview.peaks {
            out += "\n## \(peak.resource)\n\nPeak: \(peak.expected.demand) expected on \(Format.day(peak.expected.day))"
            out += peak.capacity.map { " (capacity \($0))" } ?? " (not limited)"
            out += ", \(peak.worstCase.demand) in the worst case on \(Format.day(peak.worstCase.day)).\n\n"
            out += "| \(periodHeading) | capacity | expected | free | worst case | free | closed days | |\n"
            out += "|---|--:|--:|--:|--:|--:|--:|---|\n"
            for row in rows(peak.resource) {
                out += "| \(Format.day(row.from)) | \(Self.number(row.capacity)) | \(row.expected) | \(Self.number(row.freeExpected)) | \(row.worstCase) | \(Self.number(row.freeWorstCase)) | \(row.closedDays) | \(Self.flag(row)) |\n"
            }
        }
        return out
    }

    // MARK: JSON and CSV

    /// `{"site", "now", "from", "to", "by", "resources": [{"resource", "peak", "rows": [...]}]}`.
    public func json() -> String {
        JSONValue.object([
            ("site", .string(siteName)),
            ("now", .string(now.description)),
            ("from", .string(overview.from.description)),
            ("to", .string(overview.to.description)),
            ("by", .string(overview.period.rawValue)),
            ("resources", .array(overview.peaks.map { peak in
                .object([
                    ("resource", .string(peak.resource)),
                    ("peak", .object([
                        ("expected", .number(peak.expected.demand)),
                        ("expected-day", .string(peak.expected.day.description)),
                        ("worst-case", .number(peak.worstCase.demand)),
                        ("worst-case-day", .string(peak.worstCase.day.description)),
                        ("capacity", peak.capacity.map { .number($0) } ?? .null),
                    ])),
                    ("rows", .array(rows(peak.resource).map { row in
                        .object([
                            ("from", .string(row.from.description)),
                            ("to", .string(row.to.description)),
                            ("capacity", row.capacity.map { .number($0) } ?? .null),
                            ("expected", .number(row.expected)),
                            ("free-expected", row.freeExpected.map { .number($0) } ?? .null),
                            ("worst-case", .number(row.worstCase)),
                            ("free-worst-case", row.freeWorstCase.map { .number($0) } ?? .null),
                            ("closed-days", .number(row.closedDays)),
                        ])
                    })),
                ])
            })),
        ]).text(indent: 2) + "\n"
    }

    /// One row per resource and period.
    public func csv() -> String {
        var out = CSV.row(["resource", "from", "to", "capacity", "expected", "free_expected", "worst_case",
                           "free_worst_case", "closed_days"])
        for row in overview.rows {
            out += CSV.row([row.resource, row.from.description, row.to.description, row.capacity.map(String.init) ?? "",
                            String(row.expected), row.freeExpected.map(String.init) ?? "", String(row.worstCase),
                            row.freeWorstCase.map(String.init) ?? "", String(row.closedDays)])
        }
        return out
    }
}
