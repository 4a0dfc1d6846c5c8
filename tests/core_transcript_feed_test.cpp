// TranscriptFeed: chunks in on the receiving thread, spooled raw and built into styled lines
// on its builder thread, taken by the GUI; capped with back-pressure; close unblocks.
#include <transcript_feed.h>
#include <transcript_spool.h>

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#endif

using namespace sandbox;

namespace {

QStringList texts(const QList<StyledLine> &lines) {
    QStringList result;
    for (const StyledLine &line : lines)
        result << line.text;
    return result;
}

TEST(TranscriptFeed, LinesOfBothStreamsInOrderAndTheSpoolHasTheRawBytes) {
    QTemporaryDir dir;
    auto spool = std::make_shared<TranscriptSpool>(dir.path());
    TranscriptFeed feed(spool);
    std::atomic<int> wakes{0};
    feed.setReadyCallback([&] { ++wakes; });
    feed.begin(7, CommandContext{});
    feed.append(false, QByteArray("one\ntw"));
    feed.append(true, QByteArray("\x1b[1merr\x1b[0m\n"));
    feed.append(false, QByteArray("o\nprogress 10%\rprogress 99%"));
    feed.finish(CommandSummary{});
    const TranscriptBatch batch = feed.take();
    EXPECT_GE(wakes.load(), 1);
    EXPECT_EQ(texts(batch.finished),
              (QStringList{QStringLiteral("one"), QStringLiteral("err"), QStringLiteral("two"),
                           QStringLiteral("progress 99%")}));
    EXPECT_EQ(batch.finished[1].kind, LineKind::Stderr);
    EXPECT_EQ(batch.finished[0].blockId, 7u);
    EXPECT_TRUE(batch.stdoutPartial.isEmpty()) << "finish flushes the unfinished line";
    QBuffer raw;
    raw.open(QIODevice::WriteOnly);
    ASSERT_TRUE(spool->save(raw, TranscriptSpool::SaveFormat::RawBytes, 7));
    EXPECT_EQ(raw.data(), QByteArray("one\ntw\x1b[1merr\x1b[0m\no\nprogress 10%\rprogress 99%"));
}

// Nobody takes: the producer stops at the caps instead of growing memory, and close()
// (what cancel does) lets it go.
TEST(TranscriptFeed, ProducerWaitsWhileNobodyTakesAndCloseReleasesIt) {
    TranscriptFeed feed(nullptr, 256 * 1024);
    feed.begin(1, CommandContext{});
    const QByteArray chunk = QByteArray("0123456789abcdef0123456789abcdef\n").repeated(2048);
    constexpr int kChunks = 2000; // 128 MiB: far more than both caps
    std::atomic<int> appended{0};
    std::thread producer([&] {
        for (int i = 0; i < kChunks; ++i) {
            feed.append(false, chunk);
            ++appended;
        }
    });
    // Whatever the scheduling, the producer can never be done while nobody takes.
    const TranscriptBatch first = feed.take();
    EXPECT_LT(appended.load(), kChunks);
    feed.close();
    producer.join(); // hangs here if close() did not release it
    EXPECT_EQ(appended.load(), kChunks);
    EXPECT_LE(first.bytes, qint64(TranscriptFeed::kRawCapacityBytes) + 2 * 256 * 1024);
}

// The GUI's drain during a flood uses tryTake() (it never waits for the lock): whatever
// the timing of the failed tries, every line arrives once, in order.
TEST(TranscriptFeed, TryTakeWhileTheProducerRunsLosesNothing) {
    TranscriptFeed feed(nullptr, 64 * 1024);
    feed.begin(3, CommandContext{});
    constexpr int kLines = 20000;
    std::thread producer([&] {
        QByteArray chunk;
        for (int i = 0; i < kLines; ++i) {
            chunk += "line " + QByteArray::number(i) + '\n';
            if (chunk.size() > 4000 || i == kLines - 1) {
                feed.append(i % 2 == 0, chunk); // both streams, interleaved by chunk
                chunk.clear();
            }
        }
        feed.finish(CommandSummary{});
    });
    QList<StyledLine> received;
    while (received.size() < kLines) {
        TranscriptBatch batch;
        if (feed.tryTake(batch))
            received.append(batch.finished);
        else
            std::this_thread::yield();
    }
    producer.join();
    TranscriptBatch rest;
    ASSERT_TRUE(feed.tryTake(rest)) << "nobody holds the lock any more";
    EXPECT_TRUE(rest.finished.isEmpty());
    ASSERT_EQ(received.size(), kLines);
    for (int i = 0; i < kLines; ++i)
        ASSERT_EQ(received[i].text, QStringLiteral("line %1").arg(i));
}

// Lines the GUI dropped from the ring go back to the builder thread, which releases them
// (freeing them on the GUI thread made it wait for the builder's malloc arena lock).
TEST(TranscriptFeed, RetiredLinesAreReleasedByTheBuilderThread) {
    TranscriptFeed feed(nullptr);
    const QString kept = QStringLiteral("dropped line %1").arg(1);
    RetiredLines retired(1);
    retired[0].emplace_back(kept, LineKind::Stdout);
    retired[0].emplace_back(QStringLiteral("another %1").arg(2), LineKind::Stderr);
    ASSERT_FALSE(kept.isDetached()); // the retired line shares its text
    ASSERT_TRUE(feed.tryRetire(retired));
    EXPECT_TRUE(retired.empty());
    for (int i = 0; i < 500 && !kept.isDetached(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_TRUE(kept.isDetached()) << "the feed still holds the retired line";

    feed.stop(); // after stop the caller keeps them (and frees them itself)
    retired.emplace_back(QList<StyledLine>{StyledLine(kept, LineKind::Stdout)});
    EXPECT_FALSE(feed.tryRetire(retired));
    EXPECT_EQ(retired.size(), 1u);
}

// In a flood the builder mostly waits for the GUI to take lines; the lines the GUI dropped
// meanwhile are released during that wait, not after it (they would pile up).
TEST(TranscriptFeed, ABuilderWaitingForRoomStillReleasesRetiredLines) {
    TranscriptFeed feed(nullptr, 1024);
    std::atomic<bool> linesQueued = false;
    feed.setReadyCallback([&] { linesQueued = true; });
    feed.begin(1, CommandContext{});
    QByteArray chunk;
    for (int i = 0; i < 100; ++i)
        chunk += "a line of output " + QByteArray::number(i) + '\n';
    feed.append(false, chunk); // fills the line queue past its capacity
    feed.append(false, chunk); // the builder waits for room with these lines
    for (int i = 0; i < 3000 && !linesQueued; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_TRUE(linesQueued) << "the builder never queued the first chunk's lines";
    std::this_thread::sleep_for(std::chrono::milliseconds(200)); // let it reach the wait
    const QString kept = QStringLiteral("dropped line %1").arg(1);
    RetiredLines retired{{StyledLine(kept, LineKind::Stdout)}};
    // tryRetire never waits for the lock; the GUI tries again on its next batch, so does this.
    for (int i = 0; i < 3000 && !feed.tryRetire(retired); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ASSERT_TRUE(retired.empty());
    for (int i = 0; i < 500 && !kept.isDetached(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_TRUE(kept.isDetached()) << "released only once the GUI takes lines again";
    const TranscriptBatch batch = feed.take();
    EXPECT_EQ(batch.finished.size(), 100); // nothing was lost while it waited
    feed.close();
}

#ifdef Q_OS_LINUX
// The builder thread gives way to the GUI thread: nicer than the thread that made the feed
// (the GUI's), so a flood keeps the window responsive; never less nice than that thread.
TEST(TranscriptFeed, BuilderThreadRunsNicerThanTheGui) {
    TranscriptFeed feed(nullptr);
    feed.begin(1, CommandContext{});
    feed.append(false, QByteArray("x\n"));
    feed.finish(CommandSummary{}); // the builder thread has run (and named itself) by now
    const int guiNice = getpriority(PRIO_PROCESS, 0);
    int found = 0;
    for (const QString &task :
         QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(QStringLiteral("/proc/self/task/%1/comm").arg(task));
        if (!comm.open(QIODevice::ReadOnly) || comm.readAll().trimmed() != "transcript-feed")
            continue;
        ++found;
        const pid_t tid = task.toInt();
        // Under `nice -n 19` (as scripts are run here) there is no nicer value left.
        EXPECT_EQ(getpriority(PRIO_PROCESS, id_t(tid)),
                  std::min(guiNice + TranscriptFeed::kNiceness, 19))
            << "thread " << tid << ", GUI thread at nice " << guiNice;
    }
    EXPECT_EQ(found, 1) << "one builder thread named transcript-feed";
}
#endif

} // namespace
