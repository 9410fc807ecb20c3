import ArgumentParser
import Capacity
import Reports

/// `ahsct slot COHORT --patient ID`: the earliest mobilisation and admission that fit.
struct SlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slot",
        abstract: "Find the earliest mobilisation day 1 and admission that fit a patient, given everyone else's plan.",
        discussion: """
            Tries every day from the day after --now (and from the protocol's earliest day) and keeps the first \
            mobilisation day 1 whose chair, apheresis day 5–7, staff and patient availability fit, and for which an \
            admission 3–8 weeks after the harvest has a bed free up to discharge. Recorded dates are kept. Prints \
            the dates and, grouped, why each earlier day was turned down.
            Exit status: 0 a slot was found, 1 the cohort has errors, 2 nothing fits within two years, \
            64 bad arguments (also an unknown patient).
            """
    )

    @OptionGroup var options: AnalysisOptions

    @Option(help: "The patient (pseudonym).")
    var patient: String

    @Option(help: "Fit against the others' expected or worst-case plans.")
    var view: DemandView = .expected

    @Option(help: "text, markdown or json.")
    var format: ReportFormat = .text

    func validate() throws {
        if format == .csv { throw ValidationError("slot prints text, markdown or json") }
    }

    func run() throws {
        let (_, analysis) = try options.analysis()
        guard analysis.records.contains(where: { $0.id == patient }) else {
            throw refuseUnknownPatient(patient, in: options.cohort, known: analysis.records.map(\.id))
        }
        if analysis.records.first(where: { $0.id == patient })?.isDeclined == true {
            printError("ahsct slot: \(patient): the committee's answer is recorded as declined; the pathway ends there, so there is nothing to fit")
            throw ExitCode.foundSomething
        }
        do {
            guard let slot = try SlotFinder(analysis: analysis, view: view).slot(for: patient) else { return }
            let report = SlotReport(slot: slot, view: view, now: analysis.now)
            switch format {
            case .text, .csv: try options.emit(report.text(), styled: true)
            case .markdown: try options.emit(report.markdown())
            case .json: try options.emit(report.json())
            }
        } catch let noSlot as NoSlot {
            printError("ahsct slot: \(noSlot.description)")
            for rejection in noSlot.rejections.suffix(10) {
                printError("  \(rejection.step) \(rejection.from) … \(rejection.to): \(Words(.en).rejection(rejection.reason))")
            }
            throw ExitCode.foundSomething
        }
    }
}
