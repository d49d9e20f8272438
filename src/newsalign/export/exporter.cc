#include "newsalign/export/exporter.h"

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>

#include <unistd.h>

#include "newsalign/core/error.h"
#include "newsalign/export/tmx_reader.h"

namespace newsalign {
namespace {

// A file written as NAME.tmp-PID and renamed into place by Commit().
class OutputFile {
 public:
  explicit OutputFile(std::string path) : path_(std::move(path)) {
    tmp_ = path_ + ".tmp-" + std::to_string(::getpid());
    out_.open(tmp_, std::ios::binary | std::ios::trunc);
    if (!out_) throw InputError(path_ + ": cannot write (" + std::strerror(errno) + ")");
  }
  ~OutputFile() {
    if (!committed_) {
      out_.close();
      std::remove(tmp_.c_str());
    }
  }
  std::ostream& stream() { return out_; }
  void Commit() {
    out_.flush();
    out_.close();
    if (!out_) throw InputError(path_ + ": write failed (disk full?)");
    std::error_code ec;
    std::filesystem::rename(tmp_, path_, ec);
    if (ec) throw InputError(path_ + ": cannot write (" + ec.message() + ")");
    committed_ = true;
  }

 private:
  std::string path_, tmp_;
  std::ofstream out_;
  bool committed_ = false;
};

double ParseScore(const std::string& s) {
  if (s.empty()) return 1.0;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || v < 0 || v > 1) return 1.0;
  return v;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// One pair being collected from consecutive units.
struct Group {
  std::string key;
  std::string title, date, source;
  std::vector<std::string> ru, en;
  std::vector<double> scores;
};

Document MakeDocument(const std::vector<std::string>& segments, const std::string& lang, const std::string& origin) {
  Document doc;
  doc.lang = lang;
  doc.path = origin;
  for (size_t i = 0; i < segments.size(); ++i) {
    if (i) doc.text += "\n\n";
    Span span{doc.text.size(), doc.text.size() + segments[i].size()};
    doc.text += segments[i];
    doc.paragraphs.push_back(span);
    Sentence s;
    s.span = span;
    s.paragraph = static_cast<int>(i);
    doc.sentences.push_back(s);
  }
  return doc;
}

bool IsDate(const std::string& s) {
  return s.size() == 10 && s[4] == '-' && s[7] == '-' && std::isdigit(static_cast<unsigned char>(s[0]));
}

}  // namespace

ExportSummary Export(const Store& store, const ExportOptions& options) {
  ExportSummary summary;
  BeadFilter filter = options.filter;
  if (NeedsBothSides(options.format)) filter.both_sides = true;
  const bool to_stdout = options.output.empty() || options.output == "-";

  std::unique_ptr<OutputFile> file, file2;
  std::unique_ptr<BeadWriter> writer;
  if (options.format == ExportFormat::kMoses) {
    if (to_stdout) throw InputError("moses export writes two files: give -o PREFIX (writes PREFIX.ru and PREFIX.en)");
    file = std::make_unique<OutputFile>(options.output + ".ru");
    file2 = std::make_unique<OutputFile>(options.output + ".en");
    writer = MakeMosesWriter(file->stream(), file2->stream());
  } else {
    if (!to_stdout) file = std::make_unique<OutputFile>(options.output);
    std::ostream& out = file ? file->stream() : std::cout;
    switch (options.format) {
      case ExportFormat::kTmx: {
        TmxOptions tmx;
        tmx.creation_date = options.creation_date;
        writer = MakeTmxWriter(out, tmx);
        break;
      }
      case ExportFormat::kJsonl:
        writer = MakeJsonlWriter(out);
        break;
      default:
        writer = MakeTsvWriter(out);
    }
  }
  store.ForEachBead(filter, [&writer](const BeadRecord& b) { writer->Write(b); });
  writer->Finish();
  if (to_stdout && !std::cout) throw InputError("standard output: write failed");
  if (file) {
    file->Commit();
    summary.files.push_back(options.format == ExportFormat::kMoses ? options.output + ".ru" : options.output);
  }
  if (file2) {
    file2->Commit();
    summary.files.push_back(options.output + ".en");
  }
  summary.beads = writer->written();
  return summary;
}

TmxImportSummary ImportTmx(Store& store, const std::string& path) {
  constexpr size_t kMaxUnitsPerPair = 1000;
  TmxImportSummary summary;
  std::error_code ec;
  std::string abs = std::filesystem::weakly_canonical(std::filesystem::absolute(path), ec).string();
  if (ec || abs.empty()) abs = path;
  std::string stem = std::filesystem::path(path).stem().string();

  Provenance provenance;
  provenance.action = "import-tmx";
  provenance.options_json = "{}";
  std::map<std::string, int> seen;  // group key -> times started (a key may recur)
  Group group;
  bool open = false;

  auto flush = [&]() {
    if (!open || group.ru.empty()) {
      open = false;
      return;
    }
    int& n = seen[group.key];
    ++n;
    std::string origin = "tmx:" + abs + "#" + (group.key.empty() ? "" : group.key) + (n > 1 || group.key.empty() ? "~" + std::to_string(n) : "");
    PairInput in;
    in.ru = MakeDocument(group.ru, "ru", origin);
    in.en = MakeDocument(group.en, "en", origin);
    in.ru_format = in.en_format = "tmx";
    in.title = !group.title.empty() ? group.title : stem + (group.key.empty() ? "" : " " + group.key);
    if (n > 1 || group.key.empty()) in.title += " (" + std::to_string(n) + ")";
    in.date = IsDate(group.date) ? group.date : "";
    in.source = group.source;
    Alignment beads;
    for (size_t i = 0; i < group.ru.size(); ++i) {
      Bead b;
      b.src_begin = b.tgt_begin = static_cast<int>(i);
      b.src_count = b.tgt_count = 1;
      b.score = group.scores[i];
      beads.push_back(b);
    }
    ImportPlan plan = store.Plan(in);
    ImportResult r = store.Commit(in, plan, beads, provenance, BeadStatus::kConfirmed);
    if (plan.NeedsAlignment()) summary.beads += r.beads;
    summary.pairs.push_back(r);
    group = Group{};
    open = false;
  };

  // Pairs are committed one by one as the stream goes by, so a file that turns out to be
  // malformed halfway would leave its first pairs stored. Read it through once first (the
  // reader keeps one unit in memory): a bad file is refused before anything is written.
  ReadTmx(path, [](const TranslationUnit&) {});

  ReadTmx(path, [&](const TranslationUnit& tu) {
    ++summary.units;
    const std::string* ru = tu.Segment("ru");
    const std::string* en = tu.Segment("en");
    std::string ru_text = ru ? Trim(*ru) : "", en_text = en ? Trim(*en) : "";
    if (ru_text.empty() || en_text.empty()) {
      ++summary.skipped;
      return;
    }
    std::string key = tu.Prop("x-pair");
    if (key.empty()) key = tu.Prop("x-document");
    if (open && (key != group.key || group.ru.size() >= kMaxUnitsPerPair)) flush();
    if (!open) {
      group.key = key;
      group.title = tu.Prop("x-document");
      group.date = tu.Prop("x-date");
      group.source = tu.Prop("x-source");
      open = true;
    }
    group.ru.push_back(std::move(ru_text));
    group.en.push_back(std::move(en_text));
    group.scores.push_back(ParseScore(tu.Prop("x-score")));
  });
  flush();
  return summary;
}

}  // namespace newsalign
