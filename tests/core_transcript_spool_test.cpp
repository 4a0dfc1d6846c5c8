// The spool: every command's raw output on disk, capped per tab, saved completely as plain
// text, raw bytes or HTML even when the ring kept fewer lines.
#include "qstring_print.h"

#include <terminal_line_builder.h>
#include <transcript_model.h>
#include <transcript_spool.h>

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QSemaphore>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThreadPool>

#include <gtest/gtest.h>

#include <thread>

using namespace sandbox;

namespace {

using sandbox::test::u;

CommandContext context(const char *command) {
    CommandContext c;
    c.startedAt = QDateTime(QDate(2024, 5, 6), QTime(9, 0));
    c.profileName = u("Local demo");
    c.address = u("127.0.0.1:50051");
    c.argv = QString::fromUtf8(command).split(QLatin1Char(' '));
    return c;
}

CommandSummary exited(int code) {
    CommandSummary s;
    s.exitCode = code;
    return s;
}

// Keeps every thread of Qt's global pool busy until release(), so a test can see what a
// job queued there has not done yet.
class HeldGlobalPool {
public:
    HeldGlobalPool() {
        for (int i = 0; i < pool_->maxThreadCount(); ++i)
            pool_->start([this] {
                held_.release();
                release_.acquire();
            });
        held_.acquire(pool_->maxThreadCount());
    }
    ~HeldGlobalPool() { release(); }
    // Lets the held threads go and waits for every queued job.
    void release() {
        if (released_)
            return;
        released_ = true;
        release_.release(pool_->maxThreadCount());
        pool_->waitForDone();
    }

private:
    QThreadPool *pool_ = QThreadPool::globalInstance();
    QSemaphore held_;
    QSemaphore release_;
    bool released_ = false;
};

QByteArray saved(const TranscriptSpool &spool, TranscriptSpool::SaveFormat format,
                 std::optional<quint64> block = std::nullopt) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QString error;
    EXPECT_TRUE(spool.save(buffer, format, block, &error)) << error.toStdString();
    return buffer.data();
}

} // namespace

TEST(TranscriptSpool, OneFilePerCommandWithRawBytesKept) {
    QTemporaryDir dir;
    TranscriptSpool spool(dir.path() + u("/tab1"));
    ASSERT_TRUE(spool.isReady()) << spool.errorString().toStdString();
    spool.beginCommand(1, context("ls --color=always"));
    spool.append(1, false, "\x1b[1;34mbin\x1b[0m\n");
    spool.append(1, true, "ls: cannot open\n");
    spool.append(1, false, "etc\n");
    spool.endCommand(1, exited(2));
    spool.beginCommand(2, context("echo hi"));
    spool.append(2, false, "hi\n");
    spool.endCommand(2, exited(0));

    EXPECT_EQ(spool.blockIds(), QList<quint64>({1, 2}));
    EXPECT_TRUE(QFile::exists(spool.filePath(1)));
    EXPECT_TRUE(QFile::exists(spool.filePath(2)));
    EXPECT_NE(spool.filePath(1), spool.filePath(2));
    EXPECT_EQ(QFileInfo(spool.filePath(1)).absolutePath(), dir.path() + u("/tab1"));

    // Raw: the program's bytes exactly, both streams in arrival order, escapes kept.
    EXPECT_EQ(saved(spool, TranscriptSpool::SaveFormat::RawBytes, 1),
              QByteArray("\x1b[1;34mbin\x1b[0m\nls: cannot open\netc\n"));
    // Plain: header, output through the terminal rules, banner; every command in order.
    const QStringList plain =
        QString::fromUtf8(saved(spool, TranscriptSpool::SaveFormat::PlainText))
            .split(QLatin1Char('\n'));
    ASSERT_GE(plain.size(), 10);
    EXPECT_EQ(plain[0], u("$ ls --color=always"));
    EXPECT_TRUE(plain[1].contains(u("Local demo")));
    EXPECT_EQ(plain.mid(2, 3), QStringList({u("bin"), u("ls: cannot open"), u("etc")}));
    EXPECT_TRUE(plain[5].contains(u("exit 2"))) << plain[5].toStdString();
    EXPECT_EQ(plain[6], u("$ echo hi"));
    EXPECT_EQ(plain[8], u("hi"));
    // HTML: the colours survive.
    const QString html = QString::fromUtf8(saved(spool, TranscriptSpool::SaveFormat::Html, 1));
    EXPECT_TRUE(html.contains(u("<span style=\"color:#0451a5;font-weight:bold\">bin</span>")))
        << html.toStdString();
    EXPECT_TRUE(html.contains(u("ls: cannot open")));
}

TEST(TranscriptSpool, SavesAllLinesTheRingNoLongerHolds) {
    QTemporaryDir dir;
    TranscriptSpool spool(dir.path());
    TranscriptModel model;
    model.setCapacity(1000);
    model.setSpoolDirectory(spool.directory());
    TerminalLineBuilder builder(LineKind::Stdout);
    const quint64 id = model.beginCommand(context("seq 200000"));
    spool.beginCommand(id, context("seq 200000"));
    builder.reset(id);
    // 200,000 lines in 64 KiB chunks cut anywhere, as the agent sends them.
    QByteArray all;
    for (int i = 1; i <= 200'000; ++i)
        all += "line " + QByteArray::number(i) + " \x1b[32mok\x1b[0m\n";
    for (qsizetype at = 0; at < all.size(); at += 65'536) {
        const QByteArrayView chunk =
            QByteArrayView(all).sliced(at, qMin<qsizetype>(65'536, all.size() - at));
        spool.append(id, false, chunk);
        QList<StyledLine> lines;
        builder.feed(chunk, lines);
        model.appendOutput(id, lines, builder.partialLine());
    }
    spool.endCommand(id, exited(0));
    model.endCommand(id, exited(0));

    EXPECT_EQ(model.lineCount(), 1001);
    EXPECT_TRUE(model.line(0).text.contains(spool.directory()));
    const QByteArray plain = saved(spool, TranscriptSpool::SaveFormat::PlainText);
    const QList<QByteArray> lines = plain.split('\n');
    ASSERT_EQ(lines.size(), 2 + 200'000 + 1 + 1); // header, output, banner, final newline
    EXPECT_EQ(lines[2], QByteArray("line 1 ok"));
    EXPECT_EQ(lines[200'001], QByteArray("line 200000 ok"));
    EXPECT_EQ(saved(spool, TranscriptSpool::SaveFormat::RawBytes), all);
}

TEST(TranscriptSpool, CapDeletesOldestCommandsFirstAndSaysSo) {
    QTemporaryDir dir;
    TranscriptSpool spool(dir.path(), 1 << 20);
    QStringList notices;
    spool.setNoticeHandler([&notices](const QString &text) { notices.append(text); });
    const QByteArray chunk(400 * 1024, 'x');
    for (quint64 id = 1; id <= 4; ++id) {
        spool.beginCommand(id, context("cat big"));
        spool.append(id, false, chunk);
        spool.endCommand(id, exited(0));
    }
    // 4 x 400 KiB over a 1 MiB cap: the two oldest went, the newest two stay.
    EXPECT_EQ(spool.blockIds(), QList<quint64>({3, 4}));
    EXPECT_LE(spool.totalBytes(), 1 << 20);
    EXPECT_TRUE(spool.filePath(1).isEmpty());
    QThreadPool::globalInstance()->waitForDone(); // the files go there, off the writer
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files).size(), 2);
    ASSERT_FALSE(notices.isEmpty());
    EXPECT_TRUE(notices.first().contains(u("oldest"))) << notices.first().toStdString();

    // Save everything: the deleted commands are named, not silently missing.
    const QString plain = QString::fromUtf8(saved(spool, TranscriptSpool::SaveFormat::PlainText));
    EXPECT_EQ(plain.count(u("was deleted over the transcript cap")), 2);
    EXPECT_EQ(plain.count(u("$ cat big")), 4);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QString error;
    EXPECT_FALSE(spool.save(buffer, TranscriptSpool::SaveFormat::PlainText, 1, &error));
    EXPECT_TRUE(error.contains(u("cat big"))) << error.toStdString();

    // One command alone over the cap: it keeps running on screen, the spool stops.
    notices.clear();
    spool.beginCommand(5, context("cat huge"));
    for (int i = 0; i < 4; ++i)
        spool.append(5, false, chunk);
    spool.endCommand(5, exited(0));
    EXPECT_LE(spool.totalBytes(), (1 << 20) + 4096);
    EXPECT_TRUE(notices.join(u("\n")).contains(u("not saved")));
}

TEST(TranscriptSpool, SaveWhileTheCommandRuns) {
    QTemporaryDir dir;
    TranscriptSpool spool(dir.path());
    spool.beginCommand(1, context("tail -f log"));
    spool.append(1, false, "first\nsecond\npart");
    const QString plain = QString::fromUtf8(saved(spool, TranscriptSpool::SaveFormat::PlainText));
    EXPECT_TRUE(plain.endsWith(u("first\nsecond\npart\n"))) << plain.toStdString();
    spool.append(1, false, "ial\n");
    spool.endCommand(1, exited(0));
    EXPECT_EQ(saved(spool, TranscriptSpool::SaveFormat::RawBytes),
              QByteArray("first\nsecond\npartial\n"));
}

TEST(TranscriptSpool, WorkerThreadWritesGuiThreadSaves) {
    QTemporaryDir dir;
    TranscriptSpool spool(dir.path());
    std::thread worker([&spool] {
        spool.beginCommand(1, context("yes"));
        for (int i = 0; i < 1000; ++i)
            spool.append(1, i % 2, "y\n");
        spool.endCommand(1, exited(0));
    });
    worker.join();
    EXPECT_EQ(saved(spool, TranscriptSpool::SaveFormat::RawBytes).count("y\n"), 1000);
}

TEST(TranscriptSpool, DefaultFolderIsInTheCacheAndRemovedWithTheTab) {
    QStandardPaths::setTestModeEnabled(true);
    QString folder;
    QString file;
    {
        TranscriptSpool spool;
        ASSERT_TRUE(spool.isReady()) << spool.errorString().toStdString();
        folder = spool.directory();
        EXPECT_TRUE(folder.startsWith(
            QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + u("/transcripts/")))
            << folder.toStdString();
        TranscriptSpool other;
        EXPECT_NE(other.directory(), folder); // a folder per tab
        spool.beginCommand(1, context("true"));
        spool.endCommand(1, exited(0));
        file = spool.filePath(1);
        EXPECT_TRUE(QFile::exists(file));
    }
    QThreadPool::globalInstance()->waitForDone();
    EXPECT_FALSE(QFile::exists(file));
    EXPECT_FALSE(QDir(folder).exists());
    QStandardPaths::setTestModeEnabled(false);
}

// Closing a tab after a large output must not freeze the window while the kernel frees the
// files' pages: the destructor leaves the deletion to the global pool. With every pool
// thread held, the files are still there after the destructor returned, and gone once the
// pool runs.
TEST(TranscriptSpool, ClosingATabLeavesTheFileDeletionToTheThreadPool) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString folder = dir.filePath(u("tab"));
    QString file;
    HeldGlobalPool pool;
    {
        TranscriptSpool spool(folder);
        ASSERT_TRUE(spool.isReady()) << spool.errorString().toStdString();
        spool.beginCommand(1, context("seq 3"));
        spool.append(1, false, QByteArrayLiteral("1\n2\n3\n"));
        spool.endCommand(1, exited(0));
        file = spool.filePath(1);
        ASSERT_TRUE(QFile::exists(file));
    }
    EXPECT_TRUE(QFile::exists(file)) << "the destructor deleted the file itself";
    pool.release();
    EXPECT_FALSE(QFile::exists(file));
    EXPECT_FALSE(QDir(folder).exists());
}

// A flood past the cap must not stall the line builder while the kernel frees the oldest
// command's file (0.1-0.3 s per GiB here, ext4 with `discard`): the spool drops it from its
// list at once and leaves the deletion to the global pool. With every pool thread held, the
// file is still on disk after the writer moved on, and gone once the pool runs.
TEST(TranscriptSpool, OverTheCapTheOldFileIsDeletedOffTheWritingThread) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    HeldGlobalPool pool;
    TranscriptSpool spool(dir.path(), 1 << 20);
    spool.setKeepFiles(true);
    const QByteArray chunk(400 * 1024, 'x');
    QString oldest;
    for (quint64 id = 1; id <= 3; ++id) {
        spool.beginCommand(id, context("cat big"));
        if (id == 1)
            oldest = spool.filePath(1);
        spool.append(id, false, chunk);
        spool.endCommand(id, exited(0));
    }
    EXPECT_EQ(spool.blockIds(), QList<quint64>({2, 3}));
    EXPECT_LE(spool.totalBytes(), 1 << 20);
    EXPECT_TRUE(QFile::exists(oldest)) << "the writing thread deleted the file itself";
    pool.release();
    EXPECT_FALSE(QFile::exists(oldest));
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files).size(), 2);
}
