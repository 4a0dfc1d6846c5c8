#pragma once

#include "styled_line.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace sandbox {

class Profile;

// Presenter mode's mask over command output: every occurrence of one of the values is
// replaced by bullets, one per UTF-16 unit, so styles and columns stay where they were.
// Only what the console shows is masked; the spool (and so every saved transcript) keeps
// the output as the agent sent it.
class OutputMask {
public:
    OutputMask() = default;
    explicit OutputMask(QStringList values);

    // The values of a profile's env that the client knows: everything but empty values and
    // secret:// references (those are resolved by the agent, their output cannot be known).
    // The colour variables the console adds itself are not the profile's and stay visible.
    static OutputMask forProfile(const Profile &profile);

    bool isEmpty() const { return values_.isEmpty(); }
    QStringList values() const { return values_; }

    // Masks every occurrence in a finished line.
    void apply(StyledLine &line) const;
    // Same, and for a line still being written also a tail that could be the start of a
    // value (the rest may come with the next chunk).
    void applyToPartial(StyledLine &line) const;

    friend bool operator==(const OutputMask &, const OutputMask &) = default;

private:
    QStringList values_; // longest first, so a value inside another is masked whole
};

} // namespace sandbox
