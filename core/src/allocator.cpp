// Linked into the programs that use mimalloc (CMakeLists.txt, CHIPGRAPH_MIMALLOC).
#include <mimalloc.h>

namespace {

// An ingest fills SQLite's page cache and the extractor's working set page by page, and
// in a virtual machine each page fault is dear. So: 2 MiB pages where the system grants
// them (transparent huge pages), 6 % less CPU per ingest (bench/ingest_bench); and memory
// kept once the program has it rather than given back and faulted in (and zeroed) again,
// 3 % less: the programs are short-lived and the pipeline bounds what they hold. Set as
// defaults, so that MIMALLOC_LARGE_OS_PAGES=0 or MIMALLOC_ALLOW_DECOMMIT=1 still win.
const bool kOptionsSet = [] {
    mi_option_set_enabled_default(mi_option_large_os_pages, true);
    mi_option_set_enabled_default(mi_option_allow_decommit, false);
    return true;
}();

}  // namespace
