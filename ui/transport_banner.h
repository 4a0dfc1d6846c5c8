#pragma once

#include "info_bar.h"
#include "token_transport_policy.h"

namespace sandbox {

// The editor's token/transport verdict: red while a token would travel in cleartext
// (commands refused), amber when the user allowed it, hidden otherwise.
class TransportBanner : public InfoBar {
    Q_OBJECT
public:
    using InfoBar::InfoBar;

    void update(TokenTransportPolicy::Assessment assessment);
    TokenTransportPolicy::Assessment assessment() const { return assessment_; }

private:
    TokenTransportPolicy::Assessment assessment_ = TokenTransportPolicy::Assessment::Ok;
};

} // namespace sandbox
