import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { apiTokenRouter } from './api-token/router.ts';
import { appraisalRouter } from './appraisal/router.ts';
import { auditRouter } from './audit/router.ts';
import { authRouter } from './auth/router.ts';
import { authorityRouter } from './authority/router.ts';
import { businessCaseRouter } from './business-case/router.ts';
import { demandRouter } from './demand/router.ts';
import { costModelRouter, fairCostRouter } from './cost-model/router.ts';
import { budgetRouter } from './budget/router.ts';
import { callOffRouter } from './call-off/router.ts';
import { contractRouter } from './contract/router.ts';
import { applicationRouter } from './application/router.ts';
import { myApplicationRouter } from './application/online-router.ts';
import { clarificationRouter, opportunityRouter } from './opportunity/router.ts';
import { approvedListRouter } from './approved-list/router.ts';
import { marketRouter } from './market/router.ts';
import { messageRouter } from './message/router.ts';
import { noticeRouter } from './notice/router.ts';
import { contractReturnRouter, providerContractRouter, providerReturnRouter } from './monitoring/router.ts';
import { organisationRouter } from './organisation/router.ts';
import { providerDocumentRouter, providerLocationRouter } from './organisation/documents-router.ts';
import { partnershipRouter } from './partnership/router.ts';
import { peopleRouter } from './people/router.ts';
import { placementRouter } from './placement/router.ts';
import { criteriaRouter, lotRouter, procurementRouter, reopeningRouter } from './procurement/router.ts';
import { providerRouter } from './provider/router.ts';
import { riskRouter } from './risk/router.ts';
import { rateRouter } from './rate/router.ts';
import { specificationRouter } from './specification/router.ts';
import { benchmarkRouter } from './benchmark/router.ts';
import { kpiRouter } from './kpi/router.ts';
import { meetingRouter } from './meeting/router.ts';
import { populationRouter } from './population/router.ts';
import { registryRouter } from './registry/router.ts';
import { returnRouter } from './return/router.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  auth: authRouter,
  authority: authorityRouter,
  partnership: partnershipRouter,
  audit: auditRouter,
  procurement: procurementRouter,
  lot: lotRouter,
  criteria: criteriaRouter,
  reopening: reopeningRouter,
  specification: specificationRouter,
  provider: providerRouter,
  application: applicationRouter,
  opportunity: opportunityRouter,
  myApplication: myApplicationRouter,
  clarification: clarificationRouter,
  approvedList: approvedListRouter,
  costModel: costModelRouter,
  fairCost: fairCostRouter,
  rate: rateRouter,
  appraisal: appraisalRouter,
  risk: riskRouter,
  demand: demandRouter,
  businessCase: businessCaseRouter,
  contract: contractRouter,
  placement: placementRouter,
  budget: budgetRouter,
  market: marketRouter,
  callOff: callOffRouter,
  kpi: kpiRouter,
  return: returnRouter,
  population: populationRouter,
  registry: registryRouter,
  benchmark: benchmarkRouter,
  meeting: meetingRouter,
  apiToken: apiTokenRouter,
  people: peopleRouter,
  organisation: organisationRouter,
  providerDocument: providerDocumentRouter,
  providerLocation: providerLocationRouter,
  message: messageRouter,
  providerContract: providerContractRouter,
  providerReturn: providerReturnRouter,
  contractReturn: contractReturnRouter,
  notice: noticeRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export const createCaller = createCallerFactory(appRouter);
