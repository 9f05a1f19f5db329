import "server-only";
import { type Config, config } from "../config";
import { readKeyring } from "./keyring";
import type { TrustedKeys } from "./verify-integrity";

/**
 * The keys verification trusts: the keyring, and nothing else. Not even the key this process
 * holds: a key file someone swapped in is not trusted until prepare-signing.ts accepted it.
 */
export function trustedKeys(settings: Pick<Config, "keyringDir"> = config): TrustedKeys {
  return { keys: readKeyring(settings) };
}
