import type { Metadata } from "next";
import styles from "./sign-in.module.css";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <main className={styles.main}>
      <h1>Trailbook</h1>
      <p className={styles.lead}>Sign in to browse the audit log.</p>
      <SignInForm next={typeof next === "string" ? next : "/"} />
    </main>
  );
}
