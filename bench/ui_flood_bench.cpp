#include "ui_flood_bench.h"

#include "console_session.h"
#include "event_loop_stall_probe.h"
#include "host_steal_sampler.h"
#include "secret_store.h"
#include "terminal_line_builder.h"
#include "thread_cpu_times.h"
#include "transcript_model.h"
#include "transcript_view.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <optional>
#include <thread>

namespace sandbox {

namespace {

constexpr int kViewWidth = 1200;
constexpr int kViewHeight = 800;

// About 100 characters a line, like a chatty build log; 40-line blocks (4 KiB) alternate
// between stdout and stderr, flushed each, so the streams stay interleaved to the end.
// `out` and `err` are exact byte budgets (the last line may be cut short). With `c=1` each
// line carries four SGR sequences (bold green, yellow, 256-colour, reset), same length.
const QString kFloodProgram = QStringLiteral(
    "BEGIN {"
    "  e = sprintf(\"%c\", 27);"
    "  for (i = 0; i < 40; i++) {"
    "    if (c) {"
    "      bo = bo e \"[1;32mstdout \" i e \"[0m the \" e \"[33mquick brown fox\" e \"[0m jumps \" "
    "e \"[38;5;196mover\" e \"[0m the lazy dog 0123456789 ABCDEFGHIJKLM\\n\";"
    "      be = be e \"[1;35mstderr \" i e \"[0m warning: \" e \"[36msomething noisy\" e \"[0m "
    "happened \" e \"[38;5;45mhere\" e \"[0m 0123456789 ABCDEFGHIJKLMN\\n\";"
    "    } else {"
    "      bo = bo \"stdout \" i \" the quick brown fox jumps over the lazy dog 0123456789 "
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghij\\n\";"
    "      be = be \"stderr \" i \" warning: something noisy happened here 0123456789 "
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghij\\n\";"
    "    }"
    "  }"
    "  while (out > 0 || err > 0) {"
    "    if (out > 0) { s = out >= length(bo) ? bo : substr(bo, 1, out);"
    "      printf \"%s\", s; fflush(\"/dev/stdout\"); out -= length(s) }"
    "    if (err > 0) { s = err >= length(be) ? be : substr(be, 1, err);"
    "      printf \"%s\", s > \"/dev/stderr\"; fflush(\"/dev/stderr\"); err -= length(s) }"
    "  }"
    "}");

std::string number(double value) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", value);
    return buf;
}

double threadCpuMs() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

double peakRssMib() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return 0;
}

// libvterm's parser alone, measured by sandbox-vterm-bench next to this program.
double vtermParserMibS() {
    QProcess vterm;
    vterm.start(QCoreApplication::applicationDirPath() + QStringLiteral("/sandbox-vterm-bench"),
                {QStringLiteral("--size"), QStringLiteral("32")});
    if (!vterm.waitForFinished(120000) || vterm.exitCode() != 0)
        return -1;
    return QJsonDocument::fromJson(vterm.readAllStandardOutput())
        .object()
        .value(QStringLiteral("vterm_parser_mib_s"))
        .toDouble(-1);
}

} // namespace

UiFloodBench::UiFloodBench(Profile profile, QString token, std::uint64_t bytes)
    : profile_(std::move(profile))
    , token_(std::move(token))
    , bytes_(bytes) {}

UiFloodBench::~UiFloodBench() {
    view_.reset();
    session_.reset();
    if (secrets_)
        secrets_->deleteToken(profile_.id);
    token_.fill(u'\0');
}

QString UiFloodBench::floodLine(std::uint64_t bytes, bool coloured) {
    const std::uint64_t err = bytes / 2;
    return QStringLiteral("awk -v c=%1 -v out=%2 -v err=%3 '%4'")
        .arg(coloured ? 1 : 0)
        .arg(bytes - err)
        .arg(err)
        .arg(kFloodProgram);
}

bool UiFloodBench::setUp(std::string &error) {
    dir_ = std::make_unique<QTemporaryDir>();
    // The token goes through a keychain job like in the console; without a Secret Service
    // the store keeps it for this process only, which is all the bench needs.
    secrets_ = std::make_unique<SecretStore>(QStringLiteral("sandbox-bench"));
    bool written = false;
    QEventLoop wait;
    QObject::connect(secrets_->writeToken(profile_.id, token_), &SecretJob::finished, &wait,
                     [&](SecretJob *) {
                         written = true;
                         wait.quit();
                     });
    QTimer::singleShot(30000, &wait, &QEventLoop::quit);
    wait.exec();
    if (!written) {
        error = "ui flood: the keychain did not answer";
        return false;
    }
    session_ = std::make_unique<ConsoleSession>(profile_, secrets_.get(), dir_->path(), 10, nullptr,
                                                dir_->filePath(QStringLiteral("spool")));
    QObject::connect(session_.get(), &ConsoleSession::outputDrained, [this](qint64 bytes) {
        counts_.viewBytes += std::uint64_t(bytes);
        ++counts_.batches;
    });
    view_ = std::make_unique<TranscriptView>(session_->transcript());
    view_->resize(kViewWidth, kViewHeight);
    view_->show();
    QCoreApplication::processEvents();
    return true;
}

// Splits the gaps by whether the hypervisor stopped the VM during them.
static void attributeHostSteal(const EventLoopStallProbe &probe, const HostStealSampler &steal,
                               UiFloodRun &run) {
    const double longest = probe.maxGapMs();
    for (const EventLoopStallProbe::Gap &gap : probe.gaps()) {
        const auto beginNs = gap.endNs - static_cast<std::int64_t>(gap.ms * 1e6);
        const double stolen = steal.stolenMs(beginNs, gap.endNs);
        if (gap.ms == longest)
            run.maxStallHostStealMs = stolen;
        if (stolen == 0)
            run.maxStallWithoutHostStealMs = std::max(run.maxStallWithoutHostStealMs, gap.ms);
        else if (gap.ms > 16)
            ++run.stallsOverFrameHostSteal;
    }
}

// Submits a line as Enter does and waits in an event loop (the GUI keeps running) until
// its end banner is in the transcript.
bool UiFloodBench::runLine(const QString &line, std::uint64_t expectBytes, UiFloodRun &run,
                           std::string &error) {
    counts_.viewBytes = 0;
    std::optional<CommandSummary> summary;
    QEventLoop loop;
    const auto ended = QObject::connect(session_.get(), &ConsoleSession::commandEnded, &loop,
                                        [&](quint64, const CommandSummary &s) {
                                            summary = s;
                                            loop.quit();
                                        });
    // A stuck agent must not hang the benchmark: generous, at least 1 MiB/s.
    QTimer::singleShot(std::chrono::seconds(60 + expectBytes / (1 << 20)), &loop,
                       [this] { session_->cancel(); });
    EventLoopStallProbe probe;
    HostStealSampler steal;
    steal.start();
    QElapsedTimer wall;
    const ThreadCpuTimes cpuBefore = ThreadCpuTimes::now();
    probe.start();
    wall.start();
    if (!session_->submit(line).started()) {
        error = "ui flood: the session refused the line";
        return false;
    }
    loop.exec();
    const double ms = double(wall.nsecsElapsed()) / 1e6;
    const ThreadCpuTimes cpuAfter = ThreadCpuTimes::now();
    probe.stop();
    // Steal is booked at the next tick after the VM runs again.
    std::this_thread::sleep_for(std::chrono::nanoseconds(HostStealSampler::kBookingDelayNs));
    steal.stop();
    QObject::disconnect(ended);
    if (!summary || !summary->succeeded()) {
        error = "ui flood: " + line.left(40).toStdString() +
                "...: " + (summary ? summary->detail.toStdString() : std::string("no end banner"));
        return false;
    }
    if (expectBytes && counts_.viewBytes != expectBytes) {
        error = "ui flood: the transcript received " + std::to_string(counts_.viewBytes) +
                " bytes, expected " + std::to_string(expectBytes);
        return false;
    }
    const double mib = double(counts_.viewBytes) / (1024.0 * 1024.0);
    run.mibS = ms > 0 ? mib / (ms / 1000.0) : 0;
    run.maxStallMs = probe.maxGapMs();
    run.p99StallMs = probe.percentileGapMs(0.99);
    const auto longest = probe.maxGap();
    run.maxStallCpuMs = longest.cpuMs;
    run.maxStallRunQueueMs = longest.runQueueMs;
    run.stallsOverFrame = probe.gapsOver(16);
    run.stallsOverFrameWaiting = probe.gapsOverMostlyWaiting(16);
    attributeHostSteal(probe, steal, run);
    if (mib > 0) {
        run.guiCpuMsPerMib = cpuAfter.msSince(cpuBefore, "main") / mib;
        run.builderCpuMsPerMib = cpuAfter.msSince(cpuBefore, "transcript-feed") / mib;
    }
    counts_.ticks = probe.ticks();
    return true;
}

bool UiFloodBench::run(UiFloodNumbers &numbers, std::string &error) {
    if (!setUp(error))
        return false;
    UiFloodRun ignored;
    // Warm-up: the TLS handshake and the runner's creation stay out of the timings.
    if (!runLine(QStringLiteral("true"), 0, ignored, error))
        return false;
    counts_ = {};
    if (!runLine(floodLine(bytes_, false), bytes_, counts_.plain, error))
        return false;
    const int plainBatches = counts_.batches;
    const std::size_t plainTicks = counts_.ticks;
    if (!runLine(floodLine(bytes_, true), bytes_, counts_.colour, error))
        return false;
    counts_.batches = plainBatches;
    counts_.ticks = plainTicks;
    counts_.viewBytes = bytes_;
    counts_.plain.frameCpuMs = frameCpuMs(false);
    counts_.colour.frameCpuMs = frameCpuMs(true);
    counts_.rssMib = peakRssMib();
    counts_.vtermParserMibS = vtermParserMibS();
    numbers = counts_;
    return true;
}

// Frames of fresh rows, as a flood paints them: each frame first appends a screenful of
// new lines (built from the flood's own line by the real TerminalLineBuilder), then
// paints synchronously; only the paint is timed, in CPU time of this thread.
double UiFloodBench::frameCpuMs(bool coloured) {
    constexpr int kFrames = 100;
    const char *text = coloured
                           ? "\x1b[1;32mstdout 17\x1b[0m the \x1b[33mquick brown fox\x1b[0m jumps "
                             "\x1b[38;5;196mover\x1b[0m the lazy dog 0123456789 ABCDEFGHIJKLM\n"
                           : "stdout 17 the quick brown fox jumps over the lazy dog 0123456789 "
                             "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghij\n";
    QByteArray screen;
    for (int i = 0; i < kViewHeight / 8; ++i)
        screen += text;
    TerminalLineBuilder builder;
    TranscriptModel *model = session_->transcript();
    double total = 0;
    for (int frame = 0; frame < kFrames; ++frame) {
        QList<StyledLine> lines;
        builder.feed(screen, lines);
        model->appendOutput(0, std::move(lines));
        const double before = threadCpuMs();
        view_->viewport()->repaint();
        total += threadCpuMs() - before;
    }
    return total / kFrames;
}

std::string UiFloodBench::toJson(const UiFloodNumbers &n, std::uint64_t size) {
    return "{\"stream_bytes\": " + std::to_string(size) +
           ", \"ui_flood_mib_s\": " + number(n.plain.mibS) +
           ", \"ui_max_stall_ms\": " + number(n.plain.maxStallMs) +
           ", \"ui_p99_stall_ms\": " + number(n.plain.p99StallMs) +
           ", \"ui_max_stall_cpu_ms\": " + number(n.plain.maxStallCpuMs) +
           ", \"ui_max_stall_run_queue_ms\": " + number(n.plain.maxStallRunQueueMs) +
           ", \"ui_stalls_over_16ms\": " + std::to_string(n.plain.stallsOverFrame) +
           ", \"ui_stalls_over_16ms_run_queue\": " +
           std::to_string(n.plain.stallsOverFrameWaiting) +
           ", \"ui_max_stall_host_steal_ms\": " + number(n.plain.maxStallHostStealMs) +
           ", \"ui_max_stall_without_host_steal_ms\": " +
           number(n.plain.maxStallWithoutHostStealMs) + ", \"ui_stalls_over_16ms_host_steal\": " +
           std::to_string(n.plain.stallsOverFrameHostSteal) +
           ", \"ui_flood_colour_mib_s\": " + number(n.colour.mibS) +
           ", \"ui_colour_max_stall_ms\": " + number(n.colour.maxStallMs) +
           ", \"ui_colour_p99_stall_ms\": " + number(n.colour.p99StallMs) +
           ", \"ui_colour_max_stall_cpu_ms\": " + number(n.colour.maxStallCpuMs) +
           ", \"ui_colour_max_stall_run_queue_ms\": " + number(n.colour.maxStallRunQueueMs) +
           ", \"ui_colour_stalls_over_16ms\": " + std::to_string(n.colour.stallsOverFrame) +
           ", \"ui_colour_stalls_over_16ms_run_queue\": " +
           std::to_string(n.colour.stallsOverFrameWaiting) +
           ", \"ui_colour_max_stall_host_steal_ms\": " + number(n.colour.maxStallHostStealMs) +
           ", \"ui_colour_max_stall_without_host_steal_ms\": " +
           number(n.colour.maxStallWithoutHostStealMs) +
           ", \"ui_colour_stalls_over_16ms_host_steal\": " +
           std::to_string(n.colour.stallsOverFrameHostSteal) +
           ", \"ui_frame_cpu_ms\": " + number(n.plain.frameCpuMs) +
           ", \"ui_colour_frame_cpu_ms\": " + number(n.colour.frameCpuMs) +
           ", \"ui_gui_cpu_ms_per_mib\": " + number(n.plain.guiCpuMsPerMib) +
           ", \"ui_builder_cpu_ms_per_mib\": " + number(n.plain.builderCpuMsPerMib) +
           ", \"ui_colour_gui_cpu_ms_per_mib\": " + number(n.colour.guiCpuMsPerMib) +
           ", \"ui_colour_builder_cpu_ms_per_mib\": " + number(n.colour.builderCpuMsPerMib) +
           ", \"ui_rss_mib\": " + number(n.rssMib) +
           ", \"vterm_parser_mib_s\": " + number(n.vtermParserMibS) +
           ", \"ui_timer_ticks\": " + std::to_string(n.ticks) +
           ", \"ui_batches\": " + std::to_string(n.batches) + "}\n";
}

} // namespace sandbox
