// Structured logs: one JSON object per line on stderr, so log collectors need no
// parser of ours. Thread-safe (one write per line under a mutex).
#ifndef KG_SERVICES_COMMON_LOG_H_
#define KG_SERVICES_COMMON_LOG_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kg::services {

using LogFields = std::vector<std::pair<std::string, std::string>>;

// Writes {"ts":…,"level":…,"msg":…,<fields>} to stderr.
void Log(std::string_view level, std::string_view message, const LogFields& fields = {});

inline void LogInfo(std::string_view m, const LogFields& f = {}) { Log("info", m, f); }
inline void LogError(std::string_view m, const LogFields& f = {}) { Log("error", m, f); }

}  // namespace kg::services

#endif  // KG_SERVICES_COMMON_LOG_H_
