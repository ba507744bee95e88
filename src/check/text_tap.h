// A text source that shows every chunk it passes on to observers: the checksum, the
// placeholder scanner and the `runway:ignore` watch see the text the statement splitter reads,
// in the same single read of the script.
#pragma once

#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "runway/text_source.h"

namespace runway {

class TextTap final : public TextSource {
 public:
  using Observer = std::function<void(std::string_view chunk)>;

  explicit TextTap(std::unique_ptr<TextSource> inner) : inner_(std::move(inner)) {}

  void observe(Observer observer) { observers_.push_back(std::move(observer)); }
  Result<std::size_t> read(std::span<char> buffer) override;
  // Reads the rest of the text, so that the observers see all of it.
  Result<void> drain();

 private:
  std::unique_ptr<TextSource> inner_;
  std::vector<Observer> observers_;
};

}  // namespace runway
