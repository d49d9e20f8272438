// Escaping text for XML 1.0 documents we write (TMX, TBX, SVG).
#pragma once

#include <string>
#include <string_view>

namespace newsalign {

// Appends `text` escaped as XML character data (attribute = false) or as an attribute value
// in double quotes (attribute = true): &, <, > and " escaped, CR (and in attributes tab and
// LF) as character references, and the characters XML 1.0 cannot carry at all (other C0
// controls, U+FFFE, U+FFFF) replaced by a space.
void AppendXmlEscaped(std::string& out, std::string_view text, bool attribute);

}  // namespace newsalign
