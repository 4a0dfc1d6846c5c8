#pragma once

#include <QUuid>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace sandbox {

class ProfileStore;

// What the main window shows while no console is open: open a profile (the list, double
// click or "Open Console"), create one, import some, or open a job. "Open Job…" stays
// hidden until a jobs feature listens to openJobRequested() and calls setJobsAvailable().
class StartPage : public QWidget {
    Q_OBJECT
public:
    explicit StartPage(ProfileStore *store, QWidget *parent = nullptr);

    void setJobsAvailable(bool available);
    QListWidget *profileList() const { return profiles_; }
    QPushButton *openButton() const { return open_; }
    QPushButton *createButton() const { return create_; }
    QPushButton *importButton() const { return import_; }
    QPushButton *jobButton() const { return job_; }

Q_SIGNALS:
    void openProfileRequested(const QUuid &id);
    void createProfileRequested();
    void importRequested();
    void openJobRequested();

private:
    void reload();
    void openCurrent();

    ProfileStore *store_;
    QLabel *hint_ = nullptr;
    QListWidget *profiles_ = nullptr;
    QPushButton *open_ = nullptr;
    QPushButton *create_ = nullptr;
    QPushButton *import_ = nullptr;
    QPushButton *job_ = nullptr;
};

} // namespace sandbox
