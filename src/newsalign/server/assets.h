// The workbench page (assets/index.html, app.css, app.js), compiled into the binary by
// embed_assets.cmake: a fixed table, so a request can only ever name one of these files.
#pragma once

#include <string_view>
#include <vector>

namespace newsalign::server {

struct Asset {
  std::string_view path;          // "/index.html", "/app.js", ...
  std::string_view content_type;  // "text/html; charset=utf-8", ...
  std::string_view body;
};

// Every file of assets/, sorted by path (generated).
const std::vector<Asset>& Assets();

// The asset served at `path` ("/" is "/index.html"); nullptr for anything else.
inline const Asset* FindAsset(std::string_view path) {
  if (path == "/") path = "/index.html";
  for (const Asset& a : Assets())
    if (a.path == path) return &a;
  return nullptr;
}

}  // namespace newsalign::server
