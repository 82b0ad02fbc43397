// Tests of the client's pure helpers: URLs, versions, tokens, error mapping
// and the rate limiter.
#include <gtest/gtest.h>

#include "common/clock.h"
#include "netbox/auth.h"
#include "netbox/http_errors.h"
#include "netbox/rate_limiter.h"
#include "netbox/url.h"
#include "netbox/version.h"

namespace nbr::netbox {
namespace {

TEST(UrlTest, SplitsABaseUrl) {
  auto plain = ParseBaseUrl("http://netbox.local");
  auto full = ParseBaseUrl("HTTPS://nb.example.net:8443/netbox/");
  auto v6 = ParseBaseUrl("http://[::1]:8000");

  ASSERT_TRUE(plain.ok() && full.ok() && v6.ok());
  EXPECT_EQ(plain->port, 80);
  EXPECT_EQ(plain->prefix, "");
  EXPECT_EQ(full->scheme, "https");
  EXPECT_EQ(full->port, 8443);
  EXPECT_EQ(full->prefix, "/netbox");
  EXPECT_EQ(full->Origin(), "https://nb.example.net:8443");
  EXPECT_EQ(v6->host, "[::1]");
}

TEST(UrlTest, RefusesUnusableBaseUrls) {
  for (const char* url : {"netbox.local", "ftp://x", "http://", "http://h:0",
                          "http://h:99999", "http://h/?q=1", "http://user@h"}) {
    auto parsed = ParseBaseUrl(url);
    ASSERT_FALSE(parsed.ok()) << url;
    EXPECT_EQ(parsed.error().kind(), ErrorKind::kInvalidArgument);
  }
}

TEST(UrlTest, TakesPathAndQueryOutOfALink) {
  auto absolute = ParseLink("http://127.0.0.1:58000/api/dcim/devices/?limit=2&offset=2");
  auto relative = ParseLink("/api/dcim/devices/?limit=50&offset=50");

  ASSERT_TRUE(absolute.ok() && relative.ok());
  EXPECT_EQ(absolute->host, "127.0.0.1");
  EXPECT_EQ(absolute->port, 58000);
  EXPECT_EQ(absolute->path_and_query, "/api/dcim/devices/?limit=2&offset=2");
  EXPECT_EQ(relative->host, "");
  EXPECT_EQ(relative->path_and_query, "/api/dcim/devices/?limit=50&offset=50");
  EXPECT_FALSE(ParseLink("javascript:alert(1)").ok());
}

TEST(UrlTest, EncodesQueryValues) {
  EXPECT_EQ(BuildQuery({{"status", "planned"}, {"status", "a b"}, {"t", "+01:00"}}),
            "status=planned&status=a%20b&t=%2B01%3A00");
}

TEST(VersionTest, ReadsMajorAndMinorOfEveryForm) {
  struct Case {
    const char* text;
    int major, minor;
  };
  for (Case c : {Case{"4.5.10", 4, 5}, Case{"3.1.11", 3, 1}, Case{"v4.2.3-Docker", 4, 2},
                 Case{"4.3.0-beta1", 4, 3}, Case{"5.0", 5, 0}}) {
    auto info = ParseNetBoxVersion(c.text);
    ASSERT_TRUE(info.ok()) << c.text;
    EXPECT_EQ(info->major, c.major) << c.text;
    EXPECT_EQ(info->minor, c.minor) << c.text;
    EXPECT_EQ(info->netbox_version, c.text);
  }
  EXPECT_FALSE(ParseNetBoxVersion("develop").ok());
  EXPECT_FALSE(ParseNetBoxVersion("4").ok());
  EXPECT_FALSE(ParseNetBoxVersion("").ok());
}

TEST(AuthTest, PicksTheSchemeByTokenVersion) {
  EXPECT_EQ(AuthorizationValue(Secret("0123456789abcdef0123456789abcdef01234567")),
            "Token 0123456789abcdef0123456789abcdef01234567");
  EXPECT_EQ(AuthorizationValue(Secret("nbt_GoldenKey012.fedcba98")),
            "Bearer nbt_GoldenKey012.fedcba98");
}

TEST(AuthTest, RedactsTheTokenAndAV2SecretAlone) {
  Secret v1("0123456789abcdef0123456789abcdef01234567");
  Secret v2("nbt_GoldenKey012.fedcba9876543210");

  EXPECT_EQ(RedactToken("echo: Token 0123456789abcdef0123456789abcdef01234567!", v1),
            "echo: Token [redacted]!");
  EXPECT_EQ(RedactToken("nbt_GoldenKey012.fedcba9876543210 / fedcba9876543210", v2),
            "[redacted] / [redacted]");
  EXPECT_EQ(RedactToken("nothing here", Secret()), "nothing here");
}

TEST(HttpErrorsTest, MapsStatusesToTheContract) {
  EXPECT_EQ(ErrorFromAnswer("GET x", 404, R"({"detail":"Not found."})", "").kind(),
            ErrorKind::kNotFound);
  EXPECT_EQ(ErrorFromAnswer("GET x", 400, "{}", "").kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(ErrorFromAnswer("GET x", 401, "{}", "").kind(), ErrorKind::kPermissionDenied);
  EXPECT_EQ(ErrorFromAnswer("GET x", 403, "{}", "").kind(), ErrorKind::kPermissionDenied);
  EXPECT_EQ(ErrorFromAnswer("GET x", 412, "{}", "").kind(), ErrorKind::kConflict);
  EXPECT_EQ(ErrorFromAnswer("GET x", 429, "{}", "").kind(), ErrorKind::kUnavailable);
  EXPECT_EQ(ErrorFromAnswer("GET x", 500, "{}", "").kind(), ErrorKind::kUnavailable);
  EXPECT_EQ(ErrorFromAnswer("GET x", 503, "", "").kind(), ErrorKind::kUnavailable);
  EXPECT_EQ(ErrorFromAnswer("GET x", 302, "", "").kind(), ErrorKind::kInternal);
}

TEST(HttpErrorsTest, CarriesDetailBodyAndRetryAfter) {
  Error denied = ErrorFromAnswer("GET x", 403, R"({"detail":"Invalid v1 token"})", "");
  Error bad = ErrorFromAnswer("PATCH x", 400,
                              R"({"status":["bogus is not a valid choice."]})", "");
  Error busy = ErrorFromAnswer("GET x", 429, "{}", "30");
  Error dated = ErrorFromAnswer("GET x", 503, "{}", "Wed, 21 Oct 2026 07:28:00 GMT");

  EXPECT_NE(denied.message().find("Invalid v1 token"), std::string::npos);
  EXPECT_NE(bad.message().find("bogus is not a valid choice."), std::string::npos);
  EXPECT_EQ(RetryAfterOf(busy), std::chrono::seconds(30));
  EXPECT_FALSE(RetryAfterOf(dated).has_value());
  EXPECT_NE(dated.message().find("07:28:00"), std::string::npos);
  EXPECT_FALSE(RetryAfterOf(denied).has_value());
}

TEST(RateLimiterTest, AllowsABurstThenTheRate) {
  FakeClock clock(TimePoint(std::chrono::seconds(1000)));
  RateLimiter limiter(5, clock);

  int granted = 0;
  while (limiter.TryAcquire()) {
    ++granted;
  }
  EXPECT_EQ(granted, 5);

  clock.Advance(std::chrono::milliseconds(400));
  EXPECT_TRUE(limiter.TryAcquire());
  EXPECT_TRUE(limiter.TryAcquire());
  EXPECT_FALSE(limiter.TryAcquire());

  clock.Advance(std::chrono::hours(1));  // refills up to the burst only
  granted = 0;
  while (limiter.TryAcquire()) {
    ++granted;
  }
  EXPECT_EQ(granted, 5);
  EXPECT_EQ(limiter.acquired(), 12u);
}

TEST(RateLimiterTest, ZeroMeansUnlimited) {
  FakeClock clock(TimePoint(std::chrono::seconds(1000)));
  RateLimiter limiter(0, clock);

  for (int i = 0; i < 10000; ++i) {
    ASSERT_TRUE(limiter.TryAcquire());
  }
  limiter.Acquire();
  EXPECT_EQ(limiter.acquired(), 10001u);
}

}  // namespace
}  // namespace nbr::netbox
