"use server";

import { revalidatePath } from "next/cache";
import { requirePrincipal } from "../auth/require-principal";
import { getDatabase } from "../db/get-database";
import { getSigningKey } from "../integrity/signing-key";
import { verifyIntegrity } from "../integrity/verify-integrity";

/** Server action: runs a full verification now (any signed-in reader may). */
export async function verifyNow(): Promise<void> {
  await requirePrincipal();
  await verifyIntegrity(await getDatabase(), getSigningKey().publicKeyPem);
  revalidatePath("/integrity");
}
