import "server-only";
import { type Config, config } from "../config";
import { readKeyring } from "./keyring";
import { getSigningKey, SigningKeyMissing } from "./signing-key";
import type { TrustedKeys } from "./verify-integrity";

/** The keys verification trusts: the keyring, plus this server's own key when it has one. */
export function trustedKeys(settings: Pick<Config, "keyringDir"> = config): TrustedKeys {
  const keys = readKeyring(settings);
  try {
    const own = getSigningKey();
    keys.set(own.keyId, own.publicKeyPem);
  } catch (error) {
    if (!(error instanceof SigningKeyMissing)) throw error;
  }
  return { keys };
}
