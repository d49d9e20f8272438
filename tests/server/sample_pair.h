// A small stored pair for the workbench tests: 4 Russian and 6 English sentences in two
// paragraphs, aligned 1-1 (the rest 0-1) by the stand-in aligner of store/test_util.h.
#pragma once

#include <string>
#include <vector>

#include "newsalign/store/store.h"
#include "store/test_util.h"

namespace newsalign::test {

inline const std::vector<std::vector<std::string>> kRu = {
    {"В Душанбе открылась международная конференция по водным ресурсам.",
     "Её посетили 2 000 делегатов из 70 стран, т. е. больше, чем в 2018 г."},
    {"Президент Таджикистана Эмомали Рахмон выступил с речью «Вода для всех». Он призвал к сотрудничеству.",
     "Конференция продлится до 9 июня."}};
inline const std::vector<std::vector<std::string>> kEn = {
    {"An international conference on water resources opened in Dushanbe.",
     "It was attended by 2,000 delegates from 70 countries.", "That is more than in 2018."},
    {"Tajik President Emomali Rahmon gave a speech \"Water for all\".", "He called for cooperation.",
     "The conference will last until June 9."}};

// A stored pair aligned 1-1 (the rest 0-1) by the stand-in aligner: 4 ru, 6 en sentences
// ("dushanbe"; any other name adds a paragraph of one sentence on each side).
inline int64_t StorePair(Store& store, const std::string& dir, const std::string& name = "dushanbe") {
  PairInput in;
  auto ru = kRu, en = kEn;
  if (name != "dushanbe") {  // another text, or the store would take it for the same pair
    ru.push_back({"Статья " + name + "."});
    en.push_back({"Article " + name + "."});
  }
  in.ru = MakeDoc(ru, "ru", dir + "/" + name + ".ru.txt");
  in.en = MakeDoc(en, "en", dir + "/" + name + ".en.txt");
  Provenance prov;
  ImportPlan plan = store.Plan(in);
  return store.Commit(in, plan, FakeAlign(in.ru.sentences.size(), in.en.sentences.size()), prov).pair_id;
}

}  // namespace newsalign::test
