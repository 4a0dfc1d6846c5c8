#pragma once

#include "profile.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace sandbox {

// Profiles for sharing: the file a colleague imports and a preview of everything in it
// that leaves this machine. Never a token (they stay in the keychain), never a private
// key's content. Plain env values only when asked (keys and secret:// references always);
// certificate paths relative to the export file when the files sit beside it (or below);
// the CA and client certificates embedded as PEM on request ("caPem", "certPem").
class ProfileExport {
    Q_DECLARE_TR_FUNCTIONS(ProfileExport)

public:
    struct Options {
        bool includeEnvValues = false;
        bool embedCertificates = false;
    };

    // What export() would write to path, and the preview lines; error names a
    // certificate that cannot be read for embedding.
    static bool plan(const QList<Profile> &profiles, const QString &path, const Options &options,
                     QByteArray &json, QStringList &preview, QString *error = nullptr);
    // plan() and an atomic write (QSaveFile); error names the file and the reason.
    static bool write(const QList<Profile> &profiles, const QString &path, const Options &options,
                      QString *error = nullptr);
};

} // namespace sandbox
