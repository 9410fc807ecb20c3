import Foundation
import Reports

/// Whether standard output is a terminal that wants colour: not when piped or redirected, not with `NO_COLOR` set
/// to anything non-empty (https://no-color.org), not with `TERM=dumb`.
var standardOutputWantsColour: Bool {
    let environment = ProcessInfo.processInfo.environment
    if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
    if environment["TERM"] == "dumb" { return false }
    return isatty(STDOUT_FILENO) != 0
}

/// Prints a text report, coloured when standard output is a terminal that wants it.
func printText(_ text: String) {
    print(standardOutputWantsColour ? TerminalText.coloured(text) : text, terminator: "")
}

/// Prints one line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
