// The bad-input corpus: every file tests/bad_input/cases/NAME.json is a broken scenario, and
// NAME.expected holds exactly the messages ccsim must give for it, one per line. Each case is
// read as bytes and parsed under its bare file name, with the cases folder as the scenario's
// folder (for the CSV files some cases name). Add a case by adding the two files.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
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

TEST(BadInputCorpus, HasAtLeast35Cases) { EXPECT_GE(case_names(".json").size(), 35u); }

TEST(BadInputCorpus, EveryCaseHasItsExpectedMessagesAndNoneIsOrphaned) {
  EXPECT_EQ(case_names(".json"), case_names(".expected"));
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
            file.string() + ": /agent_groups/2/staffing/7: must be a whole number >= 0, got -3"});
  }
}

}  // namespace
