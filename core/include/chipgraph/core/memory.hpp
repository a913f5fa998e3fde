// Large buffers that are filled right after they are allocated: their pages mapped in one
// system call instead of one page fault per page.
//
// A page fault costs a kernel entry (in a virtual machine, an exit to the hypervisor as
// well): on the benchmark machine about 10 microseconds per 4 KiB page, so filling 1 GB
// page by page spends 3 s in faults, and 1 s when the pages are mapped in one call.
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace chipgraph {

// Maps the pages of [p, p + bytes) for writing, as writes would (MADV_POPULATE_WRITE,
// Linux 5.14 and later). Only a hint: does nothing for small ranges or where unsupported.
inline void populate(void* p, std::size_t bytes) {
#ifdef MADV_POPULATE_WRITE
    if (bytes < (std::size_t{1} << 20)) return;
    static const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    const auto begin = (reinterpret_cast<std::uintptr_t>(p) + page - 1) & ~(page - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(p) + bytes) & ~(page - 1);
    if (end > begin) (void)madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_WRITE);
#else
    (void)p, (void)bytes;
#endif
}

// v.reserve(n), with the pages of the room beyond v.size() mapped at once.
template <class T>
void reserve_populated(std::vector<T>& v, std::size_t n) {
    v.reserve(n);
    populate(v.data() + v.size(), (v.capacity() - v.size()) * sizeof(T));
}

// v.resize(n), mapping the new pages at once first.
template <class T>
void resize_populated(std::vector<T>& v, std::size_t n) {
    reserve_populated(v, n);
    v.resize(n);
}

}  // namespace chipgraph
