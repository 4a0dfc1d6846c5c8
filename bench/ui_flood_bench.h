#pragma once

#include "exec_result.h"
#include "profile.h"
#include "session_command.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

class QEventLoop;

namespace sandbox {

class ConsoleView;
class ExecSessionThread;

struct UiFloodNumbers {
    std::uint64_t viewBytes = 0;   // what ConsoleView::appendOutput was given
    std::uint64_t stderrBytes = 0; // of which stderr
    int batches = 0;               // drains of the session (appendOutput calls)
    double floodMibS = 0;          // viewBytes / wall time from run() to the end banner
    double maxStallMs = 0;         // longest gap between 1 ms timer ticks on the GUI thread
    double p99StallMs = 0;         // of those gaps; equals the max when few ticks got through
    double maxAppendMs = 0;        // longest single appendOutput call (part of a stall)
    std::size_t ticks = 0;         // timer ticks seen during the flood
};

// sandbox-bench --ui: a flood of mixed stdout/stderr lines from a real agent through the
// real ExecSession on its worker thread (ExecSessionThread) into a shown ConsoleView, wired
// as ConsoleTab wires them (outputReady -> takeOutput -> appendOutput; commandFinished ->
// last drain -> end banner). Needs a QApplication; measures on the calling (GUI) thread.
class UiFloodBench {
public:
    UiFloodBench(Profile profile, QString token, std::uint64_t bytes);
    ~UiFloodBench();

    UiFloodBench(const UiFloodBench &) = delete;
    UiFloodBench &operator=(const UiFloodBench &) = delete;

    // False sets error; numbers are valid only on success.
    bool run(UiFloodNumbers &numbers, std::string &error);

    static std::string toJson(const UiFloodNumbers &numbers, std::uint64_t size);
    // awk writing ~100-character lines in alternating 4 KiB blocks to stdout and stderr;
    // stdout gets bytes - bytes/2, stderr bytes/2.
    static SessionCommand floodCommand(std::uint64_t bytes);

private:
    void setUp();
    bool runCommand(const SessionCommand &command, std::string &error);
    void drain();
    void onFinished(quint64 id, const ExecResult &result);

    Profile profile_;
    QString token_;
    std::uint64_t bytes_;
    std::unique_ptr<ConsoleView> view_;
    std::unique_ptr<ExecSessionThread> session_; // declared after view_: stops first
    QEventLoop *loop_ = nullptr;
    quint64 nextId_ = 1;
    quint64 runningId_ = 0;
    std::optional<ExecResult> result_;
    UiFloodNumbers counts_;
};

} // namespace sandbox
