// The word index; see word_index.h.
#include "services/ingest/places/word_index.h"

#include <algorithm>

#include "services/ingest/places/place_text.h"

namespace kg::ingest::places {
namespace {

// A table position from a hash: FNV's low bits depend only on the low bits of the
// characters, so the position takes multiplied-in high bits instead.
size_t Position(uint64_t hash, size_t mask) {
  return static_cast<size_t>((hash * 0x9E3779B97F4A7C15ULL) >> 32) & mask;
}

}  // namespace

void WordIndex::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(std::max<size_t>(16, old.size() * 2), Slot{});
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.length == 0) continue;
    size_t p = Position(s.hash, mask);
    while (slots_[p].length != 0) p = (p + 1) & mask;
    slots_[p] = s;
  }
}

void WordIndex::Add(std::u32string_view word, int value) {
  if (word.empty() || Find(word) >= 0) return;
  if ((size_ + 1) * 2 > slots_.size()) Grow();
  Slot slot;
  slot.hash = NameHash(word);
  slot.offset = static_cast<uint32_t>(arena_.size());
  slot.length = static_cast<uint32_t>(word.size());
  slot.value = value;
  arena_.append(word);
  const size_t mask = slots_.size() - 1;
  size_t p = Position(slot.hash, mask);
  while (slots_[p].length != 0) p = (p + 1) & mask;
  slots_[p] = slot;
  ++size_;
  max_length_ = std::max(max_length_, word.size());

  // The longest word per first character.
  const char32_t first = word[0];
  if (first < kBmp) {
    if (bmp_max_.empty()) bmp_max_.assign(kBmp, 0);
    bmp_max_[first] =
        static_cast<uint8_t>(std::min<size_t>(255, std::max<size_t>(bmp_max_[first], word.size())));
  }
  auto find_first = [this](char32_t c) -> FirstSlot* {
    if (firsts_.empty()) return nullptr;
    const size_t m = firsts_.size() - 1;
    for (size_t q = Position(c, m);; q = (q + 1) & m) {
      if (firsts_[q].first == c) return &firsts_[q];
      if (firsts_[q].first == 0) return nullptr;
    }
  };
  if (FirstSlot* f = find_first(first)) {
    f->max_length = std::max<uint32_t>(f->max_length, slot.length);
    return;
  }
  if ((first_count_ + 1) * 2 > firsts_.size()) {
    std::vector<FirstSlot> old = std::move(firsts_);
    firsts_.assign(std::max<size_t>(16, old.size() * 2), FirstSlot{});
    const size_t m = firsts_.size() - 1;
    for (const FirstSlot& f : old) {
      if (f.first == 0) continue;
      size_t q = Position(f.first, m);
      while (firsts_[q].first != 0) q = (q + 1) & m;
      firsts_[q] = f;
    }
  }
  const size_t m = firsts_.size() - 1;
  size_t q = Position(first, m);
  while (firsts_[q].first != 0) q = (q + 1) & m;
  firsts_[q] = {first, slot.length};
  ++first_count_;
}

int WordIndex::Find(uint64_t hash, std::u32string_view word) const {
  if (slots_.empty() || word.empty() || word.size() > max_length_) return -1;
  const size_t mask = slots_.size() - 1;
  for (size_t p = Position(hash, mask);; p = (p + 1) & mask) {
    const Slot& s = slots_[p];
    if (s.length == 0) return -1;
    if (s.hash == hash && s.length == word.size() &&
        std::u32string_view(arena_).substr(s.offset, s.length) == word) {
      return s.value;
    }
  }
}

size_t WordIndex::LookUpFirst(char32_t first) const {
  if (firsts_.empty() || first == 0) return 0;
  const size_t mask = firsts_.size() - 1;
  for (size_t q = Position(first, mask);; q = (q + 1) & mask) {
    if (firsts_[q].first == first) return firsts_[q].max_length;
    if (firsts_[q].first == 0) return 0;
  }
}

}  // namespace kg::ingest::places
