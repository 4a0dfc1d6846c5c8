#pragma once

#include "profile.h"
#include "secret_store.h"

#include <QDialog>

#include <optional>

class QDialogButtonBox;
class QPushButton;

namespace sandbox {

class ConnectionTester;
struct ConnectionTestReport;
class InfoBar;
class ProfileForm;
class ProfileStore;
class TokenField;
class TransportBanner;

// Adds or edits one profile. The token is read from the keychain asynchronously when the
// dialog opens and written asynchronously on save. A failed validation or save keeps the
// dialog open with everything the user typed.
class ProfileEditorDialog : public QDialog {
    Q_OBJECT
public:
    // existing: the profile to edit; nullopt adds a new one.
    ProfileEditorDialog(ProfileStore *store, SecretStore *secrets,
                        const std::optional<Profile> &existing, QWidget *parent = nullptr);

    void setPresenterMode(bool on);
    // The id the profile is (or will be) stored under.
    QUuid profileId() const;

    ProfileForm *form() const { return form_; }
    TokenField *tokenField() const { return token_; }
    TransportBanner *transportBanner() const { return banner_; }
    InfoBar *errorBar() const { return errors_; }
    InfoBar *keychainBar() const { return keychain_; }
    QPushButton *saveButton() const;
    QPushButton *testConnectionButton() const { return testConnection_; }
    // The outcome of Test connection: the error in the console's words, the round trip
    // and the TLS details.
    InfoBar *connectionTestBar() const { return connectionTest_; }

public Q_SLOTS:
    // What the Save button does.
    void save();
    // Cancel, Esc and the window's close button: asks before unsaved edits are thrown away.
    void reject() override;

Q_SIGNALS:
    // After the profile was stored (even if the token only lives for this session).
    void profileSaved(const QUuid &id);
    // Test connection has shown its result in connectionTestBar().
    void connectionTestFinished(bool ok);

private:
    void buildUi();
    void updateBanner();
    bool storeProfile();
    void onTokenRead(SecretJob *job);
    void onTokenWritten(SecretJob *job);
    void onTokenDeleted(SecretJob *job);
    void saveToken();
    void setBusy(bool busy);
    // Connects with the profile as edited and the token as typed, on a worker thread.
    void testConnection();
    void showConnectionTest(const ConnectionTestReport &report);

    ProfileStore *store_;
    SecretStore *secrets_;
    bool isNew_;
    bool writingToken_ = false;
    Profile opened_; // the form as it was opened, to tell whether anything was edited
    QUuid id_;
    ProfileForm *form_ = nullptr;
    TokenField *token_ = nullptr;
    TransportBanner *banner_ = nullptr;
    InfoBar *errors_ = nullptr;
    InfoBar *keychain_ = nullptr;
    QDialogButtonBox *buttons_ = nullptr;
    QPushButton *testConnection_ = nullptr;
    InfoBar *connectionTest_ = nullptr;
    ConnectionTester *tester_ = nullptr;
};

} // namespace sandbox
