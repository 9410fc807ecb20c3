import Calendrical
import Capacity
import Pathway
import Testing
import TestSupport

@Suite struct BookingTests {
    /// M Thu 26 Nov 2026 (a chair on day 1 only), apheresis Tue 1 Dec (day 6), admission Mon 4 Jan 2027 with 12 bags:
    /// conditioning 4–8 Jan (A…A+4), reinfusion 9–10 Jan (D0 = A+5, split: more than 10 bags), isolation 9 Jan to the
    /// expected discharge D0+21 = Sat 30 Jan → one bed booking 4–30 Jan.
    @Test func expectedBookingsOfAStay() throws {
        var record = harvested("P-1", day1: day(2026, 11, 26), apheresis: day(2026, 12, 1), admission: day(2027, 1, 4))
        record.bags = 12
        let cohort = try analysis([record], schedule: CapacitySchedule(), now: day(2026, 11, 1))
        let bookings = cohort.bookings(.expected)[0]
        func of(_ resource: String) -> [String] {
            bookings.filter { $0.resource == resource }.map { "\($0.step) \($0.from)…\($0.to)" }
        }
        #expect(of(chairs) == ["mobilisation 2026-11-26…2026-11-26"])
        #expect(of(machines) == ["apheresis 2026-12-01…2026-12-01"])
        #expect(of(beds) == ["conditioning 2027-01-04…2027-01-30"])
    }

    /// Worst case: the same stay runs to the latest discharge D0+28 = Sat 6 Feb 2027.
    @Test func worstCaseStayIsLongest() throws {
        let record = harvested("P-1", day1: day(2026, 11, 26), apheresis: day(2026, 12, 1), admission: day(2027, 1, 4))
        let cohort = try analysis([record], schedule: CapacitySchedule(), now: day(2026, 11, 1))
        let stay = cohort.bookings(.worstCase)[0].filter { $0.resource == beds }
        #expect(stay.map { "\($0.from)…\($0.to)" } == ["2027-01-04…2027-02-06"])
    }

    /// A staffing need books the step's days, `count` people each: apheresis on Tue 1 Dec needs 2 nurses.
    @Test func staffNeedsFollowTheStep() throws {
        let record = harvested("P-1", day1: day(2026, 11, 26), apheresis: day(2026, 12, 1))
        let schedule = CapacitySchedule(roles: [.init(resource: "nurses", capacity: 3)],
                                        needs: [.init(step: .apheresis, role: "nurses", count: 2)])
        let cohort = try analysis([record], schedule: schedule, now: day(2026, 11, 1))
        let nurses = cohort.bookings(.expected)[0].filter { $0.resource == "nurses" }
        #expect(nurses.map { "\($0.from)…\($0.to) ×\($0.amount)" } == ["2026-12-01…2026-12-01 ×2"])
    }
}
