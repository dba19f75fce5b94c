#include <array>
#include <functional>
#include <mutex>
#include <unordered_map>

#include "text/text.h"
#include "text/word_shapes.h"

namespace dossier::text {

// Sharded so that threads shaping different names rarely wait on each other.
struct ShapeCache::Shards {
  struct Shard {
    std::mutex mutex;
    std::unordered_map<std::string, std::shared_ptr<const ShapedText>> entries;
  };
  std::array<Shard, 16> shards;
};

ShapeCache::ShapeCache(const FontLibrary& fonts)
    : fonts_(fonts),
      shards_(std::make_unique<Shards>()),
      words_(std::make_unique<WordShapes>(fonts)) {}
ShapeCache::~ShapeCache() = default;

std::shared_ptr<const ShapedText> ShapeCache::get(std::string_view utf8, const Style& style) {
  std::string key;
  key.reserve(utf8.size() + style.role.size() + style.language.size() + style.region.size() + 3);
  key.append(style.role).append(1, '\x1f').append(style.language).append(1, '\x1f');
  key.append(style.region).append(1, '\x1f').append(utf8);
  auto& shard = shards_->shards[std::hash<std::string>{}(key) % shards_->shards.size()];
  {
    std::lock_guard lock(shard.mutex);
    auto it = shard.entries.find(key);
    if (it != shard.entries.end()) return it->second;
  }
  // Shaped outside the lock; if two threads race, both results are equal.
  auto shaped = std::make_shared<const ShapedText>(shape(fonts_, utf8, style, *words_));
  if (!shaped->missing.empty()) saw_missing_ = true;
  std::lock_guard lock(shard.mutex);
  return shard.entries.emplace(std::move(key), std::move(shaped)).first->second;
}

std::shared_ptr<const ShapedText> ShapeCache::shape_once(std::string_view utf8,
                                                         const Style& style) {
  auto shaped = std::make_shared<const ShapedText>(shape(fonts_, utf8, style, *words_));
  if (!shaped->missing.empty()) saw_missing_ = true;
  return shaped;
}

std::size_t ShapeCache::size() const {
  std::size_t n = 0;
  for (auto& shard : shards_->shards) {
    std::lock_guard lock(shard.mutex);
    n += shard.entries.size();
  }
  return n;
}

}  // namespace dossier::text
