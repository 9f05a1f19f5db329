"use server";

import { revalidatePath } from "next/cache";
import { requirePrincipal } from "../auth/require-principal";
import { getDatabase } from "../db/get-database";
import { runVerification } from "../integrity/run-verification";

/** Server action: runs a full verification now (any signed-in reader may), recorded as theirs. */
export async function verifyNow(): Promise<void> {
  const principal = await requirePrincipal();
  await runVerification(await getDatabase(), principal.keyId ?? "bootstrap-token");
  revalidatePath("/integrity");
}
