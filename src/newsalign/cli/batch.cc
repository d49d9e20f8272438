#include "newsalign/cli/batch.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <utility>

#include "newsalign/align/parallel.h"
#include "newsalign/align/pieces.h"
#include "newsalign/cli/align_setup.h"
#include "newsalign/cli/input.h"
#include "newsalign/cli/ordered_pool.h"
#include "newsalign/core/error.h"
#include "newsalign/core/ladder.h"
#include "newsalign/store/importer.h"
#include "newsalign/store/store.h"

namespace newsalign::cli {
namespace {

namespace fs = std::filesystem;

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// key (NAME) -> files of one side that carry it.
std::map<std::string, std::vector<std::string>> ScanSide(const std::string& dir, const std::string& lang,
                                                         const std::string& other_lang, const std::string& ext,
                                                         bool same_dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) throw InputError(dir + ": no such folder");
  if (!fs::is_directory(dir, ec)) throw InputError(dir + ": not a folder (batch takes RU_DIR EN_DIR, or --pairs LIST.tsv)");
  std::map<std::string, std::vector<std::string>> side;
  fs::directory_iterator it(dir, ec), end;
  if (ec) throw InputError(dir + ": cannot list the folder: " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) throw InputError(dir + ": cannot list the folder: " + ec.message());
    std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.' || !EndsWith(name, ext) || name.size() == ext.size()) continue;
    std::error_code type_ec;
    if (!fs::is_regular_file(it->path(), type_ec)) continue;
    std::string stem = name.substr(0, name.size() - ext.size());
    std::string key;
    if (EndsWith(stem, "." + lang) && stem.size() > lang.size() + 1) {
      key = stem.substr(0, stem.size() - lang.size() - 1);
    } else if (EndsWith(stem, "." + other_lang) || same_dir) {
      continue;
    } else {
      key = stem;
    }
    side[key].push_back(it->path().string());
  }
  for (auto& [key, files] : side) std::sort(files.begin(), files.end());
  return side;
}

std::string Quoted(const std::vector<std::string>& files) {
  std::string out;
  for (size_t k = 0; k < files.size(); ++k) out += (k ? " and " : "") + files[k];
  return out;
}

// "news/x.ru.txt" -> "x"; a name already taken gets "-2", "-3", ...
std::string UniqueName(const std::string& ru_path, const std::string& ru_lang, std::set<std::string>& taken) {
  std::string name = fs::path(ru_path).filename().string();
  for (const char* ext : {".txt", ".html", ".htm"}) {
    if (EndsWith(name, ext) && name.size() > std::strlen(ext)) {
      name.erase(name.size() - std::strlen(ext));
      break;
    }
  }
  if (EndsWith(name, "." + ru_lang) && name.size() > ru_lang.size() + 1) name.erase(name.size() - ru_lang.size() - 1);
  if (name.empty() || name == "." || name == "..") name = "pair";
  std::string unique = name;
  for (int k = 2; !taken.insert(unique).second; ++k) unique = name + "-" + std::to_string(k);
  return unique;
}

class TsvSink : public BatchSink {
 public:
  TsvSink(std::string dir, std::string format) : dir_(std::move(dir)), format_(std::move(format)) {
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec || !fs::is_directory(dir_)) throw InputError(dir_ + ": cannot create the output folder" +
                                                       (ec ? ": " + ec.message() : std::string()));
  }

  void Write(PairResult& r) override {
    const bool ladder = format_ == "ladder";
    std::string path = (fs::path(dir_) / (r.job->name + (ladder ? ".ladder" : ".tsv"))).string();
    std::string temp = path + ".part";
    {
      std::ofstream out(temp, std::ios::binary | std::ios::trunc);
      std::string text = ladder ? FormatLadder(r.beads) : FormatTsv(r.ru, r.en, r.beads);
      out.write(text.data(), static_cast<std::streamsize>(text.size()));
      out.close();
      if (!out) {
        std::remove(temp.c_str());
        throw InputError(path + ": cannot write: " + std::strerror(errno));
      }
    }
    std::error_code ec;
    fs::rename(temp, path, ec);
    if (ec) throw InputError(path + ": cannot write: " + ec.message());
    ++files_;
  }

  std::string Describe() const override {
    return std::to_string(files_) + (format_ == "ladder" ? " ladder" : " TSV") + " files in " + dir_;
  }

 private:
  std::string dir_, format_;
  int64_t files_ = 0;
};

bool SameSentences(const std::vector<Sentence>& a, const std::vector<Sentence>& b) {
  if (a.size() != b.size()) return false;
  for (size_t k = 0; k < a.size(); ++k)
    if (!(a[k].span == b[k].span)) return false;
  return true;
}

class StoreSink : public BatchSink {
 public:
  StoreSink(const std::string& db_path, const Aligner& aligner, const AlignOptions& options)
      : store_(Store::Open(db_path)), aligner_(aligner) {
    provenance_.action = "import";
    provenance_.options_json = AlignOptionsJson(options);
  }

  void Write(PairResult& r) override {
    PairInput in;
    in.ru = std::move(r.ru);
    in.en = std::move(r.en);
    in.title = r.job->title;
    in.date = r.job->date;
    std::vector<Sentence> ru_aligned = in.ru.sentences, en_aligned = in.en.sentences;
    ImportPlan plan = store_.Plan(in);
    // The workers aligned our own segmentation without reviewed beads. Realign here (rare:
    // re-imports) when the plan keeps reviewed beads or the store holds other sentence spans.
    if (plan.NeedsAlignment() &&
        (!plan.fixed.empty() || !SameSentences(ru_aligned, in.ru.sentences) ||
         !SameSentences(en_aligned, in.en.sentences)))
      r.beads = aligner_.Align(in.ru, in.en, plan.fixed);
    ImportResult result = store_.Commit(in, plan, r.beads, provenance_);
    ++actions_[ActionName(result.action)];
    r.ru = std::move(in.ru);  // the caller counts sentences and beads of what was stored
    r.en = std::move(in.en);
  }

  std::string Describe() const override {
    std::string out = "corpus " + store_.path() + ":";
    bool first = true;
    for (const auto& [action, n] : actions_) {
      out += std::string(first ? " " : ", ") + std::to_string(n) + " " + action;
      first = false;
    }
    if (first) out += " nothing stored";
    return out;
  }

 private:
  Store store_;
  const Aligner& aligner_;
  Provenance provenance_;
  std::map<std::string, int64_t> actions_;
};

}  // namespace

std::vector<PairJob> PairsFromFolders(const std::string& ru_dir, const std::string& en_dir,
                                      const std::string& ru_lang, const std::string& en_lang,
                                      const std::string& ext, std::vector<std::string>* problems) {
  std::error_code ec;
  bool same_dir = fs::exists(ru_dir, ec) && fs::exists(en_dir, ec) && fs::equivalent(ru_dir, en_dir, ec);
  auto ru = ScanSide(ru_dir, ru_lang, en_lang, ext, same_dir);
  auto en = ScanSide(en_dir, en_lang, ru_lang, ext, same_dir);
  std::set<std::string> keys;
  for (const auto& [key, files] : ru) keys.insert(key);
  for (const auto& [key, files] : en) keys.insert(key);
  std::vector<PairJob> jobs;
  auto partner = [&](const std::string& key, const std::string& lang) {
    return same_dir ? key + "." + lang + ext : key + ext + " (or " + key + "." + lang + ext + ")";
  };
  for (const std::string& key : keys) {
    auto r = ru.find(key);
    auto e = en.find(key);
    if (r != ru.end() && r->second.size() > 1) {
      problems->push_back(Quoted(r->second) + ": two " + ru_lang + " files for " + key);
    } else if (e != en.end() && e->second.size() > 1) {
      problems->push_back(Quoted(e->second) + ": two " + en_lang + " files for " + key);
    } else if (e == en.end()) {
      problems->push_back(r->second[0] + ": no " + en_lang + " partner " + partner(key, en_lang) + " in " + en_dir);
    } else if (r == ru.end()) {
      problems->push_back(e->second[0] + ": no " + ru_lang + " partner " + partner(key, ru_lang) + " in " + ru_dir);
    } else {
      PairJob job;
      job.ru_path = r->second[0];
      job.en_path = e->second[0];
      job.name = key;
      jobs.push_back(std::move(job));
    }
  }
  return jobs;
}

std::vector<PairJob> PairsFromList(const std::string& list_path, const std::string& ru_lang,
                                   std::vector<std::string>* problems) {
  std::ifstream in(list_path, std::ios::binary);
  if (!in) throw InputError(list_path + ": cannot read the pair list");
  std::vector<PairJob> jobs;
  std::set<std::string> taken;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos || line[0] == '#') continue;
    std::vector<std::string> fields;
    size_t start = 0;
    for (;;) {
      size_t tab = line.find('\t', start);
      fields.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    if (fields.size() < 2 || fields[0].empty() || fields[1].empty()) {
      problems->push_back(list_path + ": line " + std::to_string(number) +
                          ": want ru_path<TAB>en_path[<TAB>title<TAB>date]");
      continue;
    }
    PairJob job;
    job.ru_path = fields[0];
    job.en_path = fields[1];
    if (fields.size() > 2) job.title = fields[2];
    if (fields.size() > 3) job.date = fields[3];
    job.name = UniqueName(job.ru_path, ru_lang, taken);
    jobs.push_back(std::move(job));
  }
  return jobs;
}

std::unique_ptr<BatchSink> MakeTsvSink(const std::string& dir, const std::string& format) {
  return std::make_unique<TsvSink>(dir, format);
}

std::unique_ptr<BatchSink> MakeStoreSink(const std::string& db_path, const Aligner& aligner,
                                         const AlignOptions& options) {
  return std::make_unique<StoreSink>(db_path, aligner, options);
}

namespace {

// Pairs are aligned kChunkPairs at a time as one corpus (Aligner::AlignCorpus, as import
// --pairs does): the word pairs that a chunk's confident beads teach help its doubtful ones,
// and memory holds two chunks at most. One chunk is aligned while the writer stores the one
// before; each spreads its reading and aligning over the cores. Long documents (books) make
// shorter chunks: one ends once its files pass kChunkBytes.
constexpr size_t kChunkPairs = 256;
constexpr uintmax_t kChunkBytes = 16 << 20;

// The size of a pair's files; 0 for one that cannot be read (loading it will say why).
uintmax_t PairBytes(const PairJob& job) {
  uintmax_t bytes = 0;
  for (const std::string& path : {job.ru_path, job.en_path}) {
    std::error_code ec;
    const uintmax_t size = fs::file_size(path, ec);
    if (!ec) bytes += size;
  }
  return bytes;
}

using Chunk = std::vector<PairResult>;

// Runs `step` for one pair, turning what it throws into the pair's error.
template <typename Step>
void Guarded(PairResult& r, Step step) {
  try {
    step();
  } catch (const InputError& e) {
    r.error = e.what();
  } catch (const std::exception& e) {  // one pair's bug must not sink an archive
    r.error = std::string("internal error: ") + e.what();
  }
}

// Reads and segments the chunk's pairs side by side, then aligns those that loaded as one
// corpus. A failure stays with its pair.
void AlignChunk(const Aligner& aligner, const BatchOptions& options, Chunk& chunk) {
  ForEachIndex(chunk.size(), options.threads > 1, [] { return 0; }, [&](size_t k, int) {
    PairResult& r = chunk[k];
    Guarded(r, [&] {
      r.ru = LoadDocument(r.job->ru_path, options.ru_lang, options.presegmented, options.repair_encoding);
      r.en = LoadDocument(r.job->en_path, options.en_lang, options.presegmented, options.repair_encoding);
      r.ru.path = fs::absolute(r.job->ru_path).string();
      r.en.path = fs::absolute(r.job->en_path).string();
    });
  });
  std::vector<PiecesPair> work;
  std::vector<PairResult*> owner;
  for (PairResult& r : chunk) {
    if (!r.error.empty()) continue;
    work.push_back(PiecesPair{&r.ru, &r.en, {}});
    owner.push_back(&r);
  }
  try {
    std::vector<Alignment> aligned = AlignPiecesCorpus(aligner, work);
    for (size_t k = 0; k < work.size(); ++k) owner[k]->beads = std::move(aligned[k]);
  } catch (const std::exception&) {  // find the pair that fails: align them one at a time
    for (PairResult* r : owner) Guarded(*r, [&] { r->beads = AlignPieces(aligner, r->ru, r->en); });
  }
  for (PairResult& r : chunk)
    if (!r.error.empty()) r.ru = r.en = Document();
}

}  // namespace

BatchSummary RunBatch(const Aligner& aligner, const std::vector<PairJob>& jobs, const BatchOptions& options,
                      BatchSink& sink, Progress* progress) {
  BatchSummary summary;
  const auto start = std::chrono::steady_clock::now();
  size_t next_job = 0;
  std::function<bool(Chunk&)> next = [&](Chunk& chunk) {
    if (next_job == jobs.size()) return false;
    uintmax_t bytes = 0;
    while (next_job < jobs.size() && chunk.size() < kChunkPairs && (chunk.empty() || bytes < kChunkBytes)) {
      bytes += PairBytes(jobs[next_job]);
      chunk.emplace_back().job = &jobs[next_job++];
    }
    return true;
  };
  std::function<Chunk(Chunk&)> work = [&](Chunk& chunk) {
    AlignChunk(aligner, options, chunk);
    return std::move(chunk);
  };
  std::function<void(Chunk&)> write = [&](Chunk& chunk) {
    for (PairResult& r : chunk) {
      ++summary.pairs;
      if (r.error.empty()) {
        try {
          sink.Write(r);
        } catch (const InputError& e) {
          r.error = e.what();
        }
      }
      if (r.error.empty()) {
        ++summary.aligned;
        summary.ru_sentences += static_cast<int64_t>(r.ru.sentences.size());
        summary.en_sentences += static_cast<int64_t>(r.en.sentences.size());
        summary.beads += static_cast<int64_t>(r.beads.size());
        for (const Bead& b : r.beads) summary.doubtful += b.score < kDoubtfulScore;
      } else {
        summary.failures.push_back(r.job->name + ": " + r.error);
      }
      if (progress) progress->Update(summary.pairs, static_cast<int64_t>(summary.failures.size()));
    }
    chunk.clear();  // (its documents go now, not when the next chunk is written)
  };
  RunOrdered<Chunk, Chunk>(std::min(options.threads, 2), 2, next, work, write);
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (progress) progress->Finish();
  return summary;
}

}  // namespace newsalign::cli
