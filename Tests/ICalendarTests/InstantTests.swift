import Foundation
import ICalendar
import Testing

@Suite struct InstantTests {
    @Test func instantsConvertBothWays() throws {
        let instant = Instant(secondsSince1970: 1_798_761_600)
        #expect(instant.utc == local(2027, 1, 1, 0, 0))
        #expect(Instant(utc: local(2027, 1, 1, 0, 0)) == instant)
        let lastSecondOf1969 = try #require(LocalDateTime(year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 59))
        #expect(Instant(secondsSince1970: -1).utc == lastSecondOf1969)
        #expect(instant.description == "2027-01-01T00:00:00Z")
    }
}
