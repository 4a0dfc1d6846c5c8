#include "transcript_text.h"

#include "exec_error_text.h"

#include <QDir>

namespace sandbox {

QString TranscriptText::shellQuote(const QString &argument) {
    if (argument.isEmpty())
        return QStringLiteral("''");
    bool plain = true;
    for (const QChar c : argument) {
        const bool safe = c.isLetterOrNumber() || QStringLiteral("@%+=:,./_-").contains(c);
        if (!safe) {
            plain = false;
            break;
        }
    }
    if (plain)
        return argument;
    QString quoted = argument;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QList<StyledLine> TranscriptText::headerLines(const CommandContext &context, quint64 blockId) {
    QStringList words;
    words.reserve(context.argv.size());
    for (const QString &arg : context.argv)
        words.append(shellQuote(arg));
    // A multi-line command keeps its lines: "$ first", then "> next" as a shell prompts them.
    const QStringList commandLines = words.join(QLatin1Char(' ')).split(QLatin1Char('\n'));
    QList<StyledLine> lines;
    TextStyle bold;
    bold.set(TextStyle::Bold, true);
    for (qsizetype i = 0; i < commandLines.size(); ++i) {
        StyledLine command((i == 0 ? QStringLiteral("$ ") : QStringLiteral("> ")) +
                               commandLines.at(i),
                           LineKind::Header, blockId);
        command.runs.append({0, qint32(command.text.size()), bold});
        lines.append(command);
    }
    lines.append(StyledLine(factsLine(context), LineKind::Header, blockId));
    return lines;
}

QString TranscriptText::factsLine(const CommandContext &context) {
    QStringList facts;
    facts.append(context.startedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    facts.append(tr("profile %1").arg(context.profileName));
    facts.append(context.address);
    facts.append(context.image.isEmpty() ? tr("agent default image")
                                         : tr("image %1").arg(context.image));
    const QString requested = context.securityProfileRequested;
    const QString effective = context.securityProfileEffective;
    // Say what the agent applies, not only what was asked for (SecurityProfileClamp).
    if (!effective.isEmpty() && effective != requested)
        facts.append(tr("security %1 applied by the agent (requested %2)")
                         .arg(effective, requested.isEmpty() ? tr("none") : requested));
    else if (!requested.isEmpty())
        facts.append(tr("security %1").arg(requested));
    facts.append(context.workdir.isEmpty() ? tr("default workdir")
                                           : tr("workdir %1").arg(context.workdir));
    if (!context.envKeys.isEmpty()) {
        QStringList masked;
        for (const QString &key : context.envKeys)
            masked.append(key + QStringLiteral("=•••"));
        QString env = tr("env %1").arg(masked.join(QLatin1Char(' ')));
        if (!context.tabEnvKeys.isEmpty())
            env += QLatin1Char(' ') +
                   tr("(set in this tab: %1)").arg(context.tabEnvKeys.join(QStringLiteral(", ")));
        facts.append(env);
    }
    if (context.timeout.count() > 0)
        facts.append(tr("timeout %1").arg(ExecErrorText::formatDuration(context.timeout)));
    if (context.colourRequested)
        facts.append(tr("colour requested"));
    return facts.join(QStringLiteral(" · "));
}

StyledLine TranscriptText::bannerLine(const CommandSummary &summary, quint64 blockId) {
    QString text = QStringLiteral("── ") + ExecErrorText::banner(summary.toExecResult()) +
                   QStringLiteral(" ──");
    if (!summary.detail.isEmpty())
        text += QLatin1Char(' ') + summary.detail;
    return StyledLine(text, summary.succeeded() ? LineKind::BannerOk : LineKind::BannerFailed,
                      blockId);
}

QString TranscriptText::dropMarker(qint64 droppedLines, const QString &spoolPath) {
    const QString count = QString::number(droppedLines);
    if (spoolPath.isEmpty())
        return tr("%1 earlier lines are not shown").arg(count);
    return tr("%1 earlier lines are not shown — saved in the transcript file (%2)")
        .arg(count, QDir::toNativeSeparators(spoolPath));
}

} // namespace sandbox
