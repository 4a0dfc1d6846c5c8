// The hand-off between the thread that reads a command's pipes and the thread that sends
// its chunks: order, bytes, the bound on what waits, and a client that went away.
#include "chunk_relay.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using sandbox::agent::ChunkRelay;
using sandbox::agent::OutputStream;
using namespace std::chrono_literals;

namespace {

struct Sent {
    OutputStream stream;
    std::string data;
};

std::string chunkText(int i) {
    return std::string(1000 + i, static_cast<char>('a' + i % 26)) + std::to_string(i);
}

} // namespace

TEST(ChunkRelay, EveryChunkArrivesOnceInOrderWithItsStream) {
    std::vector<Sent> sent;
    std::thread::id senderThread;
    ChunkRelay relay([&](OutputStream stream, std::string &data) {
        senderThread = std::this_thread::get_id();
        sent.push_back({stream, data});
        return true;
    });
    for (int i = 0; i < 200; ++i) {
        std::string text = chunkText(i);
        ASSERT_TRUE(relay.push(i % 3 ? OutputStream::Stdout : OutputStream::Stderr, text));
        EXPECT_NE(text, chunkText(i)) << "the buffer is taken, not copied";
    }
    EXPECT_TRUE(relay.finish());
    ASSERT_EQ(sent.size(), 200u);
    for (int i = 0; i < 200; ++i) {
        EXPECT_EQ(sent[i].data, chunkText(i)) << "chunk " << i;
        EXPECT_EQ(sent[i].stream, i % 3 ? OutputStream::Stdout : OutputStream::Stderr);
    }
    EXPECT_NE(senderThread, std::this_thread::get_id()); // sent while the reader read on
}

TEST(ChunkRelay, AReaderGetsAheadOfABlockedSenderByAtMostTheDepth) {
    std::mutex mutex;
    std::condition_variable changed;
    bool release = false;
    int arrived = 0;
    std::vector<std::string> sent;
    ChunkRelay relay([&](OutputStream, std::string &data) {
        std::unique_lock lock(mutex);
        ++arrived;
        changed.notify_all();
        changed.wait(lock, [&] { return release; }); // a client that stopped reading
        sent.push_back(data);
        return true;
    });
    std::atomic<int> pushed{0};
    std::thread reader([&] {
        for (int i = 0; i < 20; ++i) {
            std::string text = chunkText(i);
            relay.push(OutputStream::Stdout, text);
            ++pushed;
        }
    });
    {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return arrived == 1; });
    }
    for (int i = 0; i < 500 && pushed < int(ChunkRelay::kDepth); ++i)
        std::this_thread::sleep_for(2ms);
    std::this_thread::sleep_for(50ms); // room to run past the bound, were there none
    EXPECT_EQ(pushed.load(), int(ChunkRelay::kDepth))
        << "the reader must stop (and with it the command) while the sender is stuck";
    {
        std::lock_guard lock(mutex);
        release = true;
    }
    changed.notify_all();
    reader.join();
    EXPECT_TRUE(relay.finish());
    ASSERT_EQ(sent.size(), 20u);
    for (int i = 0; i < 20; ++i)
        EXPECT_EQ(sent[i], chunkText(i));
}

TEST(ChunkRelay, AFailedSendStopsTheReaderAndSendsNothingMore) {
    int calls = 0;
    ChunkRelay relay([&](OutputStream, std::string &) {
        ++calls;
        return calls < 3; // the third send finds the client gone
    });
    int accepted = 0;
    for (int i = 0; i < 100; ++i) {
        std::string text = chunkText(i);
        if (!relay.push(OutputStream::Stdout, text))
            break;
        ++accepted;
    }
    EXPECT_LT(accepted, 100) << "push must report the client gone";
    std::string late = "late";
    EXPECT_FALSE(relay.push(OutputStream::Stderr, late));
    EXPECT_FALSE(relay.finish());
    EXPECT_EQ(calls, 3);
}

TEST(ChunkRelay, FinishWithoutOutputNeedsNoSender) {
    bool called = false;
    ChunkRelay relay([&](OutputStream, std::string &) { return called = true; });
    EXPECT_TRUE(relay.finish());
    EXPECT_FALSE(called);
}
