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
    // The connection to the agent is up (TLS handshake done), before the request is sent.
    virtual void onConnected() {}
};

} // namespace sandbox
