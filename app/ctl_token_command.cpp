#include "ctl_token_command.h"

#include "secret_store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>
#include <QUuid>

#include <cstdio>
#include <iostream>
#include <iterator>
#include <string>
#include <termios.h>
#include <unistd.h>

namespace sandbox {

namespace {

constexpr int kOk = 0;
constexpr int kKeychainError = 1;
constexpr int kUsageError = 2;
constexpr int kKeychainTimeoutMs = 120000;

int usageError(const std::string &message) {
    std::cerr << "sandboxctl token: " << message << "\n" << CtlTokenCommand::usage();
    return kUsageError;
}

// The whole of stdin without its trailing line break(s). On a terminal: a prompt on stderr
// and no echo, so the token is not left on screen.
std::string readTokenFromStdin() {
    const bool tty = ::isatty(STDIN_FILENO) == 1;
    termios saved{};
    if (tty && ::tcgetattr(STDIN_FILENO, &saved) == 0) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        std::cerr << "Token: " << std::flush;
    }
    std::string token;
    if (tty)
        std::getline(std::cin, token);
    else
        token.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    if (tty) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::cerr << "\n";
    }
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r'))
        token.pop_back();
    return token;
}

} // namespace

const char *CtlTokenCommand::usage() {
    return "usage: sandboxctl token set --profile-id ID      (the token is read from stdin)\n"
           "       sandboxctl token delete --profile-id ID\n"
           "Stores or removes the desktop console's token for profile ID in the OS keychain\n"
           "(service \"sandbox-console\").\n";
}

int CtlTokenCommand::run(int &argc, char **argv) {
    QCommandLineParser parser;
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption profileId(QStringLiteral("profile-id"), QString(),
                                       QStringLiteral("ID"));
    parser.addOption(help);
    parser.addOption(profileId);
    QStringList args{QStringLiteral("sandboxctl token")};
    for (int i = 2; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    if (!parser.parse(args)) {
        if (parser.unknownOptionNames().contains(QStringLiteral("token")))
            return usageError("a token is never accepted as an argument (it would show in ps);"
                              " pipe it to stdin");
        return usageError(parser.errorText().toStdString());
    }
    if (parser.isSet(help)) {
        std::cout << usage();
        return kOk;
    }
    const QStringList positional = parser.positionalArguments();
    const std::string action =
        positional.isEmpty() ? std::string() : positional.front().toStdString();
    if (positional.size() > 1)
        return usageError("unexpected argument \"" + positional.at(1).toStdString() + "\"");
    if (!action.empty() && action != "set" && action != "delete")
        return usageError("unexpected argument \"" + action + "\"");
    const std::string idText = parser.value(profileId).toStdString();
    if (action.empty())
        return usageError("say \"set\" or \"delete\"");
    if (idText.empty())
        return usageError("--profile-id ID is required");
    const QUuid id = QUuid::fromString(QString::fromStdString(idText));
    if (id.isNull())
        return usageError("--profile-id \"" + idText + "\" is not a UUID");

    std::string token;
    if (action == "set") {
        token = readTokenFromStdin();
        if (token.empty())
            return usageError("no token on stdin");
    }

    SecretStore store;
    QEventLoop loop;
    bool done = false;
    SecretStore::Status status = SecretStore::Status::Failed;
    QString message;
    const auto finish = [&](SecretJob *job) {
        done = true;
        status = job->status();
        message = job->message();
        loop.quit();
    };
    SecretJob *job = action == "set" ? store.writeToken(id, QString::fromStdString(token))
                                     : store.deleteToken(id);
    QObject::connect(job, &SecretJob::finished, &loop, finish);
    token.assign(token.size(), '\0');
    // A keychain that waits for an unlock prompt nobody answers must not hang a script.
    QTimer::singleShot(kKeychainTimeoutMs, &loop, &QEventLoop::quit);
    if (!done)
        loop.exec();
    if (!done) {
        std::cerr << "sandboxctl token: the keychain did not answer within "
                  << kKeychainTimeoutMs / 1000 << " s (is it locked and waiting for a password?)\n";
        return kKeychainError;
    }

    // NotFound on delete means there was nothing to remove: done all the same.
    if (status == SecretStore::Status::Ok || status == SecretStore::Status::NotFound)
        return kOk;
    if (message.isEmpty())
        message =
            SecretStore::statusMessage(status, action == "set" ? SecretStore::Operation::Write
                                                               : SecretStore::Operation::Delete);
    // The console keeps a token it could not save for its session; this process ends now,
    // so that part of the store's message does not apply here.
    message.remove(
        QCoreApplication::translate("SecretStore", " It is kept in memory for this session only."));
    std::cerr << "sandboxctl token: " << (action == "set" ? "could not store" : "could not delete")
              << " the token for profile " << id.toString(QUuid::WithoutBraces).toStdString()
              << " in the keychain: " << message.toStdString() << "\n";
    return kKeychainError;
}

} // namespace sandbox
