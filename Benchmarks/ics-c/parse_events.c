/*
 * parse_events: the C baseline for the parse half of Benchmarks/run-ics.sh.
 *
 *   parse_events [--mode string|stream] FILE
 *
 * Parses an .ics file with libical the way a C program would, and walks the result so nothing is skipped:
 *
 *   string  reads the whole file into memory and calls icalparser_parse_string (what ahsct did before, and
 *           what most callers do);
 *   stream  hands icalparser_parse a line generator over the FILE (fgets), so the text is never held whole.
 *
 * Either way libical builds the whole tree. The walk counts the VEVENTs under each VCALENDAR, their properties
 * (every value was parsed into its typed form while the tree was built), their alarms and the X-LIC-ERRORs,
 * then frees the tree. Prints one machine-readable line; the run script measures wall time and peak RSS of
 * the whole process with /usr/bin/time, as it does for `ahsct ics check`:
 *
 *   c-string events=75000 properties=907500 alarms=75000 errors=0 bytes=46342000 parse_s=1.201 walk_s=0.01 free_s=0.6
 *
 * parse_s is the time of read + parse, walk_s of the walk, free_s of icalcomponent_free; the process as a whole
 * (what the script compares) also loads libical and exits.
 *
 * Build: cc -O2 -o parse_events parse_events.c $(pkg-config --cflags --libs libical)
 */
#include <libical/ical.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void usage_exit(const char *message)
{
    fprintf(stderr, "parse_events: %s\nusage: parse_events [--mode string|stream] FILE\n", message);
    exit(2);
}

/* The whole file, NUL-terminated; its length in *length. */
static char *read_file(const char *path, size_t *length)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        fprintf(stderr, "parse_events: cannot open %s: %s\n", path, strerror(errno));
        exit(1);
    }
    if (fseek(file, 0, SEEK_END) != 0) exit(1);
    long size = ftell(file);
    if (size < 0 || fseek(file, 0, SEEK_SET) != 0) exit(1);
    char *text = malloc((size_t)size + 1);
    if (text == NULL || fread(text, 1, (size_t)size, file) != (size_t)size) {
        fprintf(stderr, "parse_events: cannot read %s\n", path);
        exit(1);
    }
    fclose(file);
    text[size] = '\0';
    *length = (size_t)size;
    return text;
}

/* The line generator of libical's own example (icalparser_parse's documentation). */
static char *read_stream(char *s, size_t size, void *d)
{
    return fgets(s, (int)size, (FILE *)d);
}

struct counts {
    long events, properties, alarms, errors;
};

static void count_errors(icalcomponent *component, struct counts *counts)
{
    for (icalproperty *p = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY); p != NULL;
         p = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY)) {
        counts->errors++;
    }
}

static void walk_calendar(icalcomponent *calendar, struct counts *counts)
{
    count_errors(calendar, counts);
    for (icalcomponent *vevent = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); vevent != NULL;
         vevent = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
        counts->events++;
        for (icalproperty *p = icalcomponent_get_first_property(vevent, ICAL_ANY_PROPERTY); p != NULL;
             p = icalcomponent_get_next_property(vevent, ICAL_ANY_PROPERTY)) {
            counts->properties++;
            if (icalproperty_isa(p) == ICAL_XLICERROR_PROPERTY) counts->errors++;
        }
        for (icalcomponent *valarm = icalcomponent_get_first_component(vevent, ICAL_VALARM_COMPONENT);
             valarm != NULL; valarm = icalcomponent_get_next_component(vevent, ICAL_VALARM_COMPONENT)) {
            counts->alarms++;
            count_errors(valarm, counts);
        }
    }
}

int main(int argc, char **argv)
{
    const char *mode = "string", *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            printf("usage: parse_events [--mode string|stream] FILE\n");
            return 0;
        }
        if (strcmp(argv[i], "--mode") == 0 && i + 1 < argc) {
            mode = argv[++i];
        } else if (path == NULL && argv[i][0] != '-') {
            path = argv[i];
        } else {
            usage_exit("unknown argument");
        }
    }
    if (path == NULL) usage_exit("which file?");
    if (strcmp(mode, "string") != 0 && strcmp(mode, "stream") != 0) usage_exit("--mode is string or stream");

    /* As TimeZoneLibrary does once at start-up. */
    icalerror_set_errors_are_fatal(0);
    (void)icaltimezone_get_builtin_timezones();
    (void)icaltimezone_get_utc_timezone();

    double start = now_seconds();
    icalcomponent *root;
    size_t bytes = 0;
    if (strcmp(mode, "string") == 0) {
        char *text = read_file(path, &bytes);
        root = icalparser_parse_string(text);
        free(text);
    } else {
        FILE *file = fopen(path, "rb");
        if (file == NULL) {
            fprintf(stderr, "parse_events: cannot open %s: %s\n", path, strerror(errno));
            return 1;
        }
        icalparser *parser = icalparser_new();
        icalparser_set_gen_data(parser, file);
        root = icalparser_parse(parser, read_stream);
        icalparser_free(parser);
        bytes = (size_t)ftell(file);
        fclose(file);
    }
    double parsed = now_seconds() - start;
    if (root == NULL) {
        fprintf(stderr, "parse_events: libical could not parse %s\n", path);
        return 1;
    }

    struct counts counts = {0, 0, 0, 0};
    if (icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT) {
        walk_calendar(root, &counts);
    } else {
        for (icalcomponent *calendar = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT);
             calendar != NULL; calendar = icalcomponent_get_next_component(root, ICAL_VCALENDAR_COMPONENT)) {
            walk_calendar(calendar, &counts);
        }
    }
    double walked = now_seconds() - start - parsed;
    icalcomponent_free(root);
    double freed = now_seconds() - start - parsed - walked;
    printf("c-%s events=%ld properties=%ld alarms=%ld errors=%ld bytes=%zu parse_s=%.3f walk_s=%.3f free_s=%.3f\n",
           mode, counts.events, counts.properties, counts.alarms, counts.errors, bytes, parsed, walked, freed);
    return 0;
}
