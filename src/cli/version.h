#pragma once
namespace abis::cli {
inline constexpr const char* kVersion = ABIS_VERSION;
}
