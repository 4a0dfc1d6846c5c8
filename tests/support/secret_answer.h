#pragma once

#include "event_wait.h"

#include <secret_job.h>

#include <QPointer>
#include <QString>

namespace sandbox::test {

// What one keychain job answered. answered stays false when it did not answer in time.
struct SecretAnswer {
    bool answered = false;
    SecretStatus status = SecretStatus::Failed;
    QString message;
    QString token;
};

// Waits for the answer to exactly this job (the job deletes itself afterwards).
inline SecretAnswer awaitSecret(SecretJob *job, int timeoutMs = 20000) {
    SecretAnswer answer;
    QObject::connect(job, &SecretJob::finished, [&answer](SecretJob *done) {
        answer.answered = true;
        answer.status = done->status();
        answer.message = done->message();
        answer.token = done->token();
    });
    EventWait::until([&] { return answer.answered; }, timeoutMs);
    return answer;
}

} // namespace sandbox::test
