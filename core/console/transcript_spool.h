#pragma once

#include "command_context.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QIODevice>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace sandbox {

// Every command's full raw output on disk, so nothing the ring drops is lost: one file
// per command in a folder per console tab (under QStandardPaths::CacheLocation by
// default). A file holds the header and banner text and the stdout/stderr bytes exactly
// as received (ANSI kept), framed by stream in arrival order. Over the cap (per tab,
// default 2 GiB) the oldest finished commands' files are deleted first (on
// QThreadPool::globalInstance(), so the writer does not wait) and the notice handler says so.
//
// Threads: all methods are thread-safe (one internal mutex). begin/append/end write to
// disk and are meant for the worker thread that receives the chunks, never the GUI
// thread. save() reads files outside the lock; it is also blocking disk I/O, so a big
// save belongs on a worker thread too.
class TranscriptSpool {
    Q_DECLARE_TR_FUNCTIONS(TranscriptSpool)

public:
    static constexpr qint64 kDefaultCapBytes = qint64(2) << 30;
    enum class SaveFormat { PlainText, RawBytes, Html };

    // An empty directory means a new unique folder under
    // CacheLocation/transcripts/. The folder is created; see isReady().
    explicit TranscriptSpool(const QString &directory = {}, qint64 capBytes = kDefaultCapBytes);
    // Removes the folder and its files unless setKeepFiles(true), on
    // QThreadPool::globalInstance() so that the caller does not wait for it.
    ~TranscriptSpool();
    TranscriptSpool(const TranscriptSpool &) = delete;
    TranscriptSpool &operator=(const TranscriptSpool &) = delete;

    bool isReady() const;        // the folder exists and is writable
    QString errorString() const; // why not, naming the path
    QString directory() const;
    void setKeepFiles(bool keep);

    qint64 capBytes() const;
    // At least 1 MiB; deletes old command files at once when over the new cap.
    void setCapBytes(qint64 bytes);
    qint64 totalBytes() const; // bytes of all command files on disk

    // Called (on the writing thread, outside the lock) with a sentence for the
    // transcript: files deleted over the cap, a write error, the cap hit by one command.
    void setNoticeHandler(std::function<void(const QString &)> handler);

    // --- writing (worker thread) ---
    void beginCommand(quint64 blockId, const CommandContext &context);
    void append(quint64 blockId, bool isStderr, QByteArrayView bytes);
    void endCommand(quint64 blockId, const CommandSummary &summary);

    // --- reading ---
    QList<quint64> blockIds() const;         // commands whose file still exists, oldest first
    QString filePath(quint64 blockId) const; // empty when unknown or deleted
    // Streams one command (or every command, oldest first) to `out`: PlainText and Html
    // replay the raw bytes through a TerminalLineBuilder per stream, with each command's
    // header and banner; RawBytes writes the output bytes exactly as received. Commands
    // deleted over the cap are named with a line saying so. Returns false (and `error`)
    // when a file cannot be read or `out` cannot be written.
    bool save(QIODevice &out, SaveFormat format, std::optional<quint64> blockId = std::nullopt,
              QString *error = nullptr) const;

private:
    struct Private;
    Private *d_;
};

} // namespace sandbox
