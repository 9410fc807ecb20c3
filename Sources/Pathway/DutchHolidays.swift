import Calendrical

/// The Dutch public holidays on which the hospital's outpatient services are closed by default, computed by rule
/// for any year (the planner supports 1900–2200).
///
/// Following `docs/clinical-rules.md` ("Dutch public holidays"): New Year's Day; Easter Monday; King's Day (27 April,
/// or Saturday 26 April when the 27th is a Sunday) from 2014, Queen's Day (30 April, or 29 April when the 30th is a
/// Sunday) from 1949 to 2013; Liberation Day (5 May) in years divisible by 5 from 1945; Ascension Day (Easter + 39);
/// Whit Monday (Easter + 50); Christmas Day; Boxing Day. Good Friday is open; Easter Sunday and Whit Sunday are Sundays
/// anyway.
///
/// Before 1949 there is no royal birthday holiday here (Queen Wilhelmina's 31 August was celebrated, but was not
/// a day off work): a site that needs it lists it as a closure.
///
/// In 2026: 1 January, 6 April (Easter Monday; Easter is 5 April), 27 April, 14 May (Ascension), 25 May
/// (Whit Monday), 25 and 26 December. 2025 adds Liberation Day, and King's Day moves to Saturday 26 April.
public enum DutchHolidays {
    /// One holiday, with a stable id for reports.
    public enum Holiday: String, Sendable, Hashable, CaseIterable {
        case newYearsDay = "new-years-day"
        case easterMonday = "easter-monday"
        case kingsDay = "kings-day"
        case queensDay = "queens-day"
        case liberationDay = "liberation-day"
        case ascensionDay = "ascension-day"
        case whitMonday = "whit-monday"
        case christmasDay = "christmas-day"
        case boxingDay = "boxing-day"
    }

    /// The holidays of a year, by date.
    public static func holidays(in year: Int) -> [(date: CalendarDate, holiday: Holiday)] {
        let easter = easterSunday(year: year)
        var result: [(CalendarDate, Holiday)] = [
            (CalendarDate(clamping: year, 1, 1), .newYearsDay),
            (easter.adding(days: 1), .easterMonday),
            (easter.adding(days: 39), .ascensionDay),
            (easter.adding(days: 50), .whitMonday),
            (CalendarDate(clamping: year, 12, 25), .christmasDay),
            (CalendarDate(clamping: year, 12, 26), .boxingDay),
        ]
        if year >= 2014 {
            let day = CalendarDate(clamping: year, 4, 27)
            result.append((day.weekday == .sunday ? day.adding(days: -1) : day, .kingsDay))
        } else if year >= 1949 {
            let day = CalendarDate(clamping: year, 4, 30)
            result.append((day.weekday == .sunday ? day.adding(days: -1) : day, .queensDay))
        }
        if year >= 1945 && year % 5 == 0 {
            result.append((CalendarDate(clamping: year, 5, 5), .liberationDay))
        }
        return result.sorted { $0.0 < $1.0 }
    }

    /// Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" computus).
    ///
    /// 2026 → 5 April; 2038 → 25 April (the latest possible); 2008 → 23 March.
    public static func easterSunday(year: Int) -> CalendarDate {
        let a = year % 19
        let b = year / 100, c = year % 100
        let d = b / 4, e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CalendarDate(clamping: year, month, day)
    }
}
