#include "secret_store.h"

namespace sandbox {

SecretStore::SecretStore(QObject *parent)
    : SecretStore(defaultService(), parent) {}

SecretStore::SecretStore(const QString &service, QObject *parent)
    : QObject(parent)
    , service_(service) {}

SecretStore::~SecretStore() = default;

void SecretStore::readToken(const QUuid &) {}
void SecretStore::writeToken(const QUuid &, const QString &) {}
void SecretStore::deleteToken(const QUuid &) {}
QString SecretStore::statusMessage(Status, const QString &) {
    return {};
}
QString SecretStore::keyFor(const QUuid &id) const {
    return id.toString(QUuid::WithoutBraces);
}

} // namespace sandbox
