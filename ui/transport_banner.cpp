#include "transport_banner.h"

namespace sandbox {

void TransportBanner::update(TokenTransportPolicy::Assessment assessment) {
    assessment_ = assessment;
    const QString text = TokenTransportPolicy::message(assessment_);
    switch (assessment_) {
    case TokenTransportPolicy::Assessment::BlockedCleartextToken:
        showMessage(Level::Error, text);
        break;
    case TokenTransportPolicy::Assessment::InsecureAllowed:
        showMessage(Level::Warning, text);
        break;
    case TokenTransportPolicy::Assessment::Ok:
        showMessage(Level::Information, QString());
        break;
    }
}

} // namespace sandbox
