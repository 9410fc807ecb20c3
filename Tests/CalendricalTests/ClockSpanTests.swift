import Calendrical
import Testing

/// Clock times as an appointment letter gives them: `HH:MM` or `HH:MM-HH:MM`, counted in minutes after midnight.
@Suite struct ClockSpanTests {
    /// 09:30 is 9 × 60 + 30 = 570; 10:15 is 615; 00:00 is 0 and 23:59 is 1439.
    @Test(arguments: [
        ("09:30", 570, nil), ("09:30-10:15", 570, 615), ("00:00", 0, nil), ("23:59", 1439, nil),
        ("00:00-23:59", 0, 1439), ("14:00-14:01", 840, 841),
    ] as [(String, Int, Int?)])
    func goodTimes(_ text: String, _ from: Int, _ to: Int?) throws {
        let span = try #require(ClockSpan(text: text))
        #expect(span == ClockSpan(fromMinutes: from, toMinutes: to))
        #expect(span.description == text)
    }

    /// Two digits each, a 24-hour clock, one dash, an end after the start; nothing around it.
    @Test(arguments: ["", "9:30", "09:3", "930", "09.30", "24:00", "12:60", "-09:30", "09:30-", "09:30-10:00-11:00",
                      "10:15-09:30", "10:00-10:00", " 09:30", "09:30 ", "09:30 - 10:15", "٠٩:٣٠", "+9:30", "0x:30"])
    func badTimes(_ text: String) {
        #expect(ClockSpan(text: text) == nil, "\(text)")
    }

    /// 02:00–03:00 is missing or doubled when the clocks change: a span that ends at 02:00 or starts at 03:00 only
    /// touches its edge and is fine; a minute inside it, or a start-only time from 02:00 to 02:59, is not.
    @Test(arguments: [
        ("01:00-02:00", false), ("03:00-04:00", false), ("03:00", false), ("01:59", false),
        ("02:00", true), ("02:59", true), ("01:00-02:01", true), ("02:59-03:30", true), ("01:00-04:00", true),
        ("00:00-23:59", true),
    ])
    func clockChangeHour(_ text: String, _ touches: Bool) throws {
        #expect(try #require(ClockSpan(text: text)).touchesClockChangeHour == touches, "\(text)")
    }

    /// A start-only time has no end.
    @Test func startOnly() throws {
        let span = try #require(ClockSpan(text: "08:05"))
        #expect(span.from == (8, 5))
        #expect(span.to == nil)
        #expect(span.toMinutes == nil)
        let both = try #require(ClockSpan(text: "08:05-17:45"))
        #expect(both.to?.hour == 17 && both.to?.minute == 45)
    }
}
