// Reads one petition export exactly as `dossier build` does (format,
// encoding, separator, row checks, duplicates) and nothing else, then
// prints the rows, the wall time and the peak memory of the process: for
// comparing the readers (bench/xlsx_vs_csv.sh).
// Usage: read_export FILE [SHEET]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <exception>

#include "ingest/ingest.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: read_export FILE [SHEET]\n");
    return 2;
  }
  dossier::ingest::ReadOptions options;
  if (argc > 2) options.sheet = argv[2];
  auto start = std::chrono::steady_clock::now();
  try {
    auto set = dossier::ingest::read_signatures(argv[1], options);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto cpu = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
    // format rows accepted wall_s cpu_s peak_MB (CPU time says more than
    // wall time on a machine shared with other jobs)
    std::printf("%s %llu %llu %.2f %.2f %.0f\n", set.stats.format.c_str(),
                static_cast<unsigned long long>(set.stats.rows_read),
                static_cast<unsigned long long>(set.stats.accepted), seconds,
                cpu(usage.ru_utime) + cpu(usage.ru_stime),
                static_cast<double>(usage.ru_maxrss) / 1024.0);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "read_export: %s\n", e.what());
    return 2;
  }
  return 0;
}
