#include "dataset/validate/field_path.hpp"

namespace nova::dataset {

std::string FieldPath::str() const {
  std::string out;
  append_to(out);
  return out;
}

void FieldPath::append_to(std::string& out) const {
  if (kind_ == Kind::kRoot) return;
  parent_->append_to(out);
  if (kind_ == Kind::kKey) {
    if (!out.empty()) out += '.';
    out += name_;
  } else {
    out += '[';
    out += std::to_string(index_);
    out += ']';
  }
}

}  // namespace nova::dataset
