import { apiRoute } from "@/lib/http/api-route";
import { getSigningKey } from "@/lib/integrity/signing-key";
import { trustedKeys } from "@/lib/integrity/trusted-keys";

export const dynamic = "force-dynamic";

/** Every public key that ever signed for this log (the keyring), marking the one signing now. */
export const GET = apiRoute("read", async () => {
  const current = getSigningKey().keyId;
  const keys = [...trustedKeys().keys].map(([keyId, publicKey]) => ({ keyId, publicKey, current: keyId === current }));
  return Response.json({ keys });
});
