#include "common/clock.h"

#include <cctype>
#include <cstdio>
#include <ctime>

namespace nbr {
namespace {

bool ReadDigits(std::string_view text, size_t& pos, size_t count, int& out) {
  if (pos + count > text.size()) {
    return false;
  }
  int value = 0;
  for (size_t i = 0; i < count; ++i) {
    char c = text[pos + i];
    if (!std::isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
    value = value * 10 + (c - '0');
  }
  pos += count;
  out = value;
  return true;
}

bool Expect(std::string_view text, size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) {
    return false;
  }
  ++pos;
  return true;
}

}  // namespace

std::string FormatTimestamp(TimePoint t) {
  auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch());
  auto secs = std::chrono::floor<std::chrono::seconds>(micros);
  long long frac = (micros - secs).count();
  std::time_t tt = static_cast<std::time_t>(secs.count());
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                tm.tm_sec, frac);
  return buf;
}

Result<TimePoint> ParseTimestamp(std::string_view text) {
  auto bad = [&] {
    return InvalidArgument("not a timestamp: '" + std::string(text) + "'");
  };
  size_t pos = 0;
  int year, month, day, hour, minute, second;

  // 1. Date and time, with 'T' or ' ' between them.
  if (!ReadDigits(text, pos, 4, year) || !Expect(text, pos, '-') ||
      !ReadDigits(text, pos, 2, month) || !Expect(text, pos, '-') ||
      !ReadDigits(text, pos, 2, day)) {
    return bad();
  }
  if (pos >= text.size() || (text[pos] != 'T' && text[pos] != ' ' && text[pos] != 't')) {
    return bad();
  }
  ++pos;
  if (!ReadDigits(text, pos, 2, hour) || !Expect(text, pos, ':') ||
      !ReadDigits(text, pos, 2, minute) || !Expect(text, pos, ':') ||
      !ReadDigits(text, pos, 2, second)) {
    return bad();
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 ||
      second > 60) {
    return bad();
  }

  // 2. Optional fraction, kept to microseconds.
  long long micros = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    size_t digits = 0;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      if (digits < 6) {
        micros = micros * 10 + (text[pos] - '0');
      }
      ++digits;
      ++pos;
    }
    if (digits == 0 || digits > 9) {
      return bad();
    }
    for (size_t i = digits; i < 6; ++i) {
      micros *= 10;
    }
  }

  // 3. Offset.
  int offset_minutes = 0;
  if (pos < text.size()) {
    char c = text[pos];
    if (c == 'Z' || c == 'z') {
      ++pos;
    } else if (c == '+' || c == '-') {
      ++pos;
      int oh, om;
      if (!ReadDigits(text, pos, 2, oh)) {
        return bad();
      }
      Expect(text, pos, ':');
      if (!ReadDigits(text, pos, 2, om) || oh > 23 || om > 59) {
        return bad();
      }
      offset_minutes = (c == '+' ? 1 : -1) * (oh * 60 + om);
    } else {
      return bad();
    }
  }
  if (pos != text.size()) {
    return bad();
  }

  // 4. Days from the civil date (proleptic Gregorian), then seconds.
  auto ymd = std::chrono::year{year} / std::chrono::month{static_cast<unsigned>(month)} /
             std::chrono::day{static_cast<unsigned>(day)};
  if (!ymd.ok()) {
    return bad();
  }
  auto days = std::chrono::sys_days(ymd);
  TimePoint t = days + std::chrono::hours(hour) + std::chrono::minutes(minute) +
                std::chrono::seconds(second) + std::chrono::microseconds(micros) -
                std::chrono::minutes(offset_minutes);
  return t;
}

}  // namespace nbr
