#include "newsalign/export/tmx_reader.h"

#include <libxml/xmlreader.h>

#include <cctype>
#include <memory>

#include "newsalign/core/error.h"

namespace newsalign {
namespace {

std::string PrimaryLang(std::string_view lang) {
  std::string out;
  for (char c : lang) {
    if (c == '-' || c == '_') break;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

struct ErrorSink {
  std::string message;
  int line = 0;
};

void OnError(void* ctx, xmlErrorPtr error) {
  auto* sink = static_cast<ErrorSink*>(ctx);
  if (!error || error->level < XML_ERR_ERROR || !sink->message.empty()) return;
  // libxml2's messages may span lines ("Input is not proper UTF-8, indicate encoding !\nBytes:
  // 0xFF ..."): the user gets one line, the parts joined by "; ".
  std::string_view text = error->message ? error->message : "XML error";
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      while (!sink->message.empty() && sink->message.back() == ' ') sink->message.pop_back();
      if (!sink->message.empty() && sink->message.back() != ';') sink->message += ';';
      c = ' ';
    }
    if (c == ' ' && (sink->message.empty() || sink->message.back() == ' ')) continue;
    sink->message += c;
  }
  while (!sink->message.empty() && (sink->message.back() == ' ' || sink->message.back() == ';'))
    sink->message.pop_back();
  sink->line = error->line;
}

std::string Attr(xmlTextReaderPtr r, const char* name) {
  xmlChar* v = xmlTextReaderGetAttribute(r, reinterpret_cast<const xmlChar*>(name));
  if (!v) return "";
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

std::string Lang(xmlTextReaderPtr r) {
  xmlChar* v = xmlTextReaderGetAttributeNs(r, reinterpret_cast<const xmlChar*>("lang"), XML_XML_NAMESPACE);
  if (v) {
    std::string out(reinterpret_cast<const char*>(v));
    xmlFree(v);
    return out;
  }
  return Attr(r, "lang");  // TMX 1.1
}

bool IsNativeCode(std::string_view name) {
  return name == "bpt" || name == "ept" || name == "ph" || name == "it" || name == "ut";
}

}  // namespace

std::string TranslationUnit::Prop(std::string_view type) const {
  for (const auto& [t, v] : props)
    if (t == type) return v;
  return "";
}

const std::string* TranslationUnit::Segment(std::string_view lang) const {
  std::string want = PrimaryLang(lang);
  for (const auto& [l, text] : variants)
    if (PrimaryLang(l) == want) return &text;
  return nullptr;
}

void ReadTmx(const std::string& path, const std::function<void(const TranslationUnit&)>& fn) {
  std::unique_ptr<xmlTextReader, void (*)(xmlTextReaderPtr)> reader(
      xmlReaderForFile(path.c_str(), nullptr, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_HUGE),
      xmlFreeTextReader);
  if (!reader) throw InputError(path + ": cannot open the TMX file");
  xmlTextReaderPtr r = reader.get();
  ErrorSink sink;
  xmlTextReaderSetStructuredErrorHandler(r, OnError, &sink);

  TranslationUnit tu;
  bool in_tu = false, root_seen = false;
  std::string lang, seg, prop_type, prop_text;
  bool in_tuv = false, in_seg = false, in_prop = false;
  int native_depth = 0;  // > 0 inside a native-code element of a seg
  int rc;
  while ((rc = xmlTextReaderRead(r)) == 1) {
    const int type = xmlTextReaderNodeType(r);
    const char* raw = reinterpret_cast<const char*>(xmlTextReaderConstLocalName(r));
    std::string_view name = raw ? raw : "";
    if (type == XML_READER_TYPE_ELEMENT) {
      const bool empty = xmlTextReaderIsEmptyElement(r);
      if (!root_seen) {
        root_seen = true;
        if (name != "tmx") throw InputError(path + ": not a TMX file (the root element is <" + std::string(name) + ">)");
      }
      if (in_seg) {
        if (IsNativeCode(name) && !empty) ++native_depth;
        continue;
      }
      if (name == "tu") {
        tu = TranslationUnit{};
        tu.tuid = Attr(r, "tuid");
        in_tu = !empty;
      } else if (in_tu && name == "tuv") {
        lang = Lang(r);
        in_tuv = !empty;
      } else if (in_tuv && name == "seg") {
        seg.clear();
        if (empty) {
          tu.variants.emplace_back(lang, "");
        } else {
          in_seg = true;
          native_depth = 0;
        }
      } else if (in_tu && !in_tuv && name == "prop") {
        prop_type = Attr(r, "type");
        prop_text.clear();
        if (empty) {
          tu.props.emplace_back(prop_type, "");
        } else {
          in_prop = true;
        }
      }
    } else if (type == XML_READER_TYPE_END_ELEMENT) {
      if (in_seg) {
        if (name == "seg" && native_depth == 0) {
          in_seg = false;
          tu.variants.emplace_back(lang, seg);
        } else if (IsNativeCode(name) && native_depth > 0) {
          --native_depth;
        }
      } else if (name == "prop" && in_prop) {
        in_prop = false;
        tu.props.emplace_back(prop_type, prop_text);
      } else if (name == "tuv") {
        in_tuv = false;
      } else if (name == "tu" && in_tu) {
        in_tu = false;
        fn(tu);
      }
    } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
               type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
      const char* v = reinterpret_cast<const char*>(xmlTextReaderConstValue(r));
      if (!v) continue;
      if (in_seg && native_depth == 0) seg += v;
      if (in_prop) prop_text += v;
    }
  }
  if (rc < 0 || !sink.message.empty()) {
    std::string msg = sink.message.empty() ? "not well-formed XML" : sink.message;
    throw InputError(path + (sink.line ? ": line " + std::to_string(sink.line) : std::string()) + ": " + msg);
  }
  if (!root_seen) throw InputError(path + ": empty file, not a TMX file");
}

}  // namespace newsalign
