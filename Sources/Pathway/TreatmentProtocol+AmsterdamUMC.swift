import Calendrical

extension TreatmentProtocol {
    /// The resources of the built-in protocol.
    public enum Resource {
        /// Outpatient visits (second opinion, evaluation, control visit, checks at home).
        public static let outpatientClinic = "outpatient-clinic"
        /// Day-care chairs (the cyclophosphamide infusion on mobilisation day 1).
        public static let daycareChairs = "daycare-chairs"
        /// Apheresis machines (one per session, for the day).
        public static let apheresisMachines = "apheresis-machines"
        /// Isolation beds on the haematology ward (admission to discharge).
        public static let isolationBeds = "isolation-beds"
    }

    /// The default protocol of `docs/clinical-rules.md`, from the Amsterdam UMC leaflet.
    ///
    /// For a second opinion on Monday 7 September 2026 with no other dates recorded, the expected chain runs:
    /// committee answer Monday 28 September (S+21), evaluation Monday 5 October (answer+7), and mobilisation day 1
    /// on the first day from answer+14 = Monday 12 October whose days 5–7 are open for the machine: Monday's are
    /// Friday 16 – Sunday 18, Tuesday's and Wednesday's also touch the weekend, so day 1 is Thursday 15 October
    /// with the harvest expected on day 6, Tuesday 20 October.
    ///
    /// Latest bounds snap backwards (`open≤`) unless a rule says otherwise (the control visit is `open≥(H+14)` in all
    /// three chains); on steps that run every day the direction makes no difference.
    public static let amsterdamUMC: TreatmentProtocol = {
        let harvest = Anchor(.apheresis, .end)
        let d0 = Anchor(.reinfusion)
        return TreatmentProtocol(
            name: "amsterdam-umc",
            resources: [Resource.outpatientClinic, Resource.daycareChairs, Resource.apheresisMachines,
                        Resource.isolationBeds],
            steps: [
                StepRule(id: .secondOpinion, resource: Resource.outpatientClinic, start: .given,
                         source: "leaflet, Tweede mening"),
                StepRule(id: .committeeAnswer, open: .workingDays,
                         start: .window(earliest: Bound(after: Anchor(.secondOpinion), days: 14),
                                        expected: Bound(after: Anchor(.secondOpinion), days: 21),
                                        latest: Bound(after: Anchor(.secondOpinion), days: 28, snap: .previous)),
                         source: "leaflet, Tweede mening"),
                StepRule(id: .evaluation, resource: Resource.outpatientClinic,
                         start: .window(earliest: Bound(after: Anchor(.committeeAnswer), days: 1),
                                        expected: Bound(after: Anchor(.committeeAnswer), days: 7),
                                        latest: Bound(before: Anchor(.mobilisation), days: 1)),
                         source: "leaflet, step 1 and Zwangerschap"),
                StepRule(id: .mobilisation, resource: Resource.daycareChairs,
                         start: .firstFit(notBefore: [Bound(after: Anchor(.committeeAnswer), days: 14),
                                                      Bound(after: Anchor(.evaluation), days: 1,
                                                            onlyIfRecorded: true)],
                                          harvest: .apheresis),
                         end: .until(harvest), source: "leaflet, step 2"),
                StepRule(id: .apheresis, resource: Resource.apheresisMachines,
                         start: .dayOf(Anchor(.mobilisation), first: 5, expected: 6, last: 7, tentativeRepeats: 0),
                         end: .lastSession, source: "leaflet, step 3"),
                StepRule(id: .controlVisit, resource: Resource.outpatientClinic,
                         start: .window(earliest: Bound(after: harvest, days: 14),
                                        expected: Bound(after: harvest, days: 14),
                                        latest: Bound(after: harvest, days: 14)),
                         source: "leaflet, Stamcellen tellen"),
                StepRule(id: .conditioning, resource: Resource.isolationBeds,
                         start: .window(earliest: Bound(after: harvest, days: 21),
                                        expected: Bound(after: harvest, days: 21),
                                        latest: Bound(after: harvest, days: 56, snap: .previous)),
                         end: .lasts(days: 5), source: "leaflet, step 4"),
                StepRule(id: .reinfusion, resource: Resource.isolationBeds, open: .everyDay,
                         start: .window(earliest: Bound(after: Anchor(.conditioning, .end), days: 1),
                                        expected: Bound(after: Anchor(.conditioning, .end), days: 1),
                                        latest: Bound(after: Anchor(.conditioning, .end), days: 1, snap: .previous)),
                         end: .nextDayAbove(bags: 10), source: "leaflet, step 5"),
                StepRule(id: .isolation, resource: Resource.isolationBeds, open: .everyDay,
                         start: .window(earliest: Bound(after: d0, days: 0), expected: Bound(after: d0, days: 0),
                                        latest: Bound(after: d0, days: 0, snap: .previous)),
                         end: .until(Anchor(.discharge)), bloodCountDays: [.monday, .wednesday, .friday],
                         recoveryDays: 14...21, source: "leaflet, step 6"),
                StepRule(id: .discharge, open: .everyDay,
                         start: .window(earliest: Bound(after: d0, days: 14), expected: Bound(after: d0, days: 21),
                                        latest: Bound(after: d0, days: 28, snap: .previous)),
                         source: "leaflet, step 7"),
                StepRule(id: .recovery, open: .everyDay,
                         start: .window(earliest: Bound(after: Anchor(.discharge), days: 0),
                                        expected: Bound(after: Anchor(.discharge), days: 0),
                                        latest: Bound(after: Anchor(.discharge), days: 0, snap: .previous)),
                         end: .monthsAfter(d0, earliest: 3, expected: 6, latest: 6),
                         visits: .init(count: 4, everyDays: 7, resource: Resource.outpatientClinic),
                         source: "leaflet, step 8"),
            ])
    }()
}
