import Calendrical
import Capacity
import Pathway

/// Conflicts, suggestions, slot rejections and scheduling reasons in words, in English or Dutch. The planner and
/// the capacity checks hand over values (codes, resources, counts, dates, the protocol's own day offsets); only
/// here do they become sentences, so every report says them in its reader's language.
///
/// `Words(.en).noSlot(.noAdmissionAfterHarvest(harvest: day(2026, 11, 24), window: 21...56))` is "no admission fits
/// 3–8 weeks after the harvest on Tuesday 24 November 2026"; `Words(.nl)` says "geen opname past 3–8 weken na de
/// oogst op dinsdag 24 november 2026".
public struct Words: Sendable {
    /// The language.
    public let language: PatientRecord.Language

    /// Words in `language`.
    public init(_ language: PatientRecord.Language) { self.language = language }

    private var dutch: Bool { language == .nl }
    private func t(_ english: String, _ dutchText: String) -> String { dutch ? dutchText : english }

    // MARK: Pieces

    /// `Monday 4 January 2027` / `maandag 4 januari 2027`.
    public func day(_ date: CalendarDate) -> String { Format.spelledOut(date, language) }

    /// One day, or `first … last`.
    public func span(_ from: CalendarDate, _ to: CalendarDate) -> String {
        from == to ? day(from) : "\(day(from)) … \(day(to))"
    }

    /// `86.7 %` / `86,7 %` (``Format/percent(_:_:)`` in this language).
    public func percent(_ chance: Double) -> String { Format.percent(chance, language) }

    /// A chance or limit as a plain number: `0.1` / `0,1`.
    private func number(_ value: Double) -> String { Format.number(value, language) }

    /// A window of days after the harvest: `3–8 weeks` when both ends are whole weeks, else `21–55 days`.
    public func window(_ days: ClosedRange<Int>) -> String {
        if days.lowerBound % 7 == 0 && days.upperBound % 7 == 0 {
            return "\(days.lowerBound / 7)–\(days.upperBound / 7) \(t("weeks", "weken"))"
        }
        return "\(days.lowerBound)–\(days.upperBound) \(t("days", "dagen"))"
    }

    /// `a`, `a and b`, `a, b and c` / `a, b en c`.
    private func list(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + t(" and ", " en ") + last
    }

    private func stepName(_ step: StepID) -> String { step.rawValue }

    // MARK: Closed days

    /// `weekend`, `public holiday christmas-day`, `closure 2026-12-28…2027-01-04: kerstsluiting`.
    public func closed(_ reason: ClosedReason) -> String {
        switch reason {
        case .weekend: t("weekend", "weekend")
        case .holiday(let holiday): t("public holiday ", "feestdag ") + holiday.rawValue
        case let .closure(from, to, note): t("closure ", "sluiting ") + "\(from)…\(to)" + (note.map { ": \($0)" } ?? "")
        case .open: t("open", "open")
        }
    }

    private func visitsOr(_ resource: String?) -> String { resource ?? t("visits", "afspraken") }

    // MARK: A plan's own conflicts

    /// What breaks a protocol rule in one patient's plan (dates as YYYY-MM-DD, rules in the protocol's notation).
    public func plan(_ detail: PlanConflict.Detail, step: StepID) -> String {
        switch detail {
        case .notPlannable:
            return t("\(step) has no recorded date, and the protocol cannot plan it",
                     "\(step) heeft geen vastgelegde datum, en het protocol kan de stap niet plannen")
        case let .emptyWindow(from, to, rule):
            return t("no open day between \(from) and \(to) (\(rule)); moved to the first open day after the window",
                     "geen open dag tussen \(from) en \(to) (\(rule)); verschoven naar de eerste open dag na het venster")
        case let .noFirstFit(from, harvest, first, last):
            return t("no start within ten years of \(from) has its \(harvest) days \(first)–\(last) open",
                     "geen start binnen tien jaar na \(from) waarbij \(harvest)dagen \(first)–\(last) open zijn")
        case let .noOpenDayOf(anchor, first, last, from, to, resource):
            return t("none of days \(first)–\(last) of \(anchor) (\(from) … \(to)) is open for \(resource ?? "the site")",
                     "geen van de dagen \(first)–\(last) van \(anchor) (\(from) … \(to)) is open voor \(resource ?? "het ziekenhuis")")
        case let .beforeFirstPossible(day, first, rule):
            return t("\(step) on \(day) is before its first possible day \(first) (\(rule))",
                     "\(step) op \(day) ligt vóór de eerst mogelijke dag \(first) (\(rule))")
        case let .outsideWindow(day, earliest, latest, bounds):
            return t("\(step) on \(day) is outside its window \(earliest) … \(latest) (\(self.bounds(bounds)))",
                     "\(step) op \(day) valt buiten het venster \(earliest) … \(latest) (\(self.bounds(bounds)))")
        case let .longStay(day, over, latest):
            return t("discharge on \(day) is \(over) day\(over == 1 ? "" : "s") after the usual latest (\(latest)): a longer stay than usual",
                     "ontslag op \(day) is \(over) dag\(over == 1 ? "" : "en") na de gebruikelijke laatste dag (\(latest)): een langere opname dan gewoonlijk")
        case let .overdue(expected):
            return t("\(step) was expected on \(expected) by its rule and is not recorded: overdue",
                     "\(step) werd volgens de regel op \(expected) verwacht en is niet vastgelegd: te laat")
        case let .fertilityNotBefore(done, dayOne):
            return t("fertility preservation on \(done) is not before mobilisation day 1 (\(dayOne))",
                     "fertiliteitsbehoud op \(done) is niet vóór dag 1 van de mobilisatie (\(dayOne))")
        case let .fertilityMissing(dayOne):
            return t("fertility preservation is wanted but not recorded, and mobilisation began on \(dayOne)",
                     "fertiliteitsbehoud is gewenst maar niet vastgelegd, en de mobilisatie begon op \(dayOne)")
        }
    }

    private func bounds(_ bounds: PlanConflict.Bounds) -> String {
        switch bounds {
        case let .dayOf(anchor, first, last): t("day \(first)–\(last) of \(anchor)", "dag \(first)–\(last) van \(anchor)")
        case let .window(earliest, latest): "\(earliest) … \(latest)"
        case let .rule(rule): rule
        }
    }

    /// Something still to do before a step.
    public func toDo(_ item: StepPlan.ToDo) -> String {
        switch item {
        case let .fertilityPreservation(dayOne):
            return t("fertility preservation before mobilisation day 1 (expected \(dayOne))",
                     "fertiliteitsbehoud vóór dag 1 van de mobilisatie (verwacht \(dayOne))")
        }
    }

    /// The risk view's model: `sessions 1/2/3 with chances 0.77/0.17/0.06; discharge on day 0 + 14…28, …` (in Dutch
    /// `kansen 0,77/0,17/0,06`).
    public func riskModel(_ model: RiskModel) -> String {
        let counts = (1...max(1, model.sessionOdds.count)).map(String.init).joined(separator: "/")
        let odds = model.sessionOdds.map(number).joined(separator: "/")
        let (low, high) = (model.stayDays.lowerBound, model.stayDays.upperBound)
        return t("sessions \(counts) with chances \(odds); discharge on day 0 + \(low)…\(high), each day equally likely; patients independent",
                 "sessies \(counts) met kansen \(odds); ontslag op dag 0 + \(low)…\(high), elke dag even waarschijnlijk; patiënten onafhankelijk")
    }

    // MARK: Cohort conflicts

    /// What is wrong, in one sentence.
    public func message(_ conflict: CohortConflict) -> String {
        switch conflict.detail {
        case let .plan(patient, step, detail):
            return "\(patient): " + plan(detail, step: step)
        case let .closedDay(patient, step, day, resource, reason):
            return t("\(patient)'s \(step) is on \(self.day(day)), closed for \(visitsOr(resource)) (\(closed(reason)))",
                     "\(step) van \(patient) valt op \(self.day(day)), gesloten voor \(visitsOr(resource)) (\(closed(reason)))")
        case let .away(patient, away, steps, first, last):
            let listed = list(steps.map(stepName))
            return t("\(patient) is away \(away.lowerBound) … \(away.upperBound), and the \(listed) need\(steps.count == 1 ? "s" : "") them on \(span(first, last))",
                     "\(patient) is weg \(away.lowerBound) … \(away.upperBound), en \(listed) \(steps.count == 1 ? "vraagt" : "vragen") om aanwezigheid op \(span(first, last))")
        case let .eligibility(patient, openItems, dayOne, booked):
            let what = openItems.map { t("the eligibility checklist has open items: ", "de geschiktheidslijst heeft open punten: ") + $0.joined(separator: ", ") }
                ?? t("no eligibility checklist is recorded", "er is geen geschiktheidslijst vastgelegd")
            return t("\(patient): \(what) (mobilisation day 1 \(booked ? "booked" : "expected") on \(day(dayOne)))",
                     "\(patient): \(what) (dag 1 van de mobilisatie \(booked ? "gepland" : "verwacht") op \(day(dayOne)))")
        case let .overCapacity(resource, demand, capacity):
            return t("\(resource): \(demand) booked, capacity \(capacity), on \(span(conflict.from, conflict.to))",
                     "\(resource): \(demand) geboekt, capaciteit \(capacity), op \(span(conflict.from, conflict.to))")
        case let .staffAway(role, demand, available, scheduled):
            return t("\(role): \(demand) needed, \(available) there (\(scheduled) scheduled, the rest away) on \(span(conflict.from, conflict.to))",
                     "\(role): \(demand) nodig, \(available) aanwezig (\(scheduled) ingeroosterd, de rest afwezig) op \(span(conflict.from, conflict.to))")
        case let .overflowRisk(resource, capacity, chance, day, limit, likeliest):
            let named = likeliest.map { "\($0.patient) \(percent($0.chance))" }.joined(separator: ", ")
            return t("\(resource): P(more than \(capacity)) up to \(percent(chance)) on \(self.day(day)), above the limit of \(percent(limit)); likeliest there: \(named)",
                     "\(resource): kans op meer dan \(capacity) tot \(percent(chance)) op \(self.day(day)), boven de grens van \(percent(limit)); waarschijnlijkst daar: \(named)")
        }
    }

    /// What would fix it.
    public func advice(_ advice: CohortConflict.Advice) -> String {
        switch advice {
        case let .firstOpenDay(resource, next):
            return t("the first open day for \(visitsOr(resource)) is \(day(next))",
                     "de eerste open dag voor \(visitsOr(resource)) is \(day(next))")
        case .rebookWithPatient:
            return t("rebook with the patient: these dates are recorded",
                     "maak samen met de patiënt een nieuwe afspraak: deze data liggen vast")
        case let .recordOrReplan(patient, step):
            return t("record the date \(patient)'s \(step) happened (ahsct record), or plan a new date with the patient",
                     "leg vast op welke datum \(step) van \(patient) plaatsvond (ahsct record), of plan met de patiënt een nieuwe datum")
        case .confirmEligibility:
            return t("confirm the items with the treating neurologist before day 1",
                     "bevestig de punten met de behandelend neuroloog vóór dag 1")
        case .nextCommitteeMeeting:
            return t("move a case to the next meeting, or ask the committee for an extra one",
                     "schuif een casus door naar het volgende overleg, of vraag het overleg om een extra bespreking")
        case .rebookOrRaiseCapacity:
            return t("every booking on these days is recorded: rebook one of them or raise the capacity (capacity-changes)",
                     "elke boeking op deze dagen ligt vast: verzet er een of verhoog de capaciteit (capacity-changes)")
        case let .moveAdmission(patient, admission):
            return t("move \(patient)'s admission to \(day(admission)), the first day that fits",
                     "verplaats de opname van \(patient) naar \(day(admission)), de eerste dag die past")
        case let .moveDayOneAndAdmission(patient, dayOne, admission):
            return t("move \(patient)'s mobilisation day 1 to \(day(dayOne)) and the admission to \(day(admission)), the first dates that fit",
                     "verplaats dag 1 van de mobilisatie van \(patient) naar \(day(dayOne)) en de opname naar \(day(admission)), de eerste data die passen")
        case let .noDatesFit(patient, reason):
            return t("no dates fit \(patient) (\(noSlot(reason))): move another patient or raise the capacity (capacity-changes)",
                     "geen data passen voor \(patient) (\(noSlot(reason))): verplaats een andere patiënt of verhoog de capaciteit (capacity-changes)")
        case let .admitLaterOrSchedule(patient, limit):
            return t("move \(patient)'s admission later, or run `ahsct schedule --max-risk \(limit)` for admissions that keep every day within the limit",
                     "verplaats de opname van \(patient) naar later, of gebruik `ahsct schedule --max-risk \(limit)` voor opnames die elke dag binnen de grens houden")
        case let .keepOneFree(resource):
            return t("every likely stay on these days is booked: keep a \(resource) unit free or raise the capacity (capacity-changes)",
                     "elke waarschijnlijke opname op deze dagen ligt vast: houd een eenheid \(resource) vrij of verhoog de capaciteit (capacity-changes)")
        }
    }

    // MARK: Slots and schedules

    /// Why a run of days does not fit a patient.
    public func rejection(_ reason: Slot.Rejection.Reason) -> String {
        switch reason {
        case let .closed(resource, why):
            return t("closed for \(visitsOr(resource)) (\(closed(why)))", "gesloten voor \(visitsOr(resource)) (\(closed(why)))")
        case let .harvestDaysNotOpen(days):
            return t("apheresis days \(days.lowerBound)–\(days.upperBound) not all open",
                     "aferesedagen \(days.lowerBound)–\(days.upperBound) niet allemaal open")
        case let .noHarvestDayOpen(days):
            return t("no apheresis day open on day \(days.lowerBound)–\(days.upperBound)",
                     "geen aferesedag open op dag \(days.lowerBound)–\(days.upperBound)")
        case .beforeFertilityPreservation:
            return t("before fertility preservation", "vóór het fertiliteitsbehoud")
        case .beforeFirstPossibleDayOne:
            return t("before the first possible day 1", "vóór de eerst mogelijke dag 1")
        case let .outsideWindow(step):
            return t("\(step) outside its window", "\(step) buiten het venster")
        case .longerStay:
            return t("a longer stay than usual", "een langere opname dan gewoonlijk")
        case let .noAdmissionAfterHarvest(harvestDay, days):
            return t("no admission fits \(window(days)) after a harvest on day \(harvestDay)",
                     "geen opname past \(window(days)) na een oogst op dag \(harvestDay)")
        case let .full(resource, on, taken, available, scheduled):
            let when = on.map(day) ?? t("that day", "die dag")
            if scheduled > available {
                return t("\(resource) full on \(when) (\(taken) booked; \(scheduled) scheduled, \(scheduled - available) away)",
                         "\(resource) vol op \(when) (\(taken) geboekt; \(scheduled) ingeroosterd, \(scheduled - available) afwezig)")
            }
            return t("\(resource) full on \(when) (\(taken) of \(available))", "\(resource) vol op \(when) (\(taken) van \(available))")
        case let .away(from, to):
            return t("the patient is away \(from) … \(to)", "de patiënt is weg \(from) … \(to)")
        case let .aboveRiskLimit(limit):
            return t("the chance of an over-full bed day would rise above \(number(limit))",
                     "de kans op een overvolle beddendag zou boven \(number(limit)) komen")
        }
    }

    /// Why no dates fit a patient.
    public func noSlot(_ reason: NoSlot.Reason) -> String {
        switch reason {
        case .noPlan:
            return t("the plan has no mobilisation or discharge", "het plan heeft geen mobilisatie of ontslag")
        case let .noHarvestAfterRecordedDayOne(dayOne, days):
            return t("no apheresis day \(days.lowerBound)–\(days.upperBound) after the recorded day 1 (\(day(dayOne))) fits",
                     "geen aferesedag \(days.lowerBound)–\(days.upperBound) na de vastgelegde dag 1 (\(day(dayOne))) past")
        case let .noAdmissionAfterHarvest(harvest, days):
            return t("no admission fits \(window(days)) after the harvest on \(day(harvest))",
                     "geen opname past \(window(days)) na de oogst op \(day(harvest))")
        case let .nothingUpTo(last):
            return t("no mobilisation day 1 and admission fit up to \(day(last))",
                     "geen dag 1 van de mobilisatie en opname passen tot en met \(day(last))")
        case let .noRoomWithin(days, from, resource, admission):
            return t("no day 1 within \(days) days of \(from) leaves \(resource) room for the whole stay \(window(admission)) after the harvest",
                     "geen dag 1 binnen \(days) dagen na \(from) laat \(resource) ruimte voor de hele opname \(window(admission)) na de oogst")
        case let .noRoomForStay(resource, admission):
            return t("\(resource) has no room for the whole stay on any admission day \(window(admission)) after the harvest",
                     "\(resource) heeft op geen enkele opnamedag \(window(admission)) na de oogst ruimte voor de hele opname")
        case let .windowPassed(harvest, admission):
            return t("the admission window \(window(admission)) after the harvest on \(harvest) has passed",
                     "het opnamevenster \(window(admission)) na de oogst op \(harvest) is voorbij")
        case let .aboveRiskLimit(inner, limit):
            return noSlot(inner) + t("; the admissions that fit would raise the chance of an over-full bed day above \(number(limit))",
                                     "; de opnames die passen zouden de kans op een overvolle beddendag boven \(number(limit)) brengen")
        }
    }
}
