import type { TRPCRouterRecord } from '@trpc/server';
import { idempotencyKey, recordId, recordVersion } from '@concord/domain';
import { replaceDocumentInput, uploadDocumentInput } from '@concord/domain/provider-documents';
import { z } from 'zod';
import { idempotent } from '../idempotent.ts';
import { providerLocationInput } from '../provider/input.ts';
import { authorityProcedure, providerProcedure, providerRoleProcedure } from '../trpc.ts';
import { replaceDocument, uploadDocument, withdrawDocument } from './documents.ts';
import { documentQuota, expiringCertificates, listDocuments } from './documents-queries.ts';
import { addLocation, listLocations, removeLocation, updateLocation } from './locations.ts';

/** The request's day (ISO), from the injectable clock. */
const today = (now: Date) => now.toISOString().slice(0, 10);

/** Who keeps the profile's documents: the provider administrator, and bid writers (who attach them to applications). */
const documentWriter = providerRoleProcedure(['provider_admin', 'bid_writer']);
const locationWriter = providerRoleProcedure(['provider_admin']);

/** Tell us once (issue 11, item 2): the organisation's documents and their expiry. */
export const providerDocumentRouter = {
  /** The organisation's current documents, with days to expiry, what they take of the quota, and those expiring soon. */
  list: providerProcedure.query(async ({ ctx }) => {
    const day = today(ctx.now());
    return {
      today: day,
      documents: await listDocuments(ctx.tx, ctx.session.providerId, day),
      quota: await documentQuota(ctx.tx, ctx.session.providerId, ctx.config.providerDocumentQuotaBytes),
      expiring: await expiringCertificates(ctx.tx, day, { providerId: ctx.session.providerId }),
    };
  }),

  /** Adds a document (sent in base64; its type is read from the content). */
  upload: documentWriter.input(uploadDocumentInput).mutation(
    idempotent(async ({ ctx, input }) => {
      const actor = { providerId: ctx.session.providerId, userId: ctx.session.userId, quotaBytes: ctx.config.providerDocumentQuotaBytes };
      return uploadDocument(ctx.tx, actor, input, ctx.now());
    }),
  ),

  /** A new version of a document; the old one is kept for the submissions that name it. */
  replace: documentWriter.input(replaceDocumentInput).mutation(({ ctx, input }) => {
    const actor = { providerId: ctx.session.providerId, userId: ctx.session.userId, quotaBytes: ctx.config.providerDocumentQuotaBytes };
    const { documentId, ...doc } = input;
    return replaceDocument(ctx.tx, actor, documentId, doc, ctx.now());
  }),

  /** Takes a document out of the profile; submissions that name it keep it. */
  withdraw: documentWriter.input(z.object({ documentId: recordId('a document') })).mutation(({ ctx, input }) =>
    withdrawDocument(ctx.tx, { providerId: ctx.session.providerId, userId: ctx.session.userId }, input.documentId, ctx.now()),
  ),

  /**
   * For an authority: certificates that have expired or expire within 30 days, of the providers it holds a live
   * contract with (its home page), or of one of them (its page in the register), with that provider's documents.
   */
  expiringForAuthority: authorityProcedure
    .input(z.object({ providerId: recordId('a provider').optional() }).default({}))
    .query(async ({ ctx, input }) => {
      const day = today(ctx.now());
      return {
        today: day,
        expiring: await expiringCertificates(ctx.tx, day, { providerId: input.providerId, liveContractsOnly: true }),
      };
    }),

  /** For an authority holding a contract with the provider: its current documents (none are visible otherwise). */
  ofProvider: authorityProcedure.input(z.object({ providerId: recordId('a provider') })).query(async ({ ctx, input }) => {
    const day = today(ctx.now());
    return { today: day, documents: await listDocuments(ctx.tx, input.providerId, day) };
  }),
} satisfies TRPCRouterRecord;

/** The organisation's CQC locations, kept by its provider administrator. */
export const providerLocationRouter = {
  list: providerProcedure.query(({ ctx }) => listLocations(ctx.tx, ctx.session.providerId)),
  add: locationWriter.input(providerLocationInput.extend({ idempotencyKey })).mutation(
    idempotent(({ ctx, input }) => addLocation(ctx.tx, ctx.session.providerId, input)),
  ),
  update: locationWriter.input(providerLocationInput.extend({ locationId: recordId('a location'), rowVersion: recordVersion })).mutation(({ ctx, input }) => {
    const { locationId, rowVersion, ...details } = input;
    return updateLocation(ctx.tx, ctx.session.providerId, locationId, details, rowVersion);
  }),
  remove: locationWriter.input(z.object({ locationId: recordId('a location'), rowVersion: recordVersion })).mutation(({ ctx, input }) =>
    removeLocation(ctx.tx, ctx.session.providerId, input.locationId, input.rowVersion),
  ),
} satisfies TRPCRouterRecord;
