#pragma once

#include <optional>
#include <string>

namespace sandbox::agent {

// Image names → root file system directories under --images-dir, for the bubblewrap runtime:
// ':' and '/' become '_', so "debian:bookworm-slim" is DIR/debian_bookworm-slim/.
class ImageRoots {
public:
    ImageRoots() = default;
    ImageRoots(std::string dir, bool strict);

    struct Root {
        std::string path;   // the host directory shown as the sandbox's /
        bool found = false; // false: no directory for this image, the host's root is used
    };

    // The directory name an image maps to.
    static std::string directoryName(const std::string &image);
    // nullopt with *error (the request's fault) for a name that cannot be a directory, or an
    // unknown image under --images-strict.
    std::optional<Root> resolve(const std::string &image, std::string *error) const;

    bool configured() const { return !dir_.empty(); }
    const std::string &dir() const { return dir_; }

private:
    std::string dir_;
    bool strict_ = false;
};

} // namespace sandbox::agent
