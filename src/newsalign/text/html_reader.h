// Reading a news page saved from a site (.html) into a Document: the article's paragraphs,
// its title and, when the page states it, its date. Parsed by libgumbo (an HTML5 parser),
// never by pattern matching.
//
//   Document doc = ReadHtmlFile("news.ru.html", "ru");   // then Segment(doc) as for text
//
// Contract:
// - Document::text is NOT the file: it is the extracted paragraphs, each with its white space
//   collapsed to single spaces, joined by blank lines ("\n\n"). Paragraph and sentence spans
//   are byte offsets into that text, so what is stored and exported is the article's wording
//   without markup. (Storing this text is what makes a re-import of the same page a no-op.)
// - Paragraphs come from <p>, <h1>-<h3>, <li> and <blockquote> inside the article: the
//   <article> element with the most paragraph text when there is one, else <main>, else the
//   element holding the most paragraph text directly. Left out: <nav>, page <header>s,
//   <footer>, <aside>, <script>, <style>, <noscript>, <form>, <figure>, <iframe>, <svg>,
//   <button>, elements whose class or id says share/social/comment/related/promo/subscribe/
//   cookie/breadcrumb/advert..., and list items or paragraphs that are nothing but links.
// - Title: the article's <h1>, else og:title, else <title>. Date (YYYY-MM-DD): meta
//   article:published_time, itemprop=datePublished, meta name=date/pubdate, else the first
//   <time datetime> in the article.
// - Bytes that are not UTF-8 are converted from the charset the page declares (<meta
//   charset>) or ICU's guess; InputError when that fails or no article text is found.
#pragma once

#include <string>

#include "newsalign/core/document.h"

namespace newsalign {

Document ReadHtmlFile(const std::string& path, const std::string& lang);

// The same for bytes in memory; `name` is used in messages and stored as Document::path.
Document ReadHtml(std::string bytes, const std::string& name, const std::string& lang);

// True for names ending in .html or .htm (any case).
bool IsHtmlPath(const std::string& path);

}  // namespace newsalign
