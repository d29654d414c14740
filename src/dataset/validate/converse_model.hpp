#pragma once
// What a model accepts in Converse records (SFT and DPO), per the reference's rules:
//
//   capability   micro  lite  pro  lite2
//   image        no     yes   yes  yes    Nova 1: jpeg/png/gif/webp, Nova 2: png/jpeg/gif
//   video        no     yes   yes  yes    Nova 1: mov/mkv/mp4/webm,  Nova 2: mov/mkv/mp4
//   document     no     no    no   yes    pdf
//   reasoning    no     no    no   yes    reasoningContent blocks
//   tools        no     no    no   yes    toolConfig

#include <span>
#include <string_view>

#include "nova/enums.hpp"

namespace nova::dataset {

struct ConverseModel {
  Model model;
  bool nova2;  // version TWO: documents, reasoning, toolConfig
  bool media;  // images, videos, documents at all (not Nova Micro)
  std::span<const std::string_view> image_formats;
  std::string_view image_formats_text;  // as Python prints the list
  std::span<const std::string_view> video_formats;
  std::string_view video_formats_text;
};

ConverseModel converse_model(Model model);

}  // namespace nova::dataset
