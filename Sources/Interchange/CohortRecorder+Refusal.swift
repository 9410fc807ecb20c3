import FileSystem
import Pathway

extension CohortRecorder {
    /// A change not made, and why. Every refusal leaves every file as it was (the cohort byte for byte, no audit
    /// entry); the caller words it (`ahsct record` prints the located errors, then one line of its own).
    public enum Refusal: Error, Sendable, CustomStringConvertible {
        /// The cohort is JSON: changes are written into YAML only, where comments and layout are kept.
        case yamlOnly(cohort: String)
        /// The state folder (or the lock's folder beside the cohort) cannot be used.
        case stateFolder(StateFolder.Failure)
        /// The lock could not be taken: another writer held it for the whole wait, or it cannot be created.
        case lock(FileLock.Failure)
        /// The file cannot be read: missing, a folder, over the input size limit (located at its first line).
        case unreadable(InputErrors)
        /// The file as it is has errors: they must be corrected first.
        case hasErrors(InputErrors)
        /// No such patient in the cohort (with the pseudonyms it has, in file order).
        case unknownPatient(String, known: [String])
        /// The value cannot be written in place (a value laid out over several lines, say), located.
        case cannotEdit(InputErrors)
        /// The cohort with the change does not read: a fact out of order, a harvest without day 1; located where
        /// the value would stand.
        case refused(InputErrors)
        /// The protocol cannot plan (not for a cohort that reads; kept so nothing is hidden).
        case invalidProtocol(Planner.InvalidProtocol)
        /// Writing the cohort (or its backup) failed; the cohort is as it was.
        case cannotWrite(AtomicFile.Failure)
        /// The file is no longer the version the change was prepared on (``CohortVersion``): another change came
        /// first. Nothing was written; `current` is the version now.
        case stale(current: String)
        /// The audit entry could not be appended, so the cohort was put back (`notRestored`: putting it back
        /// failed too, and the cohort holds the change without its entry).
        case auditFailed(folder: String, reason: String, notRestored: AtomicFile.Failure?)

        /// A stable code for each kind of refusal. Scripts and tests match on these, never on words.
        public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
            public var rawValue: String
            public init(rawValue: String) { self.rawValue = rawValue }
            public var description: String { rawValue }

            /// ``Refusal/yamlOnly(cohort:)``.
            public static let yamlOnly = Code(rawValue: "yaml_only")
            /// ``Refusal/stateFolder(_:)``.
            public static let stateFolderUnusable = Code(rawValue: "state_folder_unusable")
            /// ``Refusal/lock(_:)`` when another writer holds the lock.
            public static let cohortLocked = Code(rawValue: "cohort_locked")
            /// ``Refusal/lock(_:)`` when the lock file cannot be created.
            public static let lockUnavailable = Code(rawValue: "lock_unavailable")
            /// ``Refusal/unreadable(_:)``.
            public static let unreadableFile = Code(rawValue: "unreadable_file")
            /// ``Refusal/hasErrors(_:)``.
            public static let cohortHasErrors = Code(rawValue: "cohort_has_errors")
            /// ``Refusal/unknownPatient(_:known:)``.
            public static let unknownPatient = Code(rawValue: "unknown_patient")
            /// ``Refusal/cannotEdit(_:)``.
            public static let cannotEdit = Code(rawValue: "cannot_edit")
            /// ``Refusal/refused(_:)``.
            public static let changeRefused = Code(rawValue: "change_refused")
            /// ``Refusal/invalidProtocol(_:)``.
            public static let invalidProtocol = Code(rawValue: "invalid_protocol")
            /// ``Refusal/cannotWrite(_:)``.
            public static let writeFailed = Code(rawValue: "write_failed")
            /// ``Refusal/stale(current:)``.
            public static let cohortChanged = Code(rawValue: "cohort_changed")
            /// ``Refusal/auditFailed(folder:reason:notRestored:)``.
            public static let auditFailed = Code(rawValue: "audit_failed")
        }

        /// The refusal's code.
        public var code: Code {
            switch self {
            case .yamlOnly: return .yamlOnly
            case .stateFolder: return .stateFolderUnusable
            case .lock(.held): return .cohortLocked
            case .lock(.cannotOpen): return .lockUnavailable
            case .unreadable: return .unreadableFile
            case .hasErrors: return .cohortHasErrors
            case .unknownPatient: return .unknownPatient
            case .cannotEdit: return .cannotEdit
            case .refused: return .changeRefused
            case .invalidProtocol: return .invalidProtocol
            case .cannotWrite: return .writeFailed
            case .auditFailed: return .auditFailed
            case .stale: return .cohortChanged
            }
        }

        /// The located errors behind it, in file order (none for a lock, a folder or a write).
        public var errors: [InputError] {
            switch self {
            case let .unreadable(errors), let .hasErrors(errors), let .cannotEdit(errors), let .refused(errors):
                return errors.errors
            default:
                return []
            }
        }

        /// The code and the located errors, for logs (words for people are the caller's).
        public var description: String {
            ([code.rawValue] + errors.map(\.description)).joined(separator: "\n")
        }
    }
}
