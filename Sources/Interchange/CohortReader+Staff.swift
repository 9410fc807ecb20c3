import Calendrical
import Capacity
import Pathway
internal import Yams

extension CohortReader {
    static let weekdays: [(String, Weekday)] = [("monday", .monday), ("tuesday", .tuesday), ("wednesday", .wednesday),
                                                ("thursday", .thursday), ("friday", .friday)]

    /// `staff: {roles: {apheresis-nurses: 2}, needs: {apheresis: {apheresis-nurses: 1}}, absences: [leave.ics]}`.
    /// Returns the roles named (also those whose count is wrong), for capacity changes to refer to.
    func readStaff(_ node: Node, _ proto: TreatmentProtocol, _ directory: String, _ schedule: inout CapacitySchedule,
                   _ reader: inout YAMLReader) -> [String] {
        guard let staff = reader.mapping(node, "the staff", allowed: ["roles", "needs", "absences"], required: ["roles"])
        else { return [] }
        var roles: [String] = []
        if let node = staff["roles"], let map = reader.mapping(node, "the staff roles", allowed: nil) {
            for entry in map.entries {
                guard !proto.resources.contains(entry.key), entry.key != CapacitySchedule.committeeResource else {
                    reader.fail(entry.keyNode, .invalidValue,
                                "'\(entry.key)' is a resource, not a staff role; expected a role name such as apheresis-nurses")
                    continue
                }
                roles.append(entry.key)
                if let count = reader.integer(entry.value, "the number of \(entry.key)", in: 0...100_000) {
                    schedule.roles.append(.init(resource: entry.key, capacity: count))
                }
            }
        }
        if let node = staff["needs"],
           let map = reader.mapping(node, "the staffing needs", allowed: proto.steps.map(\.id.rawValue)) {
            for entry in map.entries {
                guard let step = StepID(rawValue: entry.key),
                      let needs = reader.mapping(entry.value, "the staff \(entry.key) needs", allowed: roles) else { continue }
                for need in needs.entries {
                    if let count = reader.integer(need.value, "the number of \(need.key) for \(entry.key)", in: 1...1_000) {
                        schedule.needs.append(.init(step: step, role: need.key, count: count))
                    }
                }
            }
        }
        if let node = staff["absences"], let list = reader.sequence(node, "the staff absences") {
            for item in list { schedule.absences += importAbsences(item, roles, directory, &reader) }
        }
        return roles
    }

    /// Absences from an `.ics`: a path (roles from CATEGORIES) or `{file: …, role: …}` (one role for the file).
    private func importAbsences(_ node: Node, _ roles: [String], _ directory: String,
                                _ reader: inout YAMLReader) -> [CapacitySchedule.Absence] {
        var name: String?
        var role: String?
        var fileNode = node
        if case .scalar = node {
            name = reader.string(node, "an absences file")
        } else if let map = reader.mapping(node, "an absences file", allowed: ["file", "role"], required: ["file"]) {
            fileNode = map.required("file")
            name = reader.string(fileNode, "the absences file")
            if let roleNode = map["role"], let text = reader.string(roleNode, "the role") {
                guard roles.contains(text) else {
                    reader.fail(roleNode, .unknownResource, "unknown staff role '\(text)'; expected one of: \(roles.joined(separator: ", "))")
                    return []
                }
                role = text
            }
        }
        guard let name else { return [] }
        let path = FileInput.resolve(name, against: directory)
        reader.imported.append(path)
        do {
            return try AbsenceImport.absences(fromICS: path, roles: roles, role: role)
        } catch {
            if error.errors.contains(where: { $0.code == .unreadableFile && $0.location.file == path }) {
                reader.fail(fileNode, .unreadableFile, "cannot read the absences file '\(name)' (\(path)): \(error.errors[0].message)")
            } else {
                reader.add(error.errors)
            }
            return []
        }
    }
}
