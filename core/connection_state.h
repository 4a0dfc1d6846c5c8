#pragma once

#include <QMetaType>
#include <QString>

namespace sandbox {

// What the status bar shows for a console's agent connection.
enum class ConnectionState {
    Idle,       // nothing run yet (or the profile changed)
    Connecting, // a command is starting on a new or failed connection
    Ready,      // the last exec reached the agent
    Error,      // the last exec could not reach / was refused by the agent
};

// Translated name for the status bar ("idle", "connecting", ...).
QString connectionStateText(ConnectionState state);

} // namespace sandbox

Q_DECLARE_METATYPE(sandbox::ConnectionState)
