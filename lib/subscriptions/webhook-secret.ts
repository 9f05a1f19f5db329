import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type Config, config } from "../config";

/** Standard Webhooks' secret form: `whsec_` and base64 of 24-64 random bytes (we use 32). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

type SealSettings = Pick<Config, "webhookSecretsKey" | "dataDir">;

/**
 * The key that seals webhook secrets, never stored in the database (a dump or backup of it alone
 * reveals no secret): TRAILBOOK_WEBHOOK_KEY (base64 of 32 bytes; set the same on every process of
 * a deployment), else `webhook-secrets.key` in the data directory, created at first need (0600).
 */
function sealingKey(settings: SealSettings): Buffer {
  if (settings.webhookSecretsKey) return exactly32(Buffer.from(settings.webhookSecretsKey, "base64"));
  const file = path.join(settings.dataDir, "webhook-secrets.key");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(settings.dataDir, { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return exactly32(Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64"));
}

function exactly32(key: Buffer): Buffer {
  if (key.length !== 32) throw new Error("TRAILBOOK_WEBHOOK_KEY (or webhook-secrets.key) must be 32 bytes, base64");
  return key;
}

/**
 * AES-256-GCM of the secret, bound to its subscription id (additional data), so a sealed secret
 * copied onto another subscription's row does not open. Form: `v1.<iv>.<tag>.<ciphertext>`, base64.
 */
export function sealSecret(secret: string, subscriptionId: string, settings: SealSettings = config): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(settings), iv);
  cipher.setAAD(Buffer.from(subscriptionId));
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body]
    .map((part) => (typeof part === "string" ? part : part.toString("base64")))
    .join(".");
}

/** The secret sealed by {@link sealSecret}; throws when the key or the subscription differs. */
export function openSecret(sealed: string, subscriptionId: string, settings: SealSettings = config): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("not a sealed webhook secret");
  const decipher = createDecipheriv("aes-256-gcm", sealingKey(settings), Buffer.from(iv, "base64"));
  decipher.setAAD(Buffer.from(subscriptionId));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
}
