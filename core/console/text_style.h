#pragma once

#include <QMetaType>
#include <QtGlobal>

namespace sandbox {

// A terminal colour as a program asked for it: the default, one of the 16 ANSI colours,
// an xterm 256-colour index, or 24-bit RGB. Resolved to RGB only when painting or
// exporting (TerminalPalette), so a theme can change what "red" looks like.
class TerminalColor {
public:
    enum class Kind : quint8 { Default, Indexed16, Indexed256, Rgb };

    constexpr TerminalColor() = default;
    static constexpr TerminalColor indexed16(int index) {
        return TerminalColor(Kind::Indexed16, quint32(index & 0x0f));
    }
    static constexpr TerminalColor indexed256(int index) {
        return TerminalColor(Kind::Indexed256, quint32(index & 0xff));
    }
    static constexpr TerminalColor rgb(int red, int green, int blue) {
        return TerminalColor(Kind::Rgb, (quint32(red & 0xff) << 16) | (quint32(green & 0xff) << 8) |
                                            quint32(blue & 0xff));
    }

    constexpr Kind kind() const { return Kind(value_ >> 24); }
    constexpr bool isDefault() const { return value_ == 0; }
    // The palette index for Indexed16/Indexed256.
    constexpr int index() const { return int(value_ & 0xff); }
    // 0xRRGGBB for Rgb.
    constexpr quint32 rgbValue() const { return value_ & 0xffffff; }

    friend constexpr bool operator==(TerminalColor, TerminalColor) = default;

private:
    constexpr TerminalColor(Kind kind, quint32 payload)
        : value_((quint32(kind) << 24) | payload) {}
    quint32 value_ = 0; // kind in the top byte, payload below: 4 bytes, cheap to copy
};

// The SGR state a run of text was written with.
struct TextStyle {
    enum Attribute : quint8 { Bold = 1, Italic = 2, Underline = 4, Inverse = 8 };

    TerminalColor foreground;
    TerminalColor background;
    quint8 attributes = 0; // Attribute bits

    constexpr bool isDefault() const {
        return foreground.isDefault() && background.isDefault() && attributes == 0;
    }
    constexpr bool has(Attribute a) const { return (attributes & a) != 0; }
    constexpr void set(Attribute a, bool on) {
        attributes = on ? quint8(attributes | a) : quint8(attributes & ~a);
    }

    friend constexpr bool operator==(const TextStyle &, const TextStyle &) = default;
};

// A stretch of a line's text in one non-default style. Offsets are UTF-16 code units
// into StyledLine::text.
struct StyleRun {
    qint32 start = 0;
    qint32 length = 0;
    TextStyle style;

    constexpr qint32 end() const { return start + length; }
    friend constexpr bool operator==(const StyleRun &, const StyleRun &) = default;
};

} // namespace sandbox

Q_DECLARE_TYPEINFO(sandbox::TerminalColor, Q_PRIMITIVE_TYPE);
Q_DECLARE_TYPEINFO(sandbox::TextStyle, Q_PRIMITIVE_TYPE);
Q_DECLARE_TYPEINFO(sandbox::StyleRun, Q_PRIMITIVE_TYPE);
