#include "model/timestamp.h"

#include <chrono>
#include <cstdio>

namespace nbr::sim {
namespace {

constexpr int64_t kMicrosPerDay = 86400LL * 1000000;

// Howard Hinnant's days_from_civil and civil_from_days.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct Civil {
  int64_t year;
  unsigned month, day;
};

Civil CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// "2026-12-03T16:02:55" (or with a space), without fraction or zone.
std::string DateTimeBase(int64_t micros, char separator) {
  int64_t days = FloorDiv(micros, kMicrosPerDay);
  int64_t in_day = micros - days * kMicrosPerDay;
  Civil c = CivilFromDays(days);
  int64_t secs = in_day / 1000000;
  char buf[96];
  std::snprintf(buf, sizeof(buf), "%04lld-%02u-%02u%c%02lld:%02lld:%02lld",
                static_cast<long long>(c.year), c.month, c.day, separator,
                static_cast<long long>(secs / 3600),
                static_cast<long long>(secs / 60 % 60),
                static_cast<long long>(secs % 60));
  return buf;
}

int64_t SubSecond(int64_t micros) {
  int64_t r = micros % 1000000;
  return r < 0 ? r + 1000000 : r;
}

std::string Fraction(int64_t micros, int digits) {
  int64_t frac = SubSecond(micros);
  if (frac == 0) {
    return "";
  }
  char buf[16];
  std::snprintf(buf, sizeof(buf), ".%06lld", static_cast<long long>(frac));
  return std::string(buf, 1 + digits);
}

}  // namespace

std::optional<Timestamp> Timestamp::Parse(const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, used = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &used) != 3 || used != 10) {
    return std::nullopt;
  }
  Timestamp ts;
  ts.date_only = text.size() == 10;
  int64_t micros = DaysFromCivil(y, mo, d) * kMicrosPerDay;
  if (!ts.date_only) {
    if (text[10] != 'T' && text[10] != ' ') {
      return std::nullopt;
    }
    if (std::sscanf(text.c_str() + 11, "%2d:%2d:%2d%n", &h, &mi, &s, &used) != 3) {
      return std::nullopt;
    }
    micros += (h * 3600LL + mi * 60LL + s) * 1000000;
    size_t pos = 11 + used;
    if (pos < text.size() && text[pos] == '.') {
      int64_t frac = 0;
      int digits = 0;
      for (++pos; pos < text.size() && isdigit(static_cast<unsigned char>(text[pos]));
           ++pos) {
        if (digits++ < 6) {
          frac = frac * 10 + (text[pos] - '0');
        }
      }
      for (; digits < 6; ++digits) {
        frac *= 10;
      }
      micros += frac;
    }
    std::string zone = text.substr(pos);
    int zh = 0, zm = 0;
    char sign = 0;
    if (!zone.empty() && zone != "Z") {
      if (std::sscanf(zone.c_str(), "%c%2d:%2d", &sign, &zh, &zm) != 3 ||
          (sign != '+' && sign != '-')) {
        return std::nullopt;
      }
      int64_t offset = (zh * 3600LL + zm * 60LL) * 1000000;
      micros += sign == '+' ? -offset : offset;
    }
  }
  ts.micros = micros;
  return ts;
}

Timestamp Timestamp::Now() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  return {std::chrono::duration_cast<std::chrono::microseconds>(now).count(), false};
}

std::string Timestamp::Date() const {
  return DateTimeBase(micros, 'T').substr(0, 10);
}

std::string Timestamp::Rest() const {
  return DateTimeBase(micros, 'T') + Fraction(micros, 6) + "Z";
}

std::string Timestamp::Snapshot() const {
  return DateTimeBase(micros, 'T') + Fraction(micros, 3) + "Z";
}

std::string Timestamp::Python(bool space_separator) const {
  return DateTimeBase(micros, space_separator ? ' ' : 'T') + Fraction(micros, 6) +
         "+00:00";
}

}  // namespace nbr::sim
