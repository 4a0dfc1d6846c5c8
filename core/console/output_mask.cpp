#include "output_mask.h"

#include "profile.h"

#include <algorithm>

namespace sandbox {

namespace {

constexpr QChar kBullet(0x2022);

void blank(QString &text, qsizetype from, qsizetype length) {
    for (qsizetype i = from; i < from + length; ++i)
        text[i] = kBullet;
}

} // namespace

OutputMask::OutputMask(QStringList values)
    : values_(std::move(values)) {
    values_.removeAll(QString());
    values_.removeDuplicates();
    std::sort(values_.begin(), values_.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
}

OutputMask OutputMask::forProfile(const Profile &profile) {
    QStringList values;
    for (const EnvVar &var : profile.env) {
        if (!var.isSecretReference())
            values.append(var.value);
    }
    return OutputMask(values);
}

void OutputMask::apply(StyledLine &line) const {
    for (const QString &value : values_) {
        for (qsizetype at = line.text.indexOf(value); at >= 0;
             at = line.text.indexOf(value, at + value.size()))
            blank(line.text, at, value.size());
    }
}

void OutputMask::applyToPartial(StyledLine &line) const {
    apply(line);
    const qsizetype size = line.text.size();
    for (const QString &value : values_) {
        // The longest tail of the line that is a proper prefix of the value.
        for (qsizetype n = std::min(size, value.size() - 1); n > 0; --n) {
            if (QStringView(line.text).right(n) == QStringView(value).left(n)) {
                blank(line.text, size - n, n);
                break;
            }
        }
    }
}

} // namespace sandbox
