#include "newsalign/text/html_reader.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string_view>
#include <vector>

#include "newsalign/core/error.h"
#include "newsalign/text/encoding.h"
#include "newsalign/text/reader.h"

namespace newsalign {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const char* AttrValue(const GumboNode* node, const char* name) {
  if (node->type != GUMBO_NODE_ELEMENT) return nullptr;
  const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
  return a ? a->value : nullptr;
}

GumboTag Tag(const GumboNode* node) { return node->type == GUMBO_NODE_ELEMENT ? node->v.element.tag : GUMBO_TAG_UNKNOWN; }

bool IsParagraphTag(GumboTag t) {
  return t == GUMBO_TAG_P || t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 || t == GUMBO_TAG_LI ||
         t == GUMBO_TAG_BLOCKQUOTE;
}

// Never article text, wherever they are.
bool IsExcludedTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_MENU:
      return true;
    default:
      return false;
  }
}

// Class and id words that mark boilerplate blocks on news sites.
bool LooksLikeBoilerplate(const GumboNode* node) {
  static const char* const kWords[] = {"share",    "social",     "comment",  "related", "promo",  "subscribe",
                                       "newsletter", "cookie",   "breadcrumb", "advert", "banner", "sidebar",
                                       "navbar",   "navigation", "sharing",  "recommend", "popular", "tags"};
  for (const char* attr : {"class", "id"}) {
    const char* v = AttrValue(node, attr);
    if (!v) continue;
    std::string value = Lower(v);
    for (const char* w : kWords)
      if (value.find(w) != std::string::npos) return true;
  }
  const char* role = AttrValue(node, "role");
  if (role && (std::strcmp(role, "navigation") == 0 || std::strcmp(role, "banner") == 0 ||
               std::strcmp(role, "contentinfo") == 0 || std::strcmp(role, "complementary") == 0))
    return true;
  return false;
}

// A page header is boilerplate; an <article>'s own <header> holds its headline.
bool IsSkipped(const GumboNode* node, const GumboNode* root) {
  GumboTag t = Tag(node);
  if (IsExcludedTag(t)) return true;
  if (t == GUMBO_TAG_HEADER) {
    for (const GumboNode* p = node->parent; p; p = p->parent) {
      if (p == root && Tag(root) == GUMBO_TAG_ARTICLE) return false;
      if (Tag(p) == GUMBO_TAG_ARTICLE) return false;
    }
    return true;
  }
  return node->type == GUMBO_NODE_ELEMENT && LooksLikeBoilerplate(node);
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Appends text with runs of ASCII white space collapsed to one space.
void AppendCollapsed(std::string& out, std::string_view text) {
  for (char c : text) {
    if (IsSpace(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
}

std::string Trimmed(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && s[b] == ' ') ++b;
  while (e > b && s[e - 1] == ' ') --e;
  return s.substr(b, e - b);
}

// All text under `node` (for titles and scoring), skipping excluded elements.
void TextOf(const GumboNode* node, std::string& out, size_t* link_chars = nullptr, bool in_link = false) {
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
    size_t before = out.size();
    AppendCollapsed(out, node->v.text.text);
    if (in_link && link_chars) *link_chars += out.size() - before;
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) return;
  if (IsExcludedTag(Tag(node))) return;
  if (Tag(node) == GUMBO_TAG_BR) {
    AppendCollapsed(out, " ");
    return;
  }
  const bool link = in_link || Tag(node) == GUMBO_TAG_A;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i)
    TextOf(static_cast<const GumboNode*>(children.data[i]), out, link_chars, link);
}

void ForEachElement(const GumboNode* node, const std::function<void(const GumboNode*)>& fn) {
  if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) return;
  fn(node);
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) ForEachElement(static_cast<const GumboNode*>(children.data[i]), fn);
}

bool InsideSkipped(const GumboNode* node) {
  for (const GumboNode* p = node; p; p = p->parent)
    if (p->type == GUMBO_NODE_ELEMENT && (IsExcludedTag(Tag(p)) || LooksLikeBoilerplate(p))) return true;
  return false;
}

// Paragraph text directly under `node` (its <p> and heading children): the density score.
size_t DirectParagraphText(const GumboNode* node) {
  size_t n = 0;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const GumboNode* c = static_cast<const GumboNode*>(children.data[i]);
    GumboTag t = Tag(c);
    if (t == GUMBO_TAG_P || t == GUMBO_TAG_BLOCKQUOTE || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3) {
      std::string s;
      TextOf(c, s);
      n += s.size();
    }
  }
  return n;
}

size_t ParagraphTextUnder(const GumboNode* node) {
  size_t n = 0;
  ForEachElement(node, [&n](const GumboNode* e) {
    if (Tag(e) == GUMBO_TAG_P) {
      std::string s;
      TextOf(e, s);
      n += s.size();
    }
  });
  return n;
}

const GumboNode* FindContentRoot(const GumboNode* html) {
  const GumboNode* best = nullptr;
  size_t best_n = 0;
  ForEachElement(html, [&](const GumboNode* e) {
    if (Tag(e) != GUMBO_TAG_ARTICLE || InsideSkipped(e)) return;
    size_t n = ParagraphTextUnder(e);
    if (n > best_n) {
      best = e;
      best_n = n;
    }
  });
  if (best) return best;
  ForEachElement(html, [&](const GumboNode* e) {
    bool main = Tag(e) == GUMBO_TAG_MAIN || (AttrValue(e, "role") && std::strcmp(AttrValue(e, "role"), "main") == 0);
    if (!best && main && !InsideSkipped(e) && ParagraphTextUnder(e) > 0) best = e;
  });
  if (best) return best;
  ForEachElement(html, [&](const GumboNode* e) {
    if (InsideSkipped(e)) return;
    size_t n = DirectParagraphText(e);
    if (n > best_n) {
      best = e;
      best_n = n;
    }
  });
  return best ? best : html;
}

// Collects the paragraphs under `node`. A paragraph element nested in another (a <p> in a
// <blockquote> or <li>) makes its own paragraph; the outer one's loose text makes another.
class Collector {
 public:
  explicit Collector(const GumboNode* root) : root_(root) {}

  void Walk(const GumboNode* node) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
      if (depth_ > 0) {
        size_t before = current_.size();
        AppendCollapsed(current_, node->v.text.text);
        if (in_link_) link_chars_ += current_.size() - before;
      }
      return;
    }
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) return;
    if (node != root_ && IsSkipped(node, root_)) return;
    const GumboTag t = Tag(node);
    if (t == GUMBO_TAG_BR) {
      if (depth_ > 0) AppendCollapsed(current_, " ");
      return;
    }
    const bool block = IsParagraphTag(t);
    if (block) {
      Flush();
      ++depth_;
    }
    const bool was_link = in_link_;
    if (t == GUMBO_TAG_A) in_link_ = true;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) Walk(static_cast<const GumboNode*>(children.data[i]));
    in_link_ = was_link;
    if (block) {
      Flush();
      --depth_;
    }
  }

  std::vector<std::string> TakeParagraphs() {
    Flush();
    return std::move(paragraphs_);
  }

 private:
  void Flush() {
    std::string p = Trimmed(current_);
    // A paragraph that is all link ("Read also: ...", a list of related stories) is navigation.
    const size_t links = std::min(link_chars_, p.size());
    if (!p.empty() && !(links * 10 >= p.size() * 9)) paragraphs_.push_back(std::move(p));
    current_.clear();
    link_chars_ = 0;
  }

  const GumboNode* root_;
  std::vector<std::string> paragraphs_;
  std::string current_;
  size_t link_chars_ = 0;
  int depth_ = 0;
  bool in_link_ = false;
};

// "2021-03-05T10:00:00+03:00" -> "2021-03-05"; "" unless it starts with a date.
std::string DatePart(const char* v) {
  if (!v) return "";
  std::string_view s(v);
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return "";
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return "";
  return std::string(s.substr(0, 10));
}

// The charset a page declares in its first bytes (the HTML "prescan", simplified): the value
// after "charset=" in a <meta>. Bytes only: this runs before we know how to decode.
std::string DeclaredCharset(std::string_view bytes) {
  std::string head = Lower(bytes.substr(0, 4096));
  size_t pos = head.find("charset=");
  if (pos == std::string::npos) return "";
  pos += 8;
  while (pos < head.size() && (head[pos] == '"' || head[pos] == '\'' || head[pos] == ' ')) ++pos;
  size_t end = pos;
  while (end < head.size() && (std::isalnum(static_cast<unsigned char>(head[end])) || head[end] == '-' ||
                               head[end] == '_'))
    ++end;
  return head.substr(pos, end - pos);
}

std::string ToUtf8(std::string bytes, const std::string& name) {
  if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) bytes.erase(0, 3);
  const size_t bad = FindInvalidUtf8(bytes);
  if (bad == std::string::npos) return bytes;
  std::string charset = DeclaredCharset(bytes);
  if (charset.empty() || charset == "utf-8" || charset == "utf8") charset = GuessLegacyCharset(bytes).icu_name;
  std::string utf8;
  if (!charset.empty() && ConvertToUtf8(bytes, charset.c_str(), &utf8)) return utf8;
  throw InputError(name + ": invalid UTF-8 at byte " + std::to_string(bad) +
                   " and no charset to convert from (save the page as UTF-8)");
}

}  // namespace

bool IsHtmlPath(const std::string& path) {
  std::string p = Lower(path);
  auto ends = [&p](std::string_view e) { return p.size() >= e.size() && p.compare(p.size() - e.size(), e.size(), e) == 0; };
  return ends(".html") || ends(".htm") || ends(".xhtml");
}

Document ReadHtmlFile(const std::string& path, const std::string& lang) {
  // The same refusals as for text (text/reader.h), before anything is read. Pages carry their
  // markup, so the limit is twice the text one: 64 MiB.
  constexpr uintmax_t kMaxBytes = uintmax_t{64} << 20;
  std::error_code ec;
  const std::filesystem::file_status status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) throw InputError(path + ": no such file");
  if (std::filesystem::is_directory(status)) throw InputError(path + ": is a directory, not a file");
  if (std::filesystem::is_regular_file(status)) {
    const uintmax_t size = std::filesystem::file_size(path, ec);
    if (!ec && size > kMaxBytes)
      throw InputError(path + ": too large (" + std::to_string(size >> 20) + " MiB; the limit is 64 MiB)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read: " + std::strerror(errno));
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) throw InputError(path + ": read error");
  return ReadHtml(buf.str(), path, lang);
}

Document ReadHtml(std::string bytes, const std::string& name, const std::string& lang) {
  if (const char* what = KnownBinaryFormat(bytes)) throw InputError(name + ": " + what);
  std::string html = ToUtf8(std::move(bytes), name);
  std::unique_ptr<GumboOutput, std::function<void(GumboOutput*)>> out(
      gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()),
      [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  if (!out || !out->root) throw InputError(name + ": not an HTML page");

  Document doc;
  doc.path = name;
  doc.lang = lang;
  const GumboNode* root = FindContentRoot(out->root);

  Collector collector(root);
  collector.Walk(root);
  std::vector<std::string> paragraphs = collector.TakeParagraphs();
  if (paragraphs.empty()) throw InputError(name + ": no article text found in the page");
  for (const std::string& p : paragraphs) {
    if (!doc.text.empty()) doc.text += "\n\n";
    doc.paragraphs.push_back(Span{doc.text.size(), doc.text.size() + p.size()});
    doc.text += p;
  }

  // Title and date.
  std::string h1, og_title, title_tag, meta_date, time_date;
  ForEachElement(out->root, [&](const GumboNode* e) {
    GumboTag t = Tag(e);
    if (t == GUMBO_TAG_META) {
      const char* key = AttrValue(e, "property");
      if (!key) key = AttrValue(e, "name");
      if (!key) key = AttrValue(e, "itemprop");
      if (!key) return;
      std::string k = Lower(key);
      const char* content = AttrValue(e, "content");
      if (k == "og:title" && content && og_title.empty()) {
        AppendCollapsed(og_title, content);
      } else if ((k == "article:published_time" || k == "datepublished" || k == "date" || k == "pubdate" ||
                  k == "dc.date" || k == "dcterms.created") &&
                 meta_date.empty()) {
        meta_date = DatePart(content);
      }
    } else if (t == GUMBO_TAG_TITLE && title_tag.empty()) {
      TextOf(e, title_tag);
    } else if (!InsideSkipped(e) && !meta_date.size()) {
      if (AttrValue(e, "itemprop") && Lower(AttrValue(e, "itemprop")) == "datepublished")
        meta_date = DatePart(AttrValue(e, "datetime") ? AttrValue(e, "datetime") : AttrValue(e, "content"));
    }
  });
  ForEachElement(root, [&](const GumboNode* e) {
    if (Tag(e) == GUMBO_TAG_H1 && h1.empty() && !InsideSkipped(e)) TextOf(e, h1);
    if (Tag(e) == GUMBO_TAG_TIME && time_date.empty() && !InsideSkipped(e)) time_date = DatePart(AttrValue(e, "datetime"));
  });
  if (h1.empty()) {
    ForEachElement(out->root, [&](const GumboNode* e) {
      if (Tag(e) == GUMBO_TAG_H1 && h1.empty() && !InsideSkipped(e)) TextOf(e, h1);
    });
  }
  for (std::string* t : {&h1, &og_title, &title_tag}) {
    std::string s = Trimmed(*t);
    if (!s.empty()) {
      doc.title = s;
      break;
    }
  }
  doc.date = !meta_date.empty() ? meta_date : time_date;
  return doc;
}

}  // namespace newsalign
