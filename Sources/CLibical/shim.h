#ifndef AHSCT_CLIBICAL_SHIM_H
#define AHSCT_CLIBICAL_SHIM_H

#include <libical/ical.h>

/// `icalerrno` is a macro over a per-thread variable; Swift cannot import it.
static inline icalerrorenum ahsct_icalerrno(void) { return icalerrno; }

/// Clears the per-thread libical error state before a call whose outcome we check.
static inline void ahsct_clear_icalerrno(void) { icalerror_clear_errno(); }

#endif
