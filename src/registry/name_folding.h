// Case folding of person names for search: Latin, Cyrillic and the Kazakh letters of the Cyrillic
// block (Ә Ғ Қ Ң Ө Ұ Ү Һ І), in UTF-8. Spaces are collapsed and trimmed. Invalid UTF-8 bytes are
// kept as they are. Pure function; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace abis::registry {

std::string fold_name(std::string_view text);

}  // namespace abis::registry
