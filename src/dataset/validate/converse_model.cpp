#include "dataset/validate/converse_model.hpp"

#include <array>

namespace nova::dataset {

namespace {

constexpr std::array<std::string_view, 4> kNova1ImageFormats{"jpeg", "png", "gif", "webp"};
// Choice: no webp on Nova 2, as the reference and the Bedrock Nova 2 guide, although Nova 2
// inference accepts webp and newer reference releases allow it.
constexpr std::array<std::string_view, 3> kNova2ImageFormats{"png", "jpeg", "gif"};
constexpr std::array<std::string_view, 4> kNova1VideoFormats{"mov", "mkv", "mp4", "webm"};
constexpr std::array<std::string_view, 3> kNova2VideoFormats{"mov", "mkv", "mp4"};

}  // namespace

ConverseModel converse_model(Model model) {
  const bool nova2 = model_version(model) == Version::TWO;
  ConverseModel rules{model, nova2, model != Model::NOVA_MICRO, {}, {}, {}, {}};
  if (nova2) {
    rules.image_formats = kNova2ImageFormats;
    rules.image_formats_text = "['png', 'jpeg', 'gif']";
    rules.video_formats = kNova2VideoFormats;
    rules.video_formats_text = "['mov', 'mkv', 'mp4']";
  } else {
    rules.image_formats = kNova1ImageFormats;
    rules.image_formats_text = "['jpeg', 'png', 'gif', 'webp']";
    rules.video_formats = kNova1VideoFormats;
    rules.video_formats_text = "['mov', 'mkv', 'mp4', 'webm']";
  }
  return rules;
}

}  // namespace nova::dataset
