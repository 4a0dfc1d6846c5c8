#include "ui_flood_bench.h"

#include "app_settings.h"
#include "console_view.h"
#include "event_loop_stall_probe.h"
#include "exec_error_text.h"
#include "exec_session.h"
#include "exec_session_thread.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace sandbox {

namespace {

constexpr int kViewWidth = 1200;
constexpr int kViewHeight = 800;

// About 100 characters a line, like a chatty build log. One process alternates 40-line
// blocks (4 KiB) between stdout and stderr, flushing each, so the streams stay interleaved
// to the end; `out` and `err` are exact byte budgets (the last line may be cut short).
const QString kFloodProgram = QStringLiteral(
    "BEGIN {"
    "  for (i = 0; i < 40; i++) {"
    "    bo = bo \"stdout \" i \" the quick brown fox jumps over the lazy dog 0123456789 "
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghij\\n\";"
    "    be = be \"stderr \" i \" warning: something noisy happened here 0123456789 "
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghij\\n\";"
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

} // namespace

UiFloodBench::UiFloodBench(Profile profile, QString token, std::uint64_t bytes)
    : profile_(std::move(profile))
    , token_(std::move(token))
    , bytes_(bytes) {}

UiFloodBench::~UiFloodBench() {
    if (session_)
        session_->shutdown();
    token_.fill(u'\0');
}

SessionCommand UiFloodBench::floodCommand(std::uint64_t bytes) {
    const std::uint64_t err = bytes / 2;
    SessionCommand command;
    command.argv = {QStringLiteral("awk"),
                    QStringLiteral("-v"),
                    QStringLiteral("out=%1").arg(bytes - err),
                    QStringLiteral("-v"),
                    QStringLiteral("err=%1").arg(err),
                    kFloodProgram};
    command.displayText = QStringLiteral("flood %1 bytes of stdout/stderr lines").arg(bytes);
    return command;
}

void UiFloodBench::setUp() {
    view_ = std::make_unique<ConsoleView>();
    view_->setScrollbackLines(AppSettings::kDefaultScrollbackLines);
    view_->resize(kViewWidth, kViewHeight);
    view_->show();
    QCoreApplication::processEvents();

    session_ = std::make_unique<ExecSessionThread>(profile_);
    ExecSession *session = session_->session();
    // The same wiring as ConsoleTab::connectSession (queued: the session is on its worker).
    QObject::connect(session, &ExecSession::outputReady, view_.get(), [this] { drain(); });
    QObject::connect(session, &ExecSession::commandFinished, view_.get(),
                     [this](quint64 id, const ExecResult &result) { onFinished(id, result); });
}

void UiFloodBench::drain() {
    const QList<OutputChunk> chunks = session_->session()->takeOutput();
    if (chunks.isEmpty())
        return;
    for (const OutputChunk &chunk : chunks) {
        counts_.viewBytes += static_cast<std::uint64_t>(chunk.data.size());
        if (chunk.isStderr)
            counts_.stderrBytes += static_cast<std::uint64_t>(chunk.data.size());
    }
    ++counts_.batches;
    QElapsedTimer append;
    append.start();
    view_->appendOutput(chunks);
    counts_.maxAppendMs =
        std::max(counts_.maxAppendMs, static_cast<double>(append.nsecsElapsed()) / 1e6);
}

void UiFloodBench::onFinished(quint64 id, const ExecResult &result) {
    if (id != runningId_)
        return;
    drain();
    runningId_ = 0;
    view_->appendEndBanner(ExecErrorText::banner(result), result.exited() && result.exitCode == 0);
    result_ = result;
    // Measured until the end banner is on screen, like a user would.
    if (loop_ && view_->hasPendingText())
        QObject::connect(view_.get(), &ConsoleView::caughtUp, loop_, &QEventLoop::quit,
                         Qt::SingleShotConnection);
    else if (loop_)
        loop_->quit();
}

// Runs one command the way ConsoleTab::startCommand does and waits in an event loop (the GUI
// keeps running) for its end banner.
bool UiFloodBench::runCommand(const SessionCommand &command, std::string &error) {
    view_->appendCommandHeader(QDateTime::currentDateTime(), profile_.name, profile_.image,
                               command.displayText);
    result_.reset();
    runningId_ = nextId_++;
    QEventLoop loop;
    loop_ = &loop;
    // A stuck agent must not hang the benchmark: generous, at least 1 MiB/s.
    QTimer::singleShot(std::chrono::seconds(60 + bytes_ / (1 << 20)), &loop,
                       [this] { session_->cancel(); });
    session_->run(runningId_, command, token_);
    loop.exec();
    loop_ = nullptr;
    if (result_ && result_->exited() && result_->exitCode == 0)
        return true;
    if (!result_) {
        error = command.argv.join(QLatin1Char(' ')).toStdString() + ": no result";
        return false;
    }
    error = command.argv.front().toStdString() + ": " +
            ExecErrorText::banner(*result_).toStdString() + " " +
            ExecErrorText::describe(*result_, profile_.address).toStdString();
    return false;
}

bool UiFloodBench::run(UiFloodNumbers &numbers, std::string &error) {
    setUp();
    // Warm-up: the TLS handshake and the runner's creation stay out of the timings.
    SessionCommand warmUp;
    warmUp.argv = {QStringLiteral("true")};
    warmUp.displayText = QStringLiteral("true");
    if (!runCommand(warmUp, error))
        return false;

    counts_ = {};
    EventLoopStallProbe probe;
    QElapsedTimer wall;
    probe.start();
    wall.start();
    const bool ok = runCommand(floodCommand(bytes_), error);
    const double ms = static_cast<double>(wall.nsecsElapsed()) / 1e6;
    probe.stop();
    if (!ok)
        return false;
    if (counts_.viewBytes != bytes_) {
        error = "ui flood: the view received " + std::to_string(counts_.viewBytes) +
                " bytes, expected " + std::to_string(bytes_);
        return false;
    }
    numbers = counts_;
    numbers.floodMibS =
        ms > 0 ? (static_cast<double>(counts_.viewBytes) / (1024.0 * 1024.0)) / (ms / 1000.0) : 0;
    numbers.maxStallMs = probe.maxGapMs();
    numbers.p99StallMs = probe.percentileGapMs(0.99);
    numbers.ticks = probe.ticks();
    return true;
}

std::string UiFloodBench::toJson(const UiFloodNumbers &n, std::uint64_t size) {
    return "{\"stream_bytes\": " + std::to_string(size) +
           ", \"ui_flood_mib_s\": " + number(n.floodMibS) +
           ", \"ui_max_stall_ms\": " + number(n.maxStallMs) +
           ", \"ui_p99_stall_ms\": " + number(n.p99StallMs) +
           ", \"ui_max_append_ms\": " + number(n.maxAppendMs) +
           ", \"ui_timer_ticks\": " + std::to_string(n.ticks) +
           ", \"ui_stderr_bytes\": " + std::to_string(n.stderrBytes) +
           ", \"ui_batches\": " + std::to_string(n.batches) + "}\n";
}

} // namespace sandbox
