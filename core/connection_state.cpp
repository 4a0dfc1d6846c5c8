#include "connection_state.h"

#include <QCoreApplication>

namespace sandbox {

QString connectionStateText(ConnectionState state) {
    switch (state) {
    case ConnectionState::Idle:
        return QCoreApplication::translate("ConnectionState", "idle");
    case ConnectionState::Connecting:
        return QCoreApplication::translate("ConnectionState", "connecting");
    case ConnectionState::Ready:
        return QCoreApplication::translate("ConnectionState", "ready");
    case ConnectionState::Error:
        return QCoreApplication::translate("ConnectionState", "error");
    }
    return {};
}

} // namespace sandbox
