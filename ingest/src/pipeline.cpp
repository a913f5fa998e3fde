#include "chipgraph/ingest/pipeline.hpp"

#include <fmt/format.h>
#include <pthread.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

namespace chipgraph::ingest {

namespace {

using Clock = std::chrono::steady_clock;

struct Extracted {
    Document doc;
    Extraction extraction;
    std::string hash;  // content_hash(doc.text)
};

// The second stage of the pipeline: writes what the calling thread extracted, in order,
// on a thread of its own, so that extracting the next article and writing the last one
// overlap. Batches hold whole documents only: WriteOptions::batch_documents or half a
// second per transaction, and never an idle write lock while the extractor works on a
// long article.
class Writer {
public:
    Writer(Store& store, const WriteOptions& options)
        : store_(store), batch_documents_(std::max(options.batch_documents, 1)), thread_([this] { run(); }) {}

    // Stops at the end of the queue; what was written stays committed.
    ~Writer() {
        try {
            finish();
        } catch (...) {
        }
    }

    // Blocks while the queue is full. Throws the writer's error, if it stopped on one.
    void push(Extracted&& item) {
        std::vector<Extracted> written;  // destroyed here, once the lock is released
        std::unique_lock lock(mutex_);
        space_.wait(lock, [&] { return queue_.size() < kQueued || error_; });
        if (error_) std::rethrow_exception(error_);
        queue_.push_back(std::move(item));
        written.swap(written_);
        // Woken for a few documents at a time: each wake-up costs both threads more than
        // writing a short document.
        if (queue_.size() >= kWakeAt) ready_.notify_one();
    }

    // Waits until everything queued is written and committed; rethrows the writer's error.
    IngestSummary finish() {
        {
            std::lock_guard lock(mutex_);
            closed_ = true;
            ready_.notify_one();
        }
        if (thread_.joinable()) thread_.join();
        if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
        return counts_;
    }

private:
    static constexpr std::size_t kQueued = 8, kWakeAt = 4;
    static constexpr auto kBatchTime = std::chrono::milliseconds(500);

    void run() {
        pthread_setname_np(pthread_self(), "chipgraph-write");  // for top, perf and gdb
        try {
            auto batch_started = Clock::now();
            int in_batch = 0;
            bool draining = false;  // once woken, writes until the queue is empty
            for (;;) {
                std::optional<Extracted> item;
                {
                    std::unique_lock lock(mutex_);
                    if (queue_.empty()) draining = false;
                    // Nothing to write for a while: commit rather than hold the lock idle.
                    if (!ready_.wait_for(lock, std::chrono::milliseconds(100),
                                         [&] { return closed_ || queue_.size() >= (draining ? 1 : kWakeAt); })) {
                        lock.unlock();
                        store_.commit_batch();
                        continue;
                    }
                    if (queue_.empty()) break;  // closed and drained
                    draining = true;
                    item.emplace(std::move(queue_.front()));
                    queue_.pop_front();
                    space_.notify_one();
                }
                if (!store_.in_batch()) {
                    store_.begin_batch();
                    batch_started = Clock::now();
                    in_batch = 0;
                }
                IngestResult r = store_.ingest(item->doc, item->extraction, item->hash);
                if (++in_batch >= batch_documents_ || Clock::now() - batch_started > kBatchTime) store_.commit_batch();
                switch (r.outcome) {
                    case IngestOutcome::added:
                        ++counts_.documents_added;
                        break;
                    case IngestOutcome::replaced:
                        ++counts_.documents_replaced;
                        break;
                    case IngestOutcome::unchanged:
                        ++counts_.documents_unchanged;
                        break;
                }
                counts_.entities_added += r.entities_added;
                counts_.claims_added += r.claims_added;
                // Freed by the thread that allocated it: mimalloc frees another thread's
                // memory the slow way, and the extractor reuses its own while it is warm.
                std::lock_guard lock(mutex_);
                written_.push_back(std::move(*item));
            }
            store_.commit_batch();
        } catch (...) {
            try {
                store_.commit_batch();  // the documents written before the error are whole
            } catch (...) {
            }
            std::lock_guard lock(mutex_);
            error_ = std::current_exception();
            space_.notify_all();
        }
    }

    Store& store_;
    const int batch_documents_;
    std::mutex mutex_;
    std::condition_variable ready_, space_;
    std::deque<Extracted> queue_;
    std::vector<Extracted> written_;  // for the pushing thread to destroy
    bool closed_ = false;
    std::exception_ptr error_;
    IngestSummary counts_;  // the writer's own counts, read after join
    std::thread thread_;    // last: starts once the members above exist
};

}  // namespace

IngestSummary ingest_paths(Store& store, const Extractor& extractor, const std::vector<std::string>& paths,
                           const std::function<void(const InputIssue&, bool)>& on_issue, const ReadOptions& options,
                           const WriteOptions& writing) {
    IngestSummary summary;
    auto report = [&](const InputIssue& issue, bool skipped) {
        (skipped ? summary.skipped : summary.warnings).push_back(issue);
        if (on_issue) on_issue(issue, skipped);
    };
    // Lookups on a connection of their own: the writer's belongs to its thread. It sees
    // committed documents; those of this run are remembered here.
    Store lookup(store.path());
    std::unordered_map<std::string, std::string> this_run;  // content hash -> source
    Writer writer(store, writing);

    ReadCallbacks callbacks;
    callbacks.on_skipped = [&](const InputIssue& issue) { report(issue, true); };
    callbacks.on_warning = [&](const InputIssue& issue) { report(issue, false); };
    callbacks.on_document = [&](Document&& doc) {
        summary.bytes += doc.text.size();
        const std::string hash = content_hash(doc.text);
        if (lookup.has_document(doc.source, hash)) {
            ++summary.documents_unchanged;
            return;
        }
        std::optional<std::string> other = lookup.source_with_hash(hash);
        if (auto it = this_run.find(hash); !other && it != this_run.end()) other = it->second;
        if (other && *other != doc.source)
            report({doc.source, 0, fmt::format("same text as {}: ingested again under its own name", *other)}, false);
        this_run.emplace(hash, doc.source);
        if (doc.language.empty()) doc.language = detect_language(doc.text);
        if (doc.language != "fr" && doc.language != "en")
            report({doc.source, 0,
                    doc.language.empty() ? std::string("language not recognized; extracted with the English rules")
                                         : fmt::format("language '{}' is not supported; extracted with the "
                                                       "English rules",
                                                       doc.language)},
                   false);
        Extraction extraction = extractor.extract(doc);
        for (const auto& w : extraction.warnings) report({doc.source, 0, w}, false);
        writer.push({std::move(doc), std::move(extraction), hash});
    };
    read_inputs(paths, callbacks, options);
    IngestSummary written = writer.finish();
    summary.documents_added += written.documents_added;
    summary.documents_replaced += written.documents_replaced;
    summary.documents_unchanged += written.documents_unchanged;
    summary.entities_added += written.entities_added;
    summary.claims_added += written.claims_added;
    return summary;
}

}  // namespace chipgraph::ingest
