// Fuzz target: the aligner on random sentence lists. The input drives a generator of two
// documents (sentences drawn from Russian and English words, numbers, dates, names, punctuation
// and random code points, grouped into paragraphs), optional fixed beads, and a choice between
// Align and AlignCorpus. Whatever comes in, the beads must tile both documents in order.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_util.h"
#include "newsalign/align/aligner.h"

namespace {

using namespace newsalign;

const Aligner* g_aligner = nullptr;
const Aligner* g_narrow = nullptr;  // max_side 1 and a small band: the band's edge cases

const char* const kWords[] = {
    "Москва", "москве", "заявил", "президент", "Путин", "Сысоев", "в", "и", "не", "года", "тыс.", "млн",
    "9 декабря 2017", "3,5", "12.04.2024", "«цитата»", "—", "т. е.", "США", "ООН", "Ёж",
    "Moscow", "said", "president", "Putin", "Sysoev", "the", "and", "of", "2,000", "December 9, 2017",
    "3.5", "U.S.", "Jan.", "UN", "\"quote\"", "-", "e.g.", "COVID-19", "2019", "1", "42", "%", "$",
    "\xe2\x80\x8b", "\xe2\x80\xae", "\xc2\xa0", "\t", "\xf0\x9f\x98\x80", "ß", "é", "中文", "\xd8\xb9",
};
const char* const kEnds[] = {".", "!", "?", "...", "", ":", ";", ".»", ".\""};

void AppendCodePoint(std::string& s, uint32_t c) {
  if (c >= 0xD800 && c < 0xE000) c = 0xFFFD;
  if (c < 0x80) {
    s += static_cast<char>(c);
  } else if (c < 0x800) {
    s += static_cast<char>(0xC0 | (c >> 6));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    s += static_cast<char>(0xE0 | (c >> 12));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (c >> 18));
    s += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::string MakeSentence(FuzzedDataProvider& in) {
  std::string s;
  const int words = in.ConsumeIntegralInRange<int>(1, 30);
  for (int w = 0; w < words && in.remaining_bytes() > 0; ++w) {
    if (w) s += ' ';
    switch (in.ConsumeIntegralInRange<int>(0, 3)) {
      case 0:
        AppendCodePoint(s, in.ConsumeIntegralInRange<uint32_t>(0x20, 0x10FFFF));
        break;
      case 1:
        s += std::to_string(in.ConsumeIntegral<int32_t>());
        break;
      default:
        s += kWords[in.ConsumeIntegralInRange<size_t>(0, std::size(kWords) - 1)];
    }
  }
  s += kEnds[in.ConsumeIntegralInRange<size_t>(0, std::size(kEnds) - 1)];
  return s;
}

// A segmented document: sentences joined by a space, paragraphs by a blank line. A sentence
// made only of white space is dropped (the segmenter never yields one).
Document MakeDocument(FuzzedDataProvider& in, const char* lang, size_t max_sentences) {
  Document doc;
  doc.lang = lang;
  doc.path = std::string("fuzz.") + lang;
  const size_t n = in.ConsumeIntegralInRange<size_t>(0, max_sentences);
  size_t para_begin = 0;
  bool para_open = false;
  for (size_t i = 0; i < n && in.remaining_bytes() > 0; ++i) {
    const bool new_para = !para_open || in.ConsumeIntegralInRange<int>(0, 4) == 0;
    if (new_para && para_open) {
      doc.paragraphs.push_back(Span{para_begin, doc.text.size()});
      doc.text += "\n\n";
      para_open = false;
    }
    if (!para_open) {
      para_begin = doc.text.size();
      para_open = true;
    } else {
      doc.text += ' ';
    }
    std::string sentence = MakeSentence(in);
    const size_t begin = doc.text.size();
    doc.text += sentence;
    Sentence s;
    s.span = Span{begin, doc.text.size()};
    s.paragraph = static_cast<int>(doc.paragraphs.size());
    doc.sentences.push_back(s);
  }
  if (para_open) doc.paragraphs.push_back(Span{para_begin, doc.text.size()});
  return doc;
}

// Fixed beads in order, not overlapping, inside both documents.
Alignment MakeFixed(FuzzedDataProvider& in, size_t n_src, size_t n_tgt) {
  Alignment fixed;
  int src = 0, tgt = 0;
  const int count = in.ConsumeIntegralInRange<int>(0, 3);
  for (int k = 0; k < count; ++k) {
    Bead b;
    b.src_begin = src + in.ConsumeIntegralInRange<int>(0, 5);
    b.tgt_begin = tgt + in.ConsumeIntegralInRange<int>(0, 5);
    b.src_count = in.ConsumeIntegralInRange<int>(0, 2);
    b.tgt_count = in.ConsumeIntegralInRange<int>(b.src_count == 0 ? 1 : 0, 2);
    if (static_cast<size_t>(b.src_end()) > n_src || static_cast<size_t>(b.tgt_end()) > n_tgt) break;
    b.score = 1.0;
    fixed.push_back(b);
    src = b.src_end();
    tgt = b.tgt_end();
  }
  return fixed;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  AlignOptions options;  // with the installed dictionary, as users run it
  g_aligner = new Aligner(options);
  AlignOptions narrow;
  narrow.use_dictionary = false;
  narrow.max_side = 1;
  narrow.band = 2;
  g_narrow = new Aligner(narrow);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  const int mode = in.ConsumeIntegralInRange<int>(0, 3);
  if (mode == 3) {  // a small corpus: learning from confident beads, then realigning
    std::vector<Document> docs;
    docs.reserve(6);
    for (int i = 0; i < 3; ++i) {
      docs.push_back(MakeDocument(in, "ru", 12));
      docs.push_back(MakeDocument(in, "en", 12));
    }
    std::vector<Aligner::Pair> pairs;
    for (int i = 0; i < 3; ++i) pairs.push_back(Aligner::Pair{&docs[2 * i], &docs[2 * i + 1], {}});
    std::vector<Alignment> out = g_aligner->AlignCorpus(pairs);
    fuzz::Check(out.size() == pairs.size(), "one alignment per pair");
    for (size_t i = 0; i < out.size(); ++i)
      fuzz::CheckTiling(out[i], docs[2 * i].sentences.size(), docs[2 * i + 1].sentences.size());
    return 0;
  }
  Document src = MakeDocument(in, "ru", 40);
  Document tgt = MakeDocument(in, "en", 40);
  const Aligner& aligner = mode == 2 ? *g_narrow : *g_aligner;
  Alignment fixed = mode == 1 ? MakeFixed(in, src.sentences.size(), tgt.sentences.size()) : Alignment{};
  Alignment beads = aligner.Align(src, tgt, fixed);
  fuzz::CheckTiling(beads, src.sentences.size(), tgt.sentences.size());
  size_t next = 0;  // every fixed bead is kept as it is
  for (const Bead& b : beads)
    if (next < fixed.size() && b == fixed[next]) ++next;
  fuzz::Check(next == fixed.size(), "fixed beads kept");
  return 0;
}
