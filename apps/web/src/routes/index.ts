import type { Area } from './area.ts';
import { auditArea } from './audit/index.tsx';
import { benchmarkArea, kpiArea, meetingArea, returnArea } from './benchmark/index.tsx';
import { businessCaseArea } from './business-case/index.tsx';
import { contractArea } from './contract/index.tsx';
import { costModelArea } from './cost-model/index.tsx';
import { homeArea } from './home/index.tsx';
import { partnershipArea } from './partnership/index.tsx';
import { claimArea, organisationArea, verificationArea } from './organisation/index.tsx';
import { organisationAuditArea } from './organisation/audit/index.tsx';
import { organisationDocumentsArea } from './organisation/documents/index.tsx';
import { organisationContractsArea } from './organisation/contracts/index.tsx';
import { invitationArea } from './invitation/index.tsx';
import { peopleArea } from './people/index.tsx';
import { populationArea } from './population/index.tsx';
import { procurementArea } from './procurement/index.tsx';
import { myApplicationArea, opportunityArea } from './opportunity/index.tsx';
import { messageArea } from './message/index.tsx';
import { noticeArea } from './notice/index.tsx';
import { registryArea } from './registry/index.tsx';
import { providerArea } from './provider/index.tsx';
import { sessionsArea } from './sessions/index.tsx';
import { specificationArea } from './specification/index.tsx';

/** Every area of the service, in navigation order. Add an area here (and its folder) to route to it and list it. */
export const areas: Area[] = [homeArea, partnershipArea, procurementArea, specificationArea, providerArea, contractArea, businessCaseArea, costModelArea, returnArea, kpiArea, benchmarkArea, meetingArea, populationArea, registryArea, verificationArea, peopleArea, sessionsArea, auditArea, organisationArea, claimArea, opportunityArea, myApplicationArea, organisationDocumentsArea, invitationArea, organisationContractsArea, organisationAuditArea, messageArea, noticeArea];
