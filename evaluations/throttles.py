"""The certificate-verification throttle, shared by the public page and its API: one allowance per
client address, so guessing codes stays slow whichever door is used."""

from accounts.api.throttling import ClientAddressAnonRateThrottle

DEFAULT_VERIFY_RATE = "30/minute"


class CertificateVerifyThrottle(ClientAddressAnonRateThrottle):
    """Rate: REST_FRAMEWORK ``DEFAULT_THROTTLE_RATES["certificate_verify"]`` (30/minute when not set)."""

    scope = "certificate_verify"

    def get_rate(self):
        return self.THROTTLE_RATES.get(self.scope) or DEFAULT_VERIFY_RATE
