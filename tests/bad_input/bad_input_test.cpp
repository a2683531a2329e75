// The bad-input corpus: every file tests/bad_input/cases/NAME.json is a broken scenario, and
// NAME.expected holds exactly the messages ccsim must give for it, one per line. Each case is
// read as bytes and parsed under its bare file name, with the cases folder as the scenario's
// folder (for the CSV files some cases name). Add a case by adding the two files.
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ccsim/diagnostics.h"
#include "ccsim/scenario.h"

namespace {

namespace fs = std::filesystem;

fs::path cases_dir() { return fs::path(CCSIM_SOURCE_DIR) / "tests" / "bad_input" / "cases"; }

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

std::vector<std::string> case_names(const char* extension) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(cases_dir()))
    if (entry.path().extension() == extension) names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> messages_of(const ccsim::InputError& e) {
  std::vector<std::string> messages;
  for (const auto& d : e.diagnostics()) messages.push_back(d.to_string());
  return messages;
}

class BadScenario : public testing::TestWithParam<std::string> {};

TEST_P(BadScenario, IsRefusedWithExactlyTheExpectedMessages) {
  const std::string name = GetParam();
  const std::string text = read_bytes(cases_dir() / (name + ".json"));
  const std::vector<std::string> expected =
      lines_of(read_bytes(cases_dir() / (name + ".expected")));
  ASSERT_FALSE(expected.empty()) << name << ".expected is missing or empty";
  try {
    ccsim::parse_scenario(text, name + ".json", cases_dir());
    FAIL() << name << ".json was accepted";
  } catch (const ccsim::InputError& e) {
    EXPECT_EQ(messages_of(e), expected);
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadScenario, testing::ValuesIn(case_names(".json")),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string test_name = info.param;
                           for (char& c : test_name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return test_name;
                         });

TEST(BadInputCorpus, EveryCaseHasItsExpectedMessagesAndNoneIsOrphaned) {
  ASSERT_FALSE(case_names(".json").empty()) << "no case in " << cases_dir();
  EXPECT_EQ(case_names(".json"), case_names(".expected"));
}

// The kinds of problem the reader tells apart, each by the shape of its message. A kind is
// covered when one case's expected messages match all of its patterns (ECMAScript regular
// expressions, searched in each message). A new kind of message gets a row here and a case.
struct ProblemKind {
  const char* name;
  std::vector<const char*> patterns;
};

const std::vector<ProblemKind> problem_kinds = {
    // The text itself, located by line and column.
    {"an empty file", {R"(\.json: file is empty, expected a JSON object$)"}},
    {"a JSON syntax error", {R"(\.json:\d+:\d+: syntax error while parsing )"}},
    {"a number too large for a double", {R"(\.json:\d+:\d+: number overflow parsing )"}},
    {"bytes that are not UTF-8", {R"(\.json:\d+:\d+: .*ill-formed UTF-8 byte)"}},
    {"a file in UTF-16", {R"(\.json:1:1: .*last read: '\\xFF')"}},
    // Shapes and types, located by JSON pointer.
    {"a document that is not an object", {R"(^\w+\.json: must be an object, got )"}},
    {"a section that is not an object", {R"(\.json: /\S*: must be an object, got )"}},
    {"a required key left out", {R"(: missing key "\w+"$)"}},
    {"none or several of keys that exclude each other",
     {R"(: needs one of .*, got (none|more than one)$)"}},
    {"a mistyped key, with the nearest known one", {R"(: unknown key, did you mean "\w+"\?$)"}},
    {"an unknown key, with the keys allowed there",
     {R"(: unknown key, expected one of: \S+(, \S+)+$)"}},
    {"a value of the wrong JSON type", {R"(: must be (a string|true or false|a number), got )"}},
    {"a number written as text", {R"(: must be a (whole )?number.*, got "[0-9.]+"$)"}},
    {"not-a-number or infinity written as text", {R"re(, got "(NaN|Infinity)"$)re"}},
    {"a fraction where a whole number belongs",
     {R"(: must be a whole number .*, got -?\d+\.\d+$)"}},
    {"a number out of its range", {R"(: must be a (whole )?number (>|>=|in) .*, got -?\d)"}},
    {"negative zero where a positive number belongs", {R"(: must be a number > 0, got -0\.0$)"}},
    {"a percentage written as a whole", {R"(, got [\d.]+ \(write [\d.]+ % as 0\.\d+\)$)"}},
    {"a series of the wrong length", {R"(: must have \d+ values \(one per interval)"}},
    {"a series that is neither a number nor an array",
     {R"(: must be a [^,]* or an array of them, got )"}},
    {"a clock time that is not HH:MM", {R"(: must be a clock time "HH:MM" )"}},
    {"a tier other than 1, 2 or 3", {R"(: must be a tier 1, 2 or 3, got )"}},
    {"a warm-up as long as the horizon", {R"(/run/warmup_min: must be less than the horizon of )"}},
    {"a mistyped name, with the nearest known one",
     {R"(: unknown \w+ "[^"]+".*, did you mean "[^"]+"\?$)"}},
    {"an unknown name, with the names allowed", {R"(: unknown \w+ "[^"]+", expected one of: )"}},
    {"an id with characters an id may not have", {R"(: must be an id of letters, digits, )"}},
    {"a duplicate id, with its first use", {R"(: duplicate id "[^"]+", first used at /)"}},
    {"a duplicate in a list, with its first place",
     {R"(: duplicate [a-z ]+ "[^"]+", first listed at /)"}},
    // References between parts of the scenario, naming both ends.
    {"a reference to no such id, with the ids there are",
     {R"(: no (contact type|agent group|segment) with id "[^"]+" )"
      R"(\((contact types|agent groups|segments): )"}},
    {"a mistyped reference, with the nearest id",
     {R"(: no (contact type|agent group|segment) with id "[^"]+", did you mean "[^"]+"\? \()"}},
    {"a contact type no agent group serves", {R"(: no agent group serves contact type "\w+"$)"}},
    {"an escalation to a tier no group serves",
     {R"(escalation/p\S*: must be 0: no (tier above|agent group of) tier )"}},
    // Limits that keep a run within memory and time.
    {"a quantity over its limit", {R"(: must be at most \d+, got )"}},
    {"a horizon too long", {R"(: must have intervals \* days at most \d+, got )"}},
    {"arrivals scaled over their limit", {R"(: must keep arrivals at most \d+ per hour, got )"}},
    {"a model too large as a whole", {R"(per-interval values, more than the limit of \d+$)"}},
    // Files a scenario names.
    {"a CSV file that cannot be read", {R"(: cannot read [\w.]+\.csv: )"}},
    {"a bad value in a CSV file, at its line", {R"(: \w+\.csv:\d+: must be )"}},
    {"a column a CSV file lacks, with the columns it has",
     {R"(: no column .* in \w+\.csv.*: \w+(, \w+)+$)"}},
    // What-ifs: patches that do not apply, and scenarios they break, named.
    {"a what-if that is not a patch",
     {R"(: must be an object \(merge patch\) or an array \(JSON patch\), got )"}},
    {"a what-if path that matches nothing", {R"(: nothing at /\S* to (replace|remove))"}},
    {"a what-if naming no such id", {R"(: no element with id "[^"]+" in /\w+ \(ids: )"}},
    {"a what-if that makes the scenario invalid, named", {R"(\.json: what-if "[^"]+": /)"}},
    // Hostile input: refused before it costs the stack, memory or a wrong result.
    {"a document nested too deep, at the too-deep value",
     {R"(\.json: (/\S+)+: nested deeper than 64 levels of objects and arrays, the limit$)"}},
    {"a key given twice in one object", {R"(: duplicate key "[^"]*" \(JSON would keep only the last\)$)"}},
    {"an id with an invisible character, named",
     {R"(: an id must not contain the invisible character U\+[0-9A-F]{4,6}, got )"}},
    {"a what-if that would grow the scenario without bound",
     {R"(/what_if/\S+/\d+: copy would make the what-if add more than \d+ values)"}},
    {"a what-if that would nest the scenario too deep",
     {R"(/what_if/\S+/\d+: (add|copy|move) would nest the scenario deeper than 64 levels)"}},
    {"a move into the value's own child", {R"(: cannot move a value into its own child \()"}},
    {"a CSV record over the limits, at its line",
     {R"(: \w+\.csv:\d+: (more than \d+ fields in one record|a field longer than \d+ bytes), the limit$)"}},
    {"a path that is not a regular file", {R"(: cannot read \S+: is a (device|directory))"}},
    {"a distribution past the cv limit", {R"(: must have a cv of at most 100, got )"}},
    {"user text with control or invisible characters, escaped",
     {R"((\\n|\\x1B|\\u\{[0-9A-F]+\}))"}},
    {"a loop the scenario makes certain, with the pointers involved",
     {R"(/(retry|repeat): .*(/patience|/abandon_p|/resolution/p).* at the same instant for ever: give the (retry|repeat) a delay or a p below 1$)"}},
    // How the messages read when there are many, or long ones.
    {"a long value cut short", {R"(, got .{20,}\.\.\.$)"}},
    {"problems beyond the first fifty, counted", {R"(\.json: \d+ more problems not shown$)"}},
    {"problems all over the file, every one reported at once",
     {R"(\.json: /horizon/)", R"(\.json: /run/)", R"(\.json: /contact_types/)",
      R"(\.json: /agent_groups/)"}},
};

bool covers(const std::vector<std::string>& messages, const ProblemKind& kind) {
  return std::all_of(kind.patterns.begin(), kind.patterns.end(), [&](const char* pattern) {
    const std::regex re(pattern);
    return std::any_of(messages.begin(), messages.end(),
                       [&](const std::string& m) { return std::regex_search(m, re); });
  });
}

// Every kind of problem has a case, so that the exact messages of each are pinned by
// BadScenario above; and no kind's patterns match every case, which would say nothing.
TEST(BadInputCorpus, HasACaseForEveryKindOfProblem) {
  std::vector<std::vector<std::string>> corpus;
  for (const std::string& name : case_names(".expected"))
    corpus.push_back(lines_of(read_bytes(cases_dir() / (name + ".expected"))));
  for (const ProblemKind& kind : problem_kinds) {
    const auto cases = std::count_if(corpus.begin(), corpus.end(),
                                     [&](const auto& messages) { return covers(messages, kind); });
    EXPECT_GT(cases, 0) << "no case in " << cases_dir() << " for " << kind.name;
    EXPECT_LT(cases, static_cast<std::ptrdiff_t>(corpus.size()))
        << "every case matches " << kind.name << ": its patterns are too loose";
  }
}

// Problems with the file itself cannot live in the corpus: they are about paths and sizes.

TEST(BadInputFile, MissingFileCannotBeRead) {
  const fs::path missing = cases_dir() / "no_such_scenario.json";
  try {
    ccsim::load_scenario(missing);
    FAIL() << "a missing file was accepted";
  } catch (const ccsim::InputError& e) {
    EXPECT_EQ(messages_of(e),
              std::vector<std::string>{missing.string() +
                                       ": cannot read file: no such file or directory"});
  }
}

TEST(BadInputFile, FolderCannotBeRead) {
  try {
    ccsim::load_scenario(cases_dir());
    FAIL() << "a folder was accepted";
  } catch (const ccsim::InputError& e) {
    EXPECT_EQ(messages_of(e), std::vector<std::string>{cases_dir().string() +
                                                       ": cannot read file: is a directory"});
  }
}

TEST(BadInputFile, NamedPipeIsRefusedWithoutWaitingForAWriter) {
  const fs::path pipe = fs::temp_directory_path() / "ccsim_bad_input_pipe.json";
  fs::remove(pipe);
  ASSERT_EQ(::mkfifo(pipe.c_str(), 0600), 0);
  std::vector<std::string> messages;
  try {
    ccsim::load_scenario(pipe);
  } catch (const ccsim::InputError& e) {
    messages = messages_of(e);
  }
  fs::remove(pipe);
  EXPECT_EQ(messages, std::vector<std::string>{pipe.string() + ": cannot read file: is a named "
                                                               "pipe (FIFO), not a regular file"});
}

TEST(BadInputFile, DeviceIsRefusedRatherThanReadForEver) {
  try {
    ccsim::load_scenario("/dev/zero");
    FAIL() << "/dev/zero was accepted";
  } catch (const ccsim::InputError& e) {
    EXPECT_EQ(messages_of(e), std::vector<std::string>{
                                  "/dev/zero: cannot read file: is a device, not a regular file"});
  }
}

TEST(BadInputFile, TextOverTheSizeLimitIsRefusedBeforeParsing) {
  const std::string huge(17u << 20, ' ');
  try {
    ccsim::parse_scenario(huge, "huge.json");
    FAIL() << "17 MiB of text was accepted";
  } catch (const ccsim::InputError& e) {
    EXPECT_EQ(messages_of(e),
              std::vector<std::string>{"huge.json: larger than the limit of 16 MiB"});
  }
}

TEST(BadInputFile, CsvOverTheSizeLimitIsRefused) {
  const fs::path dir = fs::temp_directory_path() / "ccsim_bad_input_big_csv";
  fs::create_directories(dir);
  {
    std::ofstream csv(dir / "big.csv", std::ios::binary);
    csv << "handle_s\n";
    const std::string rows(1u << 20, '\n');  // blank lines: 33 MiB of them
    for (int i = 0; i < 33; ++i) csv << rows;
  }
  const std::string scenario = R"({ "horizon": { "intervals": 1 },
    "contact_types": [ { "id": "calls", "arrivals": { "rate_per_hour": 1 },
      "handle_time": { "dist": "empirical", "file": "big.csv" } } ],
    "agent_groups": [ { "id": "agents", "skills": ["calls"], "staffing": 1 } ] })";
  std::vector<std::string> messages;
  try {
    ccsim::parse_scenario(scenario, "big.json", dir);
  } catch (const ccsim::InputError& e) {
    messages = messages_of(e);
  }
  fs::remove_all(dir);
  EXPECT_EQ(messages,
            std::vector<std::string>{"big.json: /contact_types/0/handle_time/file: cannot "
                                     "read big.csv: larger than the limit of 32 MiB"});
}

TEST(BadInputFile, LoadedFileIsNamedAsGiven) {
  // load_scenario labels messages with the path as the user gave it.
  const fs::path file = cases_dir() / "staffing_negative.json";
  try {
    ccsim::load_scenario(file);
    FAIL() << "a broken scenario was accepted";
  } catch (const ccsim::InputError& e) {
    EXPECT_EQ(
        messages_of(e),
        std::vector<std::string>{
            file.string() + ": /agent_groups/2/staffing/7: must be a number >= 0, got -3"});
  }
}

}  // namespace
