// Which state of the store a run of read calls saw, so that a question made of several
// calls can tell whether a write landed between them (and ask again; see
// services/query/one_state.h).
//
// The store counts its write batches in a generation, seqlock style
// (RocksEngine::CommitGeneration): odd while a batch is landing, even otherwise; each
// batch moves it on by two. Each read call of RocksGraphStore sees exactly one state; it
// reports that state's generation here, or "uncertain" when it cannot name it (its
// snapshot was taken while a batch was landing). Calls made while no observer is installed in the thread report
// to nobody, at the cost of one thread-local load.
//
// Reads through RemoteGraphStore report too: kg-stored observes each read call and sends
// what it saw in the call's trailing metadata (kReadGenerationKey, text form below), and
// RemoteGraphStore notes it in the calling thread. A server that sends none (an older
// kg-stored) leaves the observation unchanged: such reads are simply not checked.
#ifndef KG_STORAGE_READ_GENERATION_H_
#define KG_STORAGE_READ_GENERATION_H_

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace kg::storage {

// What the reads noted while an observer was installed.
struct ReadGenerations {
  uint64_t min = std::numeric_limits<uint64_t>::max();
  uint64_t max = 0;
  bool uncertain = false;  // some read could not name its state
  int calls = 0;           // reads noted

  // True if every read noted saw one and the same state (also when there were none).
  bool OneState() const { return !uncertain && (calls == 0 || min == max); }
};

// Installs `sink` as this thread's observer for its lifetime. Observers nest: the
// innermost one sees the reads, and on destruction adds what it saw to the one it hid.
class ScopedReadObserver {
 public:
  explicit ScopedReadObserver(ReadGenerations* sink);
  ~ScopedReadObserver();
  ScopedReadObserver(const ScopedReadObserver&) = delete;
  ScopedReadObserver& operator=(const ScopedReadObserver&) = delete;

 private:
  ReadGenerations* sink_;
  ReadGenerations* hidden_;
};

// Notes one read call of this thread: it saw the state of `generation`, or, when not
// `certain`, a state it cannot name. No-op without an observer.
void NoteRead(uint64_t generation, bool certain);

// Adds `seen` to this thread's observer, if any (as if its reads were made here).
void NoteReads(const ReadGenerations& seen);

// The trailing-metadata key kg-stored answers read calls with.
inline constexpr char kReadGenerationKey[] = "kg-read-generation";

// Text form: "<n>" (all reads saw generation n) or "<min>-<max>", with a trailing "?"
// if some read was uncertain; "" when no read was noted.
std::string FormatReadGenerations(const ReadGenerations& seen);
// The inverse. Text that is not of that form parses as one uncertain read: a reply we
// cannot understand proves nothing about the state it came from.
ReadGenerations ParseReadGenerations(std::string_view text);

}  // namespace kg::storage

#endif  // KG_STORAGE_READ_GENERATION_H_
