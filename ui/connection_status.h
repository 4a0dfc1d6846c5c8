#pragma once

#include "connection_state.h"

#include <QObject>

class QLabel;
class QStatusBar;

namespace sandbox {

class Profile;

// The status bar's view of the current console: connection state, transport badge,
// agent address and an "insecure" badge.
class ConnectionStatus : public QObject {
    Q_OBJECT
public:
    explicit ConnectionStatus(QStatusBar *bar);

    void show(const Profile &profile, ConnectionState state);
    void clear();

    QString stateText() const;
    QString transportText() const;
    QString addressText() const;
    bool insecureShown() const;

private:
    QLabel *state_ = nullptr;
    QLabel *transport_ = nullptr;
    QLabel *address_ = nullptr;
    QLabel *insecure_ = nullptr;
};

} // namespace sandbox
