#include "image_roots.h"

#include <sys/stat.h>

namespace sandbox::agent {

ImageRoots::ImageRoots(std::string dir, bool strict)
    : dir_(std::move(dir))
    , strict_(strict) {
    while (dir_.size() > 1 && dir_.back() == '/')
        dir_.pop_back();
}

std::string ImageRoots::directoryName(const std::string &image) {
    std::string name = image;
    for (char &c : name) {
        if (c == ':' || c == '/')
            c = '_';
    }
    return name;
}

std::optional<ImageRoots::Root> ImageRoots::resolve(const std::string &image,
                                                    std::string *error) const {
    const std::string name = directoryName(image);
    if (name.empty() || name == "." || name == ".." || name.find('\0') != std::string::npos) {
        *error = "image \"" + image + "\" is not a valid image name";
        return std::nullopt;
    }
    if (dir_.empty())
        return Root{"/", false};
    const std::string path = dir_ + "/" + name;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
        return Root{path, true};
    if (strict_) {
        *error = "unknown image \"" + image + "\": no directory " + path + " (--images-strict)";
        return std::nullopt;
    }
    return Root{"/", false};
}

} // namespace sandbox::agent
