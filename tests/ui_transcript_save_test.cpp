// TranscriptSaveDialog: the whole tab or one command, as plain text, raw bytes or HTML,
// written from the spool (complete, though the ring dropped lines); file names come
// through the DialogAnswers seam.
#include "transcript_save_dialog.h"
#include "ui_transcript_fixture.h"

#include <QFile>
#include <QSignalSpy>

using namespace sandbox;
using sandbox::test::TranscriptUiTest;

namespace {

QByteArray readAll(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace

class UiTranscriptSave : public TranscriptUiTest {
protected:
    void SetUp() override {
        TranscriptUiTest::SetUp();
        ASSERT_TRUE(outDir.isValid());
        model.setCapacity(1000);
        first = runCommand(QStringLiteral("echo first"), "first command\n");
        for (int i = 0; i < 5000; ++i)
            big += "row " + QByteArray::number(i) + " \x1b[32mgreen\x1b[0m\n";
        second = runCommand(QStringLiteral("gen 5000"), big);
        ASSERT_TRUE(model.hasDropMarker()); // the ring holds 1,000 lines of 5,000+
    }

    // Saves through the dialog as the user would; returns the file's bytes.
    QByteArray save(TranscriptSaveDialog::Scope scope, TranscriptSpool::SaveFormat format,
                    const QString &name, quint64 blockId) {
        TranscriptSaveDialog dialog(&model, spool.get(), blockId);
        dialog.setScope(scope);
        dialog.setFormat(format);
        EXPECT_EQ(dialog.format(), format);
        const QString path = outDir.filePath(name);
        DialogAnswers::pushFileName(path);
        QSignalSpy saved(&dialog, &TranscriptSaveDialog::saved);
        dialog.accept();
        EXPECT_TRUE(saved.count() == 1 || saved.wait(60000));
        const QString written = saved.value(0).value(0).toString();
        EXPECT_TRUE(written.startsWith(path)) << written.toStdString(); // + a missing suffix
        return readAll(written);
    }

    QTemporaryDir outDir;
    QByteArray big;
    quint64 first = 0;
    quint64 second = 0;
};

TEST_F(UiTranscriptSave, SelectedCommandAsPlainTextHasEveryLine) {
    const QByteArray text =
        save(TranscriptSaveDialog::Scope::SelectedCommand, TranscriptSpool::SaveFormat::PlainText,
             QStringLiteral("block.txt"), second);
    const QList<QByteArray> lines = text.split('\n');
    EXPECT_TRUE(lines.first().startsWith("$ gen 5000")) << lines.first().toStdString();
    EXPECT_TRUE(text.contains("\nrow 0 green\n"));
    EXPECT_TRUE(text.contains("\nrow 4999 green\n"));
    EXPECT_EQ(text.count("green\n"), 5000);
    EXPECT_FALSE(text.contains("first command"));
    EXPECT_FALSE(text.contains('\x1b'));
}

TEST_F(UiTranscriptSave, SelectedCommandAsRawBytesKeepsTheAnsiCodes) {
    const QByteArray raw =
        save(TranscriptSaveDialog::Scope::SelectedCommand, TranscriptSpool::SaveFormat::RawBytes,
             QStringLiteral("block.ansi"), second);
    EXPECT_EQ(raw, big);
}

TEST_F(UiTranscriptSave, WholeTabAsHtmlHasBothCommandsWithColours) {
    const QString html = QString::fromUtf8(save(TranscriptSaveDialog::Scope::WholeTab,
                                                TranscriptSpool::SaveFormat::Html,
                                                QStringLiteral("all"), second)); // no suffix
    EXPECT_TRUE(QFile::exists(outDir.filePath(QStringLiteral("all.html"))));
    EXPECT_TRUE(html.contains(QStringLiteral("first command")));
    EXPECT_TRUE(html.contains(QStringLiteral("row 0 ")));
    EXPECT_TRUE(html.contains(QStringLiteral("row 4999 ")));
    EXPECT_EQ(html.count(QStringLiteral(">green</span>")), 5000);
    char green[8];
    TerminalPalette::hexName(TerminalPalette::resolve(TerminalColor::indexed16(2), 0), green);
    EXPECT_TRUE(html.contains(QLatin1String(green)));
}

TEST_F(UiTranscriptSave, WholeTabAsPlainTextHasBothCommands) {
    const QByteArray text =
        save(TranscriptSaveDialog::Scope::WholeTab, TranscriptSpool::SaveFormat::PlainText,
             QStringLiteral("all.txt"), 0);
    EXPECT_TRUE(text.contains("$ echo first\n"));
    EXPECT_TRUE(text.contains("\nfirst command\n"));
    EXPECT_EQ(text.count("green\n"), 5000);
}

TEST_F(UiTranscriptSave, WithoutASelectedCommandOnlyTheWholeTabIsOffered) {
    TranscriptSaveDialog dialog(&model, spool.get(), 0);
    dialog.setScope(TranscriptSaveDialog::Scope::SelectedCommand);
    EXPECT_EQ(dialog.scope(), TranscriptSaveDialog::Scope::WholeTab);
}

TEST_F(UiTranscriptSave, CancelledFileDialogWritesNothing) {
    TranscriptSaveDialog dialog(&model, spool.get(), second);
    QSignalSpy saved(&dialog, &TranscriptSaveDialog::saved);
    dialog.accept(); // test mode: no preloaded answer = Cancel
    EXPECT_FALSE(dialog.isSaving());
    EXPECT_EQ(saved.count(), 0);
    EXPECT_TRUE(QDir(outDir.path()).entryList(QDir::Files).isEmpty());
}

TEST_F(UiTranscriptSave, AnUnwritableFileIsNamedInTheError) {
    const QString path = outDir.filePath(QStringLiteral("no/such/folder/out.txt"));
    TranscriptSaveDialog dialog(&model, spool.get(), second);
    DialogAnswers::pushFileName(path);
    QSignalSpy failed(&dialog, &TranscriptSaveDialog::failed);
    dialog.accept();
    ASSERT_TRUE(failed.count() == 1 || failed.wait(60000));
    const QString message = failed.at(0).at(0).toString();
    EXPECT_TRUE(message.contains(QDir::toNativeSeparators(path))) << message.toStdString();
    ASSERT_FALSE(DialogAnswers::shownMessages().isEmpty());
    EXPECT_EQ(DialogAnswers::shownMessages().last(), message);
}
