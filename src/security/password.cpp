#include "security/password.h"

#include <sodium.h>

#include <cctype>

namespace abis::security {

Status init_crypto() {
  static const int rc = sodium_init();
  if (rc < 0) return internal_error("libsodium failed to initialise");
  return Status::ok();
}

Result<std::string> hash_password(std::string_view password) {
  ABIS_RETURN_IF_ERROR(init_crypto());
  char out[crypto_pwhash_STRBYTES];
  // Interactive limits: ~64 MiB and a few tens of ms, the libsodium recommendation for logins.
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return internal_error("password hashing ran out of memory");
  }
  return std::string(out);
}

bool verify_password(std::string_view password, const std::string& stored_hash) {
  if (init_crypto().is_ok() == false) return false;
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

std::string new_secret() {
  (void)init_crypto();
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string secret_digest(std::string_view secret) {
  (void)init_crypto();
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(secret.data()),
                     secret.size(), nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

Status check_password_policy(std::string_view password, int min_length) {
  if (static_cast<int>(password.size()) < min_length) {
    return unprocessable("password is too short: at least " + std::to_string(min_length) +
                         " characters are required");
  }
  if (password.size() > 1024) return unprocessable("password is longer than 1024 characters");
  int classes = 0;
  bool lower = false, upper = false, digit = false, other = false;
  for (unsigned char c : password) {
    if (std::islower(c)) lower = true;
    else if (std::isupper(c)) upper = true;
    else if (std::isdigit(c)) digit = true;
    else other = true;
  }
  classes = lower + upper + digit + other;
  if (classes < 2) {
    return unprocessable("password must mix at least two of: lower case, upper case, digits, other");
  }
  return Status::ok();
}

}  // namespace abis::security
