#include "dataset/json/python_json_writer.hpp"

#include <charconv>
#include <cmath>
#include <cstring>

namespace nova::dataset {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void append_u_escape(std::string& out, std::uint32_t unit) {
  char buf[6] = {'\\', 'u', kHex[(unit >> 12) & 0xF], kHex[(unit >> 8) & 0xF], kHex[(unit >> 4) & 0xF],
                 kHex[unit & 0xF]};
  out.append(buf, 6);
}

// Decodes one UTF-8 sequence at text[i]; returns its length (1 for an invalid byte,
// which then stands for itself as U+FFFD would be wrong: input is validated upstream).
std::size_t decode_utf8(std::string_view text, std::size_t i, std::uint32_t& cp) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  auto cont = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(text[i + k]) & 0x3F); };
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  if ((b0 >> 5) == 0x6 && i + 1 < text.size()) {
    cp = ((b0 & 0x1Fu) << 6) | cont(1);
    return 2;
  }
  if ((b0 >> 4) == 0xE && i + 2 < text.size()) {
    cp = ((b0 & 0x0Fu) << 12) | (cont(1) << 6) | cont(2);
    return 3;
  }
  if ((b0 >> 3) == 0x1E && i + 3 < text.size()) {
    cp = ((b0 & 0x07u) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
    return 4;
  }
  cp = 0xFFFD;
  return 1;
}

// Eight bytes at a time: strings are mostly plain text, and a byte-at-a-time scan was half of
// `nova data transform`'s time. Each test is the exact "some byte is zero / below n" bit trick,
// so a word without a byte to escape is never sent to the byte loop and one with such a byte
// always is.
constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHighBits = 0x8080808080808080ull;

constexpr std::uint64_t zero_byte_bits(std::uint64_t x) { return (x - kOnes) & ~x & kHighBits; }

constexpr bool word_needs_escape(std::uint64_t x, bool ensure_ascii) {
  std::uint64_t found = ((x - kOnes * 0x20) & ~x & kHighBits)  // a control character
                        | zero_byte_bits(x ^ (kOnes * '"')) | zero_byte_bits(x ^ (kOnes * '\\'));
  if (ensure_ascii) found |= (x & kHighBits) | zero_byte_bits(x ^ (kOnes * 0x7F));
  return found != 0;
}

}  // namespace

void append_python_string(std::string& out, std::string_view text, bool ensure_ascii) {
  out.push_back('"');
  std::size_t run_start = 0;
  auto flush = [&](std::size_t end) {
    if (end > run_start) out.append(text.data() + run_start, end - run_start);
  };
  for (std::size_t i = 0; i < text.size();) {
    if (text.size() - i >= sizeof(std::uint64_t)) {
      std::uint64_t word = 0;
      std::memcpy(&word, text.data() + i, sizeof word);
      if (!word_needs_escape(word, ensure_ascii)) {
        i += sizeof word;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && (c < 0x7F || (!ensure_ascii))) {
      ++i;
      continue;
    }
    flush(i);
    if (c == '"') {
      out.append("\\\"");
    } else if (c == '\\') {
      out.append("\\\\");
    } else if (c == '\n') {
      out.append("\\n");
    } else if (c == '\r') {
      out.append("\\r");
    } else if (c == '\t') {
      out.append("\\t");
    } else if (c == '\b') {
      out.append("\\b");
    } else if (c == '\f') {
      out.append("\\f");
    } else if (c < 0x20 || c == 0x7F) {
      append_u_escape(out, c);
    } else {
      // ensure_ascii and a non-ASCII sequence
      std::uint32_t cp = 0;
      const std::size_t len = decode_utf8(text, i, cp);
      if (cp >= 0x10000) {
        const std::uint32_t v = cp - 0x10000;
        append_u_escape(out, 0xD800 + (v >> 10));
        append_u_escape(out, 0xDC00 + (v & 0x3FF));
      } else {
        append_u_escape(out, cp);
      }
      i += len;
      run_start = i;
      continue;
    }
    ++i;
    run_start = i;
  }
  flush(text.size());
  out.push_back('"');
}

void append_python_float(std::string& out, double v) {
  if (std::isnan(v)) {
    out.append("NaN");
    return;
  }
  if (std::isinf(v)) {
    out.append(v > 0 ? "Infinity" : "-Infinity");
    return;
  }
  // Shortest round-trip digits, as Python's repr uses.
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<std::size_t>(res.ptr - buf));
  bool negative = false;
  if (!sci.empty() && sci.front() == '-') {
    negative = true;
    sci.remove_prefix(1);
  }
  const auto epos = sci.find('e');
  std::string digits;
  for (char ch : sci.substr(0, epos)) {
    if (ch != '.') digits.push_back(ch);
  }
  int exp10 = 0;
  {
    auto exp_text = sci.substr(epos + 1);
    if (!exp_text.empty() && exp_text.front() == '+') exp_text.remove_prefix(1);
    std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exp10);
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const int decpt = exp10 + 1;  // position of the decimal point relative to digits
  if (negative) out.push_back('-');
  if (decpt <= -4 || decpt > 16) {
    out.push_back(digits[0]);
    if (digits.size() > 1) {
      out.push_back('.');
      out.append(digits, 1, std::string::npos);
    }
    out.push_back('e');
    const int e = decpt - 1;
    out.push_back(e < 0 ? '-' : '+');
    const int ae = e < 0 ? -e : e;
    if (ae < 10) out.push_back('0');
    out.append(std::to_string(ae));
    return;
  }
  if (decpt <= 0) {
    out.append("0.");
    out.append(static_cast<std::size_t>(-decpt), '0');
    out.append(digits);
  } else if (static_cast<std::size_t>(decpt) >= digits.size()) {
    out.append(digits);
    out.append(static_cast<std::size_t>(decpt) - digits.size(), '0');
    out.append(".0");
  } else {
    out.append(digits, 0, static_cast<std::size_t>(decpt));
    out.push_back('.');
    out.append(digits, static_cast<std::size_t>(decpt), std::string::npos);
  }
}

void PythonJsonWriter::newline_indent(std::size_t depth) {
  out_.push_back('\n');
  out_.append(depth * static_cast<std::size_t>(options_.indent), ' ');
}

void PythonJsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (stack_.empty()) return;
  Frame& f = stack_.back();
  if (f.items > 0) out_.append(options_.indent >= 0 ? "," : ", ");
  if (options_.indent >= 0) newline_indent(stack_.size());
  ++f.items;
}

void PythonJsonWriter::begin_object() {
  before_value();
  out_.push_back('{');
  stack_.push_back(Frame{true, 0});
}

void PythonJsonWriter::key(std::string_view name) {
  Frame& f = stack_.back();
  if (f.items > 0) out_.append(options_.indent >= 0 ? "," : ", ");
  if (options_.indent >= 0) newline_indent(stack_.size());
  ++f.items;
  append_python_string(out_, name, options_.ensure_ascii);
  out_.append(": ");
  after_key_ = true;
}

void PythonJsonWriter::end_object() {
  const Frame f = stack_.back();
  stack_.pop_back();
  if (options_.indent >= 0 && f.items > 0) newline_indent(stack_.size());
  out_.push_back('}');
}

void PythonJsonWriter::begin_array() {
  before_value();
  out_.push_back('[');
  stack_.push_back(Frame{false, 0});
}

void PythonJsonWriter::end_array() {
  {
    const Frame f = stack_.back();
    stack_.pop_back();
    if (options_.indent >= 0 && f.items > 0) newline_indent(stack_.size());
    out_.push_back(']');
  }
}

void PythonJsonWriter::string(std::string_view text) {
  before_value();
  append_python_string(out_, text, options_.ensure_ascii);
}

void PythonJsonWriter::null() {
  before_value();
  out_.append("null");
}

void PythonJsonWriter::boolean(bool v) {
  before_value();
  out_.append(v ? "true" : "false");
}

void PythonJsonWriter::integer(std::int64_t v) {
  before_value();
  char buf[32];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, static_cast<std::size_t>(res.ptr - buf));
}

void PythonJsonWriter::unsigned_integer(std::uint64_t v) {
  before_value();
  char buf[32];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, static_cast<std::size_t>(res.ptr - buf));
}

void PythonJsonWriter::floating(double v) {
  before_value();
  append_python_float(out_, v);
}

void PythonJsonWriter::value(simdjson::dom::element element) {
  using simdjson::dom::element_type;
  switch (element.type()) {
    case element_type::OBJECT: {
      begin_object();
      for (auto field : simdjson::dom::object(element)) {
        key(field.key);
        value(field.value);
      }
      end_object();
      break;
    }
    case element_type::ARRAY: {
      begin_array();
      for (auto item : simdjson::dom::array(element)) value(item);
      end_array();
      break;
    }
    case element_type::STRING:
      string(std::string_view(element));
      break;
    case element_type::INT64:
      integer(int64_t(element));
      break;
    case element_type::UINT64:
      unsigned_integer(uint64_t(element));
      break;
    case element_type::DOUBLE:
      floating(double(element));
      break;
    case element_type::BOOL:
      boolean(bool(element));
      break;
    case element_type::NULL_VALUE:
      null();
      break;
  }
}

std::string to_python_json(simdjson::dom::element element, bool ensure_ascii) {
  std::string out;
  PythonJsonWriter writer(out, PythonJsonWriter::Options{ensure_ascii, -1});
  writer.value(element);
  return out;
}

}  // namespace nova::dataset
