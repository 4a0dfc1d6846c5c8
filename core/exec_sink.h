#pragma once

#include <string_view>

namespace sandbox {

// Receives output as it arrives, on the thread that runs the exec. Bytes are arbitrary
// (not UTF-8 checked); the views are valid only during the call.
class ExecSink {
public:
    virtual ~ExecSink() = default;
    virtual void onStdout(std::string_view bytes) = 0;
    virtual void onStderr(std::string_view bytes) = 0;
    // One message from the agent was delivered whole: the calls above get its bytes in the
    // pieces gRPC received them in (often 16 KiB TLS records), a sink that batches its
    // hand-offs sends what it holds here.
    virtual void onChunkEnd() {}
    // The connection to the agent is up (TLS handshake done), before the request is sent.
    virtual void onConnected() {}
};

} // namespace sandbox
