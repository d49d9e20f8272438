// Numbers and dates as language-neutral keys, the strongest evidence in news.
//
//   NumberKeys("Выделено 1,5 млн долларов, т. е. 20 тыс. на школу", "ru")
//       == {"1500000", "20000"}
//   NumberKeys("$1.5 million, i.e. 20,000 per school", "en") == {"1500000", "20000"}
//   NumberKeys("9 декабря 2017 года", "ru") == NumberKeys("December 9, 2017", "en")
//       == NumberKeys("09.12.2017", "ru") == {"9", "m12", "2017"}
//
// Rules: digit groups separated by a space, no-break or thin space (and, in English, by a
// comma before exactly three digits) form one number; a decimal comma (Russian, German,
// French) or point is a decimal; scale words multiply (тыс./thousand, млн/million,
// млрд/billion, трлн/trillion, Mio./Mrd., mille/million/milliard); month names and dd.mm.yyyy
// dates give "mN" for the month; ranges (1–2 ноября) give both ends; ordinals (21st, 21-й)
// give the number. Keys keep their order of appearance and may repeat.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsalign {

std::vector<std::string> NumberKeys(std::string_view sentence, const std::string& lang);

}  // namespace newsalign
