import Foundation
import Locations
import Pathway

/// A hospital's own codes mapped to the pathway's steps: the `--map` file of `ahsct fhir import`, read with located
/// errors like every other input file.
///
/// ```yaml
/// # the hospital's own appointment types → steps
/// codes:
///   - {system: "https://hix.example-hospital.nl/fhir/CodeSystem/afspraaktype", code: AFER-CONTROLE, step: control-visit}
///   - {system: "https://hix.example-hospital.nl/fhir/CodeSystem/afspraaktype", code: OPNAME-HEMA, step: conditioning}
/// ```
/// Each entry names a code system (a URI, as FHIR codings carry it), a code in it and a step id. The same system and
/// code twice is an error (`duplicate_key`), as is an unknown step (`invalid_value`, with the step ids).
public struct StepCodeMap: Sendable, Hashable {
    /// One mapped code.
    public struct Entry: Sendable, Hashable {
        /// The code system URI.
        public var system: String
        /// The code.
        public var code: String
        /// The step it stands for.
        public var step: StepID
        /// Where the entry is in the file.
        public var location: SourceLocation
    }

    /// The entries, in file order.
    public var entries: [Entry]

    /// A map of `entries`.
    public init(entries: [Entry] = []) { self.entries = entries }

    /// The step a coding stands for (`nil`: not in the map).
    public func step(system: String?, code: String?) -> StepID? {
        guard let system, let code else { return nil }
        return entries.first { $0.system == system && $0.code == code }?.step
    }

    /// Reads the map file at `path` (YAML, or JSON).
    public static func read(_ path: String) throws(InputErrors) -> StepCodeMap {
        let bytes = try FileInput.bytes(of: path)
        var reader = YAMLReader(file: path)
        guard let root = reader.parse(bytes) else { throw InputErrors(reader.errors) }
        var entries: [Entry] = []
        if let top = reader.mapping(root, "the code map", allowed: ["codes"], required: ["codes"]),
           let list = reader.sequence(top.required("codes"), "codes") {
            for item in list {
                guard let entry = reader.mapping(item, "a mapped code", allowed: ["system", "code", "step"],
                                                 required: ["system", "code", "step"]) else { continue }
                let system = reader.string(entry.required("system"), "the code system (a URI)")
                let code = reader.string(entry.required("code"), "the code")
                let step = reader.choice(entry.required("step"), "step") as StepID?
                guard let system, let code, let step else { continue }
                if let earlier = entries.first(where: { $0.system == system && $0.code == code }) {
                    reader.fail(item, .duplicateKey,
                                "\(system) \(code) is mapped twice (first at line \(earlier.location.line)); expected each code once")
                    continue
                }
                entries.append(Entry(system: system, code: code, step: step, location: reader.at(item)))
            }
        }
        guard reader.errors.isEmpty else { throw InputErrors(reader.errors) }
        return StepCodeMap(entries: entries)
    }
}
