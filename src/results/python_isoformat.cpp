// Times as Python's datetime.isoformat() writes them and datetime.fromisoformat() reads them.

#include <fmt/format.h>

#include <cctype>

#include "nova/results.hpp"

namespace nova {
namespace {

using namespace std::chrono;

[[noreturn]] void bad_time(std::string_view text) {
  throw ValueError(fmt::format(
      "started_time '{}' is not an ISO 8601 time: expected e.g. 2026-01-30T12:34:56.123456+00:00 (fraction and "
      "offset optional, 'Z' accepted).",
      text));
}

// Reads exactly `n` digits at `pos`.
int digits(std::string_view text, std::size_t& pos, std::size_t n) {
  if (pos + n > text.size()) bad_time(text);
  int v = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const char c = text[pos + k];
    if (!std::isdigit(static_cast<unsigned char>(c))) bad_time(text);
    v = v * 10 + (c - '0');
  }
  pos += n;
  return v;
}

void expect(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) bad_time(text);
  ++pos;
}

bool at(std::string_view text, std::size_t pos, char c) { return pos < text.size() && text[pos] == c; }

// Fraction digits after '.', as microseconds (more than 6 digits are cut, as nanoseconds are not kept).
microseconds fraction(std::string_view text, std::size_t& pos) {
  const std::size_t start = pos;
  long long micros = 0;
  std::size_t n = 0;
  while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
    if (n < 6) micros = micros * 10 + (text[pos] - '0');
    ++n;
    ++pos;
  }
  if (pos == start) bad_time(text);
  for (; n < 6; ++n) micros *= 10;
  return microseconds(micros);
}

}  // namespace

std::string to_python_isoformat(system_clock::time_point time) {
  const auto micros = floor<microseconds>(time);
  const auto day = floor<days>(micros);
  const year_month_day ymd{day};
  const hh_mm_ss hms{micros - day};
  std::string out = fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}", static_cast<int>(ymd.year()),
                                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                                hms.hours().count(), hms.minutes().count(), hms.seconds().count());
  if (hms.subseconds().count() != 0) out += fmt::format(".{:06d}", hms.subseconds().count());
  return out + "+00:00";
}

system_clock::time_point parse_python_isoformat(std::string_view text) {
  std::size_t pos = 0;
  const int y = digits(text, pos, 4);
  expect(text, pos, '-');
  const int mo = digits(text, pos, 2);
  expect(text, pos, '-');
  const int d = digits(text, pos, 2);
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) bad_time(text);
  sys_time<microseconds> t = sys_days{ymd};
  if (pos < text.size()) {
    if (text[pos] != 'T' && text[pos] != ' ') bad_time(text);
    ++pos;
    const int h = digits(text, pos, 2);
    expect(text, pos, ':');
    const int mi = digits(text, pos, 2);
    int s = 0;
    if (at(text, pos, ':')) {
      ++pos;
      s = digits(text, pos, 2);
      if (at(text, pos, '.') || at(text, pos, ',')) {
        ++pos;
        t += fraction(text, pos);
      }
    }
    if (h > 23 || mi > 59 || s > 59) bad_time(text);
    t += hours(h) + minutes(mi) + seconds(s);
    if (at(text, pos, 'Z')) {
      ++pos;
    } else if (at(text, pos, '+') || at(text, pos, '-')) {
      const bool east = text[pos] == '+';
      ++pos;
      const int oh = digits(text, pos, 2);
      if (at(text, pos, ':')) ++pos;
      const int om = digits(text, pos, 2);
      if (oh > 23 || om > 59) bad_time(text);
      const auto offset = hours(oh) + minutes(om);
      t += east ? -offset : offset;  // local = UTC + offset
    }
    if (pos != text.size()) bad_time(text);
  }
  return time_point_cast<system_clock::duration>(t);
}

}  // namespace nova
