// Password and secret hashing with libsodium: argon2id for passwords (memory-hard, salted, the
// parameters stored in the hash string so they can be raised later), and a keyed BLAKE2b digest
// for session tokens and workstation keys, which are long random secrets and need no slow hash.
// Thread-safe (libsodium is initialised once).
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace abis::security {

Status init_crypto();

Result<std::string> hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& stored_hash);

// A fresh random secret for a session token or a workstation key: 32 bytes as 43 url-safe
// base64 characters.
std::string new_secret();
// Hex digest of a secret, what the store keeps instead of the secret itself.
std::string secret_digest(std::string_view secret);

// Checks the password policy: length from config, not all one character class.
Status check_password_policy(std::string_view password, int min_length);

}  // namespace abis::security
