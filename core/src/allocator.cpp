// Linked into the programs that use mimalloc (CMakeLists.txt, CHIPGRAPH_MIMALLOC).
#include <mimalloc.h>

namespace {

// 2 MiB pages where the system grants them (transparent huge pages): an ingest fills
// SQLite's page cache and the extractor's working set page by page, and in a virtual
// machine each 4 KiB page fault is dear. 6 % less CPU per ingest (bench/ingest_bench).
// Set as a default, so that MIMALLOC_LARGE_OS_PAGES=0 still turns it off.
const bool kLargePages = [] {
    mi_option_set_enabled_default(mi_option_large_os_pages, true);
    return true;
}();

}  // namespace
