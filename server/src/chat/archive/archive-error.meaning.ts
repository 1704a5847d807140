/**
 * What the chat-archive SDK's return codes mean (WeWorkFinanceSdk_C.h), with a hint an admin can
 * act on. 10001–10003 are passing trouble (network, a reply that did not parse, the vendor's
 * system or a timeout) and worth retrying; every other code needs someone to fix something.
 */
export interface ArchiveErrorMeaning {
  retryable: boolean;
  hint: string;
}

const meanings: Record<number, ArchiveErrorMeaning> = {
  10000: { retryable: false, hint: 'a request parameter is wrong (for example a limit above 1000 or an empty sdkfileid)' },
  10001: { retryable: true, hint: 'network error reaching the archive service: check the proxy settings and outbound access; retrying' },
  10002: { retryable: true, hint: 'the archive service answered with data that did not parse; retrying' },
  10003: { retryable: true, hint: 'the archive service failed or timed out; retrying' },
  10004: {
    retryable: false,
    hint: 'the secret is wrong: check WECOM_ARCHIVE_SECRET (Admin console > Management Tools > Chat Archive) and WECOM_CORP_ID',
  },
  10005: { retryable: false, hint: 'the archive does not know this sdkfileid (wrong id, or the file is gone)' },
  10006: {
    retryable: false,
    hint: 'decryption failed: the private key does not match the public key uploaded for this publickey_ver, or the message is corrupt',
  },
  10007: {
    retryable: false,
    hint: 'no private key for this publickey_ver: add it to WECOM_ARCHIVE_PRIVATE_KEYS (keep every older version too)',
  },
  10008: { retryable: false, hint: 'the encrypt_random_key could not be parsed: it was not unwrapped with the right private key' },
  10009: {
    retryable: false,
    hint: "this server's IP address is not allowed: add it to the chat archive's trusted IPs (Admin console > Management Tools > Chat Archive)",
  },
  10010: {
    retryable: false,
    hint: 'the data expired: the archive keeps messages for 5 days only, so pull continuously (older messages are lost)',
  },
  10011: {
    retryable: false,
    hint: "certificate error talking to the archive service: check the server's CA certificates, its clock, and any TLS-intercepting proxy",
  },
};

/** The meaning of one SDK return code; unknown codes are not retried. */
export function archiveErrorMeaning(code: number): ArchiveErrorMeaning {
  return meanings[code] ?? { retryable: false, hint: 'the archive SDK failed with a code it does not document' };
}

/** The SDK codes with a documented meaning (for tests and the admin console). */
export const documentedArchiveCodes: readonly number[] = Object.keys(meanings).map(Number);
