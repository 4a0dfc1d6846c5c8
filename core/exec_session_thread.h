#pragma once

#include "profile.h"
#include "session_command.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QThread;

namespace sandbox {

class ExecSession;
class TranscriptFeed;

// Owns a console's worker thread (named "exec-<profile name>") and the ExecSession on it,
// and does the orderly shutdown: cancel(), quit(), wait(); the session is deleted on its
// thread. The UI connects to session()'s signals and calls these helpers, which queue the
// work to the worker, so the GUI thread never blocks on gRPC.
class ExecSessionThread : public QObject {
    Q_OBJECT
public:
    ExecSessionThread(const Profile &profile, std::shared_ptr<TranscriptFeed> feed,
                      QObject *parent = nullptr);
    ~ExecSessionThread() override; // shutdown()

    ExecSession *session() const { return session_; }

    // Queued to the worker.
    // onWorker, if set, runs on the worker right before the command (in order with it).
    void run(quint64 commandId, const SessionCommand &command, const QString &token,
             std::function<void()> onWorker = {});
    void setProfile(const Profile &profile);
    // Direct (thread-safe).
    void cancel();

    // Cancels a running command, stops the thread and waits for it. Idempotent.
    void shutdown();

private:
    QThread *thread_ = nullptr;
    QPointer<ExecSession> session_;
};

} // namespace sandbox
