// What-ifs: named patches of a scenario document, applied before it is compiled, so that a bad
// patch gets the same located error as a bad file.
//
// A patch is a JSON Merge Patch (RFC 7386, an object) or a JSON Patch (RFC 6902, an array of
// operations); nlohmann/json applies both. Paths in JSON Patch operations (and in `ccsim sweep
// --set`) may name an array element by its "id" as well as by its index, since planners think in
// ids: "/contact_types/billing/arrivals/scale" is "/contact_types/0/arrivals/scale" when billing
// is the first contact type. A merge patch replaces arrays whole (RFC 7386), so it cannot reach
// into one element of contact_types or agent_groups; use a JSON Patch for that.
//
// Patches are bounded before they run: no operation may nest the scenario deeper than
// max_json_depth (json_text.h), nor make one what-if add more than limits::what_if_added_values
// values to it, so that a few copies of the root cannot ask for gigabytes. Each what-if is applied
// to the scenario without the others, so checking N of them costs N times one.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ccsim/model.h"

namespace ccsim {

// Rewrites `pointer` so that every step into an array is an index: a step that is not a number
// (nor "-") names the element whose "id" equals it. Throws InputError (file, pointer, what was
// expected) when a step matches nothing. `file` names the document in messages.
//
// The diagnostic's place is `pointer` as given (empty when it is not a JSON pointer at all);
// a caller that knows where the pointer was written (a what-if's "path", a --set option) may put
// that place instead. The last step may name what is not there yet (a new key, or the end of an
// array for "add"); earlier steps must exist.
nlohmann::json::json_pointer resolve_id_pointer(const nlohmann::json& document,
                                                const std::string& pointer, const std::string& file);

// The names of the document's what-ifs, in the order of its "what_if" object (empty when none).
// nlohmann::json keeps object keys sorted, so that order is by name.
std::vector<std::string> what_if_names(const nlohmann::json& document);

// The document with what-if `name` applied (and "what_if" itself removed). Throws InputError when
// there is no such what-if or the patch cannot be applied (the pointer names the patch step).
nlohmann::json apply_what_if(const nlohmann::json& document, const std::string& name,
                             const std::string& file);

// The document with `patch` applied, as a what-if would be (a merge patch or a JSON Patch whose
// paths may name elements by id), its what-ifs kept: a change made by a program or an option, not
// written in the file. Messages name the file and `origin` ("patch", "--set ...") and give the
// place in the patch.
nlohmann::json apply_patch(const nlohmann::json& document, const nlohmann::json& patch,
                           const std::string& file, const std::string& origin);

// Applies what-if `name` and compiles the result. A problem in the patched scenario is reported at
// its place in the file when a patch wrote the value there ("/what_if/NAME/0/value: must be a whole
// number >= 0, got -2"); otherwise at its place in the patched scenario, with the what-if named:
// `retail.json: what-if "NAME": /contact_types/0: missing key "handle_time"`.
Model compile_what_if(const nlohmann::json& document, const std::string& name,
                      const std::string& file, const std::filesystem::path& base_dir = {});

// Applies and compiles every what-if of the document, throwing one InputError with the problems of
// all of them, so that `ccsim validate` and `ccsim run` refuse a file with a broken what-if.
void check_what_ifs(const nlohmann::json& document, const std::string& file,
                    const std::filesystem::path& base_dir = {});

// As compile_what_if, for running beside the baseline `base` as `ccsim run --what-if` does: a
// what-if that changes the contact types, agent groups or intervals is refused too, since its
// results are paired with the baseline's cell by cell (see pairing_problem in paired.h).
Model compile_comparable_what_if(const nlohmann::json& document, const Model& base,
                                 const std::string& name, const std::string& file,
                                 const std::filesystem::path& base_dir = {});

// Every what-if through compile_comparable_what_if, one InputError with all problems: what
// `ccsim validate` checks, so that it passes exactly the what-ifs `ccsim run --what-if` takes.
void check_comparable_what_ifs(const nlohmann::json& document, const Model& base,
                               const std::string& file, const std::filesystem::path& base_dir = {});

}  // namespace ccsim
