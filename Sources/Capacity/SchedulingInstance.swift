import Calendrical

/// The scheduling problem as data, for other solvers (the CP-SAT benchmark): what is left of each resource per day
/// once the fixed bookings are in, and per patient the choices and what each books.
///
/// Days are day numbers (days since 1970). A patient's admission choices for a day-1 option are the open admission
/// days in the protocol's window after that option's harvest (3–8 weeks in the built-in protocol); `stay` pieces are
/// relative to the admission, `day1` pieces to day 1.
public struct SchedulingInstance: Sendable, Encodable {
    /// A booking relative to a chosen day.
    public struct Piece: Sendable, Hashable, Encodable {
        public var resource: Int
        public var from: Int
        public var to: Int
        public var amount: Int
    }

    /// One day-1 choice of a patient.
    public struct Day1Option: Sendable, Hashable, Encodable {
        /// Day 1 (`nil` when it is recorded).
        public var day1: Int?
        /// The admissions allowed with it.
        public var admissions: [Int]

        enum CodingKeys: String, CodingKey { case day1, admissions }

        /// `{"admissions": […], "day1": null}` when day 1 is recorded: the key is always there.
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(admissions, forKey: .admissions)
            if let day1 { try container.encode(day1, forKey: .day1) } else { try container.encodeNil(forKey: .day1) }
        }
    }

    /// One patient to schedule.
    public struct Patient: Sendable, Hashable, Encodable {
        public var id: String
        /// The earliest admission, capacity aside (delays count from it).
        public var earliest: Int
        public var day1Pieces: [Piece]
        public var stayPieces: [Piece]
        public var options: [Day1Option]

        enum CodingKeys: String, CodingKey {
            case id, earliest, options
            case day1Pieces = "day1_pieces", stayPieces = "stay_pieces"
        }
    }

    /// The resources, in the analysis's order.
    public var resources: [String]
    /// The first day of the capacity tables.
    public var firstDay: Int
    /// Per resource, capacity left per day after fixed bookings (`nil`: not limited). May be negative where the
    /// recorded bookings alone already overflow.
    public var free: [[Int]?]
    public var patients: [Patient]

    enum CodingKeys: String, CodingKey {
        case resources, free, patients
        case firstDay = "first_day"
    }
}

extension CohortScheduler {
    /// The problem this scheduler solves, with day-1 options up to `optionDays` after each patient's first possible
    /// day 1 (the same search horizon the scheduler uses when given `horizon = optionDays`).
    public func instance() -> SchedulingInstance {
        let state = SchedulerState(analysis: analysis, horizon: horizon)
        var free: [[Int]?] = []
        for (resource, limit) in state.capacity.enumerated() {
            free.append(limit.map { limit in zip(limit, state.load[resource]).map { Int($0) - Int($1) } })
        }
        func pieces(_ list: [Piece]) -> [SchedulingInstance.Piece] {
            list.map { .init(resource: $0.resource, from: $0.from, to: $0.to, amount: Int($0.amount)) }
        }
        let tomorrow = analysis.now.daysSince1970 + 1
        let patients = state.movables.map { movable -> SchedulingInstance.Patient in
            var options: [SchedulingInstance.Day1Option] = []
            func admissions(_ harvest: Int) -> [Int] {
                state.admissionDays(afterHarvest: harvest).filter {
                    $0 >= tomorrow && analysis.planner.mayStart(.conditioning, onDay: $0)
                }
            }
            if let from = movable.day1From {
                for day1 in from...(from + horizon) {
                    guard let harvest = state.harvest(forDay1: day1) else { continue }
                    options.append(.init(day1: day1, admissions: admissions(harvest)))
                }
            } else if let harvest = movable.fixedHarvest {
                options.append(.init(day1: nil, admissions: admissions(harvest)))
            }
            return .init(id: analysis.records[movable.patient].id, earliest: movable.earliest,
                         day1Pieces: pieces(movable.day1Pieces), stayPieces: pieces(movable.admissionPieces),
                         options: options)
        }
        return SchedulingInstance(resources: analysis.resources, firstDay: state.first, free: free, patients: patients)
    }
}
