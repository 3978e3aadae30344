/**
 * Making the audit trail provable (docs/decisions/017). The hash chain (audit.server.ts) shows any
 * edited, deleted, inserted or reordered event; it cannot show that the latest events were removed
 * (truncation). Checkpoints close that gap: now and then the chain is verified from the previous
 * checkpoint to its head, and the head (sequence + hash) is signed with an Ed25519 key from the
 * environment (a JWS anyone can check with the public key). A chain that ends before a signed
 * checkpoint, or holds another hash at its sequence, has been truncated or rewritten.
 */
import { CompactSign, calculateJwkThumbprint, compactVerify, importJWK, type JWK } from "jose";
import { z } from "zod";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { walkAuditChain } from "./audit.server";

const ALG = "EdDSA";

const privateJwkSchema = z.object({
  kty: z.literal("OKP"),
  crv: z.literal("Ed25519"),
  x: z.string().min(40),
  d: z.string().min(40),
});
const publicJwkSchema = z.object({
  kty: z.literal("OKP"),
  crv: z.literal("Ed25519"),
  x: z.string().min(40),
});

export type AuditKeys = {
  /** JWK thumbprint (RFC 7638) of the current public key. */
  keyId: string;
  sign: (payload: Uint8Array) => Promise<string>;
  publicJwk: JWK;
  /** Every public key that may have signed a checkpoint, by key id. */
  verifiers: Map<string, JWK>;
};

/** The keys from the configuration: the signing key (a private JWK) and former public keys. */
export async function auditKeys(signingKey: string, previousPublicKeys = "[]"): Promise<AuditKeys> {
  const privateJwk = privateJwkSchema.parse(JSON.parse(signingKey));
  const publicJwk: JWK = { kty: "OKP", crv: "Ed25519", x: privateJwk.x };
  const keyId = await calculateJwkThumbprint(publicJwk);
  const privateKey = await importJWK({ ...privateJwk }, ALG);
  const verifiers = new Map<string, JWK>([[keyId, publicJwk]]);
  for (const jwk of z.array(publicJwkSchema).parse(JSON.parse(previousPublicKeys))) {
    verifiers.set(await calculateJwkThumbprint(jwk), jwk);
  }
  return {
    keyId,
    publicJwk: { ...publicJwk, kid: keyId, alg: ALG, use: "sig" },
    verifiers,
    sign: (payload) =>
      new CompactSign(payload).setProtectedHeader({ alg: ALG, kid: keyId }).sign(privateKey),
  };
}

const payloadSchema = z.object({ sequence: z.string(), hash: z.string(), signedAt: z.string() });

export type Checkpoint = {
  sequence: bigint;
  hash: string;
  signature: string;
  keyId: string;
  signedAt: Date;
};

/** Is this checkpoint's signature valid, by a known key, over exactly its sequence and hash? */
export async function checkpointSignatureValid(
  keys: Pick<AuditKeys, "verifiers">,
  checkpoint: Checkpoint,
): Promise<boolean> {
  const jwk = keys.verifiers.get(checkpoint.keyId);
  if (!jwk) return false;
  try {
    const key = await importJWK(jwk, ALG);
    const { payload, protectedHeader } = await compactVerify(checkpoint.signature, key, {
      algorithms: [ALG],
    });
    if (protectedHeader.kid !== checkpoint.keyId) return false;
    const signed = payloadSchema.parse(JSON.parse(new TextDecoder().decode(payload)));
    return signed.sequence === checkpoint.sequence.toString() && signed.hash === checkpoint.hash;
  } catch {
    return false;
  }
}

export type CheckpointResult =
  | { ok: true; checkpoint: Checkpoint | null; verified: number }
  | { ok: false; reason: string };

/**
 * Verifies the chain from the last checkpoint to its head, then signs the head (nothing to sign if
 * no event came since). Events appended meanwhile wait for the next checkpoint.
 */
export async function writeCheckpoint(
  prisma: PrismaClient,
  keys: AuditKeys,
  now = new Date(),
): Promise<CheckpointResult> {
  const last = await prisma.auditCheckpoint.findFirst({ orderBy: { sequence: "desc" } });
  if (last && !(await checkpointSignatureValid(keys, last))) {
    return {
      ok: false,
      reason: `la signature du point de contrôle n° ${last.sequence} est invalide`,
    };
  }
  if (last) {
    const event = await prisma.auditEvent.findUnique({ where: { sequence: last.sequence } });
    if (event?.hash !== last.hash) {
      return {
        ok: false,
        reason: `l'événement n° ${last.sequence} ne correspond plus au point de contrôle signé`,
      };
    }
  }
  const walk = await walkAuditChain(prisma, last ? { after: last } : {});
  if (!walk.valid) return { ok: false, reason: `événement n° ${walk.brokenAt} : ${walk.reason}` };
  if (!walk.head || walk.head.sequence === last?.sequence) {
    return { ok: true, checkpoint: null, verified: walk.count };
  }
  const head = walk.head;
  const signedAt = new Date(Math.floor(now.getTime()));
  const signature = await keys.sign(
    new TextEncoder().encode(
      JSON.stringify({
        sequence: head.sequence.toString(),
        hash: head.hash,
        signedAt: signedAt.toISOString(),
      }),
    ),
  );
  const checkpoint = await prisma.auditCheckpoint.upsert({
    where: { sequence: head.sequence },
    create: { sequence: head.sequence, hash: head.hash, signature, keyId: keys.keyId, signedAt },
    update: {},
  });
  return { ok: true, checkpoint, verified: walk.count };
}

export type TrailReport = {
  valid: boolean;
  events: number;
  head: { sequence: bigint; hash: string } | null;
  checkpoints: number;
  lastCheckpoint: Checkpoint | null;
  /** The first problem found, in French, naming the event. */
  problem?: { sequence: bigint | null; reason: string };
};

/**
 * The whole verification: every hash and link from the first event, then every checkpoint (a valid
 * signature by a known key, and the chain holding that very hash at that sequence).
 */
export async function verifyAuditTrail(
  prisma: PrismaClient | Prisma.TransactionClient,
  keys: Pick<AuditKeys, "verifiers">,
): Promise<TrailReport> {
  const checkpoints = await prisma.auditCheckpoint.findMany({ orderBy: { sequence: "asc" } });
  const seen = new Map<bigint, string | null>(checkpoints.map((c) => [c.sequence, null]));
  const walk = await walkAuditChain(prisma, { seen });
  const base = {
    events: walk.count,
    head: walk.valid ? walk.head : null,
    checkpoints: checkpoints.length,
    lastCheckpoint: checkpoints[checkpoints.length - 1] ?? null,
  };
  if (!walk.valid) {
    return { ...base, valid: false, problem: { sequence: walk.brokenAt, reason: walk.reason } };
  }
  for (const checkpoint of checkpoints) {
    if (!(await checkpointSignatureValid(keys, checkpoint))) {
      return {
        ...base,
        valid: false,
        problem: {
          sequence: checkpoint.sequence,
          reason: `la signature du point de contrôle n° ${checkpoint.sequence} est invalide ou d'une clé inconnue`,
        },
      };
    }
    const hash = seen.get(checkpoint.sequence);
    if (hash === null || hash === undefined) {
      const truncated = !walk.head || walk.head.sequence < checkpoint.sequence;
      return {
        ...base,
        valid: false,
        problem: {
          sequence: checkpoint.sequence,
          reason: truncated
            ? `la chaîne s'arrête au n° ${walk.head?.sequence ?? 0} alors qu'un point de contrôle signé atteste l'événement n° ${checkpoint.sequence} : les derniers événements ont été supprimés`
            : `l'événement n° ${checkpoint.sequence}, attesté par un point de contrôle signé, a disparu`,
        },
      };
    }
    if (hash !== checkpoint.hash) {
      return {
        ...base,
        valid: false,
        problem: {
          sequence: checkpoint.sequence,
          reason: `l'événement n° ${checkpoint.sequence} diffère de celui attesté par le point de contrôle signé (chaîne réécrite)`,
        },
      };
    }
  }
  return { ...base, valid: true };
}

/** The checkpoints and the public key, as a JSON document anyone can check (export). */
export async function exportCheckpoints(prisma: PrismaClient, keys: AuditKeys) {
  const checkpoints = await prisma.auditCheckpoint.findMany({ orderBy: { sequence: "asc" } });
  return {
    algorithm: ALG,
    publicKeys: [...keys.verifiers.entries()].map(([kid, jwk]) => ({ ...jwk, kid })),
    checkpoints: checkpoints.map((c) => ({
      sequence: c.sequence.toString(),
      hash: c.hash,
      signedAt: c.signedAt.toISOString(),
      keyId: c.keyId,
      jws: c.signature,
    })),
  };
}
