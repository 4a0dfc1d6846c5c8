#pragma once

#include <QString>

namespace sandbox {

// How a console line becomes argv: through `/bin/sh -c` (the default) or split with
// shell-like quoting and no expansion.
enum class CommandMode { Shell, Argv };

// How a profile reaches its agent, derived from its TLS settings.
enum class Transport {
    Plaintext, // no TLS at all
    Tls,       // server authenticated (CA file or system roots)
    MutualTls, // client certificate and key as well
};

// The transport's name in files and on sandboxctl's output: "plaintext", "tls", "mtls".
inline QString transportKey(Transport transport) {
    switch (transport) {
    case Transport::MutualTls:
        return QStringLiteral("mtls");
    case Transport::Tls:
        return QStringLiteral("tls");
    case Transport::Plaintext:
        break;
    }
    return QStringLiteral("plaintext");
}

// One environment variable of a profile. Values may be `secret://NAME` references, which
// are sent verbatim and resolved by the agent, never by us.
struct EnvVar {
    QString key;
    QString value;

    bool isSecretReference() const { return value.startsWith(QLatin1String("secret://")); }
    friend bool operator==(const EnvVar &, const EnvVar &) = default;
};

} // namespace sandbox
