import Calendrical
import Capacity
import Foundation
import ICalendar
import Interchange
import Pathway
import Testing
import TestSupport

private let now = day(2026, 11, 22)
private let instant = Instant(utc: LocalDateTime(date: now, hour: 12, minute: 0)!)

/// Reads a cohort from text (a protocol file beside it when given), in a scratch folder.
private func cohort(_ text: String, protocol protocolText: String? = nil) throws -> Cohort {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("patient-calendar-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    if let protocolText { try Data(protocolText.utf8).write(to: folder.appendingPathComponent("follow-up.yaml")) }
    return try CohortReader().read(bytes: Array(text.utf8), file: "cohort.yaml", directory: folder.path)
}

private func calendar(_ cohort: Cohort, _ index: Int = 0) throws -> CalendarDocument {
    let plan = try cohort.planner().plan(cohort.patients[index], now: now)
    return PlanCalendars(site: cohort.site, now: instant).patientCalendar(plan, record: cohort.patients[index])
}

private let site = """
    site: {name: "Amsterdam UMC, locatie VUmc", resources: {outpatient-clinic: 20, isolation-beds: 2}, contacts: {urgent: "020 444 07 75"}}

    """

@Suite struct PatientCalendarTests {
    /// Second opinion Mon 16 Nov 2026 (done on 22 Nov), no answer yet. The calendar holds the visit (done, booked:
    /// all day, as no time was recorded and the site gives none, with its reminder at 18:00 the evening before), the
    /// answer visit (expected Mon 7 Dec = open≥(S+21): all day, tentative, no reminder) and one possible treatment
    /// period. It starts no earlier than day 1 can follow the answer's expected day (docs/patient-texts.md):
    /// the first fit on or after answer + 14 = Mon 21 Dec — Mon 21 (days 5–7 Fri 25 Christmas, Sat, Sun), Tue 22
    /// (Sat 26 Boxing Day …) and Wed 23 (Sun 27 …) fail; Thu 24 Dec has days 5–7 Mon 28 … Wed 30 Dec open — so not on
    /// the rule's earliest day 1 (Thu 17 Dec, from the earliest answer Mon 30 Nov). It ends on the latest discharge:
    /// answer open≤(S+28) = Mon 14 Dec; day 1 from Mon 28 Dec → Thu 31 Dec (days 5–7 Mon 4 … Wed 6 Jan 2027);
    /// H = Wed 6 Jan; admission open≤(H+56) = Wed 3 Mar; D0 = Mon 8 Mar; discharge D0+28 = Mon 5 Apr 2027.
    @Test func untilTheCommitteeAnswers() throws {
        let document = try calendar(try cohort(site + "patients:\n  - {id: P-1, second-opinion: 2026-11-16}\n"))
        #expect(document.events.map(\.summary) == ["Polikliniek: tweede mening", "Polikliniek: het antwoord",
                                                   "Mogelijke behandelperiode"])
        let visit = document.events[0], answer = document.events[1], period = document.events[2]
        #expect(visit.start == .allDay(day(2026, 11, 16)) && visit.status == .confirmed)
        #expect(visit.alarms.map(\.trigger) == [.beforeStart(seconds: 6 * 3600)])
        #expect(answer.start == .allDay(day(2026, 12, 7)) && answer.status == .tentative && answer.alarms.isEmpty)
        #expect(period.start == .allDay(day(2026, 12, 24)) && period.end == .allDay(day(2027, 4, 6)))
        #expect(period.status == .tentative && period.alarms.isEmpty && period.transparency == .transparent)
        #expect(period.description?.contains("tussen donderdag 24 december 2026 en maandag 5 april 2027") == true)
    }

    /// Once the answer is recorded, the detailed calendar replaces the span: merged with the earlier file, the
    /// period is cancelled once and the treatment's events are new.
    @Test func theAnswerOpensTheDetailedCalendar() throws {
        let before = try calendar(try cohort(site + "patients:\n  - {id: P-1, second-opinion: 2026-11-16}\n"))
        let after = try calendar(try cohort(site + "patients:\n  - {id: P-1, second-opinion: 2026-11-16, committee-answer: 2026-12-07}\n"))
        #expect(after.events.count > 10)
        #expect(!after.events.contains { $0.summary == "Mogelijke behandelperiode" })
        let update = CalendarUpdate(old: before.events, new: after.events, now: instant)
        #expect(update.summary.cancelled == ["Mogelijke behandelperiode"])
        #expect(update.summary.changed == ["Polikliniek: het antwoord"])
    }

    /// A declined answer ends the calendar with the two visits; a detailed calendar written earlier has every later
    /// event cancelled once.
    @Test func aDeclinedAnswerCancelsTheRest() throws {
        let approved = try calendar(try cohort(site + "patients:\n  - {id: P-1, second-opinion: 2026-11-16, committee-answer: 2026-12-07}\n"))
        let declined = try calendar(try cohort(site + "patients:\n  - {id: P-1, second-opinion: 2026-11-16, committee-answer: {date: 2026-12-07, outcome: declined}}\n"))
        #expect(declined.events.map(\.summary) == ["Polikliniek: tweede mening", "Polikliniek: het antwoord"])
        let update = CalendarUpdate(old: approved.events, new: declined.events, now: instant)
        #expect(update.summary.cancelled.count == approved.events.count - 2)
        #expect(update.summary.added.isEmpty)
    }

    /// A second opinion at Rijnstate: the visit and the answer name it as their place and book nothing at the
    /// treating site's clinic; later steps are at the treating site, in the department they need.
    @Test func secondOpinionElsewhere() throws {
        let read = try cohort(site + "patients:\n  - {id: P-1, second-opinion: 2026-11-16, committee-answer: 2026-12-07, second-opinion-site: Rijnstate, referred-by: CWZ}\n")
        #expect(read.patients[0].secondOpinionElsewhere)
        #expect(read.patients[0].referredBy == "CWZ")
        let document = try calendar(read)
        #expect(document.events[0].location == "Rijnstate" && document.events[1].location == "Rijnstate")
        #expect(document.events[2].summary == "Polikliniek: onderzoeken vooraf")
        #expect(document.events[2].location == "Polikliniek, Amsterdam UMC, locatie VUmc")
        let plan = try read.planner().plan(read.patients[0], now: now)
        let bookings = Booking.bookings(of: plan, protocol: read.treatmentProtocol, schedule: read.site.capacity, view: .expected)
        #expect(!bookings.contains { $0.step == .secondOpinion || $0.step == .committeeAnswer })
        #expect(bookings.contains { $0.step == .evaluation && $0.resource == "outpatient-clinic" })
        // The treating site's own hospital named as the second-opinion site is not "elsewhere".
        let home = try cohort(site + "patients:\n  - {id: P-1, second-opinion: 2026-11-16, second-opinion-site: Amsterdam UMC}\n")
        #expect(!home.patients[0].secondOpinionElsewhere)
        // A site named without the "St": still the same hospital.
        let antonius = try cohort(site.replacingOccurrences(of: "Amsterdam UMC, locatie VUmc", with: "Antonius Ziekenhuis, Nieuwegein")
            + "patients:\n  - {id: P-1, second-opinion: 2026-11-16, second-opinion-site: St Antonius}\n")
        #expect(!antonius.patients[0].secondOpinionElsewhere)
        // Only the six hospitals hold second-opinion visits.
        do {
            _ = try cohort(site + "patients:\n  - {id: P-1, second-opinion: 2026-11-16, second-opinion-site: Nijmegen}\n")
            Issue.record("an unknown hospital was accepted")
        } catch let error as InputErrors {
            #expect(error.errors.map { "\($0.location.line):\($0.location.column) \($0.code)" } == ["3:64 invalid_value"])
        }
    }

    /// Follow-up milestones a protocol turns on, from D0: admitted Mon 4 Jan 2027 (recorded), D0 = Sat 9 Jan.
    /// 3 months: Fri 9 Apr 2027 (clinic open); 12 months: Sun 9 Jan 2028 → next open clinic day Mon 10 Jan 2028;
    /// vaccinations at 24 months: Tue 9 Jan 2029 (no resource, not moved). The visits book the clinic.
    @Test func followUps() throws {
        let text = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("calendars/protocols/amsterdam-umc.yaml"), encoding: .utf8)
        let withFollowUps = text.replacingOccurrences(of: "name: amsterdam-umc\n", with: """
            name: amsterdam-umc-follow-up
            follow-up:
              - {id: visit-3m, kind: visit, months: 3, resource: outpatient-clinic}
              - {id: visit-12m, kind: visit, months: 12, resource: outpatient-clinic}
              - {id: vaccines-24m, kind: vaccination, months: 24}

            """)
        let read = try cohort((site + "protocol: follow-up.yaml\n")
            + "patients:\n  - {id: P-1, second-opinion: 2026-10-30, committee-answer: 2026-11-20, mobilisation: 2026-12-04, apheresis: [2026-12-09], conditioning: 2027-01-04}\n",
            protocol: withFollowUps)
        let plan = try read.planner().plan(read.patients[0], now: now)
        #expect(plan.followUps.map { "\($0.followUp.id) \($0.date)" } == ["visit-3m 2027-04-09", "visit-12m 2028-01-10", "vaccines-24m 2029-01-09"])
        let bookings = Booking.bookings(of: plan, protocol: read.treatmentProtocol, schedule: read.site.capacity, view: .expected)
        #expect(bookings.filter { $0.resource == "outpatient-clinic" && $0.step == .recovery }.map(\.from).contains(day(2027, 4, 9)))
        let document = try calendar(read)
        #expect(document.events.suffix(3).map(\.summary) == ["Polikliniek: controle op lange termijn", "Polikliniek: controle op lange termijn",
                                                            "Vaccinaties: weer mogelijk"])
        #expect(document.events.suffix(3).allSatisfy { $0.status == .tentative && $0.alarms.isEmpty })
        // The built-in protocol plans none.
        let plain = try cohort(site + "patients:\n  - {id: P-1, second-opinion: 2026-10-30, committee-answer: 2026-11-20, mobilisation: 2026-12-04, apheresis: [2026-12-09], conditioning: 2027-01-04}\n")
        #expect(try plain.planner().plan(plain.patients[0], now: now).followUps.isEmpty)
        // A resource the protocol does not have is refused where it stands.
        do {
            _ = try cohort((site + "protocol: follow-up.yaml\n") + "patients:\n  - {id: P-1, second-opinion: 2026-10-30}\n",
                           protocol: withFollowUps.replacingOccurrences(of: "months: 3, resource: outpatient-clinic", with: "months: 3, resource: mri"))
            Issue.record("an unknown resource was accepted")
        } catch let error as InputErrors {
            #expect(error.errors.map(\.code) == [InputError.Code.unknownResource])
        }
    }
}
