#include "bench_options_parser.h"

#include <cctype>
#include <cstdlib>

namespace sandbox {

bool BenchOptionsParser::parseSize(const std::string &text, std::uint64_t &bytes) {
    char *end = nullptr;
    const unsigned long long value = std::strtoull(text.c_str(), &end, 10);
    if (text.empty() || !std::isdigit(static_cast<unsigned char>(text[0])) || value == 0)
        return false;
    const std::string suffix(end);
    std::uint64_t unit = 1;
    if (suffix == "K" || suffix == "KiB" || suffix == "k")
        unit = 1ULL << 10;
    else if (suffix == "M" || suffix == "MiB")
        unit = 1ULL << 20;
    else if (suffix == "G" || suffix == "GiB")
        unit = 1ULL << 30;
    else if (!suffix.empty())
        return false;
    bytes = value * unit;
    return true;
}

bool BenchOptionsParser::parse(const std::vector<std::string> &args, Parsed &out,
                               std::string &error) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &arg = args[i];
        if (arg == "--help" || arg == "-h") {
            out.help = true;
            return true;
        }
        if (arg == "--stream-only") {
            out.options.streamOnly = true;
            continue;
        }
        if (arg == "--ui") {
            out.ui = true;
            continue;
        }
        if (i + 1 >= args.size()) {
            error = "unknown option or missing value: " + arg;
            return false;
        }
        const std::string &value = args[++i];
        if (arg == "--size") {
            if (!parseSize(value, out.options.streamBytes)) {
                error = "--size expects BYTES with an optional K, M or G suffix, e.g. 256M";
                return false;
            }
            out.sizeSet = true;
        } else if (arg == "--count") {
            out.options.execCount = std::atoi(value.c_str());
            if (out.options.execCount < 1) {
                error = "--count expects a positive number";
                return false;
            }
        } else if (arg == "--repeat") {
            out.options.repeat = std::atoi(value.c_str());
            if (out.options.repeat < 1) {
                error = "--repeat expects a positive number";
                return false;
            }
        } else if (arg == "--concurrent") {
            out.options.concurrentExecs = std::atoi(value.c_str());
            if (out.options.concurrentExecs < 1 || out.options.concurrentExecs > 1000) {
                error = "--concurrent expects a number from 1 to 1000";
                return false;
            }
        } else if (arg == "--ssh-target") {
            out.options.sshTarget = value;
        } else if (arg == "--agent") {
            out.agentPath = value;
        } else {
            error = "unknown option " + arg;
            return false;
        }
    }
    return true;
}

const char *BenchOptionsParser::usage() {
    return "Usage: sandbox-bench [--size BYTES[K|M|G]] [--count N] [--concurrent N] [--repeat N]\n"
           "                     [--ssh-target HOST] [--agent PATH] [--stream-only] [--ui]\n"
           "Starts two sandbox-agents on loopback (mTLS + token; plaintext + token) and prints "
           "one\n"
           "JSON object. --repeat N runs every figure N times, interleaved, and prints medians\n"
           "(ratios are taken within each round first):\n"
           "  pipe_mib_s        'head -c SIZE /dev/zero | cat' (default 1G): the pipe limit\n"
           "  crypto_limit_mib_s  OpenSSL AES-128-GCM, 16 KiB records, one core, this process\n"
           "  plaintext_stream_mib_s, stream_mib_s   stdout of 'head -c SIZE /dev/zero' through\n"
           "                    the core client, without TLS / with mTLS (both with the token)\n"
           "  tls_cost_ratio    stream_mib_s / plaintext_stream_mib_s\n"
           "  ctl_stream_mib_s  the same stream through sandboxctl (stdout to /dev/null)\n"
           "  client_rss_mib    sandboxctl's peak RSS (VmHWM) during that stream: the\n"
           "                    client alone, in its own process\n"
           "  bare_spawn_p50_ms   posix_spawn + wait of /bin/true, N times (--count, default "
           "1000)\n"
           "  local_spawn_p50_ms  the agent's runtime (bubblewrap, standard profile) starting\n"
           "                    'true' in this process, N times: an exec without gRPC\n"
           "  exec_p50_ms, exec_p99_ms   N warm execs of 'true' (exec_over_local_spawn_ms,\n"
           "                    exec_p99_to_p50_ratio beside them)\n"
           "  rpc_floor_p50_ms  N warm calls the agent refuses (wrong token): the call\n"
           "                    without a sandbox, what an exec costs beyond the spawn\n"
           "  first_exec_ms     new runner: TLS handshake + one exec\n"
           "  concurrent_execs_s  --concurrent execs of 'true' at once (default 100), one client\n"
           "--stream-only: only stream_mib_s, CPU per GiB and client_rss_mib (this process's\n"
           "peak RSS; a clean run for a profiler)\n"
           "With --ssh-target HOST (BatchMode: keys, no prompts; see README):\n"
           "  ssh_stream_mib_s  'ssh HOST head -c SIZE /dev/zero'; grpc_to_ssh_ratio\n"
           "  ssh_exec_p50_ms   'ssh HOST true' over one ControlMaster (at most 100 times)\n"
           "  ssh_concurrent_execs_s  --concurrent of them at once over that ControlMaster\n"
           "                    (sshd's MaxSessions must allow them); concurrent_to_ssh_ratio\n"
           "With --ui (builds with the GUI), instead: SIZE (default 200M) of mixed stdout/stderr\n"
           "lines through the console session into a shown TranscriptView (offscreen unless\n"
           "QT_QPA_PLATFORM is set):\n"
           "  ui_flood_mib_s   bytes the view received / time until the end banner\n"
           "  ui_max_stall_ms, ui_p99_stall_ms   gaps between ticks of a 1 ms timer on the\n"
           "                 GUI thread during the flood (event-loop stalls)\n"
           "  ui_max_stall_host_steal_ms   time the hypervisor stopped this VM (steal in\n"
           "                 /proc/stat) during the longest gap; ui_max_stall_without_host_\n"
           "                 steal_ms, the longest gap without any; ui_stalls_over_16ms_host_\n"
           "                 steal, the gaps over 16 ms that held steal\n"
           "  ui_flood_colour_mib_s (+ its stalls)  the same flood with every line coloured\n"
           "  ui_rss_mib       peak RSS of the process\n"
           "  vterm_parser_mib_s   libvterm's parser alone (sandbox-vterm-bench)\n";
}

} // namespace sandbox
