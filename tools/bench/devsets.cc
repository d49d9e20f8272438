#include "tools/bench/devsets.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "newsalign/text/reader.h"
#include "newsalign/text/segmenter.h"

namespace fs = std::filesystem;

namespace newsalign::bench {
namespace {

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

Document LoadPresegmented(const fs::path& p, const std::string& lang) {
  ReadOptions options;
  options.repair_encoding = true;
  Document d = ReadText(Slurp(p), p.string(), lang, options);
  SegmentPresplit(d);
  return d;
}

DevSet LoadHard(const fs::path& shared, const std::string& direction) {
  DevSet set{"hard " + direction, "ru", "en", {}, {}, {}};
  std::vector<fs::path> golds;
  for (const auto& e : fs::directory_iterator(shared / "corpora/wmt21-ru-en-hard" / direction))
    if (e.path().extension() == ".gold") golds.push_back(e.path());
  std::sort(golds.begin(), golds.end());
  for (const fs::path& g : golds) {
    fs::path base = g;
    base.replace_extension();
    set.src.push_back(LoadPresegmented(base.string() + ".ru", "ru"));
    set.tgt.push_back(LoadPresegmented(base.string() + ".en", "en"));
    set.gold.push_back(ParseLadderLines(Slurp(g), g.string()));
  }
  return set;
}

DevSet LoadTextberg(const fs::path& shared) {
  fs::path dir = shared / "corpora/textberg-de-fr";
  DevSet set{"textberg de-fr", "de", "fr", {}, {}, {}};
  set.src.push_back(LoadPresegmented(dir / "dev.de", "de"));
  set.tgt.push_back(LoadPresegmented(dir / "dev.fr", "fr"));
  set.gold.push_back(ParseLadderLines(Slurp(dir / "dev.defr"), "dev.defr"));
  return set;
}

}  // namespace

std::vector<DevSet> LoadDevSets(const fs::path& shared, const std::string& which) {
  std::vector<DevSet> sets;
  if ((which == "all" || which == "hard") && fs::is_directory(shared / "corpora/wmt21-ru-en-hard")) {
    sets.push_back(LoadHard(shared, "ru-en"));
    sets.push_back(LoadHard(shared, "en-ru"));
  }
  if ((which == "all" || which == "textberg") && fs::is_directory(shared / "corpora/textberg-de-fr"))
    sets.push_back(LoadTextberg(shared));
  return sets;
}

}  // namespace newsalign::bench
