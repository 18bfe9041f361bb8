import { councilKindOf, forbidden } from '@concord/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { signedInProcedure } from '../trpc.ts';
import { registerCouncil, registerNhsBody, renameAuthority, setAuthorityActive } from './commands.ts';
import { confirmImport, previewImport } from './import.ts';
import { confirmImportInput, listInput, previewImportInput, registerCouncilInput, registerNhsBodyInput, renameInput, setActiveInput } from './input.ts';
import { listRegistry } from './queries.ts';

/** The platform administrator, acting for no authority: the registry is the platform's, not an authority's. */
const registryProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (!ctx.session.isPlatformAdmin) throw forbidden('Only a platform administrator manages the authority registry');
  if (ctx.session.authorityId) throw forbidden('Stop acting for an authority to manage the authority registry');
  return next();
});

/**
 * The authority registry (issue 10, item 2): councils by GSS code and NHS bodies by ODS code, registered one
 * at a time or from the ONS MYE2 file (previewed, then confirmed), renamed, marked inactive; never deleted.
 * Every change is in the platform audit log (trpc.ts records it for the administrator).
 */
export const registryRouter = {
  list: registryProcedure.input(listInput).query(({ ctx, input }) => listRegistry(ctx.tx, input)),

  registerCouncil: registryProcedure.input(registerCouncilInput).mutation(({ ctx, input }) => {
    ctx.audit.target = input.code;
    return registerCouncil(ctx.tx, { ...input, kind: councilKindOf(input.code)! });
  }),

  registerNhsBody: registryProcedure.input(registerNhsBodyInput).mutation(({ ctx, input }) => {
    ctx.audit.target = input.code;
    return registerNhsBody(ctx.tx, { ...input, nhsBodyKind: input.kind });
  }),

  previewImport: registryProcedure.input(previewImportInput).mutation(({ ctx, input }) => previewImport(ctx.tx, input.csv)),

  confirmImport: registryProcedure.input(confirmImportInput).mutation(({ ctx, input }) => {
    ctx.audit.target = 'ONS MYE2 file';
    return confirmImport(ctx.tx, input.csv, input.fingerprint);
  }),

  rename: registryProcedure.input(renameInput).mutation(({ ctx, input }) => {
    ctx.audit.target = input.authorityId;
    return renameAuthority(ctx.tx, input);
  }),

  setActive: registryProcedure.input(setActiveInput).mutation(({ ctx, input }) => {
    ctx.audit.target = input.authorityId;
    return setAuthorityActive(ctx.tx, input);
  }),
} satisfies TRPCRouterRecord;
