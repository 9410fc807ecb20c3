import Calendrical
import ICalendar
import Interchange
import Locations

/// The import of one hospital bundle into a cohort, from bytes to a written change: the workflow `ahsct fhir import`
/// runs, in the library so any caller (a command, later the console) runs the same steps in the same order.
///
/// 1. ``CohortRecorder/begin(now:)`` takes the cohort's lock and reads it (a dry run takes no lock);
/// 2. ``FHIRBundleReader`` reads the bundle in the zone of the site the cohort names;
/// 3. ``FHIRImport`` places each resource or skips it;
/// 4. ``CohortTransaction/record(_:at:)`` writes every fact in one change, audited by the recorder's user.
///
/// Each step that fails ends it with nothing written, as a ``Failure`` of its kind. Worked case: the example cohort,
/// the bundle `encounter_finished.json` (P-0003's stay, finished on Tuesday 1 December) and `today` Thursday
/// 10 December give an outcome with one value written, `discharge: 2026-12-01`, by `fhir-import:encounter_finished.json`.
public struct FHIRBundleImport: Sendable {
    /// Why nothing was written.
    public enum Failure: Error, Sendable {
        /// The cohort could not be locked, read or written, or a fact was refused (wrong order, a date outside the
        /// working calendar): the recorder's refusal, located.
        case refused(CohortRecorder.Refusal)
        /// The bundle is not JSON, not a Bundle, or breaks R4's structure: every problem, located.
        case invalidBundle(InputErrors)
    }

    /// The recorder: the cohort, its state folder, the user the audit names, the wait and whether this is a dry run.
    public let recorder: CohortRecorder
    /// Hospital codes → steps.
    public let codeMap: StepCodeMap

    /// An import through `recorder`, with `codeMap` besides the project's code system.
    public init(recorder: CohortRecorder, codeMap: StepCodeMap = StepCodeMap()) {
        self.recorder = recorder
        self.codeMap = codeMap
    }

    /// Reads `bytes` (the bundle in the file `file`, for locations) and records what it says, judged on `today`,
    /// with `time` in the audit entries; returns what the bundle said and what the change did.
    public func run(bundle bytes: [UInt8], file: String, today: CohortRecorder.Today,
                    at time: Instant) throws(Failure) -> (result: FHIRImport.Result, outcome: CohortRecorder.Outcome) {
        let transaction: CohortTransaction
        do { transaction = try recorder.begin(now: today) } catch { throw .refused(error) }
        let entries: [FHIRBundleEntry]
        do { entries = try FHIRBundleReader(file: file, zone: transaction.cohort.site.timeZone).read(bytes) } catch {
            throw .invalidBundle(error)
        }
        let result = FHIRImport(site: transaction.cohort.site, codeMap: codeMap)
            .map(entries, patients: transaction.cohort.patients, today: transaction.today)
        do { return (result, try transaction.record(result.facts, at: time)) } catch { throw .refused(error) }
    }
}
