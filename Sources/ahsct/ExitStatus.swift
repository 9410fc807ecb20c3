import ArgumentParser

/// The exit statuses every command shares, by name. 64 (`ExitCode.validationFailure`, a usage error) is
/// ArgumentParser's own.
extension ExitCode {
    /// The input has errors (printed located), a fact was refused, or a file could not be written: nothing written.
    static let inputRefused = ExitCode(1)
    /// The command did its work and found something to act on: conflicts, changes, a patient that cannot fit, no
    /// slot. Scripts gate on it, like `diff`.
    static let foundSomething = ExitCode(2)
}
