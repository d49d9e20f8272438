#include "newsalign/export/writers.h"

#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>
#include <ostream>

#include "newsalign/core/error.h"
#include "newsalign/core/xml.h"
#include "newsalign/core/version.h"

namespace newsalign {
namespace {

std::string NowTmxDate() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

std::string Score(double score) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", score);
  return buf;
}

// Tabs and line breaks become spaces: one record a line.
void AppendFlat(std::string& out, std::string_view text) {
  for (char c : text) out += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
}

class TmxWriter : public BeadWriter {
 public:
  TmxWriter(std::ostream& out, TmxOptions options) : out_(out), options_(std::move(options)) {
    std::string date = options_.creation_date.empty() ? NowTmxDate() : options_.creation_date;
    std::string head =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<tmx version=\"1.4\">\n"
        "  <header creationtool=\"newsalign\" creationtoolversion=\"";
    AppendXmlEscaped(head, kVersion, true);
    head += "\" segtype=\"sentence\" o-tmf=\"newsalign\" adminlang=\"en\" srclang=\"";
    AppendXmlEscaped(head, options_.src_lang, true);
    head += "\" datatype=\"plaintext\" o-encoding=\"UTF-8\" creationdate=\"";
    AppendXmlEscaped(head, date, true);
    head += "\"/>\n  <body>\n";
    out_ << head;
  }

  void Write(const BeadRecord& b) override {
    if (b.ru.empty() || b.en.empty()) return;
    buf_.clear();
    buf_ += "    <tu tuid=\"";
    buf_ += std::to_string(b.bead_id);
    buf_ += '"';
    std::string changed = TmxDate(b.updated_at);
    if (!changed.empty()) buf_ += " changedate=\"" + changed + "\"";
    buf_ += ">\n";
    Prop("x-pair", std::to_string(b.pair_id));
    if (!b.title.empty()) Prop("x-document", b.title);
    if (!b.date.empty()) Prop("x-date", b.date);
    if (!b.source.empty()) Prop("x-source", b.source);
    Prop("x-type", b.bead.Type());
    Prop("x-score", Score(b.bead.score));
    Prop("x-status", StatusName(b.status));
    Tuv(options_.src_lang, b.ru);
    Tuv(options_.tgt_lang, b.en);
    buf_ += "    </tu>\n";
    out_ << buf_;
    ++written_;
  }

  void Finish() override {
    out_ << "  </body>\n</tmx>\n";
    out_.flush();
  }

 private:
  void Prop(std::string_view type, std::string_view value) {
    buf_ += "      <prop type=\"";
    AppendXmlEscaped(buf_, type, true);
    buf_ += "\">";
    AppendXmlEscaped(buf_, value, false);
    buf_ += "</prop>\n";
  }
  void Tuv(std::string_view lang, std::string_view text) {
    buf_ += "      <tuv xml:lang=\"";
    AppendXmlEscaped(buf_, lang, true);
    buf_ += "\"><seg>";
    AppendXmlEscaped(buf_, text, false);
    buf_ += "</seg></tuv>\n";
  }

  std::ostream& out_;
  TmxOptions options_;
  std::string buf_;
};

class TsvWriter : public BeadWriter {
 public:
  explicit TsvWriter(std::ostream& out) : out_(out) {}
  void Write(const BeadRecord& b) override {
    buf_.clear();
    AppendFlat(buf_, b.ru);
    buf_ += '\t';
    AppendFlat(buf_, b.en);
    buf_ += '\t' + Score(b.bead.score) + '\t' + StatusName(b.status) + '\t' + std::to_string(b.pair_id) + '\t' +
            std::to_string(b.bead_id) + '\t';
    AppendFlat(buf_, b.title);
    buf_ += '\n';
    out_ << buf_;
    ++written_;
  }
  void Finish() override { out_.flush(); }

 private:
  std::ostream& out_;
  std::string buf_;
};

class JsonlWriter : public BeadWriter {
 public:
  explicit JsonlWriter(std::ostream& out) : out_(out) {}
  void Write(const BeadRecord& b) override {
    nlohmann::json j = {
        {"pair", b.pair_id},
        {"bead", b.bead_id},
        {"ru", b.ru},
        {"en", b.en},
        {"score", b.bead.score},
        {"status", StatusName(b.status)},
        {"type", b.bead.Type()},
        {"ru_sentences", {b.bead.src_begin, b.bead.src_count}},
        {"en_sentences", {b.bead.tgt_begin, b.bead.tgt_count}},
        {"title", b.title},
        {"date", b.date},
        {"source", b.source},
        {"updated_at", b.updated_at},
    };
    out_ << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    ++written_;
  }
  void Finish() override { out_.flush(); }

 private:
  std::ostream& out_;
};

class MosesWriter : public BeadWriter {
 public:
  MosesWriter(std::ostream& ru, std::ostream& en) : ru_(ru), en_(en) {}
  void Write(const BeadRecord& b) override {
    if (b.ru.empty() || b.en.empty()) return;
    buf_.clear();
    AppendFlat(buf_, b.ru);
    buf_ += '\n';
    ru_ << buf_;
    buf_.clear();
    AppendFlat(buf_, b.en);
    buf_ += '\n';
    en_ << buf_;
    ++written_;
  }
  void Finish() override {
    ru_.flush();
    en_.flush();
  }

 private:
  std::ostream& ru_;
  std::ostream& en_;
  std::string buf_;
};

}  // namespace

ExportFormat ParseExportFormat(std::string_view name) {
  if (name == "tmx") return ExportFormat::kTmx;
  if (name == "tsv") return ExportFormat::kTsv;
  if (name == "moses") return ExportFormat::kMoses;
  if (name == "jsonl") return ExportFormat::kJsonl;
  throw InputError("unknown export format \"" + std::string(name) + "\" (want tmx, tsv, moses or jsonl)");
}

bool NeedsBothSides(ExportFormat format) { return format == ExportFormat::kTmx || format == ExportFormat::kMoses; }

std::string TmxDate(std::string_view iso) {
  // YYYY-MM-DDTHH:MM:SSZ
  if (iso.size() < 20 || iso[4] != '-' || iso[7] != '-' || iso[10] != 'T' || iso[13] != ':' || iso[16] != ':')
    return "";
  std::string out;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) out += iso[i];
  out += 'T';
  for (size_t i : {11, 12, 14, 15, 17, 18}) out += iso[i];
  out += 'Z';
  for (char c : out)
    if (!(c == 'T' || c == 'Z' || (c >= '0' && c <= '9'))) return "";
  return out;
}

std::unique_ptr<BeadWriter> MakeTmxWriter(std::ostream& out, TmxOptions options) {
  return std::make_unique<TmxWriter>(out, std::move(options));
}
std::unique_ptr<BeadWriter> MakeTsvWriter(std::ostream& out) { return std::make_unique<TsvWriter>(out); }
std::unique_ptr<BeadWriter> MakeJsonlWriter(std::ostream& out) { return std::make_unique<JsonlWriter>(out); }
std::unique_ptr<BeadWriter> MakeMosesWriter(std::ostream& ru, std::ostream& en) {
  return std::make_unique<MosesWriter>(ru, en);
}

}  // namespace newsalign
