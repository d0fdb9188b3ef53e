/*
 * bcryptprimitives.dll for the wine test rig only (scripts/windows/rig.ts builds it
 * into the prefix's system32). Rust's std imports ProcessPrng from this DLL, which
 * every supported Windows has and wine 8 lacks; this stand-in fills the buffer from
 * RtlGenRandom (advapi32's SystemFunction036), which wine has.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
