#pragma once

#include <string>

namespace sandbox::agent {

// Makes every TLS context this process creates refuse anything below TLS 1.3, as the
// reference agent does. gRPC 1.51 has no C++ setting for the minimum version and pins
// TLS 1.2 itself, so this goes through OpenSSL's own configuration ("system_default"),
// which gRPC's contexts pick up when they are created.
class TlsVersionFloor {
public:
    // Call once, before the server's credentials are created.
    static bool requireTls13(std::string *error);
};

} // namespace sandbox::agent
