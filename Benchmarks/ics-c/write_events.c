/*
 * write_events: the C baseline for Benchmarks/run-ics.sh.
 *
 *   write_events [--events N] [--repeat R] [--out FILE]
 *
 * Builds, with libical directly, the same VCALENDAR that Benchmarks/ics-bench (our Swift CalendarWriter)
 * writes: the same VTIMEZONE (builtin Europe/Amsterdam, cloned, TZID set to the plain name, truncated from
 * 1970) and the same N events with the same properties in the same order. Serializes with
 * icalcomponent_as_ical_string_r, frees the buffer and the tree. Prints one machine-readable line:
 *
 *   c events=100000 build_serialize_s=0.612 bytes=35123456 values_s=0.010
 *
 * build_serialize_s is the best of R runs of "build the tree, serialize, free both"; values_s is the time
 * to prepare the per-event strings and times (what the Swift side does when it makes its Event values).
 *
 * Build: cc -O2 -o write_events write_events.c $(pkg-config --cflags --libs libical)
 */
#include <libical/ical.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ZONE "Europe/Amsterdam"

/* The data. Keep in step with Benchmarks/ics-bench/main.swift and Benchmarks/ics-peer/write_events.py. */
static const char *const titles[] = {"Bloedafname", "Poli hematologie", "Dagbehandeling", "Stamcelinfusie",
                                     "Controle na ontslag"};
static const char *const locations[] = {"UMC Utrecht, Afdeling Hematologie, kamer 3",
                                        "Prinses M\xc3\xa1xima Centrum, Poli B", "Huisartsenpraktijk De Linde",
                                        "Dagbehandeling C4, UMC Utrecht"};
static const char *const categories[] = {"Ziekenhuis", "Bloedafname", "Behandeling"};
#define COUNT(array) ((int)(sizeof(array) / sizeof((array)[0])))

/* One event's values, prepared before the clock starts. */
struct bench_event {
    char uid[48];
    char summary[64];
    char description[192];
    char alarm[80];
    const char *location;
    const char *category;
    struct icaltimetype start, end, until; /* start/end: local wall clock (TZID parameter); until: UTC */
    int tentative;
    int repeats;
};

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void usage_exit(const char *message)
{
    fprintf(stderr, "write_events: %s\nusage: write_events [--events N] [--repeat R] [--out FILE]\n", message);
    exit(2);
}

static int positive_number(const char *text)
{
    char *end = NULL;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value <= 0 || value > 100000000) {
        usage_exit("--events and --repeat want a positive whole number");
    }
    return (int)value;
}

/* A wall-clock time `days` after 2026-01-05 at hh:mm:ss, with no zone attached. */
static struct icaltimetype day_time(int days, int hour, int minute, int second)
{
    struct icaltimetype t = icaltime_null_time();
    t.year = 2026;
    t.month = 1;
    t.day = 5;
    icaltime_adjust(&t, days, 0, 0, 0);
    t.hour = hour;
    t.minute = minute;
    t.second = second;
    t.is_date = 0;
    t.zone = NULL;
    return t;
}

/* Event i: 8 a day from 2026-01-05, 08:00-15:45 local, one hour; every 10th repeats for four weeks. */
static void prepare_event(struct bench_event *e, int i)
{
    int day = i / 8;
    snprintf(e->uid, sizeof e->uid, "bench-%d@ahsct-planner", i);
    snprintf(e->summary, sizeof e->summary, "%s #%d", titles[i % COUNT(titles)], i);
    snprintf(e->description, sizeof e->description,
             "Afspraak %d in het kader van de stamceltransplantatie, graag 15 minuten eerder aanwezig.\n"
             "Neem een geldig identiteitsbewijs en de medicatielijst mee.",
             i);
    snprintf(e->alarm, sizeof e->alarm, "Morgen: %s", e->summary);
    e->location = locations[i % COUNT(locations)];
    e->category = categories[i % COUNT(categories)];
    e->start = day_time(day, 8 + i % 8, 15 * (i % 4), 0);
    e->end = day_time(day, 9 + i % 8, 15 * (i % 4), 0);
    e->until = day_time(day + 28, 22, 59, 59);
    e->until.zone = icaltimezone_get_utc_timezone();
    e->tentative = i % 2 == 0;
    e->repeats = i % 10 == 0;
}

/* The builtin zone's VTIMEZONE, with the plain TZID and only the observances from 1970 on. */
static icalcomponent *make_vtimezone(void)
{
    icaltimezone *builtin = icaltimezone_get_builtin_timezone(ZONE);
    if (builtin == NULL) return NULL;
    icalcomponent *vtimezone = icalcomponent_new_clone(icaltimezone_get_component(builtin));
    icalproperty *tzid = icalcomponent_get_first_property(vtimezone, ICAL_TZID_PROPERTY);
    if (tzid != NULL) icalproperty_set_tzid(tzid, ZONE);
    struct icaltimetype from = icaltime_null_time();
    from.year = 1970;
    from.month = 1;
    from.day = 1;
    from.zone = icaltimezone_get_utc_timezone();
    icaltimezone_truncate_vtimezone(vtimezone, from, icaltime_null_time(), 0);
    return vtimezone;
}

static icalproperty *zoned(icalproperty *property)
{
    icalproperty_add_parameter(property, icalparameter_new_tzid(ZONE));
    return property;
}

static icalcomponent *make_event(const struct bench_event *e, struct icaltimetype stamp)
{
    icalcomponent *vevent = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    icalcomponent_add_property(vevent, icalproperty_new_uid(e->uid));
    icalcomponent_add_property(vevent, icalproperty_new_dtstamp(stamp));
    icalcomponent_add_property(vevent, icalproperty_new_sequence(0));
    icalcomponent_add_property(vevent,
                               icalproperty_new_status(e->tentative ? ICAL_STATUS_TENTATIVE : ICAL_STATUS_CONFIRMED));
    icalcomponent_add_property(vevent, icalproperty_new_summary(e->summary));
    icalcomponent_add_property(vevent, icalproperty_new_description(e->description));
    icalcomponent_add_property(vevent, icalproperty_new_location(e->location));
    icalcomponent_add_property(vevent, icalproperty_new_categories(e->category));
    icalcomponent_add_property(vevent, icalproperty_new_class(ICAL_CLASS_CONFIDENTIAL));
    icalcomponent_add_property(vevent, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
    icalcomponent_add_property(vevent, zoned(icalproperty_new_dtstart(e->start)));
    icalcomponent_add_property(vevent, zoned(icalproperty_new_dtend(e->end)));
    if (e->repeats) {
        struct icalrecurrencetype rule;
        icalrecurrencetype_clear(&rule);
        rule.freq = ICAL_WEEKLY_RECURRENCE;
        rule.until = e->until;
        rule.by_day[0] = ICAL_MONDAY_WEEKDAY;
        rule.by_day[1] = ICAL_WEDNESDAY_WEEKDAY;
        rule.by_day[2] = ICAL_FRIDAY_WEEKDAY;
        rule.by_day[3] = ICAL_RECURRENCE_ARRAY_MAX;
        icalcomponent_add_property(vevent, icalproperty_new_rrule(rule));
    }
    icalcomponent *valarm = icalcomponent_new(ICAL_VALARM_COMPONENT);
    icalcomponent_add_property(valarm, icalproperty_new_action(ICAL_ACTION_DISPLAY));
    struct icaltriggertype trigger = icaltriggertype_from_int(0);
    trigger.duration = icaldurationtype_from_int(-86400);
    icalcomponent_add_property(valarm, icalproperty_new_trigger(trigger));
    icalcomponent_add_property(valarm, icalproperty_new_description(e->alarm));
    icalcomponent_add_component(vevent, valarm);
    return vevent;
}

/* One timed run: build the calendar, serialize it, free tree and buffer. Returns the byte count. */
static size_t write_calendar(const struct bench_event *events, int count, FILE *out)
{
    struct icaltimetype stamp = day_time(-3, 9, 0, 0); /* 2026-01-02 09:00 UTC */
    stamp.zone = icaltimezone_get_utc_timezone();

    icalcomponent *root = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
    icalcomponent_add_property(root, icalproperty_new_prodid("-//ahsct-planner//ics-bench//EN"));
    icalcomponent_add_property(root, icalproperty_new_version("2.0"));
    icalcomponent_add_property(root, icalproperty_new_method(ICAL_METHOD_PUBLISH));
    icalproperty *name = icalproperty_new_x("Bench");
    icalproperty_set_x_name(name, "X-WR-CALNAME");
    icalcomponent_add_property(root, name);
    icalproperty *zone = icalproperty_new_x(ZONE);
    icalproperty_set_x_name(zone, "X-WR-TIMEZONE");
    icalcomponent_add_property(root, zone);
    icalcomponent *vtimezone = make_vtimezone();
    if (vtimezone == NULL) {
        fprintf(stderr, "write_events: libical has no builtin zone %s (is tzdata installed?)\n", ZONE);
        exit(1);
    }
    icalcomponent_add_component(root, vtimezone);
    for (int i = 0; i < count; i++) {
        icalcomponent_add_component(root, make_event(&events[i], stamp));
    }

    char *text = icalcomponent_as_ical_string_r(root);
    size_t length = text != NULL ? strlen(text) : 0;
    if (out != NULL && fwrite(text, 1, length, out) != length) {
        fprintf(stderr, "write_events: cannot write the output file\n");
        exit(1);
    }
    icalmemory_free_buffer(text);
    icalcomponent_free(root);
    return length;
}

int main(int argc, char **argv)
{
    int count = 100000, repeats = 3;
    const char *out_path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            printf("usage: write_events [--events N] [--repeat R] [--out FILE]\n");
            return 0;
        }
        if (i + 1 >= argc) usage_exit("missing value or unknown argument");
        if (strcmp(argv[i], "--events") == 0) {
            count = positive_number(argv[++i]);
        } else if (strcmp(argv[i], "--repeat") == 0) {
            repeats = positive_number(argv[++i]);
        } else if (strcmp(argv[i], "--out") == 0) {
            out_path = argv[++i];
        } else {
            usage_exit("unknown argument");
        }
    }

    /* As TimeZoneLibrary does once at start-up. */
    icalerror_set_errors_are_fatal(0);
    (void)icaltimezone_get_builtin_timezones();
    (void)icaltimezone_get_utc_timezone();

    double values_start = now_seconds();
    struct bench_event *events = calloc((size_t)count, sizeof *events);
    if (events == NULL) {
        fprintf(stderr, "write_events: out of memory\n");
        return 1;
    }
    for (int i = 0; i < count; i++) prepare_event(&events[i], i);
    double values_seconds = now_seconds() - values_start;

    double best = -1;
    size_t bytes = 0;
    for (int run = 0; run < repeats; run++) {
        FILE *out = NULL;
        if (run == 0 && out_path != NULL) {
            out = fopen(out_path, "wb");
            if (out == NULL) {
                fprintf(stderr, "write_events: cannot open %s: %s\n", out_path, strerror(errno));
                return 1;
            }
        }
        double start = now_seconds();
        bytes = write_calendar(events, count, out);
        double elapsed = now_seconds() - start;
        if (out != NULL) {
            if (fclose(out) != 0) {
                fprintf(stderr, "write_events: cannot write %s\n", out_path);
                return 1;
            }
            continue; /* the run that also wrote the file is not timed */
        }
        if (best < 0 || elapsed < best) best = elapsed;
    }
    if (best < 0) { /* only one run, and it wrote the file: time one more */
        double start = now_seconds();
        bytes = write_calendar(events, count, NULL);
        best = now_seconds() - start;
    }
    free(events);
    printf("c events=%d build_serialize_s=%.3f bytes=%zu values_s=%.3f\n", count, best, bytes, values_seconds);
    return 0;
}
