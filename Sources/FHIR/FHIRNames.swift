import Crypto
import Pathway

/// The names the FHIR hand-off publishes: the project's code systems, its extension, the identifier system of a
/// site's pseudonyms, and the deterministic ids of the resources (docs/fhir.md lists them).
///
/// They are logical names (URNs), not web addresses: FHIR allows any URI for a code system, an identifier system
/// and an extension, and nothing here is to be fetched.
public enum FHIRNames {
    /// The code system of the pathway's steps; its codes are the step ids (`apheresis`, `conditioning`, …).
    public static let stepSystem = "urn:ahsct-planner:fhir:CodeSystem:step"
    /// The code system of the resources a step books (`apheresis-machines`, `daycare-chairs`, `isolation-beds`).
    public static let resourceSystem = "urn:ahsct-planner:fhir:CodeSystem:resource"
    /// The extension on a care plan activity's `detail` that gives the step's window: sub-extensions `earliest`,
    /// `expected` and `latest`, each a `valueDate`.
    public static let windowExtension = "urn:ahsct-planner:fhir:StructureDefinition:step-window"
    /// The HL7 code system of encounter classes (`IMP`, inpatient).
    public static let actCodeSystem = "http://terminology.hl7.org/CodeSystem/v3-ActCode"

    /// The identifier system of a site's pseudonyms: `urn:ahsct-planner:site:` and the site's name in lower case,
    /// every run of other characters than a–z and 0–9 made one `-` ("Amsterdam UMC, locatie VUmc" →
    /// `urn:ahsct-planner:site:amsterdam-umc-locatie-vumc`).
    public static func patientSystem(site: String) -> String {
        var slug = ""
        for scalar in site.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return "urn:ahsct-planner:site:" + (slug.isEmpty ? "site" : slug)
    }

    /// The English display of a step's code (`conditioning` → "Conditioning admission").
    public static func display(_ step: StepID) -> String {
        switch step {
        case .secondOpinion: return "Second opinion visit"
        case .committeeAnswer: return "National committee answer visit"
        case .evaluation: return "Pre-transplant evaluation"
        case .mobilisation: return "Mobilisation"
        case .apheresis: return "Apheresis (stem cell harvest)"
        case .controlVisit: return "Control visit after harvest"
        case .conditioning: return "Conditioning admission"
        case .reinfusion: return "Stem cell reinfusion"
        case .isolation: return "Isolation"
        case .discharge: return "Discharge"
        case .recovery: return "Recovery at home"
        }
    }

    /// A name-based UUID (RFC 9562 version 5: SHA-1 of a namespace and the name) for one resource of a bundle, from
    /// the site, the pseudonym and what the resource is (`Appointment/apheresis/2`): the same cohort always gives
    /// the same ids, and an id says nothing of the patient.
    public static func uuid(_ parts: String...) -> String {
        // The namespace is a fixed UUID of our own (chosen once; changing it changes every id ever exported).
        var input: [UInt8] = namespace
        input += Array(parts.joined(separator: "\u{1F}").utf8)
        var bytes = Array(Insecure.SHA1.hash(data: input)).prefix(16).map { $0 }
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        let characters = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
    }

    /// 5c0e6b16-5a2e-5d8f-9c43-3c1b0f6e7a21 as bytes: the namespace of ``uuid(_:)``.
    private static let namespace: [UInt8] = [0x5c, 0x0e, 0x6b, 0x16, 0x5a, 0x2e, 0x5d, 0x8f,
                                             0x9c, 0x43, 0x3c, 0x1b, 0x0f, 0x6e, 0x7a, 0x21]
}
