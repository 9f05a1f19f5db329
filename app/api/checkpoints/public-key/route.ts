import { apiRoute } from "@/lib/http/api-route";
import { getSigningKey } from "@/lib/integrity/signing-key";

export const dynamic = "force-dynamic";

/** The Ed25519 public key (SPKI PEM) that verifies checkpoints and export manifests. */
export const GET = apiRoute("read", async () => {
  const key = getSigningKey();
  return new Response(key.publicKeyPem, {
    headers: { "content-type": "application/x-pem-file", "x-key-id": key.keyId },
  });
});
