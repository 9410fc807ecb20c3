// Dates and weekdays are part of this module's API: users of ICalendar get them without a second import.
@_exported public import Calendrical
