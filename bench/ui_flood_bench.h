#pragma once

#include "profile.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <string>

class QTemporaryDir;

namespace sandbox {

class ConsoleSession;
class SecretStore;
class TranscriptView;

// One flood's figures.
struct UiFloodRun {
    double mibS = 0;       // bytes the transcript received / wall time from Enter to the end banner
    double maxStallMs = 0; // longest gap between 1 ms timer ticks on the GUI thread
    double p99StallMs = 0; // of those gaps
    double maxStallCpuMs = 0;               // of the longest gap: the GUI thread's own CPU time
    double maxStallRunQueueMs = 0;          // and its wait for a CPU (runnable, not running)
    std::size_t stallsOverFrame = 0;        // gaps longer than 16 ms
    std::size_t stallsOverFrameWaiting = 0; // of those, mostly run-queue wait
    // The hypervisor's share: a gap in which it stopped the VM (steal time) stopped every
    // thread, ours and the kernel's alike.
    double maxStallHostStealMs = 0;           // steal during the longest gap
    double maxStallWithoutHostStealMs = 0;    // the longest gap that held no steal
    std::size_t stallsOverFrameHostSteal = 0; // gaps longer than 16 ms that held steal
    // CPU milliseconds per MiB of the GUI thread (drain, append, paint) and of the line
    // builder thread (spool, libvterm, styled lines): steady when the machine is shared.
    double guiCpuMsPerMib = 0;
    double builderCpuMsPerMib = 0;
    // GUI-thread CPU milliseconds to paint one frame of rows the view has not shown
    // before (as in a flood, every frame), measured after the flood.
    double frameCpuMs = 0;
};

struct UiFloodNumbers {
    std::uint64_t viewBytes = 0; // raw bytes that reached the transcript
    int batches = 0;             // drains of the session into the transcript
    UiFloodRun plain;
    UiFloodRun colour;          // the same flood with every line coloured
    double rssMib = 0;          // peak RSS of the process (VmHWM) after both floods
    double vtermParserMibS = 0; // libvterm's parser alone (sandbox-vterm-bench), -1 if absent
    std::size_t ticks = 0;      // timer ticks seen during the plain flood
};

// sandbox-bench --ui: floods of stdout/stderr lines from a real agent through the real
// ConsoleSession (keychain job, worker thread, spool, libvterm line builder, transcript)
// into a shown TranscriptView: exactly what a console tab drives. Needs a QApplication;
// measures on the calling (GUI) thread.
class UiFloodBench {
public:
    UiFloodBench(Profile profile, QString token, std::uint64_t bytes);
    ~UiFloodBench();

    UiFloodBench(const UiFloodBench &) = delete;
    UiFloodBench &operator=(const UiFloodBench &) = delete;

    // False sets error; numbers are valid only on success.
    bool run(UiFloodNumbers &numbers, std::string &error);

    static std::string toJson(const UiFloodNumbers &numbers, std::uint64_t size);
    // A shell line: awk writing ~100-character lines in alternating 4 KiB blocks to stdout
    // and stderr (stdout gets bytes - bytes/2, stderr bytes/2); coloured wraps words of
    // every line in SGR colours.
    static QString floodLine(std::uint64_t bytes, bool coloured);

private:
    bool setUp(std::string &error);
    double frameCpuMs(bool coloured);
    bool runLine(const QString &line, std::uint64_t expectBytes, UiFloodRun &run,
                 std::string &error);

    Profile profile_;
    QString token_;
    std::uint64_t bytes_;
    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<SecretStore> secrets_;
    std::unique_ptr<ConsoleSession> session_;
    std::unique_ptr<TranscriptView> view_; // declared after session_: goes first
    UiFloodNumbers counts_;
};

} // namespace sandbox
