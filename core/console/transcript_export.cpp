#include "transcript_export.h"

#include "terminal_palette.h"

namespace sandbox {

namespace {

void appendEscaped(QString &out, QStringView text) {
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '<':
            out += QLatin1String("&lt;");
            break;
        case '>':
            out += QLatin1String("&gt;");
            break;
        case '&':
            out += QLatin1String("&amp;");
            break;
        default:
            out += c;
        }
    }
}

// A <span> for text that differs from the line kind's own look; none for plain text.
void appendSpan(QString &out, QStringView text, const TextStyle &style, LineKind kind) {
    if (style.isDefault()) {
        appendEscaped(out, text);
        return;
    }
    quint32 fg = 0;
    quint32 bg = 0;
    TerminalPalette::colours(style, kind, fg, bg);
    char name[8];
    out +=
        QLatin1String("<span style=\"color:") + QLatin1String(TerminalPalette::hexName(fg, name));
    if (bg != TerminalPalette::defaultBackground())
        out +=
            QLatin1String(";background-color:") + QLatin1String(TerminalPalette::hexName(bg, name));
    if (style.has(TextStyle::Bold))
        out += QLatin1String(";font-weight:bold");
    if (style.has(TextStyle::Italic))
        out += QLatin1String(";font-style:italic");
    if (style.has(TextStyle::Underline))
        out += QLatin1String(";text-decoration:underline");
    out += QLatin1String("\">");
    appendEscaped(out, text);
    out += QLatin1String("</span>");
}

} // namespace

QString TranscriptExport::htmlBegin() {
    char fg[8];
    char bg[8];
    return QLatin1String("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>") +
           tr("Sandbox Console transcript") +
           QLatin1String("</title></head>\n<body style=\"background-color:") +
           QLatin1String(TerminalPalette::hexName(TerminalPalette::defaultBackground(), bg)) +
           QLatin1String(";color:") +
           QLatin1String(TerminalPalette::hexName(TerminalPalette::defaultForeground(), fg)) +
           QLatin1String("\"><pre style=\"font-family:monospace\">\n");
}

QString TranscriptExport::htmlEnd() {
    return QStringLiteral("</pre></body></html>\n");
}

void TranscriptExport::appendPlainLine(QString &out, const StyledLine &line) {
    out += line.text;
    out += QLatin1Char('\n');
}

void TranscriptExport::appendHtmlLine(QString &out, const StyledLine &line) {
    // The kind's colour wraps the line; runs override it where the program chose colours.
    const bool kindColoured = line.kind != LineKind::Stdout;
    if (kindColoured) {
        char name[8];
        out += QLatin1String("<span style=\"color:") +
               QLatin1String(
                   TerminalPalette::hexName(TerminalPalette::foregroundFor(line.kind), name)) +
               QLatin1String("\">");
    }
    const QStringView text(line.text);
    qsizetype at = 0;
    for (const StyleRun &run : line.runs) {
        if (run.start > at)
            appendEscaped(out, text.mid(at, run.start - at));
        appendSpan(out, text.mid(run.start, run.length), run.style, line.kind);
        at = run.end();
    }
    if (at < text.size())
        appendEscaped(out, text.mid(at));
    if (kindColoured)
        out += QLatin1String("</span>");
    out += QLatin1Char('\n');
}

QString TranscriptExport::toPlainText(const QList<StyledLine> &lines) {
    QString out;
    for (const StyledLine &line : lines)
        appendPlainLine(out, line);
    return out;
}

QString TranscriptExport::toHtml(const QList<StyledLine> &lines) {
    QString out = htmlBegin();
    for (const StyledLine &line : lines)
        appendHtmlLine(out, line);
    out += htmlEnd();
    return out;
}

} // namespace sandbox
