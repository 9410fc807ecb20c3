import Calendrical
import Pathway

/// A booking relative to a day the scheduler chooses: `amount` of `resource` from `base + from` to `base + to`
/// (for what stays put, `base` is 0: absolute day numbers).
struct Piece {
    var resource: Int
    var from: Int
    var to: Int
    var amount: Int32
}

/// One patient whose admission (and maybe day 1) the scheduler chooses.
struct Movable {
    var patient: Int
    /// The planner's expected day 1 when day 1 is to be chosen (moved to the first first-fit day from tomorrow on);
    /// `nil` when it is recorded.
    var day1From: Int?
    /// The day the search for day 1 begins at before that move (the planner's expected day 1, or tomorrow), so an
    /// explanation covers the days skipped.
    var day1Requested: Int?
    /// The harvest when day 1 is recorded.
    var fixedHarvest: Int?
    /// The earliest admission, capacity aside.
    var earliest: Int
    /// Bookings relative to day 1 (chair, apheresis, control visit, their staff); empty when day 1 is recorded.
    var day1Pieces: [Piece]
    /// Bookings relative to the admission (the stay, its staff, the follow-up visits).
    var admissionPieces: [Piece]
    /// Chosen day 1 and admission.
    var day1: Int = 0
    var admission: Int = 0
    var unfit: (overflow: Int, resource: Int, reason: NoSlot.Reason)?
    /// Periods the patient is away, and the days they must come in relative to day 1 and to the admission.
    var away: [ClosedRange<Int>] = []
    var day1Attendance: [Piece] = []
    var admissionAttendance: [Piece] = []
    /// The chance of holding a bed on each day from the admission on (`--max-risk`): certain through the shortest
    /// stay after D0, then P(L ≥ t).
    var stayChances: [Double] = []

    /// Whether any attended day of `pieces` at `base` falls in a period away.
    func isAway(_ pieces: [Piece], at base: Int) -> Bool {
        guard !away.isEmpty else { return false }
        return pieces.contains { piece in away.contains { $0.overlaps((base + piece.from)...(base + piece.to)) } }
    }
}

/// The ledger and the placements during a scheduling run.
struct SchedulerState {
    let analysis: CohortAnalysis
    let planner: Planner
    let horizon: Int
    var movables: [Movable] = []
    var fixedPatients: [String] = []
    /// Demand and capacity per resource per day over `first ..< first + days`.
    let first: Int
    let days: Int
    var load: [[Int32]]
    /// The load of the fixed bookings alone (before anyone is placed), for the bounds.
    let fixedLoad: [[Int32]]
    let capacity: [[Int32]?]
    /// Scheduled and available capacity, for the words of a rejection ("1 scheduled, 1 away").
    let table: AvailabilityTable
    /// Admission window after the harvest, from the protocol (21…56 by default).
    let windowAfterHarvest: ClosedRange<Int>
    /// Days the ledger reaches past the horizon at the least. The built-in protocol needs about 130 of them (day 6
    /// for the harvest, 56 more for the latest admission, about 61 for the stay and the checks after it); the 400
    /// kept from the first version leave room for placements whose day 1 lies a little past the horizon.
    static let minimumReach = 400
    /// The expected apheresis day of mobilisation (day 6 by default).
    let harvestDay: Int
    /// Running totals, kept by `place` and `unplace`.
    var totalDelay = 0
    var unfitCount = 0
    /// Movables ordered by earliest admission, for finding neighbours.
    var byEarliest: [Int] = []
    /// The bed risk under a limit (`ahsct schedule --max-risk`), or `nil`.
    var risk: RiskLedger?

    /// `view` is the reading of everyone's bookings (the scheduler uses the expected one); with `only`, that patient
    /// alone is placed and everyone else stays where their plan has them (the what-if of `ahsct slot`).
    init(analysis: CohortAnalysis, horizon: Int, view: DemandView = .expected, only: Int? = nil,
         bookings shared: [[Booking]]? = nil, riskLimit: Double? = nil) {
        self.analysis = analysis
        self.planner = analysis.planner
        self.horizon = horizon
        let rules = analysis.planner.treatmentProtocol
        windowAfterHarvest = rules.admissionDays
        if case let .dayOf(_, _, expected, _, _) = rules.rule(.apheresis)?.start {
            harvestDay = expected
        } else {
            // A protocol without a "day n of" apheresis rule: the middle of its harvest days.
            harvestDay = (rules.harvestDays.lowerBound + rules.harvestDays.upperBound) / 2
        }
        let bedResource = rules.rule(.conditioning)?.resource
        let bedIndex = bedResource.flatMap(analysis.index(of:))

        // Split every plan's bookings into what stays put and what moves with day 1 or the admission.
        let daySteps: Set<StepID> = [.mobilisation, .apheresis, .controlVisit]
        let staySteps: Set<StepID> = [.conditioning, .reinfusion, .isolation, .discharge, .recovery]
        var background: [Piece] = []
        var movables: [Movable] = []
        var low = analysis.now.daysSince1970, high = low
        for (index, (record, plan)) in zip(analysis.records, analysis.plans).enumerated() {
            let bookings = shared?[index]
                ?? Booking.bookings(of: plan, protocol: rules, schedule: analysis.schedule, view: view)
            let admissionRecorded = record.recorded[.conditioning] != nil || (only != nil && only != index)
            let day1Recorded = record.recorded[.mobilisation] != nil
            guard let conditioning = plan[.conditioning], let mobilisation = plan[.mobilisation] else { continue }
            // Pieces are relative to the chain's own day 1 and admission, so a worst-case stay keeps its length.
            let admissionBase = conditioning.start[view.chain].daysSince1970
            let dayOneBase = mobilisation.start[view.chain].daysSince1970
            var movable = Movable(patient: index, day1From: day1Recorded ? nil : dayOneBase,
                                  fixedHarvest: day1Recorded ? plan[.apheresis]?.end?.expected.daysSince1970
                                      ?? plan[.apheresis]?.start.expected.daysSince1970 : nil,
                                  earliest: admissionBase, day1Pieces: [], admissionPieces: [])
            for booking in bookings {
                guard let resource = analysis.index(of: booking.resource) else { continue }
                let from = booking.from.daysSince1970, to = booking.to.daysSince1970
                low = min(low, from)
                high = max(high, to)
                if !admissionRecorded && staySteps.contains(booking.step) {
                    movable.admissionPieces.append(Piece(resource: resource, from: from - admissionBase, to: to - admissionBase,
                                                         amount: Int32(booking.amount)))
                } else if !admissionRecorded && !day1Recorded && daySteps.contains(booking.step) {
                    movable.day1Pieces.append(Piece(resource: resource, from: from - dayOneBase, to: to - dayOneBase,
                                                    amount: Int32(booking.amount)))
                } else {
                    background.append(Piece(resource: resource, from: from, to: to, amount: Int32(booking.amount)))
                }
            }
            // Days the patient must come in, for their periods away.
            if !admissionRecorded && !record.unavailable.isEmpty {
                movable.away = record.unavailable.map { $0.from.daysSince1970...$0.to.daysSince1970 }
                for attended in Booking.attendance(of: plan, protocol: rules, view: view) {
                    let from = attended.from.daysSince1970, to = attended.to.daysSince1970
                    if staySteps.contains(attended.step) {
                        movable.admissionAttendance.append(Piece(resource: 0, from: from - admissionBase, to: to - admissionBase,
                                                                 amount: 1))
                    } else if !day1Recorded && daySteps.contains(attended.step) {
                        movable.day1Attendance.append(Piece(resource: 0, from: from - dayOneBase, to: to - dayOneBase, amount: 1))
                    }
                }
            }
            if admissionRecorded {
                if only == nil { fixedPatients.append(record.id) }
            } else {
                movables.append(movable)
            }
        }
        // Room for day 1 a horizon later, then its harvest, the latest admission the protocol allows after it and the
        // longest stay with its visits; at least `minimumReach` days, so that a longer protocol gets more, never less.
        // (A placement that would reach past the ledger does not fit, and is reported as no room.)
        let longestStay = movables.flatMap { $0.admissionPieces + $0.admissionAttendance }.map(\.to).max() ?? 0
        first = low
        days = high - low + horizon + max(Self.minimumReach, harvestDay + windowAfterHarvest.upperBound + longestStay + 1)
        var load = [[Int32]](repeating: [Int32](repeating: 0, count: days), count: analysis.resources.count)
        for piece in background {
            for day in piece.from...piece.to { load[piece.resource][day - low] += piece.amount }
        }
        self.load = load
        self.fixedLoad = load
        let table = AvailabilityTable(schedule: analysis.schedule, resources: analysis.resources,
                                      days: low..<(low + days))
        capacity = table.available
        self.table = table
        self.movables = movables
        if let riskLimit, let bedResource, let bedIndex, let beds = capacity[bedIndex] {
            // Everyone whose admission is not ours to choose counts with the risk view's chances.
            let view = RiskView(analysis: analysis)
            let chosen = Set(movables.map(\.patient))
            let background = view.profiles.filter { $0.resource == bedResource && !chosen.contains($0.patient) }
            risk = RiskLedger(first: low, capacity: beds, background: background, limit: riskLimit,
                              tomorrow: analysis.now.daysSince1970 + 1)
            for index in self.movables.indices {
                let plan = analysis.plans[self.movables[index].patient]
                guard let a = plan[.conditioning]?.start.expected, let d0 = plan[.reinfusion]?.start.expected else { continue }
                let stay = RiskView.stay(admission: 0, d0: a.days(until: d0), discharge: nil, now: Int.min / 2,
                                         model: view.model)
                var chances = [Double](repeating: 0, count: (stay.map(\.0).max() ?? 0) + 1)
                for (day, chance) in stay { chances[day] = chance }
                self.movables[index].stayChances = chances
            }
        }
        // Nothing is proposed before tomorrow; the earliest admission is what the protocol allows from then on,
        // capacity aside, so that a delay is what capacity costs.
        let tomorrow = analysis.now.daysSince1970 + 1
        for index in self.movables.indices {
            var movable = self.movables[index]
            if let from = movable.day1From {
                var day1 = max(from, tomorrow)
                movable.day1Requested = day1
                while harvest(forDay1: day1) == nil && day1 < from + horizon { day1 += 1 }
                movable.day1From = day1
                movable.earliest = firstAdmission(afterHarvest: harvest(forDay1: day1) ?? day1, from: tomorrow)
            } else if let harvest = movable.fixedHarvest {
                movable.earliest = firstAdmission(afterHarvest: harvest, from: tomorrow)
            }
            self.movables[index] = movable
        }
    }

    /// The first open admission day in the protocol's window after `harvest` (`windowAfterHarvest`: days 21…56 in the
    /// built-in protocol), not before `from` (the window's start when none is).
    func firstAdmission(afterHarvest harvest: Int, from: Int) -> Int {
        let window = admissionDays(afterHarvest: harvest)
        return window.first { $0 >= from && planner.mayStart(.conditioning, onDay: $0) } ?? max(window.lowerBound, from)
    }

    // MARK: The ledger

    func fits(_ pieces: [Piece], at base: Int) -> Bool {
        for piece in pieces {
            guard let limit = capacity[piece.resource] else { continue }
            let row = load[piece.resource]
            for day in (base + piece.from - first)...(base + piece.to - first) {
                guard day >= 0 && day < days else { return false }
                if row[day] + piece.amount > limit[day] { return false }
            }
        }
        return true
    }

    /// The largest excess `pieces` at `base` would cause, and on which resource (an index into the analysis's).
    func overflow(_ pieces: [Piece], at base: Int) -> (excess: Int, resource: Int) {
        var worst = (excess: 0, resource: pieces.first?.resource ?? 0)
        for piece in pieces {
            guard let limit = capacity[piece.resource] else { continue }
            for day in (base + piece.from - first)...(base + piece.to - first) where day >= 0 && day < days {
                let excess = Int(load[piece.resource][day] + piece.amount - limit[day])
                if excess > worst.excess { worst = (excess, piece.resource) }
            }
        }
        return worst
    }

    mutating func book(_ pieces: [Piece], at base: Int, _ sign: Int32) {
        for piece in pieces {
            for day in (base + piece.from - first)...(base + piece.to - first) where day >= 0 && day < days {
                load[piece.resource][day] += sign * piece.amount
            }
        }
    }

    // MARK: Placing one patient

    /// The expected harvest for day 1 `day`, when `day` is a first-fit day (its chair and apheresis days 5–7 open).
    func harvest(forDay1 day: Int) -> Int? {
        guard planner.isFirstFit(.mobilisation, onDay: day) else { return nil }
        return day + harvestDay - 1
    }

    /// The admission days the protocol allows after `harvest` (`windowAfterHarvest`).
    func admissionDays(afterHarvest harvest: Int) -> ClosedRange<Int> {
        (harvest + windowAfterHarvest.lowerBound)...(harvest + windowAfterHarvest.upperBound)
    }

    /// Places movable `index` at its first fit and books it; if nothing fits, at its least overflow (booked too).
    /// With an `explanation`, every day tried and found wanting is noted in it with its reason, as values.
    mutating func place(_ index: Int, explanation: inout Explanation?) {
        placeCore(index, explanation: &explanation)
        totalDelay += movables[index].admission - movables[index].earliest
        if movables[index].unfit != nil { unfitCount += 1 }
    }

    /// ``place(_:explanation:)`` without an explanation.
    mutating func place(_ index: Int) {
        var none: Explanation?
        place(index, explanation: &none)
    }

    private mutating func placeCore(_ index: Int, explanation: inout Explanation?) {
        var movable = movables[index]
        movable.unfit = nil
        var leastOverflow: (overflow: Int, resource: Int, day1: Int, admission: Int)?
        var riskBlocked = false
        func consider(_ day1: Int, _ admission: Int) {
            let (overflow, resource) = overflow(movable.day1Pieces, at: day1)
            let (stay, stayResource) = self.overflow(movable.admissionPieces, at: admission)
            let worst = max(overflow, stay)
            if worst < leastOverflow?.overflow ?? .max {
                leastOverflow = (worst, stay >= overflow ? stayResource : resource, day1, admission)
            }
        }
        let explaining = explanation != nil
        if let from = movable.day1From {
            for day1 in (explaining ? min(movable.day1Requested ?? from, from) : from)...(from + horizon) {
                guard let harvest = harvest(forDay1: day1) else {
                    if explaining { explanation?.reject(.mobilisation, day1, notFirstFit(day1)) }
                    continue
                }
                let dayFits = fits(movable.day1Pieces, at: day1) && !movable.isAway(movable.day1Attendance, at: day1)
                if explaining && !dayFits {
                    explanation?.reject(.mobilisation, day1, misfit(movable, movable.day1Pieces, movable.day1Attendance, at: day1))
                }
                // The admission days tried for this day 1, kept only if it becomes the answer.
                var tried: Explanation? = explaining && dayFits ? Explanation() : nil
                for admission in admissionDays(afterHarvest: harvest) {
                    guard planner.mayStart(.conditioning, onDay: admission) else {
                        tried?.reject(.conditioning, admission, closed(admission, step: .conditioning))
                        continue
                    }
                    if dayFits && fits(movable.admissionPieces, at: admission)
                        && !movable.isAway(movable.admissionAttendance, at: admission) {
                        if let risk, !risk.fits(movable.stayChances, at: admission) {
                            riskBlocked = true
                            tried?.reject(.conditioning, admission, .aboveRiskLimit(limit: risk.limit))
                        } else {
                            movable.day1 = day1
                            movable.admission = admission
                            book(movable.day1Pieces, at: day1, 1)
                            book(movable.admissionPieces, at: admission, 1)
                            risk?.add(movable.stayChances, at: admission)
                            movables[index] = movable
                            if let tried { explanation?.append(tried) }
                            return
                        }
                    } else if dayFits {
                        tried?.reject(.conditioning, admission,
                                      misfit(movable, movable.admissionPieces, movable.admissionAttendance, at: admission))
                    }
                    if day1 < from + 28 { consider(day1, admission) }
                }
                if dayFits {
                    explanation?.reject(.mobilisation, day1, .noAdmissionAfterHarvest(harvestDay: harvest - day1 + 1,
                                                                                       window: windowAfterHarvest))
                }
            }
        } else if let harvest = movable.fixedHarvest {
            let tomorrow = analysis.now.daysSince1970 + 1
            for admission in admissionDays(afterHarvest: harvest) where admission >= tomorrow {
                guard planner.mayStart(.conditioning, onDay: admission) else {
                    explanation?.reject(.conditioning, admission, closed(admission, step: .conditioning))
                    continue
                }
                if fits(movable.admissionPieces, at: admission) && !movable.isAway(movable.admissionAttendance, at: admission) {
                    if let risk, !risk.fits(movable.stayChances, at: admission) {
                        riskBlocked = true
                        explanation?.reject(.conditioning, admission, .aboveRiskLimit(limit: risk.limit))
                    } else {
                        movable.admission = admission
                        book(movable.admissionPieces, at: admission, 1)
                        risk?.add(movable.stayChances, at: admission)
                        movables[index] = movable
                        return
                    }
                } else if explaining {
                    explanation?.reject(.conditioning, admission,
                                        misfit(movable, movable.admissionPieces, movable.admissionAttendance, at: admission))
                }
                consider(0, admission)
            }
        }
        // Nothing fits: the least overflow (or the earliest admission when there is no open day at all).
        let chosen = leastOverflow ?? (0, movable.admissionPieces.first?.resource ?? 0, movable.day1From ?? 0, movable.earliest)
        movable.day1 = chosen.day1
        movable.admission = chosen.admission
        let resource = analysis.resources[chosen.resource]
        let window = analysis.planner.treatmentProtocol.admissionDays
        var reason: NoSlot.Reason = movable.day1From.map {
            .noRoomWithin(days: horizon, from: CalendarDate(daysSince1970: $0), resource: resource, window: window)
        } ?? .noRoomForStay(resource: resource, window: window)
        if let harvest = movable.fixedHarvest, admissionDays(afterHarvest: harvest).upperBound <= analysis.now.daysSince1970 {
            reason = .windowPassed(harvest: CalendarDate(daysSince1970: harvest), window: window)
        }
        if riskBlocked, let limit = risk?.limit {
            reason = .aboveRiskLimit(reason, limit: limit)
        }
        movable.unfit = (chosen.overflow, chosen.resource, reason)
        rebook(movable)
        movables[index] = movable
    }

    /// Books a placed movable again (ledger and risk), as `place` left it.
    mutating func rebook(_ movable: Movable) {
        if movable.day1From != nil { book(movable.day1Pieces, at: movable.day1, 1) }
        book(movable.admissionPieces, at: movable.admission, 1)
        risk?.add(movable.stayChances, at: movable.admission)
    }

    mutating func unplace(_ index: Int) {
        let movable = movables[index]
        totalDelay -= movable.admission - movable.earliest
        if movable.unfit != nil { unfitCount -= 1 }
        if movable.day1From != nil { book(movable.day1Pieces, at: movable.day1, -1) }
        book(movable.admissionPieces, at: movable.admission, -1)
        risk?.remove(movable.stayChances, at: movable.admission)
    }

    func result(lowerBound: Int, iterations: Int, stoppedByTime: Bool, constructiveDelay: Int) -> Schedule {
        let assignments = movables.sorted { $0.patient < $1.patient }.map { movable in
            Schedule.Assignment(patient: analysis.records[movable.patient].id,
                                mobilisation: CalendarDate(daysSince1970: movable.day1From != nil ? movable.day1
                                    : analysis.plans[movable.patient][.mobilisation]?.start.expected.daysSince1970 ?? movable.day1),
                                mobilisationMoved: movable.day1From != nil,
                                admission: CalendarDate(daysSince1970: movable.admission),
                                earliestAdmission: CalendarDate(daysSince1970: movable.earliest))
        }
        let unfit = movables.sorted { $0.patient < $1.patient }.compactMap { movable -> Schedule.Unfit? in
            guard let unfit = movable.unfit else { return nil }
            return Schedule.Unfit(patient: analysis.records[movable.patient].id, reason: unfit.reason,
                                  overflow: unfit.overflow, resource: analysis.resources[unfit.resource])
        }
        return Schedule(assignments: assignments, unfit: unfit, fixed: fixedPatients, lowerBound: lowerBound,
                        iterations: iterations, stoppedByTime: stoppedByTime, constructiveDelay: constructiveDelay)
    }
}

/// The days a search tried and found wanting, with their reasons as values; a day with the same step and reason
/// as the day before it joins that run (`closed for isolation-beds (weekend)` from Saturday to Sunday).
struct Explanation {
    var rejections: [Slot.Rejection] = []

    mutating func reject(_ step: StepID, _ day: Int, _ reason: Slot.Rejection.Reason) {
        let date = CalendarDate(daysSince1970: day)
        if var last = rejections.last, last.step == step, last.reason == reason, last.to.adding(days: 1) == date {
            last.to = date
            rejections[rejections.count - 1] = last
        } else {
            rejections.append(Slot.Rejection(step: step, from: date, to: date, reason: reason))
        }
    }

    mutating func append(_ other: Explanation) {
        for rejection in other.rejections {
            var day = rejection.from
            while day <= rejection.to {
                reject(rejection.step, day.daysSince1970, rejection.reason)
                day = day.adding(days: 1)
            }
        }
    }
}

extension SchedulerState {
    /// Why `day` is no first fit for mobilisation day 1: closed for what it needs, or its harvest days not all open.
    func notFirstFit(_ day: Int) -> Slot.Rejection.Reason {
        if !planner.mayStart(.mobilisation, onDay: day) { return closed(day, step: .mobilisation) }
        return .harvestDaysNotOpen(days: planner.treatmentProtocol.harvestDays)
    }

    /// Why `step` may not start on `day`: closed for its resource (or, for a visit, not a working day).
    func closed(_ day: Int, step: StepID) -> Slot.Rejection.Reason {
        let rule = planner.treatmentProtocol.rule(step)
        let resource = rule?.open == .resource ? rule?.resource : nil
        let date = CalendarDate(daysSince1970: day)
        return .closed(resource: resource, ClosedReason(date, resource: resource, calendar: planner.calendar))
    }

    /// Why `pieces` at `base` do not fit: the first day a resource is over what is there (said without a date when it
    /// is `base` itself, so runs of such days group), or the patient away.
    func misfit(_ movable: Movable, _ pieces: [Piece], _ attendance: [Piece], at base: Int) -> Slot.Rejection.Reason {
        for piece in pieces {
            guard let limit = capacity[piece.resource] else { continue }
            for day in (base + piece.from)...(base + piece.to) {
                let offset = day - first
                // Past the ledger's span (beyond the search horizon) nothing is booked or bookable: said as full.
                guard offset >= 0 && offset < days else {
                    return .full(resource: analysis.resources[piece.resource], day: CalendarDate(daysSince1970: day),
                                 taken: 0, available: 0, scheduled: 0)
                }
                let taken = load[piece.resource][offset]
                if taken + piece.amount > limit[offset] {
                    let available = Int(limit[offset])
                    return .full(resource: analysis.resources[piece.resource],
                                 day: day == base ? nil : CalendarDate(daysSince1970: day), taken: Int(taken),
                                 available: available, scheduled: table.scheduled(piece.resource, on: day) ?? available)
                }
            }
        }
        let record = analysis.records[movable.patient]
        for piece in attendance {
            if let span = record.unavailable.first(where: {
                $0.from.daysSince1970 <= base + piece.to && base + piece.from <= $0.to.daysSince1970 }) {
                return .away(from: span.from, to: span.to)
            }
        }
        // Only reached if called for pieces that fit; said as the first piece full, the safest reading.
        return .full(resource: analysis.resources[pieces.first?.resource ?? 0], day: nil, taken: 0, available: 0, scheduled: 0)
    }
}
