// Reading TMX (1.4, and 1.1's `lang` attribute) as a stream of translation units, with
// libxml2's pull parser: memory stays at one unit, whatever the file size. No DTD or external
// entity is ever loaded and the network is never touched.
//
//   ReadTmx("memory.tmx", [](const TranslationUnit& tu) { ... tu.Segment("ru") ... });
//
// A <seg>'s text is its character data plus that of <hi> and <sub>-free inline markup; the
// native codes inside <bpt>, <ept>, <ph>, <it> and <ut> are left out (they are formatting of
// the original application, not text).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsalign {

struct TranslationUnit {
  std::string tuid;
  std::vector<std::pair<std::string, std::string>> props;     // <prop type=...> of the <tu>
  std::vector<std::pair<std::string, std::string>> variants;  // (xml:lang, segment text)

  // The value of the first prop of that type, "" if none.
  std::string Prop(std::string_view type) const;
  // The segment of the first variant whose language is `lang` ("ru" matches "ru", "RU",
  // "ru-RU", "ru_RU"), or nullptr.
  const std::string* Segment(std::string_view lang) const;
};

// Calls `fn` for each <tu> in order. InputError "FILE: line N: ..." for a file that cannot be
// read or is not well-formed XML, or whose root is not <tmx>.
void ReadTmx(const std::string& path, const std::function<void(const TranslationUnit&)>& fn);

}  // namespace newsalign
