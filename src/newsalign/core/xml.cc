#include "newsalign/core/xml.h"

namespace newsalign {

void AppendXmlEscaped(std::string& out, std::string_view text, bool attribute) {
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      case '\r':
        out += "&#13;";  // a literal CR would be normalised away by the reader
        break;
      case '\t':
      case '\n':
        if (attribute) {
          out += c == '\t' ? "&#9;" : "&#10;";
        } else {
          out += static_cast<char>(c);
        }
        break;
      default:
        if (c < 0x20) {
          out += ' ';  // not allowed in XML 1.0, not even as a character reference
        } else if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
                   (static_cast<unsigned char>(text[i + 2]) == 0xBE ||
                    static_cast<unsigned char>(text[i + 2]) == 0xBF)) {
          out += ' ';  // U+FFFE, U+FFFF: not characters in XML either
          i += 2;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
}

}  // namespace newsalign
