#ifndef AHSCT_CQRENCODE_SHIM_H
#define AHSCT_CQRENCODE_SHIM_H

#include <qrencode.h>

#endif
