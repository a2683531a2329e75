#include "ccsim/output_file.h"

#include <fstream>
#include <stdexcept>
#include <system_error>

#include <unistd.h>

namespace ccsim {

void write_file_atomically(const std::filesystem::path& path,
                           const std::function<void(std::ostream&)>& write) {
  // The temporary name carries the process id so that two runs writing the same target never
  // share a temporary file; it sits in the target's folder so that the rename stays atomic.
  std::filesystem::path temporary = path;
  temporary += ".tmp." + std::to_string(::getpid());
  try {
    {
      std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
      if (!out) throw std::runtime_error("cannot create the file");
      write(out);
      out.flush();
      if (!out) throw std::runtime_error("write failed");
    }
    std::filesystem::rename(temporary, path);
  } catch (const std::exception& e) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw std::runtime_error(path.string() + ": " + e.what());
  }
}

}  // namespace ccsim
