#include "request_decoder.h"

#include "lenient_exec_request.pb.h"

#include <vector>

#include <google/protobuf/stubs/common.h>

namespace sandbox::agent {

namespace {

namespace wire = workflow::plugin::external::sandbox;

// Protobuf's own check, so "valid here" and "valid to the real parser" cannot disagree.
bool isUtf8(const std::string &text) {
    return google::protobuf::internal::IsStructurallyValidUTF8(text.data(),
                                                               static_cast<int>(text.size()));
}

std::string notUtf8(const std::string &field) {
    return "field " + field + " is not UTF-8";
}

std::optional<std::string> utf8Problem(const lenient::LenientExecRequest &request) {
    if (!isUtf8(request.profile()))
        return notUtf8("profile");
    if (!isUtf8(request.image()))
        return notUtf8("image");
    if (!isUtf8(request.workdir()))
        return notUtf8("workdir");
    for (int i = 0; i < request.command_size(); ++i) {
        if (!isUtf8(request.command(i)))
            return notUtf8("command[" + std::to_string(i) + "]");
    }
    for (int i = 0; i < request.env_size(); ++i) {
        const auto &entry = request.env(i);
        if (!isUtf8(entry.key()))
            return notUtf8("env key (entry " + std::to_string(i) + ")");
        // The name is UTF-8 by now and names the variable; the value itself is never quoted.
        if (!isUtf8(entry.value()))
            return notUtf8("env value of " + entry.key());
    }
    return std::nullopt;
}

} // namespace

std::optional<std::string> RequestDecoder::decode(const std::string &bytes,
                                                  wire::SandboxExecRequest *request) {
    lenient::LenientExecRequest twin;
    if (!twin.ParseFromString(bytes))
        return "request is not valid protobuf (" + std::to_string(bytes.size()) +
               " bytes that do not parse as a SandboxExecRequest)";
    if (auto bad = utf8Problem(twin))
        return bad;
    if (!request->ParseFromString(bytes)) // not expected once the twin parsed and all is UTF-8
        return "request is not valid protobuf (it does not parse as a SandboxExecRequest)";
    return std::nullopt;
}

std::optional<std::string> RequestDecoder::decode(const grpc::ByteBuffer &bytes,
                                                  wire::SandboxExecRequest *request) {
    std::vector<grpc::Slice> slices;
    std::string flat;
    if (bytes.Valid() && bytes.Dump(&slices).ok()) {
        for (const auto &slice : slices)
            flat.append(reinterpret_cast<const char *>(slice.begin()), slice.size());
    }
    return decode(flat, request);
}

} // namespace sandbox::agent
