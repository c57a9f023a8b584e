#include "core/status.h"

#include <gtest/gtest.h>

namespace abis {
namespace {

Result<int> half(int x) {
  if (x % 2) return invalid_argument(std::to_string(x) + " is odd");
  return x / 2;
}

Result<int> quarter(int x) {
  ABIS_ASSIGN_OR_RETURN(int h, half(x));
  ABIS_ASSIGN_OR_RETURN(int q, half(h));
  return q;
}

TEST(Status, CodesMapToHttpAndExitCodes) {
  EXPECT_EQ(http_status_for(StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(http_status_for(StatusCode::kUnauthenticated), 401);
  EXPECT_EQ(http_status_for(StatusCode::kPermissionDenied), 403);
  EXPECT_EQ(http_status_for(StatusCode::kNotFound), 404);
  EXPECT_EQ(http_status_for(StatusCode::kAlreadyExists), 409);
  EXPECT_EQ(http_status_for(StatusCode::kTooLarge), 413);
  EXPECT_EQ(http_status_for(StatusCode::kUnprocessable), 422);
  EXPECT_EQ(exit_code_for(StatusCode::kOk), 0);
  EXPECT_NE(exit_code_for(StatusCode::kInvalidArgument), 0);
  EXPECT_EQ(status_code_name(StatusCode::kNotFound), "not_found");
}

TEST(Status, ResultPropagatesTheFirstError) {
  EXPECT_EQ(*quarter(8), 2);
  auto r = quarter(6);
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().message(), "3 is odd");
  EXPECT_EQ(r.status().with_context("quarter").message(), "quarter: 3 is odd");
}

}  // namespace
}  // namespace abis
