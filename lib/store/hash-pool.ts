import "server-only";
import * as crypto from "node:crypto";
import os from "node:os";
import { Worker } from "node:worker_threads";
import { canonicalJson } from "../encoding/canonical-json";
import {
  BATCH_FIELDS,
  BATCH_JSON_FIELDS,
  type BatchDeps,
  type BatchInput,
  type BatchOutput,
  checkBatch,
} from "./check-batch";
import { type EventRecord, hashedFieldsOf } from "./event-record";
import { GENESIS_HASH, hashEvent } from "./hash-event";

/** checkBatch with this thread's functions: the single-threaded pass, and the reference for workers. */
export const IN_THREAD: BatchDeps = {
  canonicalJson,
  hashedFieldsOf,
  crypto,
  fields: BATCH_FIELDS,
  jsonFields: BATCH_JSON_FIELDS,
};

/** One worker per core: verification's main thread mostly waits on the database. */
export function defaultThreads(): number {
  return typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
}

/*
 * Why the workers are built from source text (`eval: true`) rather than started from a file.
 *
 * The code must run under tsx and Vitest (TypeScript sources, no build) and in the Next production
 * server, which bundles server code into chunks: a worker file next to this one would not exist at
 * run time there, and a TypeScript one could not be loaded without a loader anyway. So the worker is
 * the very functions this thread runs (checkBatch, canonicalJson, hashedFieldsOf), turned back into
 * source with Function.prototype.toString, which works for any of the three. Each must be
 * self-contained (check-batch.ts says why); a probe batch checked by each worker and by this thread
 * must give the same answer before a worker gets work, and if it does not (a bundler changed a
 * function in a way that needs its module), verification runs in this thread and says why once.
 */
function workerSource(): string {
  return `"use strict";
const { parentPort } = require("node:worker_threads");
const crypto = require("node:crypto");
const __name = (target) => target; // esbuild's keepNames helper (tsx), should a function mention it
const canonicalJson = (${canonicalJson.toString()});
const hashedFieldsOf = (${hashedFieldsOf.toString()});
const checkBatch = (${checkBatch.toString()});
const deps = {
  canonicalJson, hashedFieldsOf, crypto,
  fields: ${JSON.stringify(BATCH_FIELDS)}, jsonFields: ${JSON.stringify(BATCH_JSON_FIELDS)},
};
parentPort.on("message", ({ id, input }) => {
  let output;
  try {
    output = checkBatch(deps, input);
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
    return;
  }
  parentPort.postMessage({ id, output }, [output.leaves.buffer]);
});
`;
}

/** A value as `COPY … TO STDOUT` writes it in text format: `\N`, or its text with backslash escapes. */
function copyValue(value: unknown): string {
  if (value === null) return "\\N";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.replace(/[\\\b\f\n\r\t\v]/g, (c) => `\\${"\\bfnrtv"["\\\b\f\n\r\t\v".indexOf(c)]}`);
}

/** Rows in COPY text format, a line per row, tab-separated: for the probe, and for tests. */
export const copyText = (rows: unknown[][]) =>
  new TextEncoder().encode(rows.map((row) => `${row.map(copyValue).join("\t")}\n`).join(""));

/**
 * Small batches that exercise every path of checkBatch: good rows, a bad hash, a gap, memberships,
 * escapes; once as JSON text and once as COPY text.
 */
function probes(): BatchInput[] {
  const record = (position: string, prevHash: string, extra: Partial<EventRecord> = {}): EventRecord => {
    const fields = {
      position,
      id: `00000000-0000-4000-8000-00000000000${position}`,
      type: "Probe",
      data: { b: [1, 2.5, null, "\u00e9\ufeff\u2028"], a: { z: true, "": -0 } },
      metadata: {},
      tenant: null,
      actorId: "probe",
      actorType: null,
      actorName: "\ufeffa\tb\\n\nc\\N",
      targets: [{ id: "t" }],
      correlationId: "c",
      causationId: null,
      traceId: null,
      streams: [{ name: "S", version: Number(position) }],
      occurredAt: "2026-01-01T00:00:00.000Z",
      recordedAt: "2026-01-01T00:00:00.000Z",
      writer: position === "1" ? null : "key",
      ...extra,
    };
    return { ...fields, prevHash, hash: hashEvent(prevHash, hashedFieldsOf({ ...fields, prevHash, hash: "" })) };
  };
  const one = record("1", GENESIS_HASH);
  const two = record("2", one.hash);
  const four = { ...record("4", two.hash), type: "Edited" };
  const rows = [one, two, four].map((r) => BATCH_FIELDS.map((field) => r[field]));
  const members = [
    ["1", "S", "1"],
    ["2", "S\t\\", "2"],
  ];
  return [
    { rows: JSON.stringify(rows), members: JSON.stringify(members), leaves: true },
    { rows: copyText(rows), members: copyText(members), leaves: true },
  ];
}

interface Job {
  resolve: (output: BatchOutput) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  jobs: Map<number, Job>;
}

let warned = false;

/** Worker threads that run {@link checkBatch}; `run` answers in any order, callers keep theirs. */
export class HashPool {
  private nextId = 0;
  private failure: Error | null = null;

  private constructor(private readonly workers: PoolWorker[]) {
    for (const slot of workers) {
      slot.worker.on("message", ({ id, output, error }: { id: number; output?: BatchOutput; error?: string }) => {
        const job = slot.jobs.get(id);
        slot.jobs.delete(id);
        if (error !== undefined || !output) job?.reject(new Error(error));
        else job?.resolve({ ...output, leaves: new Uint8Array(output.leaves) });
      });
      const fail = (error: Error) => {
        this.failure ??= error;
        for (const job of slot.jobs.values()) job.reject(error);
        slot.jobs.clear();
      };
      slot.worker.on("error", fail);
      slot.worker.on("exit", (code) => fail(new Error(`a verification worker exited (code ${code})`)));
    }
  }

  /**
   * `size` workers that each answered the probe exactly as this thread does; null (after one warning
   * per process, with the reason) when workers cannot be used here.
   */
  static async open(size: number): Promise<HashPool | null> {
    const started: Worker[] = [];
    try {
      const source = workerSource();
      for (let i = 0; i < size; i++) started.push(new Worker(source, { eval: true, execArgv: [] }));
      const pool = new HashPool(started.map((worker) => ({ worker, jobs: new Map() })));
      // Each worker gets inputs of its own: runOn transfers (detaches) their buffers.
      const expected = JSON.stringify(
        probes().map((input) => checkBatch(IN_THREAD, input)),
        replacer,
      );
      const answers = await Promise.race([
        Promise.all(pool.workers.map((slot) => Promise.all(probes().map((input) => pool.runOn(slot, input))))),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no answer within 30 s")), 30_000).unref()),
      ]);
      for (const answer of answers) {
        if (JSON.stringify(answer, replacer) !== expected) throw new Error("a worker checks differently");
      }
      return pool;
    } catch (error) {
      await Promise.all(started.map((worker) => worker.terminate()));
      if (!warned) {
        warned = true;
        console.warn(`verification runs in one thread: worker threads unusable here (${(error as Error).message})`);
      }
      return null;
    }
  }

  /** Checks a batch on the least busy worker. */
  run(input: BatchInput): Promise<BatchOutput> {
    const slot = this.workers.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
    return this.runOn(slot, input);
  }

  private runOn(slot: PoolWorker, input: BatchInput): Promise<BatchOutput> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      slot.jobs.set(id, { resolve, reject });
      // A buffer of the input's own moves to the worker instead of being copied; the caller is done with it.
      const transfer = [input.rows, input.members].flatMap((packed) =>
        packed instanceof Uint8Array && packed.byteOffset === 0 && packed.byteLength === packed.buffer.byteLength
          ? [packed.buffer as ArrayBuffer]
          : [],
      );
      slot.worker.postMessage({ id, input }, transfer);
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error("the verification pool is closed");
    await Promise.all(this.workers.map((slot) => slot.worker.terminate()));
  }
}

/** Typed arrays as plain lists, so that two answers compare as JSON. */
const replacer = (_key: string, value: unknown) => (value instanceof Uint8Array ? [...value] : value);
